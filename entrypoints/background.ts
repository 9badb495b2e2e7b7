import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createBackgroundApp, type BackgroundApp } from '../utils/background/app';
import { showBadge } from '../utils/background/badge';
import { publishContentConfig } from '../utils/background/content-config';
import { createBrowserDial } from '../utils/background/browser-dial';
import { createKeyboardCommands } from '../utils/background/call-keys';
import { createContextMenu, promisedMenus } from '../utils/background/context-menu';
import { createDialCommand } from '../utils/background/dial-command';
import { browserLocales, withDefaultCountry } from '../utils/background/default-country';
import { createRequestHeaders } from '../utils/background/request-headers';
import { createNotificationClick } from '../utils/background/notification-click';
import { createPopOut, POP_OUT_FLAG, usableScreen } from '../utils/background/pop-out';
import { isRingFailed, offscreenRingPlayer, type RingPlayer } from '../utils/background/ring';
import { createTonePlayer } from '../utils/background/ring-tone';
import { openPopTarget } from '../utils/background/tabs';
import { systemClock } from '../utils/cti/adapter';
import { createLogger } from '../utils/cti/log';
import { onUiLanguageChange } from '../utils/i18n/runtime';
import {
  createWakeDocument,
  WAKE_DOCUMENT_PATH,
  type OffscreenApi,
} from '../utils/background/wake';
import { PANEL_PORT, type SettingsChanged, type TabMessage } from '../utils/messaging';
import { STORAGE, WINDOWS_DATABASE } from '../utils/storage/registry';
import { indexedDbWindowRecords } from '../utils/storage/window-db';
import { browserSettingsStorage } from '../utils/storage/user-settings';

const WATCHDOG_ALARM = 'switchboard-watchdog';
/** One id: a newer message about a shortcut replaces an older one instead of piling up. */
const KEYBOARD_NOTIFICATION = 'switchboard-keyboard';
const KEEP_ALIVE_MS = 20_000;

/**
 * Chrome stops an idle worker after 30 s and counts only extension API calls and WebSocket
 * traffic as activity: a polling vendor's fetches need this to keep the session up.
 */
function throttledKeepAlive(): () => void {
  let last = 0;
  return () => {
    if (Date.now() - last < KEEP_ALIVE_MS) return;
    last = Date.now();
    void browser.runtime.getPlatformInfo();
  };
}

/** Every frame of every tab gets the new content-script settings (`tab/config`). */
async function sendToEveryTab(message: TabMessage): Promise<void> {
  const tabs = await browser.tabs.query({});
  await Promise.all(
    tabs.map((tab) =>
      // A tab without our content script (a browser page, one still loading) has no receiver.
      tab.id === undefined ? undefined : browser.tabs.sendMessage(tab.id, message).catch(() => {}),
    ),
  );
}

/** `chrome.offscreen` and `runtime.getContexts`: Chrome and Edge only, typed here (wake.ts). */
interface ChromeOffscreenGlobal {
  chrome?: {
    offscreen?: OffscreenApi;
    runtime: { getContexts?(filter: { contextTypes: string[] }): Promise<unknown[]> };
  };
}

/** The offscreen document that restarts this worker after a stop; nothing on Firefox. */
function wakeDocument(received: (message: unknown) => void) {
  const chrome = (globalThis as ChromeOffscreenGlobal).chrome;
  const getContexts = chrome?.runtime.getContexts?.bind(chrome.runtime);
  const log = createLogger('wake');
  return createWakeDocument({
    offscreen: getContexts ? chrome?.offscreen : undefined,
    documentOpen: async () =>
      ((await getContexts?.({ contextTypes: ['OFFSCREEN_DOCUMENT'] })) ?? []).length > 0,
    url: browser.runtime.getURL(WAKE_DOCUMENT_PATH),
    log: (message, error) => log.warn(message, error),
    received,
  });
}

/**
 * The panel's own window (pop-out.ts). Its listeners are registered at start, like every other:
 * a move or a close may be what woke this worker.
 */
