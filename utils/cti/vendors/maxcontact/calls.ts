/**
 * MaxContact calls → normalized calls (vendors/README.md §3.5, §3.6). `getcalls` lists the
 * agent's live calls and nothing else: no event, no state we can read (the integers' meanings are
 * [UNKNOWN]). So states are inferred: a new call rings unless we dialled it (then it is dialling);
 * a call still listed on a later poll is connected; hold/retrieve are known from our own
 * successful commands; a call no longer listed has ended.
 *
 * Identity: CallIds are in-memory integers that restart at 1000 with the platform (§3.4 note), so
 * our id joins the CallId with its start time. A new call that reuses an old CallId is a new
 * call, and a resync after a reconnect matches calls by both.
 */
import type { CallDirection, CallUpdate, RecordingState } from '../../model';
import { toE164ByLibphonenumber } from '../../../phone/format';
import type { WireCall } from './wire';

type LegState = 'ringing' | 'dialing' | 'connected' | 'held';

export interface TrackedCall {
  id: string;
  vendorCallId: string;
  direction: CallDirection;
  state: LegState;
  startedAt: number;
  answeredAt?: number;
  last: WireCall;
  recording: RecordingState;
  /** The request sequence number current when we learnt of the call (see `apply`). */
  knownAt: number;
  /** From `attendedTransfer` until it completes, is cancelled, or a leg ends. */
  transfer?: { target: string; consultId?: string; heldByUs: boolean };
  /** `connectcalls` bridged it away: its end is not the agent's wrap-up. */
  bridged?: boolean;
  /**
   * The lead we put the call under (our dial's `leadid`, `changelead`, `createnewlead`; `id`
   * undefined when the platform did not say which new lead it made), and the `LeadId` the platform
   * listed then: once the platform lists another, its own word wins (the agent changed the lead in
   * MaxContact's screen).
   */
  lead?: { id: string | undefined; wire: string | undefined };
}

export interface EndedCall {
  id: string;
  vendorCallId: string;
  /** When it ended, by request sequence: a later call with the same CallId is a recycled id. */
  endedAt: number;
  /** Ended by our `connectcalls`, which filed it under a result code already. */
  bridged?: boolean;
}

export interface ApplyResult {
  /** Calls whose normalized form changed (new ones included). */
  changed: CallUpdate[];
  /** Calls that left the list, already forgotten. */
  ended: TrackedCall[];
  /** Calls seen for the first time that we did not dial. */
  arrived: TrackedCall[];
}

export const ID_PREFIX = 'maxcontact:';
const ENDED_KEPT = 20;

export class CallTracker {
  private readonly calls = new Map<string, TrackedCall>();
  private readonly endedCalls = new Map<string, EndedCall>();
  private readonly emitted = new Map<string, string>();
  /**
   * Dials the platform accepted without returning the call, with the lead each was for: the next
   * new calls are ours.
   */
  private readonly pendingDials: (string | undefined)[] = [];

  constructor(
    private readonly now: () => number,
    private readonly defaultCountry: string | undefined,
    /** Stands in for a missing CallStartTime: unique to this adapter's lifetime. */
    private readonly sessionKey: string,
    /** Call data about a lead (its phones), once known (leads.ts). */
    private readonly leadData: (leadId: string) => Record<string, string> = () => ({}),
  ) {}

  /** `maxcontact:<CallId>-<start time digits>`; stable across polls, reconnects and adapters. */
  idOf(wire: WireCall): string {
    const start = (wire.CallStartTime ?? '').replace(/\D/g, '');
    return `${ID_PREFIX}${wire.CallId}-${start || `s${this.sessionKey}`}`;
  }

  get(id: string): TrackedCall | undefined {
    return this.calls.get(id);
  }

  live(): TrackedCall[] {
    return [...this.calls.values()];
  }

  /** Waiting for a dialled call that the platform has not listed yet. */
  get expectingDial(): boolean {
    return this.pendingDials.length > 0;
  }

  ended(id: string): EndedCall | undefined {
    return this.endedCalls.get(id);
  }

