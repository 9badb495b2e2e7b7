/**
 * The calls and agent state uContact told us about (vendors/README.md §4.5). uContact has no
 * "current calls" request, so what the portal and the webhooks reported is all there is: the
 * adapter keeps this `PortalMemory` in `AdapterContext.checkpoint` (checkpoint.ts), and the fresh
 * adapter of a reconnect or a restarted worker starts from it, so that its resync still lists the
 * call under way. It holds one identity (server + agent) at a time.
 */
import { z } from 'zod';
import { toE164AsDialed } from '../../../phone/format';
import { queueName } from './queues';
import {
  AgentState,
  CallDirection,
  CallState,
  type AgentStatus,
  type CallUpdate,
} from '../../model';

export const TrackedCall = z.object({
  id: z.string(),
  vendorCallId: z.string(),
  /** The platform's GUID, when known (AgentCall's answer, a portal frame's `guid`). */
  guid: z.string().optional(),
  direction: CallDirection,
  state: CallState,
  /**
   * The customer's number as uContact knows it: as the portal reported it, or as AgentCall
   * dialled it (DispositionCall's `callerid`, TagRecord's `phone`).
   */
  number: z.string(),
  /** The number in E.164 when known better than `number` says (the number the agent dialled). */
  e164: z.string().optional(),
  /** The caller's name, when a portal event carried one (wire.ts `callerNameParam`). */
  name: z.string().optional(),
  /** The raw campaign name, suffix included ("Support<-"): what the API takes. */
  campaign: z.string().optional(),
  startedAt: z.number(),
  answeredAt: z.number().optional(),
  endedAt: z.number().optional(),
});
export type TrackedCall = z.infer<typeof TrackedCall>;

/** `PortalMemory` as the checkpoint stores it. */
export const SavedMemory = z.object({
  identity: z.string(),
  calls: z.array(TrackedCall).max(50),
  agent: AgentState,
  motive: z.string(),
  endedGuids: z.array(z.string()).max(50),
  synthetic: z.number().int().min(0),
});
export type SavedMemory = z.infer<typeof SavedMemory>;

export class PortalMemory {
  identity = '';
  calls: TrackedCall[] = [];
  agent: AgentState = { status: 'ready' };
  /** The motive of the last break, which AgentUnBreak names (§4.3). */
  motive = '';
  /**
   * GUIDs of calls that ended lately: the portal and the relay's FinishInteraction may both
   * report one end, and the second must not end another call (or open another wrap-up).
   */
  endedGuids: string[] = [];
  private seq = 0;

  /**
   * Takes up `saved` when it is this identity's (server + agent); starts afresh otherwise, as
   * after a sign-in or a change of the server or agent settings.
   */
  adopt(identity: string, now: number, saved?: SavedMemory): void {
    this.identity = identity;
    if (saved && saved.identity === identity) {
      this.calls = saved.calls;
      this.agent = saved.agent;
      this.motive = saved.motive;
      this.endedGuids = saved.endedGuids;
      this.seq = saved.synthetic;
      return;
    }
    this.calls = [];
    this.agent = { status: 'ready', since: now };
    this.motive = '';
    this.endedGuids = [];
    this.seq = 0;
  }

  toSaved(): SavedMemory {
    return {
      identity: this.identity,
      calls: this.calls,
      agent: this.agent,
      motive: this.motive,
      endedGuids: this.endedGuids,
      synthetic: this.seq,
    };
  }

  nextSyntheticId(now: number): string {
    this.seq += 1;
    return `portal-${now.toString(36)}-${this.seq}`;
  }
}

const MAX_ENDED_GUIDS = 50;

const digits = (s: string | undefined) => (s ?? '').replace(/\D/g, '');

export class CallTracker {
  constructor(
    private readonly memory: PortalMemory,
    private readonly now: () => number,
    private readonly defaultCountry: string | undefined,
  ) {}

