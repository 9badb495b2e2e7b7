/**
 * The background's IndexedDB (DESIGN.md "Architecture": history and popped calls outlive the
 * service worker), declared in registry.ts (`DATABASE`):
 *
 * - `history`: one HistoryEntry per call, keyed by our call id, for the panel's recent calls and
 *   History; kept as the settings say (`history.retentionDays`, `history.maxEntries`,
 *   utils/history/retention.ts): when the database opens, after each call recorded and when the
 *   settings change;
 * - `popped`: screen-pop keys already claimed, so a restart or a resync never pops twice;
 * - `popLog`: the last screen-pop decisions, for diagnostics.
 *
 * Claims and decisions older than 30 days are pruned each time the database opens (each worker
 * start).
 */
import { openDB, type DBSchema, type IDBPDatabase, type IndexNames, type StoreNames } from 'idb';
import type { Call, Disposition } from '../cti/model';
import { compact, historyEntryOf, isOutage, type HistoryEntry } from '../history/entry';
import {
  DEFAULT_HISTORY_RETENTION,
  retentionCutoff,
  type HistoryRetention,
} from '../history/retention';
import type { PopDecision } from '../screenpop/screen-pop';
import { DATABASE } from './registry';

export const DB_NAME = DATABASE.name;
export const DB_VERSION = DATABASE.version;
export const RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
/** Enough to explain a day of pops to support without growing without bound. */
export const POP_LOG_CAP = 500;

export interface PoppedKey {
  key: string;
  at: number;
}

interface SwitchboardSchema extends DBSchema {
  history: { key: string; value: HistoryEntry; indexes: { startedAt: number } };
  popped: { key: string; value: PoppedKey; indexes: { at: number } };
  popLog: { key: number; value: PopDecision; indexes: { at: number } };
}

export type SwitchboardDb = IDBPDatabase<SwitchboardSchema>;

/** `history`: how much history to keep, the settings' `history` (the defaults until loaded). */
export async function openSwitchboardDb(
  now: () => number = Date.now,
  history: HistoryRetention = DEFAULT_HISTORY_RETENTION,
): Promise<SwitchboardDb> {
  const db = await openDB<SwitchboardSchema>(DB_NAME, DB_VERSION, {
    upgrade(database, oldVersion) {
      // One step per version, so a future store is added without touching existing data.
      if (oldVersion < 1) {
        const { history, popped, popLog } = DATABASE.stores;
        database
          .createObjectStore('history', { keyPath: history.keyPath })
          .createIndex(history.index, history.index);
        database
          .createObjectStore('popped', { keyPath: popped.keyPath })
          .createIndex(popped.index, popped.index);
        database
          .createObjectStore('popLog', { autoIncrement: true })
          .createIndex(popLog.index, popLog.index);
      }
    },
    blocking() {
      // A newer version is waiting (an extension update): let it upgrade; we reopen on restart.
      db.close();
    },
  });
  await pruneExpired(db, now(), history);
  return db;
}

/** Delete what is older than the retention period from every store, and history beyond its cap. */
export async function pruneExpired(
  db: SwitchboardDb,
  now: number = Date.now(),
  history: HistoryRetention = DEFAULT_HISTORY_RETENTION,
): Promise<void> {
  await createHistory(db).applyRetention(history, now);
  await createPoppedKeys(db).prune(RETENTION_MS, now);
  await createPopLog(db).prune(RETENTION_MS, now);
}

/** Delete the records of `store` whose `index` value is before `cutoff`; returns how many. */
async function deleteBefore<S extends StoreNames<SwitchboardSchema>>(
  db: SwitchboardDb,
  store: S,
  index: IndexNames<SwitchboardSchema, S>,
  cutoff: number,
): Promise<number> {
  const tx = db.transaction(store, 'readwrite');
  const source = tx.store.index(index);
  let deleted = 0;
  for (
    let cursor = await source.openCursor(IDBKeyRange.upperBound(cutoff, true));
    cursor;
    cursor = await cursor.continue()
  ) {
    await cursor.delete();
    deleted++;
  }
  await tx.done;
  return deleted;
}

export interface History {
  /** Record or update the call; a disposition saved earlier is kept when the call has none. */
  upsertFromCall(call: Call): Promise<void>;
  /** Attach a disposition to a recorded call; false when the call is not in history. */
  setDisposition(callId: string, disposition: Disposition): Promise<boolean>;
  /** The latest calls, newest first. */
  recent(limit: number): Promise<HistoryEntry[]>;
  /** Write `entry` under its key, replacing what was there (outage records, utils/history/outage.ts). */
  put(entry: HistoryEntry): Promise<void>;
  /** Whether an entry has this key. */
  has(callId: string): Promise<boolean>;
  /** Remove the entry with this key, if any. */
  remove(callId: string): Promise<void>;
  prune(olderThanMs: number, now?: number): Promise<number>;
  /**
   * Deletes what `retention` does not keep: entries that began before its cutoff, then the oldest
   * beyond `maxEntries` (utils/history/retention.ts `expiredKeys`); returns how many.
   */
  applyRetention(retention: HistoryRetention, now: number): Promise<number>;
}

