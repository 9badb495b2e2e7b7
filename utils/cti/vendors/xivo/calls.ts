/**
 * XiVO calls → normalized calls (vendors/README.md §1.8). xuc sends one PhoneEvent per leg
 * change, keyed by `uniqueId`, with no timestamps and no memory: this tracker keeps what the model
 * needs to stay stable across updates (startedAt, answeredAt, direction), plus the facts only we
 * know (an attended transfer under way, a recording we paused).
 */
import type { CallDirection, CallState, CallUpdate, CtiEvent, RecordingState } from '../../model';
import { toE164ByLibphonenumber } from '../../../phone/format';
import type { PhoneEventPayload } from './wire';

type LegState = Extract<CallState, 'ringing' | 'dialing' | 'connected' | 'held'>;

/** §1.7 event types; anything else (the undocumented failure event, §1.10) ends the leg. */
const LEG_STATES: ReadonlyMap<string, LegState | 'released'> = new Map([
  ['EventRinging', 'ringing'],
  ['EventDialing', 'dialing'],
  ['EventEstablished', 'connected'],
  ['EventOnHold', 'held'],
  ['EventReleased', 'released'],
]);

export interface TrackedCall {
  uniqueId: string;
  linkedId: string;
  direction: CallDirection;
  state: LegState;
  startedAt: number;
  answeredAt?: number;
  last: PhoneEventPayload;
  /** Last known `monitorState` (AgentOnCall, §1.7) or what our monitorPause/Unpause set. */
  monitorState?: string;
  /** Set from `attendedTransfer` until complete/cancel or release (§1.8, [INFERRED]). */
  transfer?: { target: string; consultId?: string };
  /** The page the platform's Sheet asks to open for this call (sheet.ts). */
  popUrl?: string;
}

/** Sheets for calls not seen yet (a Sheet may come before the call's PhoneEvent): a few, newest. */
const PENDING_POPS = 20;

export const callIdOf = (uniqueId: string): string => `xivo:${uniqueId}`;

export class CallTracker {
  private readonly calls = new Map<string, TrackedCall>();
  /** Sheet pages by the call they name (uid), until that call appears. */
  private readonly pops = new Map<string, string>();

  constructor(
    private readonly now: () => number,
    private readonly defaultCountry: string | undefined,
  ) {}

  /** By our call id (`xivo:<uniqueId>`). */
  get(callId: string): TrackedCall | undefined {
    return callId.startsWith('xivo:') ? this.calls.get(callId.slice(5)) : undefined;
  }

  all(): TrackedCall[] {
    return [...this.calls.values()];
  }

  /** One PhoneEvent → the events to emit (usually one; two when a consultation leg ends). */
  applyPhoneEvent(event: PhoneEventPayload): CtiEvent[] {
    const next = LEG_STATES.get(event.eventType);
    const known = this.calls.get(event.uniqueId);
    if (next === undefined || next === 'released') {
      if (!known) return [];
      this.calls.delete(event.uniqueId);
      return [
        { type: 'callEnded', callId: callIdOf(event.uniqueId), endedAt: this.now() },
        ...this.endConsultation(event.uniqueId),
      ];
    }
    const call = this.upsert(event, next);
    return [{ type: 'callUpsert', call: this.toUpdate(call) }];
  }

  /**
   * The CurrentCallsPhoneEvents answer: it lists every live leg, so legs we track that it lacks
   * ended while we were not listening.
   */
  applySnapshot(events: PhoneEventPayload[]): CallUpdate[] {
    const latest = new Map<string, PhoneEventPayload>();
    for (const event of events) latest.set(event.uniqueId, event);
    const live = new Map<string, TrackedCall>();
    for (const [uniqueId, event] of latest) {
      const next = LEG_STATES.get(event.eventType);
      if (next === undefined || next === 'released') continue;
      live.set(uniqueId, this.upsert(event, next));
    }
    for (const uniqueId of [...this.calls.keys()]) {
      if (!live.has(uniqueId)) this.calls.delete(uniqueId);
    }
    for (const call of live.values()) {
      if (call.transfer?.consultId && !live.has(call.transfer.consultId)) call.transfer = undefined;
    }
    return [...live.values()].map((call) => this.toUpdate(call));
  }

  /**
   * A Sheet's page for the call `uid` names (its linkedId or uniqueId, sheet.ts): set on every
   * leg of that call, or kept until the call appears.
   */
  applySheet(uid: string, url: string): CtiEvent[] {
    const legs = this.all().filter((c) => c.uniqueId === uid || c.linkedId === uid);
    if (legs.length === 0) {
      this.pops.delete(uid);
      this.pops.set(uid, url);
      for (const old of this.pops.keys()) {
        if (this.pops.size <= PENDING_POPS) break;
        this.pops.delete(old);
      }
      return [];
    }
    return legs.map((call) => {
      call.popUrl = url;
      return { type: 'callUpsert', call: this.toUpdate(call) };
    });
  }

  /**
   * Call data the agent attached (setData): xuc prefixes keys with USR_ (api-pages setData) and
   * sends no answer; the next PhoneEvent of the call carries what xuc really holds.
   */
  attachData(call: TrackedCall, data: Readonly<Record<string, string>>): CallUpdate {
    const attached = Object.fromEntries(
      Object.entries(data).map(([k, v]) => [k.startsWith('USR_') ? k : `USR_${k}`, v]),
    );
    call.last = { ...call.last, userData: { ...call.last.userData, ...attached } };
    return this.toUpdate(call);
  }

