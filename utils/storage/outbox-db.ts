/**
 * The outbox's IndexedDB: writes to the vendor that must not be lost (utils/background/outbox.ts
 * sends them). A database of its own (`OUTBOX_DATABASE` in registry.ts), so that its version moves
 * independently of the main database's, and so that a failure of one never blocks the other.
 *
 * One record per item, keyed by its idempotency key. Nothing here is ever pruned: an item leaves
 * only when the vendor accepted it or the agent discarded it.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Call, Command } from '../cti/model';
import { OUTBOX_DATABASE } from './registry';

/**
 * - `pending`: waiting for its next attempt (`nextAt`), or for the connection;
 * - `sending`: an attempt is under way. Written before the request goes out, so that a worker
 *   that finds it at start knows the attempt was cut short (outbox.ts "Exactly once");
 * - `rejected`: the vendor refused it for good (`reason`); waits for the agent;
 * - `uncertain`: an attempt was cut short and repeating it could act twice (a call-back): waits
 *   for the agent to check and send again or discard.
 */
export type OutboxStatus = 'pending' | 'sending' | 'rejected' | 'uncertain';

/** A vendor write in the outbox. The generic shape: later kinds of write are other commands. */
export interface OutboxItem {
  /** The idempotency key: one item, one delivery. */
  key: string;
  /** The vendor's registry id when it was queued: it is sent to that vendor only. */
  vendor: string;
  /**
   * Who was signed in when it was queued (the sign-in's user name): it is sent only while the same
   * agent is signed in, never in another agent's name. Absent when the sign-in named nobody.
   */
  account?: string;
  /** The write itself: a command the vendor's adapter carries out. */
  command: Command;
  /**
   * The call the command is about, as the call store had it when queued: the adapter sends from
   * it after the store, the adapter or the browser have let the call go.
   */
  call?: Call;
  createdAt: number;
  status: OutboxStatus;
  /** Attempts that reached the vendor or failed on the way (not the ones that waited). */
  attempts: number;
  /** Not before then (epoch ms). */
  nextAt: number;
  /** Why it is still here: the last failure, the vendor's refusal. */
  reason?: string;
  /** When the attempt under way started (`sending`). */
  sendingSince?: number;
}

interface OutboxSchema extends DBSchema {
  items: { key: string; value: OutboxItem; indexes: { createdAt: number } };
}

export type OutboxDb = IDBPDatabase<OutboxSchema>;

/** What the outbox service needs from storage; every method may reject (quota, a closed db). */
export interface OutboxStore {
  /** Every item, oldest first. */
  all(): Promise<OutboxItem[]>;
  get(key: string): Promise<OutboxItem | undefined>;
  put(item: OutboxItem): Promise<void>;
  delete(key: string): Promise<void>;
}

export async function openOutboxDb(): Promise<OutboxDb> {
  const db = await openDB<OutboxSchema>(OUTBOX_DATABASE.name, OUTBOX_DATABASE.version, {
    upgrade(database, oldVersion) {
      // One step per version, so a future store is added without touching queued items.
      if (oldVersion < 1) {
        const { items } = OUTBOX_DATABASE.stores;
        database
          .createObjectStore('items', { keyPath: items.keyPath })
          .createIndex(items.index, items.index);
      }
    },
    blocking() {
      // A newer version is waiting (an extension update): let it upgrade; we reopen on restart.
      db.close();
    },
  });
  return db;
}

export function createOutboxStore(db: Promise<OutboxDb>): OutboxStore {
  return {
    async all() {
      return (await db).getAllFromIndex('items', 'createdAt');
    },
    async get(key) {
      return (await db).get('items', key);
    },
    async put(item) {
      await (await db).put('items', item);
    },
    async delete(key) {
      await (await db).delete('items', key);
    },
  };
}
