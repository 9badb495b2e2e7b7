/**
 * Where settings live: the agent's own values in `storage.local` (STORAGE.local.userSettings),
 * the admin's in `storage.managed`. Readable from every context; only extension pages and the
 * background write.
 *
 * The agent's values are stored as a versioned record, `{ version, values }`. Records of an
 * older version are migrated when read, and written back in the current shape, under the current
 * key, at the next save:
 * - version 1 (Switchboard 0.1): the bare object of values, with no version, under its former key.
 */
import { browser } from 'wxt/browser';
import {
  deepMerge,
  resolveSettings,
  withoutLocked,
  type ResolvedSettings,
} from '../settings/policy';
import { STORAGE } from './registry';

export const USER_SETTINGS_VERSION = 2;

export interface UserSettingsRecord {
  version: typeof USER_SETTINGS_VERSION;
  values: Record<string, unknown>;
}

const { key: KEY, formerKeys: FORMER_KEYS } = STORAGE.local.userSettings;

type Obj = Record<string, unknown>;
const isObj = (value: unknown): value is Obj =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The agent's values from a stored record of any version Switchboard has written; `{}` for
 * nothing stored. A record that is not an object, or of a newer version than this one knows (an
 * extension rolled back), gives `{}` and a reason: the settings then fall back to their defaults
 * and policy, and the next save replaces the record.
 */
export function readUserSettings(stored: unknown): { values: Obj; problem?: string } {
  if (stored === undefined || stored === null) return { values: {} };
  if (!isObj(stored)) return { values: {}, problem: 'Saved settings are not an object' };
  if (!('version' in stored)) return { values: stored }; // version 1
  if (stored.version === USER_SETTINGS_VERSION && isObj(stored.values)) {
    return { values: stored.values };
  }
  // Any JSON may be stored: only a number or a string is shown (String() throws on some objects).
  const version = ['number', 'string'].includes(typeof stored.version)
    ? String(stored.version)
    : typeof stored.version;
  return { values: {}, problem: `Saved settings of unknown version ${version}` };
}

export const userSettingsRecord = (values: Obj): UserSettingsRecord => ({
  version: USER_SETTINGS_VERSION,
  values,
});

async function readManaged(): Promise<unknown> {
  try {
    // Firefox rejects when no policy exists for the extension; Chrome answers {}.
    return await browser.storage.managed.get(null);
  } catch {
    return {};
  }
}

async function readUser(): Promise<{ values: Obj; problem?: string }> {
  const stored = await browser.storage.local.get([KEY, ...FORMER_KEYS]);
  // Until the first save under the current key, the record may still be where version 1 kept it.
  const former = FORMER_KEYS.map((key) => stored[key]).find((value) => value !== undefined);
  return readUserSettings(stored[KEY] ?? former);
}

export async function loadSettings(): Promise<ResolvedSettings> {
  const [user, managed] = await Promise.all([readUser(), readManaged()]);
  const resolved = resolveSettings(user.values, managed);
  if (!user.problem) return resolved;
  const problem = { source: 'user' as const, path: '', message: user.problem };
  return { ...resolved, problems: [problem, ...resolved.problems] };
}

/** Merge `patch` into the user's stored values, skipping any path policy locks. */
export async function saveUserSettings(patch: Record<string, unknown>): Promise<ResolvedSettings> {
  const { locked } = await loadSettings();
  const { values } = await readUser();
  const merged = deepMerge(values, withoutLocked(patch, locked));
  await browser.storage.local.set({ [KEY]: userSettingsRecord(isObj(merged) ? merged : {}) });
  await browser.storage.local.remove([...FORMER_KEYS]);
  return loadSettings();
}

/** Calls `listener` with fresh settings whenever the user's or the admin's values change. */
export function watchSettings(
  listener: (settings: ResolvedSettings) => void,
  signal?: AbortSignal,
): void {
  const onChanged = (changes: Record<string, unknown>, area: string) => {
    const ours = KEY in changes || FORMER_KEYS.some((key) => key in changes);
    if (area === 'managed' || (area === 'local' && ours)) {
      void loadSettings().then(listener);
    }
  };
  browser.storage.onChanged.addListener(onChanged);
  signal?.addEventListener('abort', () => browser.storage.onChanged.removeListener(onChanged));
}