function popOutWindow() {
  const log = createLogger('pop-out');
  const { windows } = browser;
  // Chrome and Edge report moves; Firefox does not (windows.onBoundsChanged, bug 1762975).
  const reportsMoves = Boolean((windows as Partial<typeof windows>).onBoundsChanged);
  const popOut = createPopOut({
    windows: {
      create: (data) => windows.create(data),
      get: (id) => windows.get(id),
      update: (id, info) => windows.update(id, info),
    },
    url: `${browser.runtime.getURL('/sidepanel.html')}?${POP_OUT_FLAG}=1`,
    area: {
      get: async (key) => (await browser.storage.session.get(key))[key],
      set: (key, value) => browser.storage.session.set({ [key]: value }),
    },
    key: STORAGE.session.popOutWindow.key,
    records: indexedDbWindowRecords(),
    recordKey: WINDOWS_DATABASE.popOut,
    poll: reportsMoves ? undefined : { setInterval, clearInterval },
    log: (message, error) => log.warn(message, error),
  });
  if (reportsMoves) windows.onBoundsChanged.addListener(popOut.boundsChanged);
  else windows.onFocusChanged.addListener(() => void popOut.check());
  windows.onRemoved.addListener(popOut.removed);
  return popOut;
}

/** Answer, hang up, hold and open the side panel from the keyboard (call-keys.ts). */
function keyboardCommands(app: { callKey: BackgroundApp['callKey'] }) {
  const log = createLogger('keyboard');
  // Chrome and Edge; Firefox's manifest has `_execute_sidebar_action`, which it carries out itself.
  const sidePanel = (browser as { sidePanel?: typeof browser.sidePanel }).sidePanel;
  return createKeyboardCommands({
    callKey: app.callKey,
    openSidePanel: sidePanel && ((windowId) => sidePanel.open({ windowId })),
    notify: (title, message) =>
      void browser.notifications
        .create(KEYBOARD_NOTIFICATION, {
          type: 'basic',
          iconUrl: browser.runtime.getURL('/icon/128.png'),
          title,
          message,
        })
        .catch((error: unknown) => log.warn('could not say why a shortcut did nothing', error)),
    log: (message, error) => log.warn(message, error),
  });
}

/**
 * The ring tone's player: the wake document where there is one (a service worker has no audio),
 * else this background page itself (Firefox); none where neither can play.
 */
function ringPlayer(
  wake: ReturnType<typeof wakeDocument>,
  failed: (reason: string) => void,
): RingPlayer | undefined {
  const chrome = (globalThis as ChromeOffscreenGlobal).chrome;
  // The same test as wakeDocument's: where it keeps no document, nothing would hear the orders.
  if (chrome?.offscreen && chrome.runtime.getContexts) return offscreenRingPlayer(wake.tell);
  if (typeof AudioContext === 'undefined') return undefined;
  return createTonePlayer({ audioContext: () => new AudioContext(), failed });
}

