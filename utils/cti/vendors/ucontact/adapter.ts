/**
 * The uContact Integra adapter (vendors/README.md §4). Sign-in with agent + password
 * (`auth/AgentLogin` → md5secret → `Authorization: Basic`) or a portal API token (`Bearer`)
 * (§4.2); commands are form POSTs (§4.3); calls arrive as the agent portal's postMessage events,
 * which the portal bridge content script forwards and the session hands to `receive` (§4.4).
 * With a relay URL setting and a relay token typed at sign-in, uContact's outbound webhooks
 * (§4.4 item 3) arrive too, through the Switchboard relay (relay/protocol.ts, source
 * `ucontact`). Both paths may be active: a call's end is applied once (by GUID).
 * uContact says nothing when a call is answered: a ringing call is assumed connected after
 * `assumeConnectedMs` unless it ended first (§4.5 [INFERRED]). Sign-out ends the AgentLogin
 * token with `auth/EndSession` (§4.2, auth.ts).
 */
import type {
  AdapterContext,
  EventSource,
  Heartbeat,
  QueuedWrite,
  VendorAdapter,
} from '../../adapter';
import { systemClock } from '../../adapter';
import { UCONTACT_CAPABILITIES } from './capabilities';
import { CtiError, toCtiError, type CodeLabel, type Command } from '../../model';
import { CurrentLink } from '../shared/current-link';
import { RelayLink, relaySocketUrl, type LiveFrame, type Welcome } from '../shared/relay-link';
import { agentLogin, checkAddress, endSession, type VendorSession } from './auth';
import { offeredActions } from './actions';
import { CallTracker, PortalMemory, type TrackedCall } from './calls';
import { runCommand, type CommandHost } from './commands';
import type { CommandConfig } from './config';
import { baseUrlOf, frameOfValue, UcontactHttp } from './http';
import { loadSaved, type Saved } from './checkpoint';
import { applyPortal, type PortalHost } from './portal';
import { QueueBoard, type QueueHost } from './queue-board';
import { configuredQueues } from './queues';
import { applyWebhook, handleRelayFrame, welcomeOutcome, type WebhookHost } from './webhooks';
import { PortalMessage, toSignal } from './wire';

export { UCONTACT_CAPABILITIES } from './capabilities';

export interface UcontactConfig extends CommandConfig {
  baseUrl: string;
  agent: string;
  extension: string;
  authScheme: 'basic' | 'bearer';
  assumeConnectedMs: number;
  /** The admin's `dispositions.codes`, as uContact's disposition tree (`l1/l2/l3`). */
  resultCodes: CodeLabel[];
  /** The Switchboard relay for uContact's webhooks; empty: portal events only. */
  relayUrl?: string;
  /** The `queues` setting: campaigns to list, comma-separated; empty: all (queues.ts). */
  queues: string;
  /** The portal event field with the caller's name (wire.ts `toSignal`). */
  callerNameParam: string;
}

/** Consecutive failed reachability checks after which the connection counts as lost. */
export const CHECK_FAILURES_BEFORE_LOST = 2;

interface Link {
  ctx: AdapterContext;
  http: UcontactHttp;
  agent: string;
  extension: string;
  failures: number;
  timers: Map<string, unknown>;
  stopped: boolean;
  /** The relay connection for webhooks, when configured and a relay token was typed. */
  relay?: RelayLink;
  /** The last relay seq handled (relay/protocol.ts `after`). */
  cursor: number;
  /** Why the relay's welcome is not acceptable (a token for another agent). */
  refused?: CtiError;
  /** The AgentLogin token that sign-out ends; none with a Bearer API token. */
  session?: VendorSession;
  /** The queues and their figures (queue-board.ts). */
  board: QueueBoard;
  /** The vendor actions last reported, as JSON: reported again only when they change. */
  actions: string;
}

