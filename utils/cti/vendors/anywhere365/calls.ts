/**
 * Broker events → normalized calls and agent state (vendors/README.md §2.6, §2.7). The broker
 * has no "current calls" query, so the tracker is the only memory of live calls: it is saved in
 * the checkpoint and pruned when a call has been silent too long (a lost Disconnected must not
 * leave a ghost call in the panel forever).
 */
import { z } from 'zod';
import type { AgentState, CallUpdate, CtiEvent } from '../../model';
import { callerOf, hasCaller } from './caller';
import { sameAddress, type BrokerEvent } from './wire';

const LiveState = z.enum(['ringing', 'dialing', 'connected', 'held', 'transferring']);

const Tracked = z.object({
  vendorCallId: z.string().min(1),
  direction: z.enum(['inbound', 'outbound']),
  state: LiveState,
  ani: z.string(),
  startedAt: z.number(),
  answeredAt: z.number().optional(),
  /** When the broker last said anything about this call (our clock). */
  lastEventAt: z.number(),
  /** While `transferring`: the agent invited, as their SIP address without the scheme. */
  transferTarget: z.string().max(320).optional(),
});
type Tracked = z.infer<typeof Tracked>;
export const TrackedCalls = z.array(Tracked).max(50);

/**
 * How long a call may go without an event before we stop believing in it. An invitation
 * (Hunting) that nobody answers ends quickly on the broker; a conversation or a hold can last.
 * [ASSUMPTION] the broker does not say: these bound the harm of a lost event.
 */
export const STALE_AFTER_MS = { ringing: 2 * 60_000, held: 60 * 60_000, connected: 4 * 3_600_000 };

export function callIdOf(vendorCallId: string): string {
  return `a365:${vendorCallId}`;
}

export class CallTracker {
  private readonly calls = new Map<string, Tracked>();

  constructor(
    private readonly now: () => number,
    private readonly defaultCountry: string | undefined,
    /** Besides the documented Retrieve, read other agents' events as below (`otherAgent`). */
    private readonly inferTransfers = true,
  ) {}

  /** Calls to save in the checkpoint. */
  save(): Tracked[] {
    return [...this.calls.values()];
  }

  restore(saved: unknown): void {
    this.calls.clear();
    const parsed = TrackedCalls.safeParse(saved);
    if (parsed.success) for (const call of parsed.data) this.calls.set(call.vendorCallId, call);
  }

  get size(): number {
    return this.calls.size;
  }

  /** What we know of the agent's live calls: the answer to a resync (§2.7 has no query). */
  snapshot(): CallUpdate[] {
    return [...this.calls.values()].map((c) => this.update(c));
  }

  /** Ends calls silent for longer than STALE_AFTER_MS. */
  prune(): CtiEvent[] {
    const now = this.now();
    const events: CtiEvent[] = [];
    for (const call of [...this.calls.values()]) {
      const limit =
        call.state === 'ringing' || call.state === 'dialing'
          ? STALE_AFTER_MS.ringing
          : STALE_AFTER_MS[call.state === 'transferring' ? 'held' : call.state];
      if (now - call.lastEventAt > limit) {
        this.calls.delete(call.vendorCallId);
        events.push({ type: 'callEnded', callId: callIdOf(call.vendorCallId), endedAt: now });
      }
    }
    return events;
  }

  /**
   * One call event for `agent` (our ImAddress), or for another agent on a call we took part in:
   * the relay sends every agent of a call each of its events (relay/sessions.ts). `at` is when the
   * relay received it. Returns the events to emit.
   */
  apply(event: BrokerEvent, agent: string, at: number): CtiEvent[] {
    const vendorCallId = event.callId?.trim();
    if (!vendorCallId) {
      return [
        { type: 'protocolError', message: `Anywhere365 ${event.eventType} without a callId` },
      ];
    }
    const ours = sameAddress(event.ImAddress, agent);
    const known = this.calls.get(vendorCallId);
    // The relay's receipt time, not ours: a replayed event keeps its age (and can be stale).
    const now = at;
    if (!ours) return known ? this.otherAgent(event, known, now) : [];
    switch (event.eventType) {
      case 'Hunting': {
        // A repeated invitation for a call already answered changes nothing.
        if (known && known.state !== 'ringing' && known.state !== 'dialing')
          return this.touch(known, now);
        const direction = event.SessionType ?? known?.direction ?? 'inbound';
        // After our Dial the agent's own client is invited first (§2.7 [INFERRED]).
        return this.put(
          this.base(
            event,
            vendorCallId,
            known,
            now,
            direction === 'outbound' ? 'dialing' : 'ringing',
          ),
        );
      }
      case 'Connected':
      case 'Retrieve': {
        const call = this.base(event, vendorCallId, known, now, 'connected');
        return this.put({ ...call, answeredAt: known?.answeredAt ?? now });
      }
      case 'OnHold':
        // Possibly the start of a transfer: only the next Retrieve tells (§2.6).
        return this.put({
          ...this.base(event, vendorCallId, known, now, 'held'),
          answeredAt: known?.answeredAt ?? now,
        });
      case 'Disconnected':
        return known ? this.end(known, now) : [];
      default:
        return [];
    }
  }

