/**
 * The pop-out window's last place and size (`WINDOWS_DATABASE` in registry.ts), in IndexedDB on
 * the extension's origin: no content script can open it (unlike `storage.local`), and it lasts
 * across browser restarts (unlike `storage.session`). Only the background opens it.
 */
import { openDB, type IDBPDatabase } from 'idb';
import { WINDOWS_DATABASE } from './registry';

const { name, version, store } = WINDOWS_DATABASE;

/** One record by key: what is stored is the caller's to check. */
export interface WindowRecords {
  get(key: string): Promise<unknown>;
  put(key: string, record: unknown): Promise<void>;
}

function openWindowsDb(): Promise<IDBPDatabase> {
  const db = openDB(name, version, {
    upgrade(database, oldVersion) {
      if (oldVersion < 1) database.createObjectStore(store);
    },
    blocking() {
      // A newer version is waiting (an extension update): let it upgrade; we reopen on restart.
      void db.then((d) => d.close());
    },
  });
  return db;
}

/** The database opened at the first use and kept open; a failed open is tried again next time. */
export function indexedDbWindowRecords(
  open: () => Promise<IDBPDatabase> = openWindowsDb,
): WindowRecords {
  let opened: Promise<IDBPDatabase> | undefined;
  const db = () => {
    opened ??= open().catch((error: unknown) => {
      opened = undefined;
      throw error;
    });
    return opened;
  };
  return {
    get: async (key) => (await db()).get(store, key),
    put: async (key, record) => {
      await (await db()).put(store, record, key);
    },
  };
}
