/**
 * How much history this browser keeps (settings `history.retentionDays`, `history.maxEntries`):
 * entries that began more than `retentionDays` ago go, then the oldest until at most `maxEntries`
 * are left. utils/storage/db.ts applies it when the database opens, after every call recorded and
 * whenever the settings change; `expiredKeys` is the same rule on a list, for tests and checks.
 */
import type { HistoryEntry } from './entry';

export interface HistoryRetention {
  retentionDays: number;
  maxEntries: number;
}

export const DAY_MS = 86_400_000;

/** The settings' defaults (utils/settings/schema.ts `HistorySettings`). */
export const DEFAULT_HISTORY_RETENTION: HistoryRetention = { retentionDays: 30, maxEntries: 5000 };

/** Entries that began before this instant are too old to keep. */
export const retentionCutoff = (retention: HistoryRetention, now: number): number =>
  now - retention.retentionDays * DAY_MS;

/**
 * Oldest first, as IndexedDB's `startedAt` index lists them: by start, then by key (the
 * primary key orders records that share an index value).
 */
export function oldestFirst<E extends Pick<HistoryEntry, 'callId' | 'startedAt'>>(
  a: E,
  b: E,
): number {
  if (a.startedAt !== b.startedAt) return a.startedAt - b.startedAt;
  return a.callId < b.callId ? -1 : a.callId > b.callId ? 1 : 0;
}

/** The keys `retention` removes from `entries` at `now`, oldest first. */
export function expiredKeys(
  entries: readonly Pick<HistoryEntry, 'callId' | 'startedAt'>[],
  retention: HistoryRetention,
  now: number,
): string[] {
  const cutoff = retentionCutoff(retention, now);
  const sorted = [...entries].sort(oldestFirst);
  const tooOld = sorted.filter((e) => e.startedAt < cutoff);
  const kept = sorted.length - tooOld.length;
  const excess = sorted
    .filter((e) => e.startedAt >= cutoff)
    .slice(0, Math.max(0, kept - retention.maxEntries));
  return [...tooOld, ...excess].map((e) => e.callId);
}
