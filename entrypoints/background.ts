import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createBackgroundApp } from '../utils/background/app';
import { showBadge } from '../utils/background/badge';
import { openPopTarget } from '../utils/background/tabs';
import { systemClock } from '../utils/cti/adapter';
import { createLogger } from '../utils/cti/log';
import { PANEL_PORT } from '../utils/messaging';
import { loadSettings, saveUserSettings, watchSettings } from '../utils/settings/storage';

const WATCHDOG_ALARM = 'switchboard-watchdog';

export default defineBackground(() => {
  const origin = new URL(browser.runtime.getURL('/')).origin;
  const app = createBackgroundApp({
    extension: { id: browser.runtime.id, origin },
    sessionArea: {
      get: async (key) => (await browser.storage.session.get(key))[key],
      set: (key, value) => browser.storage.session.set({ [key]: value }),
    },
    loadSettings,
    saveUserSettings,
    openTab: openPopTarget,
    setBadge: showBadge,
    notifications: {
      api: browser.notifications,
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      supportsButtons: !import.meta.env.FIREFOX,
    },
    fetch: (...args) => fetch(...args),
    WebSocket,
    clock: systemClock,
    log: createLogger('background'),
  });

  // Every listener is registered synchronously: Chrome may have woken this worker for an event.
  browser.runtime.onMessage.addListener((message, sender) => app.handleMessage(message, sender));
  browser.runtime.onConnect.addListener((port) => {
    if (port.name === PANEL_PORT) app.connectPanel(port);
  });
  browser.notifications.onButtonClicked.addListener(app.notificationButtonClicked);
  watchSettings(app.settingsChanged);
  // Polling vendors and a stopped worker both need a wake-up: the watchdog restarts the session.
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === WATCHDOG_ALARM) app.watchdog();
  });
  void browser.alarms.create(WATCHDOG_ALARM, { periodInMinutes: 0.5 });
});
