/**
 * Every place Switchboard keeps data, in one list: each `storage.local` and `storage.session` key
 * and each IndexedDB store, with who owns it, the version of what it holds and what happens to an
 * older record. Code reads and writes these keys only through this module's entries; a test
 * checks that no other key is used. Keys are named `switchboard.<what>`.
 *
 * - `storage.local` persists on disk and is readable by content scripts: nothing secret. A record
 *   that moved keeps its old key in `formerKeys`, read once and removed at the next save.
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
  /** Where older versions kept it: read once, migrated, then removed. */
  formerKeys?: readonly string[];
}

/**
 * The few resolved settings content scripts need, published by the background
 * (settings/content-config.ts); rewritten at every worker start. On its own so that the content
 * script, which runs in every frame, carries this entry and not the whole registry.
 */
export const CONTENT_CONFIG_ITEM = {
  area: 'local',
  key: 'switchboard.contentConfig',
  version: 1,
} as const satisfies StorageItem;

// What each key holds is said in a comment rather than in the object, to keep it small.
export const STORAGE = {
  local: {
    /**
     * The values the agent set in the options page or at sign-in (policy overrides them);
     * migrated on read (user-settings.ts).
     */
    userSettings: {
      area: 'local',
      key: 'switchboard.settings',
      version: 2,
      formerKeys: ['settings'],
    },
    contentConfig: CONTENT_CONFIG_ITEM,
  },
  session: {
    /** What the agent typed at sign-in and the reconnect attempt, for a restarted worker. */
    signIn: { area: 'session', key: 'switchboard.session', version: 1 },
    /** The connected vendor adapter's state between its connections (AdapterContext.checkpoint). */
    checkpoint: { area: 'session', key: 'switchboard.checkpoint', version: null },
    /** The call store's snapshot: connection, agent, live calls, notices. */
    callStore: { area: 'session', key: 'switchboard.calls', version: 1 },
    /** Who the panel says is signed in. */
    identity: { area: 'session', key: 'switchboard.identity', version: 1 },
    /** The tab screen-pop reuses for rules whose target is reuseTab. */
    popTab: { area: 'session', key: 'switchboard.popTab', version: 1 },
  },
} as const satisfies Record<'local' | 'session', Record<string, StorageItem>>;

/** The background's IndexedDB database and its stores (utils/storage/db.ts opens it). */
export const DATABASE = {
  name: 'switchboard',
  version: 1,
  stores: {
    /** One entry per call, for Recent. */
    history: { keyPath: 'callId', index: 'startedAt' },
    /** Screen-pop keys already claimed (once per call). */
    popped: { keyPath: 'key', index: 'at' },
    /** The latest screen-pop decisions, for support. */
    popLog: { keyPath: null, index: 'at' },
  },
} as const;

/**
 * The outbox (utils/storage/outbox-db.ts): vendor writes that must not be lost, until the vendor
 * accepts them or the agent discards them. A database of its own, versioned on its own.
 */
export const OUTBOX_DATABASE = {
  name: 'switchboard-outbox',
  version: 1,
  stores: {
    /** One record per write, keyed by its idempotency key. */
    items: { keyPath: 'key', index: 'createdAt' },
  },
} as const;

/** Every `storage.local` and `storage.session` entry. */
export function storageItems(): StorageItem[] {
  return [...Object.values(STORAGE.local), ...Object.values(STORAGE.session)];
}
