/**
 * The settings the background publishes for content scripts (`ContentConfig`, in
 * `storage.local`): read once and followed on every change. A value that is missing or does
 * not parse leaves click-to-dial off, with the reason in the console.
 */
import type { ContentConfig } from '../settings/content-config';
import { parseContentConfig } from '../settings/content-config';

type Changes = Record<string, { newValue?: unknown }>;

/** The part of `browser.storage` this needs. */
export interface ConfigStorage {
  local: { get(key: string): Promise<Record<string, unknown>> };
  onChanged: {
    addListener(listener: (changes: Changes, area: string) => void): void;
    removeListener(listener: (changes: Changes, area: string) => void): void;
  };
}

export function followPublishedConfig(
  storage: ConfigStorage,
  key: string,
  signal: AbortSignal,
  onConfig: (config: ContentConfig | undefined) => void,
): void {
  const set = (value: unknown) => {
    const parsed = parseContentConfig(value);
    if (!parsed.ok) console.debug(`Switchboard is off in this frame: settings ${parsed.reason}`);
    onConfig(parsed.ok ? parsed.config : undefined);
  };
  // A change that lands while the first read is under way is newer than what that read returns.
  let changed = false;
  const onChanged = (changes: Changes, area: string) => {
    if (area !== 'local' || !(key in changes) || signal.aborted) return;
    changed = true;
    set(changes[key]?.newValue);
  };
  storage.onChanged.addListener(onChanged);
  signal.addEventListener('abort', () => storage.onChanged.removeListener(onChanged));
  storage.local.get(key).then(
    (stored) => {
      if (!changed && !signal.aborted) set(stored[key]);
    },
    (error: unknown) => console.debug('Switchboard could not read its settings', error),
  );
}
