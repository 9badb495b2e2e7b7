/**
 * Every place Switchboard keeps data, in one list: each `storage.local` and `storage.session` key
 * and each IndexedDB store, with who owns it, the version of what it holds and what happens to an
 * older record. Code reads and writes these keys only through this module's entries; a test
 * checks that no other key is used. Keys are named `switchboard.<what>`.
 *
 * - `storage.local` persists on disk and is readable **and writable** by content scripts (in
 *   Chrome and Firefox alike): nothing secret, and nothing the background acts on. Switchboard
 *   keeps nothing there any more; its two entries are where older versions kept the agent's
 *   settings and the content scripts' config, read once at start and removed.
 * - `storage.session` is memory only (credentials, tokens, live calls) and is emptied when the
 *   browser closes or the extension is updated or reloaded, so its records need no migration: a
 *   record of another version is discarded and rebuilt. Only extension contexts can read or write
 *   it (access level TRUSTED_CONTEXTS, the default in Chrome and Firefox, which the background
 *   sets again at every start: Chrome keeps the level across restarts).
 * - IndexedDB persists on disk, on the extension's origin only, where no content script reaches;
 *   `upgrade` runs one step per version (utils/storage/db.ts). The agent's settings have a
 *   database of their own (`SETTINGS_DATABASE`, utils/storage/settings-db.ts).
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
 * Where Switchboard up to 0.3 published the content scripts' settings (settings/content-config.ts).
 * Content scripts could write it, so it is no longer used: the background removes it at start
 * and sends the config by message (background/content-config.ts).
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
     * Where the values the agent set were kept until they moved to `SETTINGS_DATABASE`: read once
     * at the first start, moved, then removed with the former keys (user-settings.ts).
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
    /**
     * The `ContentConfig` last sent to content scripts, so that a restarted worker sends it again
     * only when it changed (background/content-config.ts).
     */
    contentConfig: { area: 'session', key: 'switchboard.contentConfig', version: 1 },
    /** Dials waiting for the agent's confirmation on a trusted surface (dial-confirmations.ts). */
    dialConfirmations: { area: 'session', key: 'switchboard.dialConfirmations', version: 1 },
    /**
     * The diagnostics journal: connection timeline, vendor events, screen-pop decisions, each a
     * bounded list (background/diagnostics.ts).
     */
    diagnostics: { area: 'session', key: 'switchboard.diagnostics', version: 1 },
    /** The id of the panel's own window while it is open (background/pop-out.ts). */
    popOutWindow: { area: 'session', key: 'switchboard.popOutWindow', version: 1 },
    /**
     * The last panel state, which panels render at once while the background answers
     * (background/panel-snapshot.ts, `PanelSnapshot`). Extension pages read it directly.
     */
    panelSnapshot: { area: 'session', key: 'switchboard.panelSnapshot', version: 1 },
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

/**
 * The agent's own settings, in a database of their own on the extension's origin: content scripts
 * cannot reach it, and only the background opens it (utils/storage/settings-db.ts). The record
 * is the versioned `{version, values}` of user-settings.ts under the one key `user`.
 */
export const SETTINGS_DATABASE = {
  name: 'switchboard-settings',
  version: 1,
  store: 'settings',
  key: 'user',
} as const;

/**
 * Where the panel's own window was last (background/pop-out.ts), to open it there again: on the
 * extension's origin, out of content scripts' reach (utils/storage/window-db.ts). A database of
 * its own, so that its one record never waits on the history's upgrades.
 */
export const WINDOWS_DATABASE = {
  name: 'switchboard-windows',
  version: 1,
  store: 'bounds',
  /** The pop-out window's last `{ version, left, top, width, height }`. */
  popOut: 'popOut',
} as const;

/** Every `storage.local` and `storage.session` entry. */
export function storageItems(): StorageItem[] {
  return [...Object.values(STORAGE.local), ...Object.values(STORAGE.session)];
}
