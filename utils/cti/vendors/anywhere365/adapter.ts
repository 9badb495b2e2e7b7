/**
 * The Anywhere365 CTI Broker adapter (vendors/README.md §2): commands go to the broker's REST API
 * (§2.4), events arrive as the broker's webhooks forwarded by the Switchboard relay
 * (relay/protocol.ts). The broker cannot list current calls, so the adapter keeps what it knows
 * (the relay cursor, the live calls, the agent state) in the session's checkpoint and rebuilds
 * from the relay's replay after a reconnect or a worker restart.
 */
import type { AdapterContext, Capabilities, Heartbeat, VendorAdapter } from '../../adapter';
import { systemClock } from '../../adapter';
import { CtiError, type Command, type CtiEvent } from '../../model';
import { toE164ByLibphonenumber } from '../../../phone/format';
import { BrokerClient, type SubscribeKeys } from './broker';
import { agentEvents, CallTracker } from './calls';
import { loadCheckpoint, type Saved } from './checkpoint';
import { RelayLink, relaySocketUrl, type LiveFrame, type Welcome } from '../shared/relay-link';
import { parseBrokerEvent, sameAddress, sipAddress, type CommandName } from './wire';

export const ANYWHERE365_CAPABILITIES: Capabilities = {
  // §2.8: sign-in, sign-out and dial only; answer, hangup, hold and transfer are events only.
  commands: new Set(['dial', 'setAgentState']),
  agentStates: new Set(['ready', 'loggedOut']),
  // The broker has no disposition command (§2.8): codes come from the admin's policy.
  dispositions: 'policy',
  dispositionCallback: false,
  recordingControl: 'none',
};

/**
 * A relay ping every 15 s keeps the MV3 worker alive (DESIGN.md: at most every 20 s); the broker
 * HeartBeat goes every other beat, i.e. every 30 s while the agent is logged in (§2.4 [UNKNOWN]).
 */
export const HEARTBEAT = { intervalMs: 15_000, missLimit: 3, brokerEvery: 2 };
/** How long resync waits for the relay's replay before answering with what it has. */
const REPLAY_WAIT_MS = 10_000;

export interface Anywhere365Config {
  brokerUrl: string;
  relayUrl: string;
  imAddress: string;
  callbackUrl: string;
  subscribeKeys: SubscribeKeys;
  defaultCountry: string | undefined;
  /** Read other agents' Connected / Hunting / Disconnected on our calls (settings.ts). */
  inferTransfers: boolean;
}

export class Anywhere365Adapter implements VendorAdapter {
  readonly id = 'anywhere365' as const;
  readonly capabilities = ANYWHERE365_CAPABILITIES;
  readonly heartbeat: Heartbeat = {
    intervalMs: HEARTBEAT.intervalMs,
    missLimit: HEARTBEAT.missLimit,
    send: () => this.beat(),
  };

  private ctx: AdapterContext | undefined;
  private link: RelayLink | undefined;
  private broker: BrokerClient | undefined;
  private agent: string | undefined;
  private agentStatus: Saved['agent'];
  private subscriptionId: string | undefined;
  /** The last relay seq handled (relay/protocol.ts `after`). */
  private cursor = 0;
  /** The relay's seq at welcome: events up to it are the replay. */
  private replayUntil = 0;
  private replayDone: (() => void) | undefined;
  private replayed: Promise<void> = Promise.resolve();
  private beats = 0;
  private heartbeatWarned = false;
  private readonly now = (): number => (this.ctx?.clock ?? systemClock).now();
  private readonly calls: CallTracker;

  constructor(private readonly config: Anywhere365Config) {
    this.calls = new CallTracker(this.now, config.defaultCountry, config.inferTransfers);
    // Unusable addresses are CtiError('config') before anything connects.
    new BrokerClient(config.brokerUrl, undefined);
    relaySocketUrl(config.relayUrl);
  }

