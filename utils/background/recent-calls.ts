/**
 * The agent's recent calls: every call is recorded in history (IndexedDB) when it ends, and the
 * panel shows the newest few. A storage failure is reported (`storageFailed`) and never thrown:
 * calls go on working without history.
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

export function createRecentCalls(
  history: Promise<History>,
  storageFailed: (what: string, error: unknown) => void,
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
    guarded('Could not read the call history', async () => {
      list = await (await history).recent(RECENT_LIMIT);
    });
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
      await guarded('Could not save the call history', async () => {
        const h = await history;
        for (const { call } of ended) await h.upsertFromCall(call);
      });
      await refresh();
    },
    async setDisposition(callId, disposition) {
      await guarded('Could not save the disposition in the call history', async () => {
        await (await history).setDisposition(callId, disposition);
      });
      await refresh();
    },
  };
}
