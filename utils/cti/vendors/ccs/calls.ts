/**
 * CCS calls → normalized calls (vendors/README.md §5.6). Calls reach us as WebSocket events or as
 * rows of GET /calls, both read as one CallRecord shape; this tracker keeps what the model needs
 * to stay stable across updates (startedAt, answeredAt, direction), what only we know (the
 * recording we suppressed), and which calls the events have reported, so that the adapter can
 * tell when it must poll instead (§5.5 fallback).
 */
import type { CallDirection, CallUpdate, CtiEvent, RecordingState, RemoteParty } from '../../model';
import { toE164ByLibphonenumber } from '../../../phone/format';
import type { Identity } from './identity';
import type { CallRecord } from './wire';

type LegState = 'ringing' | 'dialing' | 'connected';
export type CallEventKind = 'ringing' | 'dialing' | 'answered' | 'ended';

export interface TrackedCall {
  vendorCallId: string;
  direction: CallDirection;
  state: LegState;
  startedAt: number;
  answeredAt?: number;
  record: CallRecord;
  recording: RecordingState;
  /** An event named this call: the socket does bring call events. */
  byEvent: boolean;
  /**
   * Polls that listed the call while no event had named it; undefined for a call a resync found,
   * which rang before we listened and so says nothing about the events.
   */
  polls?: number;
  /** What we last emitted, to stay quiet when a poll brings nothing new. */
  emitted?: string;
  /** The tracker's event count when an event last named this call (see `CallTracker.mark`). */
  eventMark: number;
}

export const callIdOf = (vendorCallId: string): string => `ccs:${vendorCallId}`;

/** Status words for "answered" and "gone"; the page only shows "progress" and "answered" (§4.20). */
export const CONNECTED =
  /^(answered|connected|established|up|talking|active|in_?progress_answered)$/;
const ENDED =
  /^(ended|completed|hangup|hung_?up|disconnected|terminated|released|killed|missed|abandoned)$/;
/** Fields the model reads; every other scalar field goes to `data` for screen-pop templates. */
const MODEL_FIELDS = new Set([
  'callId',
  'call_id',
  'id',
  'uuid',
  'status',
  'state',
  'direction',
  'calling_name',
  'called_name',
  'queue',
  'queue_name',
  'acd_name',
  'duration',
]);
const REMEMBER_ENDED = 50;

export class CallTracker {
  private readonly calls = new Map<string, TrackedCall>();
  /** Ids of calls that ended: a late event or a stale poll must not bring them back. */
  private ended: string[] = [];
  /** Events applied so far: rows fetched before an event are older than what it said. */
  private events = 0;

  constructor(
    private readonly now: () => number,
    private readonly defaultCountry: string | undefined,
  ) {}

  get(callId: string): TrackedCall | undefined {
    return callId.startsWith('ccs:') ? this.calls.get(callId.slice(4)) : undefined;
  }

  /** An event or a list named this call before (live, or ended not long ago). */
  knows(vendorCallId: string): boolean {
    return this.calls.has(vendorCallId) || this.ended.includes(vendorCallId);
  }

  hasLive(): boolean {
    return this.calls.size > 0;
  }

  /** A call the polls have listed at least `polls` times without any event naming it. */
  missedByEvents(polls: number): boolean {
    return [...this.calls.values()].some((c) => !c.byEvent && (c.polls ?? 0) >= polls);
  }

  /**
   * Taken just before GET /calls is sent and handed back with its rows: a call that an event
   * named after the mark is newer than the list, which must neither end it nor change it. (A
   * call that rings while the request is under way is missing from its answer.)
   */
  mark(): number {
    return this.events;
  }

