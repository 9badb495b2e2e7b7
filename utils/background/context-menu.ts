/**
 * The "Call <number>" items of the page's context menu: one for selected text, one for tel:,
 * callto: and sip: links. They are shown only while click-to-dial is on.
 *
 * Trusted by construction: only the browser reports a click on its own menu
 * (`contextMenus.onClicked`), with the selection or link it saw; a page can neither open the menu
 * for the agent nor click an item in it. See browser-dial.ts for what happens next.
 */
import type { Browser, WxtBrowser } from 'wxt/browser';
import type { BrowserDial } from './browser-dial';
import { t } from '../i18n/runtime';

export const SELECTION_ITEM = 'switchboard-call-selection';
export const LINK_ITEM = 'switchboard-call-link';

type CreateProperties = Browser.contextMenus.CreateProperties;

/** The part of `contextMenus` (Firefox: `menus`) used here, with `create` as a promise. */
export interface MenusApi {
  create(properties: CreateProperties): Promise<void>;
  update(id: string, properties: Omit<CreateProperties, 'id'>): Promise<void>;
  removeAll(): Promise<void>;
}

export interface ContextMenu {
  /**
   * (Re)create both items, shown or not: at every background start, which covers install,
   * browser start and a Firefox background page (whose menus do not outlive it). Removing all
   * first makes it idempotent; Chrome keeps a worker's items across its restarts.
   */
  install(enabled: boolean): void;
  /** Show or hide the items after a settings change. */
  setEnabled(enabled: boolean): void;
  /** Word the items again in the interface's language, after it changed. */
  relabel(): void;
  onClicked(info: Browser.contextMenus.OnClickData, tab?: Browser.tabs.Tab): void;
}

/** Where the agent right-clicked: the tab's URL, or the page's when the tab's is not readable. */
function tabOf(info: Browser.contextMenus.OnClickData, tab?: Browser.tabs.Tab) {
  return {
    id: tab?.id,
    url: tab?.url ?? info.pageUrl,
    ...(info.frameUrl ? { frameUrl: info.frameUrl } : {}),
  };
}

export function createContextMenu(deps: {
  menus: MenusApi;
  dial: BrowserDial;
  log(message: string, error: unknown): void;
}): ContextMenu {
  const { menus } = deps;
  // Menu calls are asynchronous; run them one after another so that a settings change that
  // lands while the items are being created applies to the items, not to nothing.
  let queue: Promise<unknown> = Promise.resolve();
  const run = (step: () => Promise<unknown>) => {
    queue = queue
      .then(step)
      .catch((error: unknown) => deps.log('context menu update failed', error));
  };

  // A settings change can come before the items exist (the settings load while the app starts):
  // it is kept for the creation, never sent as an update of items not there yet.
  let installed = false;
  let visible = true;

  return {
    install(enabled) {
      installed = true;
      visible = enabled;
      run(async () => {
        await menus.removeAll();
        await menus.create({
          id: SELECTION_ITEM,
          // The browser puts the selected text (shortened) in place of %s.
          title: t('contextMenu.callSelection'),
          contexts: ['selection'],
          visible,
        });
        await menus.create({
          id: LINK_ITEM,
          title: t('contextMenu.callLink'),
          contexts: ['link'],
          // Chrome and Firefox accept schemes here that match patterns elsewhere do not.
          targetUrlPatterns: ['tel:*', 'callto:*', 'sip:*', 'sips:*'],
          visible,
        });
      });
    },
    setEnabled(enabled) {
      visible = enabled;
      if (!installed) return;
      run(() =>
        Promise.all([
          menus.update(SELECTION_ITEM, { visible: enabled }),
          menus.update(LINK_ITEM, { visible: enabled }),
        ]),
      );
    },
    relabel() {
      if (!installed) return;
      run(() =>
        Promise.all([
          menus.update(SELECTION_ITEM, { title: t('contextMenu.callSelection') }),
          menus.update(LINK_ITEM, { title: t('contextMenu.callLink') }),
        ]),
      );
    },
    onClicked(info, tab) {
      const where = tabOf(info, tab);
      if (info.menuItemId === SELECTION_ITEM) {
        void deps.dial.dial({ kind: 'selection', text: info.selectionText ?? '' }, where);
      } else if (info.menuItemId === LINK_ITEM) {
        void deps.dial.dial({ kind: 'link', url: info.linkUrl ?? '' }, where);
      }
    },
  };
}

/**
 * `contextMenus.create` reports failure only through `runtime.lastError` in its callback (the
 * polyfill does not turn it into a promise, since it returns the id): this wraps it in one.
 */
export function promisedMenus(
  api: WxtBrowser['contextMenus'],
  lastError: () => { message?: string } | undefined | null,
): MenusApi {
  return {
    create: (properties) =>
      new Promise((resolve, reject) => {
        api.create(properties, () => {
          const error = lastError();
          if (error) reject(new Error(error.message ?? 'contextMenus.create failed'));
          else resolve();
        });
      }),
    update: (id, properties) => api.update(id, properties),
    removeAll: () => api.removeAll(),
  };
}