export default defineBackground(() => {
  const origin = new URL(browser.runtime.getURL('/')).origin;
  // Only the background reads and writes settings (utils/storage/user-settings.ts). Everyone
  // gets the agent's country resolved: policy, their choice, the browser's language region.
  const settingsStorage = withDefaultCountry(browserSettingsStorage(), () =>
    browserLocales({ navigator, uiLanguage: () => browser.i18n.getUILanguage() }),
  );
  globalThis.addEventListener('languagechange', settingsStorage.localesChanged);
  const { load: loadSettings, save: saveUserSettings, watch: watchSettings } = settingsStorage;
  const loadOwnSettings = settingsStorage.loadOwn;
  // Content scripts may neither read nor write storage.session (the default, set again because
  // Chrome keeps the level across restarts; Firefox before 129 has no setAccessLevel).
  void browser.storage.session
    .setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' })
    ?.catch(() => undefined);
  // The wake document says when the ring tone could not play; the app tells the agent.
  let ringFailed: ((reason: string) => void) | undefined;
  const wake = wakeDocument((message) => {
    if (isRingFailed(message)) ringFailed?.(message.reason);
  });
  const popOut = popOutWindow();
  const app = createBackgroundApp({
    extension: { id: browser.runtime.id, origin },
    sessionArea: {
      get: async (key) => (await browser.storage.session.get(key))[key],
      set: (key, value) => browser.storage.session.set({ [key]: value }),
    },
    loadSettings,
    loadOwnSettings,
    saveUserSettings,
    openTab: openPopTarget,
    setBadge: showBadge,
    requestHeaders: createRequestHeaders(browser.declarativeNetRequest),
    keepAlive: throttledKeepAlive(),
    notifications: {
      api: browser.notifications,
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      supportsButtons: !import.meta.env.FIREFOX,
    },
    fetch: (...args) => fetch(...args),
    WebSocket,
    clock: systemClock,
    log: createLogger('background'),
    signedInChanged: wake.setWanted,
    about: { version: browser.runtime.getManifest().version, browser: navigator.userAgent },
    network: {
      errors: browser.webRequest?.onErrorOccurred,
      hostAccess: (origins) => browser.permissions.contains({ origins }),
    },
    popOut,
    ringPlayer: (failed) => {
      ringFailed = failed;
      return ringPlayer(wake, failed);
    },
  });

  // The context menu and the keyboard command: dialling from the browser's own, trusted UI.
  const dialLog = createLogger('browser-dial');
  const browserDial = createBrowserDial({
    settings: app.clickToDial,
    dial: app.dialFromBrowser,
    notifications: browser.notifications,
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    log: (message, error) => dialLog.warn(message, error),
  });
  const contextMenu = createContextMenu({
    menus: promisedMenus(browser.contextMenus, () => browser.runtime.lastError),
    dial: browserDial,
    log: (message, error) => dialLog.warn(message, error),
  });
  const dialCommand = createDialCommand({
    dial: browserDial,
    activeTab: async () => (await browser.tabs.query({ active: true, currentWindow: true }))[0],
    sendToTab: (tabId, message) => browser.tabs.sendMessage(tabId, message),
    log: (message, error) => dialLog.warn(message, error),
  });
  browser.contextMenus.onClicked.addListener(contextMenu.onClicked);
  browser.commands.onCommand.addListener(dialCommand.onCommand);
  browser.commands.onCommand.addListener(keyboardCommands(app).onCommand);
  app.clickToDial().then(
    (click) => contextMenu.install(click.enabled),
    (error: unknown) => dialLog.warn('context menu not created', error),
  );
  watchSettings((resolved) => contextMenu.setEnabled(resolved.settings.clickToDial.enabled));
  // The app puts the interface's language (ui.language) in place; the menu follows it.
  onUiLanguageChange(() => contextMenu.relabel());

  // Every listener is registered synchronously: Chrome may have woken this worker for an event.
  browser.runtime.onMessage.addListener((message, sender) => app.handleMessage(message, sender));
  browser.runtime.onConnect.addListener((port) => {
    if (port.name === PANEL_PORT) app.connectPanel(port);
    else wake.attach(port);
  });
  browser.notifications.onButtonClicked.addListener(app.notificationButtonClicked);
  // Firefox's notifications have no buttons: a click on one opens the panel's window instead.
  if (import.meta.env.FIREFOX) {
    const log = createLogger('notifications');
    browser.notifications.onClicked.addListener(
      createNotificationClick({ popOut, screen: usableScreen, log: (m, e) => log.warn(m, e) }),
    );
  }
  watchSettings(app.settingsChanged);
  // An open options page asks for the settings again (a hint only: it changes nothing itself).
  watchSettings(() => {
    const hint: SettingsChanged = { type: 'settingsChanged' };
    browser.runtime.sendMessage(hint).catch(() => undefined); // no extension page open
  });
  // Content scripts get their settings by message, never through the zod schema or storage.
  publishContentConfig({
    area: browser.storage.session,
    loadSettings,
    watchSettings,
    broadcast: (config) => sendToEveryTab({ type: 'tab/config', config }),
    log: createLogger('content-config'),
  });
  // Up to 0.3 the config lived in storage.local, where content scripts could write it.
  void browser.storage.local.remove(STORAGE.local.contentConfig.key).catch(() => undefined);
  // Polling vendors need a wake-up, and so does a stopped worker where the offscreen document
  // cannot restart it (Firefox, or the document was closed): the watchdog restarts the session
  // and opens the document again.
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name !== WATCHDOG_ALARM) return;
    app.watchdog();
    void wake.sync();
  });
  void browser.alarms.create(WATCHDOG_ALARM, { periodInMinutes: 0.5 });
});