export function createHistory(db: SwitchboardDb): History {
  return {
    async upsertFromCall(call) {
      const tx = db.transaction('history', 'readwrite');
      const existing = await tx.store.get(call.id);
      await tx.store.put(historyEntryOf(call, existing));
      await tx.done;
    },

    async setDisposition(callId, disposition) {
      const tx = db.transaction('history', 'readwrite');
      const existing = await tx.store.get(callId);
      const call = existing && !isOutage(existing) ? existing : undefined;
      if (call) await tx.store.put({ ...call, disposition });
      await tx.done;
      return call !== undefined;
    },

    async recent(limit) {
      const entries: HistoryEntry[] = [];
      if (limit <= 0) return entries;
      const index = db.transaction('history').store.index('startedAt');
      for (
        let cursor = await index.openCursor(null, 'prev');
        cursor;
        cursor = await cursor.continue()
      ) {
        entries.push(cursor.value);
        if (entries.length >= limit) break;
      }
      return entries;
    },

    async put(entry) {
      await db.put('history', compact(entry));
    },

    has: async (callId) => (await db.getKey('history', callId)) !== undefined,

    remove: (callId) => db.delete('history', callId),

    prune: (olderThanMs, now = Date.now()) =>
      deleteBefore(db, 'history', 'startedAt', now - olderThanMs),

    async applyRetention(retention, now) {
      const old = await deleteBefore(db, 'history', 'startedAt', retentionCutoff(retention, now));
      return old + (await deleteOldestBeyond(db, retention.maxEntries));
    },
  };
}

/** Deletes the oldest history entries (by `startedAt`, then key) until at most `max` remain. */
async function deleteOldestBeyond(db: SwitchboardDb, max: number): Promise<number> {
  const tx = db.transaction('history', 'readwrite');
  let excess = (await tx.store.count()) - max;
  let deleted = 0;
  for (
    let cursor = excess > 0 ? await tx.store.index('startedAt').openCursor() : null;
    cursor && excess > 0;
    cursor = await cursor.continue()
  ) {
    await cursor.delete();
    excess--;
    deleted++;
  }
  await tx.done;
  return deleted;
}

export interface PoppedKeys {
  /** True only for the first claim of `key`, across workers and restarts. */
  claim(key: string): Promise<boolean>;
  prune(olderThanMs: number, now?: number): Promise<number>;
}

export function createPoppedKeys(db: SwitchboardDb, now: () => number = Date.now): PoppedKeys {
  return {
    async claim(key) {
      // Read and write in one readwrite transaction: IndexedDB runs overlapping readwrite
      // transactions one after the other, so two claims of one key cannot both see it missing.
      const tx = db.transaction('popped', 'readwrite');
      try {
        const existing = await tx.store.get(key);
        if (!existing) await tx.store.add({ key, at: now() });
        await tx.done;
        return existing === undefined;
      } catch (error) {
        tx.done.catch(() => undefined); // the abort that follows a failed request is expected
        // `add` refuses a key that is already there: someone else claimed it first.
        if (error instanceof DOMException && error.name === 'ConstraintError') return false;
        throw error;
      }
    },

    prune: (olderThanMs, at = now()) => deleteBefore(db, 'popped', 'at', at - olderThanMs),
  };
}

export interface PopLog {
  add(decision: PopDecision): Promise<void>;
  /** The latest decisions, newest first. */
  recent(limit: number): Promise<PopDecision[]>;
  prune(olderThanMs: number, now?: number): Promise<number>;
}

export function createPopLog(db: SwitchboardDb, cap: number = POP_LOG_CAP): PopLog {
  return {
    async add(decision) {
      const tx = db.transaction('popLog', 'readwrite');
      await tx.store.add(compact(decision));
      let excess = (await tx.store.count()) - cap;
      // Keys grow with each add, so the lowest keys are the oldest decisions.
      for (
        let cursor = await tx.store.openCursor();
        cursor && excess > 0;
        cursor = await cursor.continue()
      ) {
        await cursor.delete();
        excess--;
      }
      await tx.done;
    },

    async recent(limit) {
      const decisions: PopDecision[] = [];
      if (limit <= 0) return decisions;
      const store = db.transaction('popLog').store;
      for (
        let cursor = await store.openCursor(null, 'prev');
        cursor;
        cursor = await cursor.continue()
      ) {
        decisions.push(cursor.value);
        if (decisions.length >= limit) break;
      }
      return decisions;
    },

    prune: (olderThanMs, now = Date.now()) => deleteBefore(db, 'popLog', 'at', now - olderThanMs),
  };
}