  async connect(ctx: AdapterContext): Promise<void> {
    this.link?.close();
    this.ctx = ctx;
    const token = ctx.credentials.relayToken?.trim();
    if (!token) throw new CtiError('auth', 'Enter your relay token');
    this.broker = new BrokerClient(
      this.config.brokerUrl,
      ctx.credentials.brokerAuthorization?.trim() || undefined,
    );
    const saved = ctx.firstConnect ? undefined : await loadCheckpoint(ctx.checkpoint);
    this.cursor = saved?.seq ?? 0;
    this.calls.restore(saved?.calls ?? []);
    this.agentStatus = saved?.agent;
    this.subscriptionId = saved?.subscriptionId;
    this.agent = undefined;

    const link = new RelayLink(ctx, {
      welcome: (frame) => this.onWelcome(frame),
      frame: (frame) => this.onFrame(frame),
      protocolError: (message, frame) =>
        this.emit({ type: 'protocolError', message, ...(frame ? { frame } : {}) }),
      lost: (error) => this.emit({ type: 'connectionLost', error }),
    });
    this.link = link;
    await link.connect(relaySocketUrl(this.config.relayUrl), token, this.cursor);
    const identity = this.agent ?? '';
    this.agent = sipAddress(this.config.imAddress || identity);
    if (this.config.imAddress && !sameAddress(this.config.imAddress, identity)) {
      link.close();
      throw new CtiError(
        'config',
        `Your relay token is for ${identity}, not for ${this.config.imAddress}: ask your admin`,
      );
    }
    this.emit({ type: 'transport', mode: 'events' });
    await this.subscribe(ctx);
    if (ctx.firstConnect) {
      // Signing in to Switchboard signs the agent in to the UCC (§2.4 AgentLogin); reconnects do
      // not, so a logout the agent chose since stays.
      await this.command('AgentLogin').catch((error: unknown) =>
        this.emit({ type: 'notice', level: 'error', message: messageOf(error) }),
      );
    }
    this.save();
  }

  async resync(): Promise<void> {
    this.requireReady();
    await this.waitForReplay();
    for (const event of this.calls.prune()) this.emit(event);
    this.emit({ type: 'callsSnapshot', calls: this.calls.snapshot() });
    this.emit({ type: 'agent', agent: { status: this.agentStatus ?? 'loggedOut' } });
    this.save();
  }

  async execute(command: Command): Promise<void> {
    this.requireReady();
    switch (command.type) {
      case 'dial': {
        // §2.4: E.164 with the tel: scheme, nothing else.
        const e164 = toE164ByLibphonenumber(command.number, this.config.defaultCountry);
        if (!e164)
          throw new CtiError(
            'rejected',
            `${command.number} is not a phone number Anywhere365 can dial`,
          );
        return this.command('Dial', `tel:${e164}`);
      }
      case 'setAgentState':
        if (command.state === 'ready') return this.command('AgentLogin');
        if (command.state === 'loggedOut') return this.command('AgentLogout');
        throw new CtiError('unsupported', 'Anywhere365 has no “not ready” state');
      default:
        throw new CtiError('unsupported', `Anywhere365 cannot do “${command.type}”`);
    }
  }

  async disconnect(): Promise<void> {
    // The broker subscription stays: events keep reaching the relay's buffer for the next connect.
    this.link?.close();
    this.link = undefined;
    this.replayDone?.();
  }

  // ── Relay frames ──────────────────────────────────────────────────────────────────────────────

  private onWelcome(frame: Welcome): void {
    // The token's identity (relay/protocol.ts TokenClaims.sub); connect() checks it against
    // the settings before any command goes out.
    this.agent = frame.agent;
    this.replayUntil = frame.seq;
    this.replayed = new Promise<void>((resolve) => {
      this.replayDone = resolve;
    });
    this.checkReplay();
  }

  private onFrame(frame: LiveFrame): void {
    switch (frame.type) {
      case 'gap':
        // relay/protocol.ts: after a gap the cursor becomes gap.to (a restarted relay: 0).
        this.cursor = frame.to;
        this.emit({
          type: 'notice',
          level: 'warning',
          message:
            'Some phone events were lost while Switchboard was disconnected: the calls shown may be out of date',
        });
        break;
      case 'event':
        if (frame.seq <= this.cursor) return; // Already handled (a replay after a reconnect).
        this.cursor = frame.seq;
        if (frame.source === 'anywhere365') this.onBrokerEvent(frame.payload, frame.at);
        else
          this.emit({ type: 'protocolError', message: `The relay sent a ${frame.source} event` });
        break;
      case 'pong':
        return;
    }
    this.checkReplay();
    this.save();
  }