  /**
   * One `getcalls` answer. `seq` is the request's sequence number: an answer to a request made
   * before we learnt of a call (our own dial) can neither promote nor end that call.
   * `firstSighting` is the state of a call we did not dial and have never seen.
   */
  apply(list: WireCall[], seq: number, firstSighting: 'ringing' | 'connected'): ApplyResult {
    const result: ApplyResult = { changed: [], ended: [], arrived: [] };
    const listed = new Set<string>();
    for (const wire of list) {
      const id = this.idOf(wire);
      listed.add(id);
      // Hung up or disposed by us: the platform may list it a moment longer.
      if (this.endedCalls.has(id)) continue;
      let call = this.calls.get(id);
      if (!call) {
        const ours = this.pendingDials.length > 0;
        const leadId = this.pendingDials.shift();
        call = this.track(wire, seq, ours ? 'dialing' : firstSighting);
        if (leadId) call.lead = { id: leadId, wire: wire.LeadId };
        if (!ours) result.arrived.push(call);
        // A transfer whose dial answer had no call: this is its consultation leg.
        const waiting = ours && this.live().find((c) => c.transfer && !c.transfer.consultId);
        if (waiting && waiting.transfer) waiting.transfer.consultId = call.id;
      } else {
        call.last = wire;
        if ((call.state === 'ringing' || call.state === 'dialing') && seq > call.knownAt) {
          call.state = 'connected';
          call.answeredAt = this.now();
        }
      }
    }
    for (const call of this.live()) {
      if (listed.has(call.id) || seq <= call.knownAt) continue;
      result.ended.push(call);
      result.changed.push(...this.forget(call, seq));
    }
    for (const call of this.live()) {
      const update = this.changedUpdate(call);
      if (update) result.changed.push(update);
    }
    return result;
  }

  /** The call `dial` returned (or a promise of one when the answer had none), for `leadId`. */
  registerDial(wire: WireCall | undefined, seq: number, leadId?: string): TrackedCall | undefined {
    if (!wire) {
      this.pendingDials.push(leadId);
      return undefined;
    }
    const known = this.calls.get(this.idOf(wire));
    if (known) return known;
    const call = this.track(wire, seq, 'dialing', 'outbound');
    if (leadId) call.lead = { id: leadId, wire: wire.LeadId };
    return call;
  }

  /** The lead the call is under, as far as we know (see `TrackedCall.lead`). */
  leadOf(call: TrackedCall): string | undefined {
    if (call.lead && call.lead.wire === call.last.LeadId) return call.lead.id;
    return call.last.LeadId;
  }

  /** Our request put the call under another lead (`undefined`: one the platform did not name). */
  setLead(call: TrackedCall, leadId: string | undefined): CallUpdate {
    call.lead = { id: leadId, wire: call.last.LeadId };
    return this.update(call);
  }

  /** Live calls whose normalized form changed since last emitted (lead data that arrived). */
  refreshed(): CallUpdate[] {
    return this.live().flatMap((call) => this.changedUpdate(call) ?? []);
  }

  /** Our hangup or dispose ended it. Returns updates for calls that depended on it. */
  end(call: TrackedCall, seq: number): CallUpdate[] {
    return this.forget(call, seq);
  }

  setState(call: TrackedCall, state: LegState): CallUpdate {
    call.state = state;
    if (state === 'connected' && call.answeredAt === undefined) call.answeredAt = this.now();
    return this.update(call);
  }

  setRecording(call: TrackedCall, recording: RecordingState): CallUpdate {
    call.recording = recording;
    return this.update(call);
  }

  setTransfer(call: TrackedCall, transfer: TrackedCall['transfer']): CallUpdate {
    call.transfer = transfer;
    return this.update(call);
  }

  /** The call whose transfer `id` belongs to, as the original or as the consultation leg. */
  transferOf(id: string): TrackedCall | undefined {
    const call = this.calls.get(id);
    if (call?.transfer) return call;
    return this.live().find((c) => c.transfer?.consultId === id);
  }

  /** Another call (live, or ended later) now carries this CallId: the old id is not ours to use. */
  recycled(ended: Pick<EndedCall, 'id' | 'vendorCallId' | 'endedAt'>): boolean {
    const same = (c: { id: string; vendorCallId: string }) =>
      c.id !== ended.id && c.vendorCallId === ended.vendorCallId;
    return (
      this.live().some(same) ||
      [...this.endedCalls.values()].some((c) => same(c) && c.endedAt > ended.endedAt)
    );
  }

