/**
 * The "Dial selected number" keyboard command (manifest `commands`, Alt+Shift+D unless the agent
 * changed it): the active tab's content scripts are asked for the selection (`tab/selection`; the
 * frame that has one answers) and the text goes down the context menu's path (browser-dial.ts).
 *
 * Trusted by construction: only the browser reports its own shortcuts (`commands.onCommand`). A
 * page that dispatches the same keys gets untrusted DOM events, which never reach the browser's
 * shortcut handling, and it cannot raise `onCommand` any other way.
 */
import type { Browser } from 'wxt/browser';
import type { TabMessage, TabSelection } from '../messaging';
import { UNEXPECTED_FAILURE, type BrowserDial } from './browser-dial';
import { t } from '../i18n/runtime';

/** The command's name in the manifest (wxt.config.ts). */
export const DIAL_SELECTION = 'dial-selection';

export const SELECT_A_NUMBER_FIRST = () => t('browserDial.selectFirst');
export const SELECTION_UNREADABLE = () => t('browserDial.unreadable');

export interface DialCommand {
  onCommand(command: string, tab?: Browser.tabs.Tab): void;
}

export function createDialCommand(deps: {
  dial: BrowserDial;
  /** The focused window's active tab, for browsers that do not pass it to `onCommand`. */
  activeTab(): Promise<Browser.tabs.Tab | undefined>;
  /** `tabs.sendMessage` to every frame of the tab: the first answer wins. */
  sendToTab(tabId: number, message: TabMessage): Promise<unknown>;
  log(message: string, error: unknown): void;
}): DialCommand {
  const { dial } = deps;

  async function dialSelection(given: Browser.tabs.Tab | undefined): Promise<void> {
    const tab = given ?? (await deps.activeTab());
    if (tab?.id === undefined) return dial.notify(SELECT_A_NUMBER_FIRST());
    const where = { id: tab.id, url: tab.url };
    // Say "not on this site" rather than "cannot read this page" where click-to-dial is off.
    const refused = await dial.siteRefusal(where);
    if (refused) return dial.notify(refused);
    let answer: unknown;
    try {
      answer = await deps.sendToTab(tab.id, { type: 'tab/selection' });
    } catch {
      // No content script in the tab: a browser page, the PDF viewer, the web store.
      return dial.notify(SELECTION_UNREADABLE());
    }
    const text = selectionText(answer);
    if (!text.trim()) return dial.notify(SELECT_A_NUMBER_FIRST());
    await dial.dial({ kind: 'selection', text }, where);
  }

  return {
    onCommand(command, tab) {
      if (command !== DIAL_SELECTION) return;
      dialSelection(tab).catch((error: unknown) => {
        deps.log('dial-selection command failed', error);
        dial.notify(UNEXPECTED_FAILURE());
      });
    },
  };
}

/** A `TabSelection`'s text; '' for no answer (no frame had a selection) or anything else. */
function selectionText(answer: unknown): string {
  if (typeof answer !== 'object' || answer === null) return '';
  const { text } = answer as Partial<TabSelection>;
  return typeof text === 'string' ? text : '';
}
