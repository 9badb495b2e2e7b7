/**
 * One row of the agent's history (the panel's recent calls), kept in IndexedDB
 * (utils/storage/db.ts): a call, recorded when it ends or found in the vendor's history after an
 * outage, or an outage whose calls could not be listed (utils/history/outage.ts).
 */
import type { Call } from '../cti/model';

export interface CallEntry {
  kind?: 'call';
  callId: string;
  direction: Call['direction'];
  remote: Call['remote'];
  queue?: string;
  recordId?: string;
  startedAt: number;
  answeredAt?: number;
  endedAt?: number;
  disposition?: Call['disposition'];
  /** Found in the vendor's own history when the link came back after an outage. */
  foundAfterOutage?: true;
}

/**
 * A time Switchboard was offline and could not learn which calls came meanwhile: "calls in this
 * period may be missing". `callId` is the history key (`outage:<from>`).
 */
export interface OutageEntry {
  kind: 'outage';
  callId: string;
  /** When the link was lost. */
  startedAt: number;
  /** When it came back. */
  endedAt: number;
  /** Never: an outage is no call (here so that code reading any entry's disposition type-checks). */
  disposition?: never;
}

export type HistoryEntry = CallEntry | OutageEntry;

export const isOutage = (entry: HistoryEntry): entry is OutageEntry => entry.kind === 'outage';

/** Drop `undefined` fields, so stored entries compare and serialize cleanly. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The entry for a call; a disposition recorded earlier stays when the call carries none. */
export function historyEntryOf(call: Call, existing?: HistoryEntry): CallEntry {
  const earlier = existing && !isOutage(existing) ? existing : undefined;
  return compact<CallEntry>({
    callId: call.id,
    direction: call.direction,
    remote: compact(call.remote),
    queue: call.queue,
    recordId: call.recordId,
    startedAt: call.startedAt,
    answeredAt: call.answeredAt,
    endedAt: call.endedAt,
    disposition: call.disposition ?? earlier?.disposition,
  });
}