  /** The normalized call; remembered as emitted. */
  update(call: TrackedCall): CallUpdate {
    const update = this.toUpdate(call);
    this.emitted.set(call.id, JSON.stringify(update));
    return update;
  }

  private changedUpdate(call: TrackedCall): CallUpdate | undefined {
    const update = this.toUpdate(call);
    const json = JSON.stringify(update);
    if (this.emitted.get(call.id) === json) return undefined;
    this.emitted.set(call.id, json);
    return update;
  }

  private track(
    wire: WireCall,
    seq: number,
    state: LegState,
    direction: CallDirection = state === 'dialing' ? 'outbound' : 'inbound',
  ): TrackedCall {
    const now = this.now();
    const call: TrackedCall = {
      id: this.idOf(wire),
      vendorCallId: wire.CallId,
      // Calls we did not dial (inbound ACD calls and dialler-placed campaign calls alike) count as
      // inbound: the Call entity has no direction (§3.5).
      direction,
      state,
      // CallStartTime's time zone is [UNKNOWN]: our clock, which the store keeps across resyncs.
      startedAt: now,
      ...(state === 'connected' ? { answeredAt: now } : {}),
      last: wire,
      recording: 'unknown',
      knownAt: seq,
    };
    this.calls.set(call.id, call);
    return call;
  }

  private forget(call: TrackedCall, seq: number): CallUpdate[] {
    this.calls.delete(call.id);
    this.emitted.delete(call.id);
    this.endedCalls.set(call.id, {
      id: call.id,
      vendorCallId: call.vendorCallId,
      endedAt: seq,
      ...(call.bridged ? { bridged: true } : {}),
    });
    for (const old of [...this.endedCalls.keys()].slice(0, -ENDED_KEPT)) {
      this.endedCalls.delete(old);
    }
    // The consultation leg ended: the original is a plain (held) call again.
    return this.live()
      .filter((c) => c.transfer?.consultId === call.id)
      .map((c) => this.setTransfer(c, undefined));
  }

  private toUpdate(call: TrackedCall): CallUpdate {
    const w = call.last;
    const raw = w.PhoneNumber ?? '';
    const e164 = raw ? toE164ByLibphonenumber(raw, this.defaultCountry) : undefined;
    const queue = w.AcdName ?? w.CampaignName;
    const leadId = this.leadOf(call);
    return {
      id: call.id,
      vendorCallId: call.vendorCallId,
      direction: call.direction,
      state: call.transfer ? 'transferring' : call.state,
      remote: {
        raw,
        ...(e164 ? { e164 } : {}),
        ...(w.CustomerName ? { name: w.CustomerName } : {}),
      },
      ...(queue ? { queue } : {}),
      // The lead the call is for (§3.4 `dial…?leadid=`), so a call back reuses it.
      ...(leadId ? { recordId: leadId } : {}),
      startedAt: call.startedAt,
      ...(call.answeredAt !== undefined ? { answeredAt: call.answeredAt } : {}),
      data: { ...dataOf(w, leadId), ...(leadId ? this.leadData(leadId) : {}) },
      recording: call.recording,
      ...(call.transfer ? { transferTarget: call.transfer.target } : {}),
    };
  }
}

/**
 * Screen-pop `{data.KEY}` values under the vendor's own field names. The integers are kept raw
 * (§3.5: "log unknown ints for later mapping").
 */
function dataOf(w: WireCall, leadId: string | undefined): Record<string, string> {
  const fields: [string, string | number | null | undefined][] = [
    ['CampaignName', w.CampaignName],
    ['AcdName', w.AcdName],
    ['CustomerName2', w.CustomerName2],
    ['LeadId', leadId],
    ['CallState', w.CallState],
    ['CallStatus', w.CallStatus],
    ['RecordingState', w.RecordingState],
  ];
  const data: Record<string, string> = {};
  for (const [key, value] of fields) {
    if (value !== undefined && value !== null) data[key] = String(value);
  }
  return data;
}

/** The CallId inside one of our ids, for a call this adapter never saw (a fresh adapter). */
export function vendorCallIdOf(id: string): string | undefined {
  return new RegExp(`^${ID_PREFIX}(\\d+)-.+$`).exec(id)?.[1];
}