  /**
   * Another agent's event on a call of ours. §2.6 "Additional note": after our OnHold, a Retrieve
   * by another agent means the transfer went through, and our leg ended.
   * // Assumed (the page lists no other case; setting `inferTransfers`, default on): a Connected
   * by another agent on a call we hold or that rings here means the same (the call was taken
   * elsewhere); a Hunting for another agent on a call we hold is our transfer inviting them
   * ("transferring to" them), and their Disconnected before any Retrieve means they did not take
   * it (held again). Anything else only shows the call is still alive.
   */
  private otherAgent(event: BrokerEvent, call: Tracked, now: number): CtiEvent[] {
    const waiting = call.state === 'held' || call.state === 'transferring';
    if (event.eventType === 'Retrieve') return this.end(call, now);
    if (!this.inferTransfers) return this.touch(call, now);
    switch (event.eventType) {
      case 'Connected':
        return waiting || call.state === 'ringing' ? this.end(call, now) : this.touch(call, now);
      case 'Hunting':
        if (!waiting) return this.touch(call, now);
        return this.put({
          ...call,
          state: 'transferring',
          transferTarget: event.ImAddress.trim().replace(/^sip:/i, ''),
          lastEventAt: now,
        });
      case 'Disconnected':
        if (call.state !== 'transferring') return this.touch(call, now);
        return this.put({ ...call, state: 'held', transferTarget: undefined, lastEventAt: now });
      default:
        return this.touch(call, now);
    }
  }

  private base(
    event: BrokerEvent,
    vendorCallId: string,
    known: Tracked | undefined,
    now: number,
    state: Tracked['state'],
  ): Tracked {
    return {
      vendorCallId,
      direction: known?.direction ?? event.SessionType ?? 'inbound',
      state,
      // A later event without a usable caller keeps the one we had.
      ani: hasCaller(event.ani) || !known ? (event.ani?.trim() ?? '') : known.ani,
      startedAt: known?.startedAt ?? now,
      ...(known?.answeredAt === undefined ? {} : { answeredAt: known.answeredAt }),
      lastEventAt: now,
    };
  }

  private touch(call: Tracked, now: number): CtiEvent[] {
    this.calls.set(call.vendorCallId, { ...call, lastEventAt: now });
    return [];
  }

  private put(call: Tracked): CtiEvent[] {
    this.calls.set(call.vendorCallId, call);
    return [{ type: 'callUpsert', call: this.update(call) }];
  }

  private end(call: Tracked, now: number): CtiEvent[] {
    this.calls.delete(call.vendorCallId);
    return [{ type: 'callEnded', callId: callIdOf(call.vendorCallId), endedAt: now }];
  }

  private update(call: Tracked): CallUpdate {
    return {
      id: callIdOf(call.vendorCallId),
      vendorCallId: call.vendorCallId,
      direction: call.direction,
      state: call.state,
      ...(call.transferTarget ? { transferTarget: call.transferTarget } : {}),
      remote: callerOf(call.ani, this.defaultCountry),
      startedAt: call.startedAt,
      ...(call.answeredAt === undefined ? {} : { answeredAt: call.answeredAt }),
      data: {},
      recording: 'unknown',
    };
  }
}

/** LoggedIn / LoggedOff (§2.6). A LoggedIn whose callId is "failed" is a refused login. */
export function agentEvents(event: BrokerEvent, agent: string): CtiEvent[] {
  if (!sameAddress(event.ImAddress, agent)) return [];
  if (event.eventType === 'LoggedOff') return [agentState('loggedOut')];
  if (event.eventType !== 'LoggedIn') return [];
  if (event.callId?.trim().toLowerCase() === 'failed') {
    return [
      { type: 'notice', level: 'error', message: 'Anywhere365 could not sign you in as an agent' },
      agentState('loggedOut'),
    ];
  }
  return [agentState('ready')];
}

function agentState(status: AgentState['status']): CtiEvent {
  return { type: 'agent', agent: { status } };
}
