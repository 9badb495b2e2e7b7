/**
 * The agent's recent calls: every call is recorded in history (IndexedDB) when it ends, and the
 * panel shows the newest few (`RECENT_LIMIT`; the History tab reads the rest with `read`). After
 * an outage, the calls the vendor's history lists for that time are added, or the outage itself
 * when they cannot be listed (utils/history/outage.ts). What the settings do not keep
 * (`history.retentionDays`, `history.maxEntries`) is deleted after every call recorded and when
 * the settings change. A storage failure is reported (`storageFailed`) and never thrown: calls go
 * on working without history.
 */
import type { TimeWindow } from '../cti/adapter';
import type { Disposition } from '../cti/model';
import type { PastCallsReader } from '../cti/session';
import type { CallTransition } from '../cti/store';
import type { HistoryEntry } from '../history/entry';
import {
  callsDuring,
  foundEntryOf,
  foundKey,
  outageEntryOf,
  outageKey,
  type OutageRecord,
} from '../history/outage';
import type { HistoryRetention } from '../history/retention';
import type { History } from '../storage/db';
import { t } from '../i18n/runtime';

/** How many calls the panel's snapshot carries (RecentCalls.tsx shows them a page at a time). */
export const RECENT_LIMIT = 30;

/** What history keeps, and the clock calls are stamped with. */
export interface RetentionSource {
  retention(): HistoryRetention;
  now(): number;
}

export interface RecentCalls {
  /** The newest calls, newest first, as last read. */
  readonly list: HistoryEntry[];
  refresh(): Promise<void>;
  /** The newest `limit` entries, read now; what was last read when storage fails (reported). */
  read(limit: number): Promise<HistoryEntry[]>;
  /** Records the calls that just ended. */
  record(transitions: readonly CallTransition[]): Promise<void>;
  setDisposition(callId: string, disposition: Disposition): Promise<void>;
  /** Records what happened during `outage` (SessionDeps.outageEnded). */
  recordOutage(outage: TimeWindow, pastCalls: PastCallsReader | undefined): Promise<OutageRecord>;
  /**
   * The settings changed: when the retention limits are not those last applied, deletes what
   * they no longer keep and reads again. True when it did.
   */
  applyRetention(): Promise<boolean>;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * `recorded`: calls that ended are in the list now. The panels were told of those transitions
 * before history had them, so the app tells them again (else an open panel would list the call
 * only after the next change). `retention`: what to keep; without it nothing is deleted here.
 */
export function createRecentCalls(
  history: Promise<History>,
  storageFailed: (what: string, error: unknown) => void,
  recorded: () => void = () => undefined,
  retention?: RetentionSource,
): RecentCalls {
  let list: HistoryEntry[] = [];
  /** Runs a storage step; a failure is reported and the step skipped. */
  const guarded = async (what: string, step: () => Promise<void>) => {
    try {
      await step();
    } catch (error) {
      storageFailed(what, error);
    }
  };
  const refresh = () =>
    guarded(t('storage.readHistory'), async () => {
      list = await (await history).recent(RECENT_LIMIT);
    });
  /** The limits the last pruning applied. */
  let applied: HistoryRetention | undefined;
  const prune = () =>
    guarded(t('historyRetention.deleteFailed'), async () => {
      if (!retention) return;
      const limits = retention.retention();
      await (await history).applyRetention(limits, retention.now());
      applied = { ...limits };
    });

  async function read(limit: number): Promise<HistoryEntry[]> {
    let entries = list;
    await guarded(t('storage.readHistory'), async () => {
      entries = await (await history).recent(limit);
    });
    return entries;
  }

  async function recordOutage(
    outage: TimeWindow,
    pastCalls: PastCallsReader | undefined,
  ): Promise<OutageRecord> {
    let record: OutageRecord = { kind: 'outage' };
    if (pastCalls) {
      try {
        const calls = callsDuring(await pastCalls(outage), outage);
        await guarded(t('storage.foundCalls'), async () => {
          const h = await history;
          for (const call of calls) {
            // Read twice (a link lost during the first reading): each call once.
            if (!(await h.has(foundKey(call)))) await h.put(foundEntryOf(call));
          }
        });
        const missed = calls.filter((c) => c.missed).length;
        record = { kind: 'calls', found: calls.length, missed };
      } catch (error) {
        record = { kind: 'outage', failure: messageOf(error) };
      }
    }
    // An earlier reading of the same outage may have failed and left the outage in history.
    await guarded(t('storage.outage'), async () => {
      const h = await history;
      if (record.kind === 'calls') await h.remove(outageKey(outage.from));
      else await h.put(outageEntryOf(outage));
    });
    await refresh();
    return record;
  }

  return {
    get list() {
      return list;
    },
    refresh,
    read,
    async record(transitions) {
      const ended = transitions.filter(
        (t) => t.call.state === 'ended' && t.previous?.state !== 'ended',
      );
      if (ended.length === 0) return;
      await guarded(t('storage.saveHistory'), async () => {
        const h = await history;
        for (const { call } of ended) await h.upsertFromCall(call);
      });
      await prune();
      await refresh();
      recorded();
    },
    async setDisposition(callId, disposition) {
      await guarded(t('storage.disposition'), async () => {
        await (await history).setDisposition(callId, disposition);
      });
      await refresh();
    },
    recordOutage,
    async applyRetention() {
      const limits = retention?.retention();
      const same =
        limits?.retentionDays === applied?.retentionDays &&
        limits?.maxEntries === applied?.maxEntries;
      if (!limits || same) return false;
      await prune();
      await refresh();
      return true;
    },
  };
}
