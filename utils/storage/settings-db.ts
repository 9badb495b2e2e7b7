/**
 * The agent's settings record in IndexedDB (`SETTINGS_DATABASE` in registry.ts): on the
 * extension's origin, which no content script can open, unlike `storage.local`, which every
 * content script may write. Only the background opens it (user-settings.ts); extension pages read
 * and write settings by message.
 *
 * A database of its own rather than a store in the history database (db.ts): the settings are
 * read at every worker start, never pruned, and their upgrades stay apart from the history's.
 */
import { openDB, type IDBPDatabase } from 'idb';
import { SETTINGS_DATABASE } from './registry';

const { name, version, store, key } = SETTINGS_DATABASE;

/** Where the background keeps the agent's settings record (user-settings.ts). */
export interface SettingsRecords {
  /** The stored record as it is (any version); undefined when none was ever written. */
  get(): Promise<unknown>;
  put(record: unknown): Promise<void>;
}

export async function openSettingsDb(): Promise<IDBPDatabase> {
  const db = await openDB(name, version, {
    upgrade(database, oldVersion) {
      if (oldVersion < 1) database.createObjectStore(store);
    },
    blocking() {
      // A newer version is waiting (an extension update): let it upgrade; we reopen on restart.
      db.close();
    },
  });
  return db;
}

/** The record in the extension's IndexedDB, the database opened once and kept open. */
export function indexedDbSettingsRecords(
  open: () => Promise<IDBPDatabase> = openSettingsDb,
): SettingsRecords {
  let opened: Promise<IDBPDatabase> | undefined;
  const db = () => {
    opened ??= open().catch((error: unknown) => {
      opened = undefined; // the next read tries again
      throw error;
    });
    return opened;
  };
  return {
    get: async () => (await db()).get(store, key),
    put: async (record) => {
      await (await db()).put(store, record, key);
    },
  };
}
