/**
 * The agent's past calls from the call search (api-pages §4.21, "Calls View" permission):
 * `GET /calls/filter?calling_number=&called_number=&from_datetime=&to_datetime=&time_z=UTC`, read
 * for the panel's history (feature `history`) and after an outage (VendorAdapter.pastCalls).
 *
 * The answer's body is truncated on the page. Assumed, and listed in docs/vendors.md: either
 * number may be left out (one search for calls from the agent's extension, one for calls to it);
 * the answer lists calls like GET /calls (wire.ts CallRecord) with their times in the zone asked
 * for (`start_time`, `answer_time`, `end_time` as `2021-10-07T07:22:21`; `started_at`,
 * `answered_at`, `ended_at` and a `duration` in seconds or h:mm:ss are read too). A call still
 * going (no end) is not past and is left out; an inbound call without an answer time whose status
 * is not "answered" was missed.
 */
import type { PastCall, TimeWindow } from '../../adapter';
import type { Identity } from './identity';
import { belongsTo, CONNECTED, directionOf, queueOf, remoteOf } from './calls';
import type { CcsRest } from './rest';
import type { Routes } from './routes';
import { durationSeconds, parseUtcDateTime, utcDateTime } from './times';
import { CallRecord, CallsResponse, readItems } from './wire';

/** One row of the search as a past call; undefined for a call still going or without a start. */
export function pastCallOf(
  record: CallRecord,
  me: Identity,
  defaultCountry: string | undefined,
): PastCall | undefined {
  // CallRecord keeps every field it does not name: the times are read from those.
  const times = record as Record<string, unknown>;
  const startedAt = parseUtcDateTime(times.start_time) ?? parseUtcDateTime(times.started_at);
  if (startedAt === undefined) return undefined;
  const duration = durationSeconds(times.duration);
  const endedAt =
    parseUtcDateTime(times.end_time) ??
    parseUtcDateTime(times.ended_at) ??
    (duration === undefined ? undefined : startedAt + duration * 1000);
  if (endedAt === undefined || endedAt < startedAt) return undefined;
  const answerTime = parseUtcDateTime(times.answer_time) ?? parseUtcDateTime(times.answered_at);
  const status = (record.status ?? record.state ?? '').toLowerCase();
  const answeredAt = answerTime ?? (CONNECTED.test(status) ? startedAt : undefined);
  const direction = directionOf(record, me);
  const queue = queueOf(record);
  return {
    vendorCallId: record.callId,
    direction,
    remote: remoteOf(record, direction, defaultCountry),
    ...(queue ? { queue } : {}),
    startedAt,
    // Within the call, whatever the row says.
    ...(answeredAt !== undefined
      ? { answeredAt: Math.max(startedAt, Math.min(answeredAt, endedAt)) }
      : {}),
    endedAt,
    missed: direction === 'inbound' && answeredAt === undefined,
  };
}

export interface SearchResult {
  calls: PastCall[];
  /** Rows without a call id, which the caller reports. */
  invalid: number;
}

/** Both searches, our ended calls only, each call once, newest first. */
export async function searchPastCalls(
  rest: CcsRest,
  routes: Routes,
  me: Identity,
  window: TimeWindow,
  defaultCountry: string | undefined,
): Promise<SearchResult> {
  const range = {
    from_datetime: utcDateTime(window.from),
    // Whole seconds: the last one is included.
    to_datetime: utcDateTime(window.to + 999),
    time_z: 'UTC',
  };
  const search = (party: 'calling_number' | 'called_number') =>
    rest.get(
      `${routes.callSearch}?${new URLSearchParams({ [party]: me.number, ...range }).toString()}`,
      CallsResponse,
    );
  const answers = await Promise.all([search('calling_number'), search('called_number')]);
  const byId = new Map<string, PastCall>();
  let invalid = 0;
  for (const rows of answers) {
    const read = readItems(CallRecord, rows);
    invalid += read.invalid;
    for (const record of read.items) {
      if (byId.has(record.callId) || !belongsTo(record, me, true)) continue;
      const call = pastCallOf(record, me, defaultCountry);
      if (call) byId.set(record.callId, call);
    }
  }
  const calls = [...byId.values()].sort((a, b) => b.startedAt - a.startedAt);
  return { calls, invalid };
}