export class UcontactAdapter implements VendorAdapter {
  readonly id = 'ucontact' as const;
  readonly capabilities = UCONTACT_CAPABILITIES;
  readonly heartbeat: Heartbeat = {
    intervalMs: 20_000,
    missLimit: 3,
    send: () => {
      const link = this.links.value;
      if (!link) return;
      link.relay?.send({ type: 'ping' });
      void this.check(link);
    },
  };

  private readonly links = new CurrentLink<Link>('uContact', (link) => {
    link.relay?.close();
    for (const timer of link.timers.values()) link.ctx.clock.clearTimeout(timer);
    link.timers.clear();
  });
  private readonly now = (): number => (this.links.value?.ctx.clock ?? systemClock).now();
  /** What the portal and the webhooks told us; restored from the checkpoint at connect. */
  private readonly memory = new PortalMemory();
  private readonly calls: CallTracker;

  constructor(private readonly config: UcontactConfig) {
    this.calls = new CallTracker(this.memory, this.now, config.defaultCountry);
    // An unusable relay address is CtiError('config') before anything connects.
    if (config.relayUrl) relaySocketUrl(config.relayUrl);
  }

  async connect(ctx: AdapterContext): Promise<void> {
    this.links.stopCurrent();
    const base = baseUrlOf(this.config.baseUrl);
    const http = new UcontactHttp(base, { fetch: ctx.fetch, signal: ctx.signal, clock: ctx.clock });
    const typed = (ctx.credentials.agent ?? '').trim();
    const agent = this.config.agent || typed;
    let extension = this.config.extension;
    let session: VendorSession | undefined;
    if (this.config.authScheme === 'bearer') {
      const token = (ctx.credentials.token ?? '').trim();
      if (!token) throw new CtiError('auth', 'Enter your uContact API token');
      if (!agent) throw new CtiError('auth', 'Enter your uContact agent name');
      if (!extension) {
        throw new CtiError('config', 'Enter your extension: API-token sign-in cannot look it up');
      }
      http.authorization = `Bearer ${token}`;
      if (ctx.firstConnect) await checkAddress(http);
    } else {
      const password = ctx.credentials.password ?? '';
      if (!typed || !password) throw new CtiError('auth', 'Enter your uContact agent and password');
      const login = await agentLogin(http, typed, password);
      http.authorization = `Basic ${login.md5secret}`;
      session = { user: typed, token: login.md5secret };
      extension ||= login.callerid || login.name || '';
      if (!extension) throw new CtiError('config', 'uContact did not say your extension: enter it');
    }
    if (ctx.signal.aborted) throw new CtiError('network', 'The uContact connection was cancelled');
    // A reconnect or a restarted worker carries on from what the last connection knew.
    const saved = ctx.firstConnect ? undefined : await loadSaved(ctx.checkpoint);
    this.memory.adopt(`${base.href}\n${agent}`, ctx.clock.now(), saved?.memory);
    const link: Link = {
      ctx,
      http,
      agent,
      extension,
      failures: 0,
      timers: new Map(),
      stopped: false,
      cursor: saved?.seq ?? 0,
      ...(session ? { session } : {}),
      board: new QueueBoard(configuredQueues(this.config.queues)),
      actions: '',
    };
    this.links.set(link);
    ctx.signal.addEventListener('abort', () => this.links.stop(link), { once: true });
    const relayToken = (ctx.credentials.relayToken ?? '').trim();
    if (this.config.relayUrl && relayToken) {
      try {
        await this.connectRelay(link, relayToken);
      } catch (error) {
        this.links.stop(link);
        throw toCtiError(error);
      }
    }
    this.save(link);
    ctx.emit({ type: 'transport', mode: 'events' });
  }

