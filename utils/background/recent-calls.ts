/**
 * The agent's recent calls: every call is recorded in history (IndexedDB) when it ends, and the
 * panel shows the newest few.
 */
import type { Disposition } from '../cti/model';
import type { CallTransition } from '../cti/store';
import type { HistoryEntry } from '../history/entry';
import type { History } from '../storage/db';

/** How many calls the panel lists. */
export const RECENT_LIMIT = 10;

export interface RecentCalls {
  /** The newest calls, newest first, as last read. */
  readonly list: HistoryEntry[];
  refresh(): Promise<void>;
  /** Records the calls that just ended. */
  record(transitions: readonly CallTransition[]): Promise<void>;
  setDisposition(callId: string, disposition: Disposition): Promise<void>;
}

export function createRecentCalls(history: Promise<History>): RecentCalls {
  let list: HistoryEntry[] = [];
  const refresh = async () => {
    list = await (await history).recent(RECENT_LIMIT);
  };
  return {
    get list() {
      return list;
    },
    refresh,
    async record(transitions) {
      const ended = transitions.filter(
        (t) => t.call.state === 'ended' && t.previous?.state !== 'ended',
      );
      if (ended.length === 0) return;
      const h = await history;
      for (const { call } of ended) await h.upsertFromCall(call);
      await refresh();
    },
    async setDisposition(callId, disposition) {
      await (await history).setDisposition(callId, disposition);
      await refresh();
    },
  };
}
