/**
 * The pop-out window's last place and size (`WINDOWS_DATABASE` in registry.ts), in IndexedDB on
 * the extension's origin: no content script can open it (unlike `storage.local`), and it lasts
 * across browser restarts (unlike `storage.session`). Only the background opens it, for one read
 * when the window opens and one write when it has moved: each opens the database and closes it,
 * so that nothing holds it open between two (nor blocks an extension update's upgrade).
 */
import { openDB } from 'idb';
import type { KeyValueArea } from '../cti/store';
import { WINDOWS_DATABASE } from './registry';

const { name, version, store } = WINDOWS_DATABASE;

async function withDb<T>(use: (db: Awaited<ReturnType<typeof openDB>>) => Promise<T>): Promise<T> {
  const db = await openDB(name, version, {
    upgrade(database, oldVersion) {
      if (oldVersion < 1) database.createObjectStore(store);
    },
  });
  try {
    return await use(db);
  } finally {
    db.close();
  }
}

/** One record by key; what is stored is the caller's to check. */
export function indexedDbWindowRecords(): KeyValueArea {
  return {
    get: (key) => withDb((db) => db.get(store, key)),
    set: (key, record) => withDb(async (db) => void (await db.put(store, record, key))),
  };
}
