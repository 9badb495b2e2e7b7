/**
 * The vendor's own history of the agent's calls (VendorAdapter.pastCalls): the answer to
 * getUserCallHistory (or getAgentCallHistory with the `historySource` setting) read by
 * history.ts. Also the panel's history (feature `history`).
 */
import type { PastCall } from '../../adapter';
import { HISTORY_SIZE, pastCallOf, type HistoryContext } from './history';
import type { Requests } from './requests';
import { clientFrames, type ClientFrame } from './wire';

export interface PastCallsDeps extends HistoryContext {
  requests: Requests;
  send(frame: ClientFrame): void;
  /** getAgentCallHistory instead of getUserCallHistory (setting `historySource`). */
  agentHistory: boolean;
}

/** Asks for the last HISTORY_SIZE calls and reads them; the caller keeps the window's. */
export async function readPastCalls(deps: PastCallsDeps): Promise<PastCall[]> {
  const entries = await deps.requests.ask({
    send: () =>
      deps.send(
        deps.agentHistory
          ? clientFrames.getAgentCallHistory(HISTORY_SIZE)
          : clientFrames.getUserCallHistory(HISTORY_SIZE),
      ),
    match: (m) => (m.msgType === 'CallHistory' ? { value: m.payload } : undefined),
    late: 'XiVO did not send the call history in time',
  });
  return entries.flatMap((entry) => pastCallOf(entry, deps) ?? []);
}
