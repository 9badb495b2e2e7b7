/**
 * One call in the agent's history (the panel's recent calls), as the background records it when
 * the call ends (utils/storage/db.ts keeps them in IndexedDB).
 */
import type { Call } from '../cti/model';

export interface HistoryEntry {
  callId: string;
  direction: Call['direction'];
  remote: Call['remote'];
  queue?: string;
  recordId?: string;
  startedAt: number;
  answeredAt?: number;
  endedAt?: number;
  disposition?: Call['disposition'];
}

/** Drop `undefined` fields, so stored entries compare and serialize cleanly. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The entry for a call; a disposition recorded earlier stays when the call carries none. */
export function historyEntryOf(call: Call, existing?: HistoryEntry): HistoryEntry {
  return compact<HistoryEntry>({
    callId: call.id,
    direction: call.direction,
    remote: compact(call.remote),
    queue: call.queue,
    recordId: call.recordId,
    startedAt: call.startedAt,
    answeredAt: call.answeredAt,
    endedAt: call.endedAt,
    disposition: call.disposition ?? existing?.disposition,
  });
}