  live(): TrackedCall[] {
    return this.memory.calls.filter((c) => c.state !== 'ended');
  }

  /** The live calls and the ended ones kept until the next call starts. */
  all(): readonly TrackedCall[] {
    return this.memory.calls;
  }

  byId(id: string): TrackedCall | undefined {
    return this.memory.calls.find((c) => c.id === id);
  }

  /** The live call a frame is about: same GUID, else same number, else (ended) the latest. */
  find(o: { guid?: string; number?: string }, direction?: CallDirection): TrackedCall | undefined {
    const live = this.live().filter((c) => !direction || c.direction === direction);
    if (o.guid) {
      const byGuid = live.find((c) => c.guid === o.guid);
      if (byGuid) return byGuid;
    }
    const number = digits(o.number);
    if (number) {
      const byNumber = live.find((c) => digits(c.number).endsWith(number.slice(-7)));
      if (byNumber) return byNumber;
    }
    return undefined;
  }

  start(o: {
    direction: CallDirection;
    state: 'ringing' | 'dialing';
    number?: string;
    e164?: string;
    name?: string;
    guid?: string;
    campaign?: string;
  }): TrackedCall {
    const now = this.now();
    const vendorCallId = o.guid || this.memory.nextSyntheticId(now);
    const call: TrackedCall = {
      id: `uc-${vendorCallId}`,
      vendorCallId,
      direction: o.direction,
      state: o.state,
      number: o.number ?? '',
      startedAt: now,
      ...(o.e164 ? { e164: o.e164 } : {}),
      ...(o.name ? { name: o.name } : {}),
      ...(o.guid ? { guid: o.guid } : {}),
      ...(o.campaign ? { campaign: o.campaign } : {}),
    };
    // Ended calls stay only until the next call: the store keeps what awaits a disposition.
    this.memory.calls = [...this.live(), call];
    return call;
  }

  set(call: TrackedCall, state: CallState): void {
    call.state = state;
    const now = this.now();
    if (state === 'connected' && call.answeredAt === undefined) call.answeredAt = now;
    if (state === 'ended' && call.endedAt === undefined) call.endedAt = now;
    if (state === 'ended' && call.guid && !this.wasEnded(call.guid)) {
      this.memory.endedGuids = [...this.memory.endedGuids, call.guid].slice(-MAX_ENDED_GUIDS);
    }
  }

  /** Whether the call with this GUID already ended (reported by the portal or the relay). */
  wasEnded(guid: string): boolean {
    return this.memory.endedGuids.includes(guid);
  }

  update(call: TrackedCall): CallUpdate {
    const e164 =
      call.e164 ??
      // The dialer's numbers come back as it dials them (`dialFormat` digits: "33123456789").
      (call.number ? toE164AsDialed(call.number, this.defaultCountry) : undefined);
    const data: Record<string, string> = {};
    if (call.guid) data.guid = call.guid;
    if (call.campaign) data.campaign = call.campaign;
    return {
      id: call.id,
      vendorCallId: call.vendorCallId,
      direction: call.direction,
      state: call.state,
      remote: {
        raw: call.number,
        ...(e164 ? { e164 } : {}),
        ...(call.name ? { name: call.name } : {}),
      },
      // The agent reads the campaign without its direction suffix; `data.campaign` keeps it.
      ...(call.campaign ? { queue: queueName(call.campaign) } : {}),
      startedAt: call.startedAt,
      ...(call.answeredAt !== undefined ? { answeredAt: call.answeredAt } : {}),
      ...(call.endedAt !== undefined ? { endedAt: call.endedAt } : {}),
      data,
    };
  }

  agent(status: AgentStatus, reason?: string): AgentState {
    const current = this.memory.agent;
    if (current.status !== status || current.reason !== reason) {
      this.memory.agent = { status, since: this.now(), ...(reason ? { reason } : {}) };
    }
    return this.memory.agent;
  }
}
