/**
 * What the options page needs from settings, as one interface so that the page can be tested and
 * previewed with an in-memory double. The runtime connector asks the background, which alone
 * reads and writes settings (utils/storage/user-settings.ts): `panel/getSettings` and
 * `panel/saveSettings`, and a `settingsChanged` hint after every save and policy change.
 */
import { browser } from 'wxt/browser';
import { isReply, isSettingsChanged } from '../messaging';
import type { PanelMessage } from '../message-checks';
import type { ResolvedSettings } from '../settings/policy';
import { t } from '../i18n/runtime';

export interface SettingsConnector {
  load(): Promise<ResolvedSettings>;
  /** Merge `patch` into the user's values; the background checks them and skips locked paths. */
  save(patch: Record<string, unknown>): Promise<ResolvedSettings>;
  watch(listener: (settings: ResolvedSettings) => void, signal: AbortSignal): void;
}

async function ask(message: PanelMessage): Promise<ResolvedSettings> {
  const reply: unknown = await browser.runtime.sendMessage(message);
  if (!isReply(reply)) throw new Error(t('connector.noSettings'));
  if (!reply.ok) throw new Error(reply.error);
  return reply.value as ResolvedSettings;
}

export const runtimeSettingsConnector: SettingsConnector = {
  load: () => ask({ type: 'panel/getSettings' }),
  save: (patch) => ask({ type: 'panel/saveSettings', patch }),
  watch(listener, signal) {
    // Anyone may send a hint (a content script's message reaches extension pages too): it only
    // makes the page ask the background again, whose answer is the one that counts.
    const onMessage = (message: unknown) => {
      if (!isSettingsChanged(message) || signal.aborted) return undefined;
      void ask({ type: 'panel/getSettings' }).then(listener, () => undefined);
      return undefined;
    };
    browser.runtime.onMessage.addListener(onMessage);
    signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(onMessage));
  },
};

/**
 * `connector` with the settings asked for now, before the page that shows them has rendered (the
 * options page asks in an effect, after its first paint): its first `load()` gets that answer,
 * every later one asks again.
 */
export function askedEarly(connector: SettingsConnector): SettingsConnector {
  let early: Promise<ResolvedSettings> | undefined = connector.load();
  // A failure goes to the first load(); until it is taken it must not count as unhandled.
  early.catch(() => undefined);
  return {
    ...connector,
    load() {
      const answer = early ?? connector.load();
      early = undefined;
      return answer;
    },
  };
}
