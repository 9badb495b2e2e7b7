/**
 * Every place Switchboard keeps data, in one list: each `storage.local` and `storage.session` key
 * and each IndexedDB store, with who owns it, the version of what it holds and what happens to an
 * older record. Code reads and writes these keys only through this module's entries; a test
 * checks that no other key is used.
 *
 * - `storage.local` persists on disk and is readable by content scripts: nothing secret.
 * - `storage.session` is memory only (credentials, tokens, live calls) and is emptied when the
 *   browser closes or the extension is updated or reloaded, so its records need no migration: a
 *   record of another version is discarded and rebuilt.
 * - IndexedDB persists on disk, on the extension's origin only; `upgrade` runs one step per
 *   version (utils/storage/db.ts).
 */
// No imports: the content script reads its key from here, and this must stay that light. The
// versions are the owners' own constants, which registry.test.ts holds them to.

export interface StorageItem {
  area: 'local' | 'session';
  key: string;
  /** The version of the record it holds; `null`: its owner keeps its own (checkpoint values). */
  version: number | null;
  /** What it holds, and who writes it. */
  holds: string;
}

const item = <const K extends string>(
  area: StorageItem['area'],
  key: K,
  version: number | null,
  holds: string,
) => ({ area, key, version, holds }) satisfies StorageItem;

export const STORAGE = {
  local: {
    userSettings: item(
      'local',
      'settings',
      2,
      'The values the agent set in the options page or at sign-in (policy overrides them); ' +
        'migrated on read (user-settings.ts).',
    ),
    contentConfig: item(
      'local',
      'switchboard.contentConfig',
      1,
      'The few resolved settings content scripts need, published by the background ' +
        '(settings/content-config.ts); rewritten at every worker start.',
    ),
  },
  session: {
    signIn: item(
      'session',
      'cti.session',
      1,
      'What the agent typed at sign-in and the reconnect attempt, for a restarted worker.',
    ),
    checkpoint: item(
      'session',
      'cti.session.checkpoint',
      null,
      "The connected vendor adapter's state between its connections (AdapterContext.checkpoint).",
    ),
    callStore: item(
      'session',
      'cti.store',
      1,
      "The call store's snapshot: connection, agent, live calls, notices.",
    ),
    identity: item('session', 'identity', 1, 'Who the panel says is signed in.'),
    popTab: item(
      'session',
      'screenPopTabId',
      1,
      'The tab screen-pop reuses for rules whose target is reuseTab.',
    ),
  },
} as const;

/** The background's IndexedDB database and its stores (utils/storage/db.ts opens it). */
export const DATABASE = {
  name: 'switchboard',
  version: 1,
  stores: {
    history: { keyPath: 'callId', index: 'startedAt', holds: 'One entry per call for Recent.' },
    popped: {
      keyPath: 'key',
      index: 'at',
      holds: 'Screen-pop keys already claimed (once per call).',
    },
    popLog: { keyPath: null, index: 'at', holds: 'The latest screen-pop decisions, for support.' },
  },
} as const;

/** Every `storage.local` and `storage.session` entry. */
export const STORAGE_ITEMS: readonly StorageItem[] = [
  ...Object.values(STORAGE.local),
  ...Object.values(STORAGE.session),
];
