/**
 * The broker's state: agents, calls and subscriptions, and the webhooks they cause
 * (vendors/README.md §2.5–§2.6). Webhooks go out one at a time in order, as one broker would.
 */
import { randomUUID } from 'node:crypto';
import { Recorder } from '../shared/recorder';
import { Timers } from '../shared/timers';
import type {
  Anywhere365SimOptions,
  Delivery,
  MalformedKind,
  SimCall,
  SimCallState,
  Subscription,
} from './types';

export const DEFAULT_AGENTS = ['sip:alice@example.com', 'sip:bob@example.com'];
const EVENT_TYPES = {
  LoggedIn: 0,
  LoggedOff: 1,
  Hunting: 3,
  Connected: 4,
  Disconnected: 5,
  OnHold: 6,
  Retrieve: 7,
} as const;
type EventName = keyof typeof EVENT_TYPES;

const norm = (address: string) => address.trim().replace(/^sip:/i, '').toLowerCase();
export const sameAgent = (a: string, b: string) => norm(a) === norm(b);

export class BrokerWorld {
  readonly agents: string[];
  readonly deliveries = new Recorder<Delivery>(
    (d) => `${d.url} ${JSON.stringify(d.body)} → ${d.status}`,
  );
  readonly timers = new Timers();
  readonly subs = new Map<string, Subscription>();
  readonly loggedIn = new Set<string>();
  readonly calls = new Map<string, CallImpl>();
  private queue: Promise<void> = Promise.resolve();

  constructor(readonly opts: Anywhere365SimOptions) {
    this.agents = opts.agents ?? DEFAULT_AGENTS;
  }

  knows(agent: string): string | undefined {
    return this.agents.find((a) => sameAgent(a, agent));
  }

  subscribe(imAddress: string, callbackUrl: string): Subscription {
    const sub = { id: randomUUID(), imAddress, callbackUrl };
    this.subs.set(sub.id, sub);
    return sub;
  }

  /** Posts one event to every subscription of `agent` (§2.6 payload). */
  post(
    agent: string,
    eventType: EventName,
    o: { callId?: string; ani?: string; outbound?: boolean } = {},
  ): Promise<void> {
    const names = this.opts.enumFormat === 'name';
    return this.postRaw(agent, (sub) => ({
      SubscriptionId: sub.id,
      SessionType: names ? (o.outbound ? 'Outbound' : 'Inbound') : o.outbound ? 1 : 0,
      ImAddress: agent,
      eventType: names ? eventType : EVENT_TYPES[eventType],
      callId: o.callId ?? '',
      ani: o.ani ?? '',
    }));
  }

  malformed(agent: string, kind: MalformedKind): Promise<void> {
    return this.postRaw(agent, (sub) => {
      if (kind === 'notJson') return '<html>Internal Server Error</html>';
      if (kind === 'badFields')
        return {
          SubscriptionId: sub.id,
          SessionType: 0,
          ImAddress: agent,
          eventType: 'Exploded',
          callId: 'x',
        };
      return {
        SubscriptionId: sub.id,
        SessionType: 0,
        ImAddress: agent,
        eventType: 99,
        callId: randomUUID(),
        ani: '',
      };
    });
  }

  flushed(): Promise<void> {
    return this.queue;
  }

  private postRaw(agent: string, body: (sub: Subscription) => unknown): Promise<void> {
    const targets = [...this.subs.values()].filter((s) => sameAgent(s.imAddress, agent));
    const run = async () => {
      for (const sub of targets) {
        const payload = body(sub);
        let status = 0;
        try {
          const res = await fetch(sub.callbackUrl, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: typeof payload === 'string' ? payload : JSON.stringify(payload),
          });
          await res.text().catch(() => '');
          status = res.status;
        } catch {
          status = 0;
        }
        this.deliveries.record({ url: sub.callbackUrl, body: payload, status });
      }
    };
    this.queue = this.queue.then(run, run);
    return this.queue;
  }

  newCall(agent: string, direction: 'inbound' | 'outbound', ani: string): CallImpl {
    const call = new CallImpl(this, randomUUID(), agent, direction, ani);
    this.calls.set(call.callId, call);
    return call;
  }

  reset(): void {
    this.timers.clear();
    this.subs.clear();
    this.loggedIn.clear();
    this.calls.clear();
  }
}

export class CallImpl implements SimCall {
  state: SimCallState = 'hunting';

  constructor(
    private readonly world: BrokerWorld,
    readonly callId: string,
    public agent: string,
    readonly direction: 'inbound' | 'outbound',
    readonly ani: string,
  ) {}

  offer(): Promise<void> {
    return this.emit('Hunting');
  }

  answer(): Promise<void> {
    if (this.state !== 'hunting') return Promise.resolve();
    this.state = 'connected';
    return this.emit('Connected');
  }

  hangup(): Promise<void> {
    if (this.state === 'disconnected') return Promise.resolve();
    this.state = 'disconnected';
    this.world.calls.delete(this.callId);
    return this.emit('Disconnected');
  }

  hold(): Promise<void> {
    if (this.state !== 'connected') return Promise.resolve();
    this.state = 'onHold';
    return this.emit('OnHold');
  }

  retrieve(): Promise<void> {
    if (this.state !== 'onHold') return Promise.resolve();
    this.state = 'connected';
    return this.emit('Retrieve');
  }

  /**
   * §2.6 "Additional note": OnHold for A, then Retrieve for B (or for A when it failed). With
   * `invite`, B is first offered the call (Hunting for B: the page does not say the broker posts
   * it, so it is optional here); with `refused` too, B turns it down (Disconnected for B) and A
   * takes the call back (Retrieve for A). A call A already holds (`hold()`) has had its OnHold.
   */
  async transfer(toAgent: string, o: { invite?: boolean; refused?: boolean } = {}): Promise<void> {
    if (this.state !== 'connected' && this.state !== 'onHold') return;
    const from = this.agent;
    const to = this.world.knows(toAgent) ?? toAgent;
    if (this.state === 'connected') {
      this.state = 'onHold';
      await this.emit('OnHold');
    }
    if (o.invite || o.refused) await this.emit('Hunting', to);
    if (o.refused) await this.emit('Disconnected', to);
    this.agent = o.refused ? from : to;
    this.state = 'connected';
    await this.emit('Retrieve');
  }

  private emit(
    type: 'Hunting' | 'Connected' | 'Disconnected' | 'OnHold' | 'Retrieve',
    agent = this.agent,
  ): Promise<void> {
    return this.world.post(agent, type, {
      callId: this.callId,
      ani: this.ani,
      outbound: this.direction === 'outbound',
    });
  }
}