  async resync(): Promise<void> {
    const link = this.links.require();
    // No "current calls" request exists (§4.4): what the portal reported is all there is.
    const live = this.calls.live();
    for (const call of live)
      if (call.state === 'ringing' || call.state === 'dialing') this.track(call.id);
    link.ctx.emit({ type: 'callsSnapshot', calls: live.map((c) => this.calls.update(c)) });
    link.ctx.emit({ type: 'agent', agent: this.memory.agent });
    link.ctx.emit({ type: 'lists', lists: { resultCodes: this.config.resultCodes } });
    // The configured queues at once; without any, the list waits for uContact's (just below).
    if (link.board.queues.length > 0) link.board.announce(this.queueHost(link));
    link.actions = '';
    this.publishActions(link);
    // The figures now rather than at the next heartbeat; a failure waits for that heartbeat.
    await link.board
      .poll(this.queueHost(link))
      .catch((error: unknown) => link.ctx.log.debug('queue figures not read', error));
    this.publishActions(link);
  }

  async execute(command: Command, queued?: QueuedWrite): Promise<void> {
    const link = this.links.require();
    try {
      await runCommand(command, this.host(link), queued);
    } catch (error) {
      const err = toCtiError(error, 'rejected');
      if (err.code === 'auth') this.links.lost(link, err);
      throw err;
    } finally {
      this.save(link);
    }
  }

  async disconnect(): Promise<void> {
    this.links.stopCurrent();
  }

  /**
   * Ends the AgentLogin md5secret so it stops working on the server (auth.ts). A Bearer token is
   * left alone: it is a long-lived API token the admin generated in the portal for this
   * integration, not a per-sign-in session, and ending it would break every later sign-in.
   */
  async signOut(): Promise<void> {
    const link = this.links.value;
    if (!link || link.stopped || !link.session) return;
    await endSession(link.http, link.session);
  }

  receive(source: EventSource, payload: unknown): void {
    const link = this.links.value;
    if (!link || link.stopped || source !== 'portal') return;
    // The portal's frames, checked by the background (§4.4 items 1–2).
    const parsed = PortalMessage.safeParse(payload);
    if (!parsed.success) {
      const frame = frameOfValue(payload);
      link.ctx.emit({ type: 'protocolError', message: 'Invalid uContact portal event', frame });
      return;
    }
    link.ctx.alive();
    applyPortal(this.callHost(link), toSignal(parsed.data, this.config.callerNameParam));
    this.save(link);
  }

  /** What the portal's and the webhooks' events act on (portal.ts, webhooks.ts). */
  private callHost(link: Link): PortalHost & WebhookHost {
    return {
      calls: this.calls,
      memory: this.memory,
      emit: (event) => link.ctx.emit(event),
      end: (call, wrapUp) => this.end(link, call, wrapUp),
      track: (id) => this.track(id),
      log: link.ctx.log,
    };
  }

  /** The call is over; wrap-up follows an answered call once no other call is live (§4.5). */
  private end(link: Link, call: TrackedCall, wrapUp: boolean): void {
    this.calls.set(call, 'ended');
    this.untrack(link, call.id);
    link.ctx.emit({ type: 'callEnded', callId: call.id, endedAt: call.endedAt ?? this.now() });
    if (wrapUp && this.calls.live().length === 0)
      link.ctx.emit({ type: 'agent', agent: this.calls.agent('wrapUp') });
  }

  // ── Webhooks through the relay (§4.4 item 3) → model (§4.5) ──────────────────────────────────

  private async connectRelay(link: Link, token: string): Promise<void> {
    const { ctx } = link;
    const relay = new RelayLink(ctx, {
      welcome: (frame) => this.onWelcome(link, frame),
      frame: (frame) => this.onRelayFrame(link, frame),
      protocolError: (message, frame) => {
        if (!link.stopped)
          ctx.emit({ type: 'protocolError', message, ...(frame ? { frame } : {}) });
      },
      lost: (error) => this.links.lost(link, error),
    });
    link.relay = relay;
    await relay.connect(relaySocketUrl(this.config.relayUrl ?? ''), token, link.cursor);
    if (link.refused) throw link.refused;
  }

  private onWelcome(link: Link, frame: Welcome): void {
    const outcome = welcomeOutcome(frame, link.agent, link.ctx.firstConnect, link.cursor);
    if (outcome.refused) link.refused = outcome.refused;
    else link.cursor = outcome.cursor;
  }