  startTransfer(call: TrackedCall, target: string): CallUpdate {
    call.transfer = { target };
    return this.toUpdate(call);
  }

  /** The call whose transfer `callId` belongs to, as the original or as the consultation leg. */
  transferOf(callId: string): TrackedCall | undefined {
    const call = this.get(callId);
    if (call?.transfer) return call;
    return this.all().find(
      (c) => c.transfer?.consultId !== undefined && callIdOf(c.transfer.consultId) === callId,
    );
  }

  endTransfer(call: TrackedCall): CallUpdate {
    call.transfer = undefined;
    return this.toUpdate(call);
  }

  setMonitorState(call: TrackedCall, monitorState: string): CallUpdate {
    call.monitorState = monitorState;
    return this.toUpdate(call);
  }

  /** AgentOnCall carries `monitorState` for the agent's current call: the connected queue call. */
  applyMonitorState(monitorState: string): CtiEvent[] {
    return this.all()
      .filter((c) => c.state === 'connected' && c.last.queueName && c.monitorState !== monitorState)
      .map((c) => ({ type: 'callUpsert', call: this.setMonitorState(c, monitorState) }));
  }

  toUpdate(call: TrackedCall): CallUpdate {
    const e = call.last;
    const raw = e.otherDN ?? '';
    const e164 = raw ? toE164ByLibphonenumber(raw, this.defaultCountry) : undefined;
    return {
      id: callIdOf(call.uniqueId),
      vendorCallId: call.uniqueId,
      groupId: `xivo:${call.linkedId}`,
      direction: call.direction,
      state: call.transfer ? 'transferring' : call.state,
      remote: { raw, ...(e164 ? { e164 } : {}), ...(e.otherDName ? { name: e.otherDName } : {}) },
      ...(e.queueName ? { queue: e.queueName } : {}),
      startedAt: call.startedAt,
      ...(call.answeredAt !== undefined ? { answeredAt: call.answeredAt } : {}),
      data: userData(e.userData),
      recording: recordingOf(call),
      ...(call.transfer ? { transferTarget: call.transfer.target } : {}),
      ...(call.popUrl ? { popUrl: call.popUrl } : {}),
    };
  }

  private upsert(event: PhoneEventPayload, state: LegState): TrackedCall {
    const known = this.calls.get(event.uniqueId);
    if (known) {
      known.state = state;
      // Later events may omit fields the first one had (queue, name): keep what we learnt.
      known.last = { ...known.last, ...definedFields(event) };
      if (state === 'connected' && known.answeredAt === undefined) known.answeredAt = this.now();
      return known;
    }
    const now = this.now();
    const call: TrackedCall = {
      uniqueId: event.uniqueId,
      linkedId: event.linkedId ?? event.uniqueId,
      direction: directionOf(event),
      state,
      startedAt: now,
      ...(state === 'connected' ? { answeredAt: now } : {}),
      last: event,
    };
    const pop = this.pops.get(call.uniqueId) ?? this.pops.get(call.linkedId);
    if (pop !== undefined) {
      call.popUrl = pop;
      this.pops.delete(call.uniqueId);
      this.pops.delete(call.linkedId);
    }
    this.calls.set(event.uniqueId, call);
    // A new outgoing leg while a transfer waits for its consultation leg is that leg (§1.8).
    const waiting = this.all().find(
      (c) => c.transfer && c.transfer.consultId === undefined && c !== call,
    );
    if (waiting?.transfer && call.direction === 'outbound')
      waiting.transfer.consultId = call.uniqueId;
    return call;
  }

  /** The consultation leg ended (target hung up, or cancelTransfer): the original is plain again. */
  private endConsultation(uniqueId: string): CtiEvent[] {
    const original = this.all().find((c) => c.transfer?.consultId === uniqueId);
    return original ? [{ type: 'callUpsert', call: this.endTransfer(original) }] : [];
  }
}

/** A notice for the failure PhoneEvent (its name is [UNKNOWN], §1.10: any event with "fail"). */
export function failureNotice(event: PhoneEventPayload): CtiEvent[] {
  if (!/fail/i.test(event.eventType)) return [];
  const who = event.otherDN ?? 'the number';
  return [{ type: 'notice', level: 'warning', message: `The call to ${who} failed` }];
}

function directionOf(event: PhoneEventPayload): CallDirection {
  if (event.callDirection === 'Incoming') return 'inbound';
  if (event.callDirection === 'Outgoing') return 'outbound';
  // Older xuc versions omit callDirection (api-pages setData example): a leg we dial is outbound.
  return event.eventType === 'EventDialing' ? 'outbound' : 'inbound';
}

/**
 * Recording pause only exists for queue calls (api-pages "Cti.monitorPause"), and xuc only says
 * whether a call is recorded through AgentOnCall `monitorState`. A connected queue call counts as
 * recorded unless it says otherwise.
 */
function recordingOf(call: TrackedCall): RecordingState {
  if (!call.last.queueName || call.answeredAt === undefined) return 'unknown';
  if (call.monitorState === 'PAUSED') return 'paused';
  if (call.monitorState === undefined || call.monitorState === 'ACTIVE') return 'on';
  return 'unknown';
}

/** userData values are documented as strings; keep numbers and booleans, drop anything nested. */
function userData(data: Record<string, unknown> | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(data ?? {})) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      out[key] = String(value);
  }
  return out;
}

function definedFields(event: PhoneEventPayload): Partial<PhoneEventPayload> {
  return Object.fromEntries(Object.entries(event).filter(([, v]) => v !== undefined && v !== null));
}