  /** One call event → the events to emit. */
  applyEvent(kind: CallEventKind, record: CallRecord, me: Identity): CtiEvent[] {
    this.events += 1;
    if (kind === 'ended') return this.end(record.callId);
    if (this.ended.includes(record.callId)) return [];
    // An answer with a call id and no party (`call_answered` with only the id) can update a call
    // we know; it cannot start one, which would show as "Unknown number" until the next list. (A
    // ringing call with no number is real: the caller withheld it.)
    if (kind === 'answered' && !this.calls.has(record.callId) && namesNoParty(record)) return [];
    const direction = directionOf(record, me, kind === 'dialing' ? 'outbound' : undefined);
    const state: LegState =
      kind === 'answered' ? 'connected' : direction === 'outbound' ? 'dialing' : 'ringing';
    const call = this.upsert(record, state, direction);
    call.byEvent = true;
    call.eventMark = this.events;
    return this.emitIfChanged(call);
  }

  /**
   * A poll of GET /calls (our rows only): new and changed calls, and the ones that are gone.
   * `mark` is `mark()` from before the request; without it the rows are taken as the newest news.
   */
  applyList(records: CallRecord[], me: Identity, mark = this.events): CtiEvent[] {
    const events: CtiEvent[] = [];
    const listed = new Set<string>(this.newerThan(mark));
    for (const record of records) {
      if (this.ended.includes(record.callId) || listed.has(record.callId)) continue;
      const direction = directionOf(record, me);
      const state = stateOf(record, direction);
      if (state === 'ended') {
        events.push(...this.end(record.callId));
        continue;
      }
      listed.add(record.callId);
      const isNew = !this.calls.has(record.callId);
      const call = this.upsert(record, state, direction);
      if (isNew) call.polls = 0;
      if (!call.byEvent && call.polls !== undefined) call.polls += 1;
      events.push(...this.emitIfChanged(call));
    }
    for (const id of [...this.calls.keys()]) if (!listed.has(id)) events.push(...this.end(id));
    return events;
  }

  /**
   * The answer to a resync: every live call of ours; calls it lacks are forgotten, unless an
   * event named them after `mark` (see `applyList`).
   */
  snapshot(records: CallRecord[], me: Identity, mark = this.events): CallUpdate[] {
    const live = new Map<string, TrackedCall>();
    for (const id of this.newerThan(mark)) live.set(id, this.calls.get(id) as TrackedCall);
    for (const record of records) {
      if (live.has(record.callId)) continue;
      const direction = directionOf(record, me);
      const state = stateOf(record, direction);
      if (state === 'ended' || this.ended.includes(record.callId)) continue;
      const call = this.upsert(record, state, direction);
      live.set(record.callId, call);
    }
    for (const id of [...this.calls.keys()]) if (!live.has(id)) this.calls.delete(id);
    return [...live.values()].map((call) => {
      const update = this.toUpdate(call);
      call.emitted = JSON.stringify(update);
      return update;
    });
  }

  setRecording(call: TrackedCall, recording: RecordingState): CallUpdate {
    call.recording = recording;
    const update = this.toUpdate(call);
    call.emitted = JSON.stringify(update);
    return update;
  }

  toUpdate(call: TrackedCall): CallUpdate {
    const r = call.record;
    const queue = queueOf(r);
    return {
      id: callIdOf(call.vendorCallId),
      vendorCallId: call.vendorCallId,
      direction: call.direction,
      state: call.state,
      remote: remoteOf(r, call.direction, this.defaultCountry),
      ...(queue ? { queue } : {}),
      startedAt: call.startedAt,
      ...(call.answeredAt !== undefined ? { answeredAt: call.answeredAt } : {}),
      data: dataOf(r),
      recording: call.recording,
    };
  }

  /** Ids of the calls an event named after `mark`. */
  private newerThan(mark: number): string[] {
    return [...this.calls.values()].filter((c) => c.eventMark > mark).map((c) => c.vendorCallId);
  }

  private upsert(record: CallRecord, state: LegState, direction: CallDirection): TrackedCall {
    const known = this.calls.get(record.callId);
    if (known) {
      // Later rows and events may omit what the first one had (queue, name): keep it.
      known.record = { ...known.record, ...definedFields(record) };
      // Never step back from connected to ringing on a stale row.
      if (known.state !== 'connected') known.state = state;
      if (known.state === 'connected') known.answeredAt ??= this.now();
      return known;
    }
    const now = this.now();
    const call: TrackedCall = {
      vendorCallId: record.callId,
      direction,
      state,
      startedAt: now,
      ...(state === 'connected' ? { answeredAt: now } : {}),
      record,
      recording: 'unknown',
      byEvent: false,
      eventMark: 0,
    };
    this.calls.set(record.callId, call);
    return call;
  }

