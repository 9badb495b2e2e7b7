/**
 * Where settings live: the user's values in `storage.local` under one key, the admin's in
 * `storage.managed`. Readable from every context (content scripts included, which only read);
 * only extension pages write.
 */
import { browser } from 'wxt/browser';
import { deepMerge, resolveSettings, withoutLocked, type ResolvedSettings } from './policy';

export const USER_SETTINGS_KEY = 'settings';

async function readManaged(): Promise<unknown> {
  try {
    // Firefox rejects when no policy exists for the extension; Chrome answers {}.
    return await browser.storage.managed.get(null);
  } catch {
    return {};
  }
}

async function readUser(): Promise<unknown> {
  const stored = await browser.storage.local.get(USER_SETTINGS_KEY);
  return stored[USER_SETTINGS_KEY] ?? {};
}

export async function loadSettings(): Promise<ResolvedSettings> {
  const [user, managed] = await Promise.all([readUser(), readManaged()]);
  return resolveSettings(user, managed);
}

/** Merge `patch` into the user's stored values, skipping any path policy locks. */
export async function saveUserSettings(patch: Record<string, unknown>): Promise<ResolvedSettings> {
  const { locked } = await loadSettings();
  const current = await readUser();
  await browser.storage.local.set({
    [USER_SETTINGS_KEY]: deepMerge(current, withoutLocked(patch, locked)),
  });
  return loadSettings();
}

/** Calls `listener` with fresh settings whenever the user's or the admin's values change. */
export function watchSettings(
  listener: (settings: ResolvedSettings) => void,
  signal?: AbortSignal,
): void {
  const onChanged = (changes: Record<string, unknown>, area: string) => {
    if (area === 'managed' || (area === 'local' && USER_SETTINGS_KEY in changes)) {
      void loadSettings().then(listener);
    }
  };
  browser.storage.onChanged.addListener(onChanged);
  signal?.addEventListener('abort', () => browser.storage.onChanged.removeListener(onChanged));
}