  private onBrokerEvent(payload: unknown, at: number): void {
    const parsed = parseBrokerEvent(payload);
    if (!parsed.ok) {
      this.emit({ type: 'protocolError', message: parsed.message, frame: preview(payload) });
      return;
    }
    const agent = this.agent ?? '';
    const event = parsed.value;
    const events: CtiEvent[] =
      event.eventType === 'LoggedIn' || event.eventType === 'LoggedOff'
        ? agentEvents(event, agent)
        : this.calls.apply(event, agent, at);
    for (const e of events) {
      if (e.type === 'agent') this.agentStatus = e.agent.status === 'ready' ? 'ready' : 'loggedOut';
      this.emit(e);
    }
  }

  private checkReplay(): void {
    if (this.cursor >= this.replayUntil) this.replayDone?.();
  }

  private waitForReplay(): Promise<void> {
    const ctx = this.ctx;
    if (!ctx) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = ctx.clock.setTimeout(resolve, REPLAY_WAIT_MS);
      void this.replayed.then(() => {
        ctx.clock.clearTimeout(timer);
        resolve();
      });
    });
  }

  // ── Broker ────────────────────────────────────────────────────────────────────────────────────

  /**
   * With a callback URL set, subscribe the agent on every connect (a broker restart forgets
   * subscriptions, §2.5), then drop the previous subscription. Duplicate deliveries in between
   * are harmless: the relay de-duplicates and every event is idempotent here.
   */
  private async subscribe(ctx: AdapterContext): Promise<void> {
    const { callbackUrl, subscribeKeys } = this.config;
    if (!callbackUrl || !this.broker || !this.agent) return;
    const deps = { fetch: ctx.fetch, signal: ctx.signal };
    const id = await this.broker.subscribe(deps, subscribeKeys, this.agent, callbackUrl);
    const previous = this.subscriptionId;
    this.subscriptionId = id;
    if (previous && previous !== id) {
      await this.broker
        .unsubscribe(deps, previous)
        .catch((error: unknown) => ctx.log.warn('could not remove an old subscription', error));
    }
  }

  private async command(name: CommandName, number?: string): Promise<void> {
    const ctx = this.ctx;
    if (!ctx || !this.broker || !this.agent)
      throw new CtiError('network', 'Not connected to Anywhere365');
    await this.broker.command({ fetch: ctx.fetch, signal: ctx.signal }, this.agent, name, number);
  }

  /** Heartbeat: relay ping (the answer is the sign of life), broker HeartBeat, stale-call pruning. */
  private beat(): void {
    if (!this.link?.send({ type: 'ping' })) return;
    this.beats += 1;
    if (this.agentStatus === 'ready' && this.beats % HEARTBEAT.brokerEvery === 0) {
      this.command('HeartBeat').then(
        () => {
          this.heartbeatWarned = false;
        },
        (error: unknown) => {
          this.ctx?.log.warn('broker heartbeat failed', error);
          if (this.heartbeatWarned) return;
          this.heartbeatWarned = true;
          this.emit({ type: 'notice', level: 'warning', message: messageOf(error) });
        },
      );
    }
    const pruned = this.calls.prune();
    for (const event of pruned) this.emit(event);
    if (pruned.length) this.save();
  }

  // ── Helpers ───────────────────────────────────────────────────────────────────────────────────

  private save(): void {
    const ctx = this.ctx;
    if (!ctx || !this.link) return;
    const value: Saved = {
      version: 1,
      seq: this.cursor,
      calls: this.calls.save(),
      ...(this.agentStatus ? { agent: this.agentStatus } : {}),
      ...(this.subscriptionId ? { subscriptionId: this.subscriptionId } : {}),
    };
    void ctx.checkpoint
      .set(value)
      .catch((error: unknown) => ctx.log.warn('checkpoint not saved', error));
  }

  private requireReady(): void {
    if (!this.link?.open || !this.agent)
      throw new CtiError('network', 'Not connected to Anywhere365');
  }

  private emit(event: CtiEvent): void {
    this.ctx?.emit(event);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function preview(payload: unknown): string | undefined {
  try {
    return JSON.stringify(payload)?.slice(0, 300);
  } catch {
    return undefined;
  }
}