  private end(vendorCallId: string): CtiEvent[] {
    if (!this.ended.includes(vendorCallId)) {
      this.ended = [...this.ended, vendorCallId].slice(-REMEMBER_ENDED);
    }
    if (!this.calls.delete(vendorCallId)) return [];
    return [{ type: 'callEnded', callId: callIdOf(vendorCallId), endedAt: this.now() }];
  }

  private emitIfChanged(call: TrackedCall): CtiEvent[] {
    const update = this.toUpdate(call);
    const json = JSON.stringify(update);
    if (json === call.emitted) return [];
    call.emitted = json;
    return [{ type: 'callUpsert', call: update }];
  }
}

/**
 * Whether a call row or event is on the agent's line. Rows and events that name an extension
 * (assumed `extension_uuid`, `extension`, `agent_extension`) must name ours; otherwise our number
 * as caller or callee counts. `lenient` accepts rows that name nobody: a call event on the
 * agent's own socket is the agent's, a row of the tenant-wide GET /calls is not.
 */
export function belongsTo(record: CallRecord, me: Identity, lenient: boolean): boolean {
  if (record.extension_uuid) return record.extension_uuid === me.uuid;
  const extension = record.extension ?? record.agent_extension;
  if (extension) return extension === me.number;
  if (record.calling_number === me.number || record.called_number === me.number) return true;
  return lenient;
}

/** The other party: the caller of an inbound call, the number dialled of an outbound one. */
export function remoteOf(
  record: CallRecord,
  direction: CallDirection,
  defaultCountry: string | undefined,
): RemoteParty {
  const inbound = direction === 'inbound';
  const raw = (inbound ? record.calling_number : record.called_number) ?? '';
  const name = inbound ? record.calling_name : record.called_name;
  const e164 = raw ? toE164ByLibphonenumber(raw, defaultCountry) : undefined;
  return { raw, ...(e164 ? { e164 } : {}), ...(name ? { name } : {}) };
}

export const queueOf = (record: CallRecord): string | undefined =>
  record.queue_name ?? record.queue ?? record.acd_name;

/** The row names neither an extension nor a number: only its call id. */
export function namesNoParty(record: CallRecord): boolean {
  return !(
    record.extension_uuid ||
    record.extension ||
    record.agent_extension ||
    record.calling_number ||
    record.called_number
  );
}

export function directionOf(record: CallRecord, me: Identity, hint?: CallDirection): CallDirection {
  const said = record.direction?.toLowerCase();
  if (said === 'inbound' || said === 'incoming' || said === 'in') return 'inbound';
  if (said === 'outbound' || said === 'outgoing' || said === 'out') return 'outbound';
  if (hint) return hint;
  return record.calling_number === me.number ? 'outbound' : 'inbound';
}

function stateOf(record: CallRecord, direction: CallDirection): LegState | 'ended' {
  const status = (record.status ?? record.state ?? '').toLowerCase();
  if (CONNECTED.test(status)) return 'connected';
  if (ENDED.test(status)) return 'ended';
  // "progress" (§4.20) and anything unknown: a listed call that is not answered yet.
  return direction === 'outbound' ? 'dialing' : 'ringing';
}

/** Screen-pop keys for CCS are unknown (§6): pass the row's other scalar fields as data. */
function dataOf(record: CallRecord): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(record)) {
    if (MODEL_FIELDS.has(key)) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      out[key] = String(value);
  }
  return out;
}

export function definedFields(record: CallRecord): Partial<CallRecord> {
  return Object.fromEntries(
    Object.entries(record).filter(([, v]) => v !== undefined && v !== null),
  ) as Partial<CallRecord>;
}
