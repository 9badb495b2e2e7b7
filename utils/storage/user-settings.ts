/**
 * Where settings live: the agent's own values in the extension's IndexedDB (settings-db.ts), the
 * admin's in `storage.managed`. Only the background reads and writes them; extension pages (the
 * options page, the panels' sign-in) go through its messages, and content scripts get the few
 * values they need by message (background/content-config.ts). No content-script context can
 * write anything here: IndexedDB belongs to the extension's origin, `storage.managed` to the
 * admin.
 *
 * The agent's values are stored as a versioned record, `{ version, values }`. Records of an
 * older version are migrated when read, and written back in the current shape at the next save:
 * - version 1 (Switchboard 0.1): the bare object of values, with no version.
 *
 * Up to Switchboard 0.3 the record lived in `storage.local` (`STORAGE.local.userSettings`, and
 * version 1 under its former key), which every content script may write. At the first start of
 * this version the background moves whatever it finds there into IndexedDB, as it is, and
 * removes the old keys; once IndexedDB holds a record, `storage.local` is never read again.
 */
import { browser } from 'wxt/browser';
import {
  deepMerge,
  resolveSettings,
  sanitize,
  withoutLocked,
  type ResolvedSettings,
} from '../settings/policy';
import { STORAGE } from './registry';
import { indexedDbSettingsRecords, type SettingsRecords } from './settings-db';

export const USER_SETTINGS_VERSION = 2;

export interface UserSettingsRecord {
  version: typeof USER_SETTINGS_VERSION;
  values: Record<string, unknown>;
}

const { key: KEY, formerKeys: FORMER_KEYS } = STORAGE.local.userSettings;
const LEGACY_KEYS = [KEY, ...FORMER_KEYS];

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

/**
 * Why a patch from an extension page cannot be saved: the first invalid or unknown value it
 * holds, as "<path>: <message>"; undefined when every value is valid.
 */
export function patchProblem(patch: Obj): string | undefined {
  const [first] = sanitize(patch, 'user').problems;
  return first && (first.path ? `${first.path}: ${first.message}` : first.message);
}

/** The part of `storage.local` the migration reads and clears. */
export interface LegacySettingsArea {
  get(keys: string[]): Promise<Record<string, unknown>>;
  remove(keys: string[]): Promise<void>;
}

export interface SettingsStorageDeps {
  records: SettingsRecords;
  legacy: LegacySettingsArea;
  /** The admin's values (`storage.managed`); `{}` when there is no policy. */
  readManaged(): Promise<unknown>;
  /** Registers `listener` for changes of the admin's values. */
  onManagedChanged(listener: () => void): void;
}

export interface SettingsStorage {
  load(): Promise<ResolvedSettings>;
  /**
   * The user's values over the defaults, without waiting for the admin's (Chromium answers
   * `storage.managed` only seconds after it starts): nothing may act on these, only show them
   * as provisional.
   */
  loadOwn(): Promise<ResolvedSettings>;
  /** Merge `patch` into the user's stored values, skipping any path policy locks. */
  save(patch: Obj): Promise<ResolvedSettings>;
  /** Calls `listener` with fresh settings after every save and every policy change. */
  watch(listener: (settings: ResolvedSettings) => void, signal?: AbortSignal): void;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createSettingsStorage(deps: SettingsStorageDeps): SettingsStorage {
  const listeners = new Set<(settings: ResolvedSettings) => void>();
  let migrated: Promise<void> | undefined;
  // Saves run one after the other: each merges into what the one before wrote.
  let writes: Promise<unknown> = Promise.resolve();

  /** Moves a record `storage.local` still holds into IndexedDB, once; then clears the old keys. */
  async function migrate(): Promise<void> {
    if ((await deps.records.get()) === undefined) {
      const legacy = await deps.legacy.get(LEGACY_KEYS);
      const found = LEGACY_KEYS.map((key) => legacy[key]).find((value) => value !== undefined);
      // As it is: it is migrated on read like any older record, and a record of a newer version
      // (an extension rolled back) is kept for that version. A record is written even when none
      // was found, so that nothing written to storage.local later is ever taken for settings.
      await deps.records.put(found ?? userSettingsRecord({}));
    }
    // Whatever is there now was not written by Switchboard: it is never read, and goes.
    await deps.legacy.remove(LEGACY_KEYS);
  }

  async function readUser(): Promise<{ values: Obj; problem?: string }> {
    migrated ??= migrate().catch((error: unknown) => {
      migrated = undefined; // the next load tries again
      throw error;
    });
    try {
      await migrated;
      return readUserSettings(await deps.records.get());
    } catch (error) {
      return { values: {}, problem: `Saved settings could not be read: ${errorText(error)}` };
    }
  }

  async function load(): Promise<ResolvedSettings> {
    const [user, managed] = await Promise.all([readUser(), deps.readManaged()]);
    const resolved = resolveSettings(user.values, managed);
    if (!user.problem) return resolved;
    const problem = { source: 'user' as const, path: '', message: user.problem };
    return { ...resolved, problems: [problem, ...resolved.problems] };
  }

  const notify = (resolved: ResolvedSettings) => {
    for (const listener of listeners) listener(resolved);
  };

  async function write(patch: Obj): Promise<ResolvedSettings> {
    const { locked } = await load();
    await migrated;
    const { values } = readUserSettings(await deps.records.get());
    const merged = deepMerge(values, withoutLocked(patch, locked));
    await deps.records.put(userSettingsRecord(isObj(merged) ? merged : {}));
    const resolved = await load();
    notify(resolved);
    return resolved;
  }

  deps.onManagedChanged(() => void load().then(notify));

  return {
    load,
    loadOwn: async () => resolveSettings((await readUser()).values, {}),
    save(patch) {
      const result = writes.then(() => write(patch));
      writes = result.catch(() => undefined);
      return result;
    },
    watch(listener, signal) {
      listeners.add(listener);
      signal?.addEventListener('abort', () => listeners.delete(listener));
    },
  };
}

async function readManaged(): Promise<unknown> {
  try {
    // Firefox rejects when no policy exists for the extension; Chrome answers {}.
    return await browser.storage.managed.get(null);
  } catch {
    return {};
  }
}

/** The background's settings: IndexedDB, `storage.managed`, and the migration from `storage.local`. */
export function browserSettingsStorage(): SettingsStorage {
  return createSettingsStorage({
    records: indexedDbSettingsRecords(),
    legacy: {
      get: (keys) => browser.storage.local.get(keys),
      remove: (keys) => browser.storage.local.remove(keys),
    },
    readManaged,
    onManagedChanged(listener) {
      browser.storage.onChanged.addListener((_changes, area) => {
        if (area === 'managed') listener();
      });
    },
  });
}