  private onRelayFrame(link: Link, frame: LiveFrame): void {
    if (link.stopped || link.refused) return;
    link.cursor = handleRelayFrame(frame, {
      cursor: link.cursor,
      firstConnect: link.ctx.firstConnect,
      agent: link.agent,
      emit: (event) => link.ctx.emit(event),
      apply: (hook) => applyWebhook(this.callHost(link), hook),
    });
    if (frame.type !== 'pong') this.save(link);
  }

  /**
   * After anything changed: keeps the relay cursor and the portal memory for the next connection
   * (checkpoint.ts), and reports the vendor actions the calls now offer.
   */
  private save(link: Link): void {
    if (link.stopped) return;
    this.publishActions(link);
    const value: Saved = { version: 1, seq: link.cursor, memory: this.memory.toSaved() };
    void link.ctx.checkpoint
      .set(value)
      .catch((error: unknown) => link.ctx.log.warn('checkpoint not saved', error));
  }

  /** A ringing or dialing call counts as connected after `assumeConnectedMs` (§4.5). */
  private track(callId: string): void {
    const link = this.links.value;
    if (!link || link.timers.has(callId)) return;
    const timer = link.ctx.clock.setTimeout(() => {
      link.timers.delete(callId);
      const call = this.calls.byId(callId);
      if (link.stopped || !call || (call.state !== 'ringing' && call.state !== 'dialing')) return;
      this.calls.set(call, 'connected');
      link.ctx.emit({ type: 'callUpsert', call: this.calls.update(call) });
      this.save(link);
    }, this.config.assumeConnectedMs);
    link.timers.set(callId, timer);
  }

  private publishActions(link: Link): void {
    if (link.stopped) return;
    const campaigns = this.campaigns(link);
    const actions = offeredActions(this.calls.all(), campaigns);
    const json = JSON.stringify(actions);
    if (json === link.actions) return;
    link.actions = json;
    link.ctx.emit({ type: 'vendorActions', actions });
  }

  /** What a campaign field offers: the `campaign` setting's, then the queues listed. */
  private campaigns(link: Link): string[] {
    const own = this.config.campaign ? [this.config.campaign] : [];
    return [...new Set([...own, ...link.board.queues])];
  }

  private untrack(link: Link, callId: string): void {
    link.ctx.clock.clearTimeout(link.timers.get(callId));
    link.timers.delete(callId);
  }

  // ── Reachability ─────────────────────────────────────────────────────────────────────────────

  /**
   * The heartbeat: the queue figures' read (queue-board.ts). Any answer below 500 shows the
   * server is there (an agent token may not read supervisor data: 401/403 still count); network
   * errors and 5xx do not.
   */
  private async check(link: Link): Promise<void> {
    try {
      const status = await link.board.poll(this.queueHost(link));
      if (status >= 500) throw new CtiError('network', `uContact answered HTTP ${status}`);
      if (link.stopped) return;
      link.failures = 0;
      link.ctx.alive();
      this.publishActions(link);
    } catch (error) {
      if (link.stopped) return;
      link.failures += 1;
      if (link.failures >= CHECK_FAILURES_BEFORE_LOST) this.links.lost(link, toCtiError(error));
    }
  }

  private queueHost(link: Link): QueueHost {
    return {
      http: link.http,
      emit: (event) => {
        if (!link.stopped) link.ctx.emit(event);
      },
      stopped: () => link.stopped,
    };
  }

  private host(link: Link): CommandHost {
    return {
      http: link.http,
      config: this.config,
      calls: this.calls,
      agent: link.agent,
      extension: link.extension,
      motive: { get: () => this.memory.motive, set: (m) => (this.memory.motive = m) },
      emit: (event) => {
        if (!link.stopped) link.ctx.emit(event);
      },
      track: (id) => this.track(id),
      now: this.now,
      campaigns: () => this.campaigns(link),
    };
  }
}
