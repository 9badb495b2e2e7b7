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
  Capabilities,
  EventSource,
  Heartbeat,
  QueuedWrite,
  VendorAdapter,
} from '../../adapter';
import { systemClock } from '../../adapter';
import { CtiError, toCtiError, type CodeLabel, type Command, type CtiEvent } from '../../model';
import { CurrentLink } from '../shared/current-link';
import { RelayLink, relaySocketUrl, type LiveFrame, type Welcome } from '../shared/relay-link';
import { agentLogin, endSession, type VendorSession } from './auth';
import { CallTracker, PortalMemory, type TrackedCall } from './calls';
import { runCommand, type CommandConfig, type CommandHost } from './commands';
import { baseUrlOf, frameOfValue, UcontactHttp } from './http';
import { loadSaved, type Saved } from './checkpoint';
import { applyWebhook, handleRelayFrame } from './webhooks';
import { PATHS, PortalMessage, toSignal, type PortalSignal } from './wire';

export const UCONTACT_CAPABILITIES: Capabilities = {
  // No answer (the softphone is in the portal), hold or transfer endpoints (§4.6).
  commands: new Set(['dial', 'hangup', 'dispose', 'setAgentState']),
  agentStates: new Set(['ready', 'notReady', 'loggedOut']),
  // DispositionCall must reach uContact, so the codes are the vendor's: uContact's tree is not
  // readable (§4.3), so the admin's `dispositions.codes` mirror it (`l1/l2/l3`, commands.ts).
  dispositions: 'vendor',
  // DispositionCall's `schedule` (§4.3), formatted in commands.ts.
  dispositionCallback: true,
  recordingControl: 'none',
};

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
    this.apply(link, toSignal(parsed.data));
    this.save(link);
  }

  // ── Portal events → model (§4.5) ──────────────────────────────────────────────────────────────

  private apply(link: Link, signal: PortalSignal): void {
    const emit = (event: CtiEvent) => link.ctx.emit(event);
    switch (signal.kind) {
      case 'ringing':
      case 'dialing': {
        const direction = signal.kind === 'ringing' ? 'inbound' : 'outbound';
        const known = this.calls.find(signal, direction);
        if (known) {
          // Our own AgentCall, or the other event API reporting the same call: learn its GUID.
          if (!known.guid && signal.guid) known.guid = signal.guid;
          if (!known.campaign && signal.campaign) known.campaign = signal.campaign;
          emit({ type: 'callUpsert', call: this.calls.update(known) });
          return;
        }
        const call = this.calls.start({ direction, state: signal.kind, ...signal });
        emit({ type: 'callUpsert', call: this.calls.update(call) });
        this.track(call.id);
        return;
      }
      case 'ended': {
        // Already ended by the relay's FinishInteraction: not another call's end.
        if (signal.guid && this.calls.wasEnded(signal.guid)) return;
        const call = this.calls.find(signal) ?? this.calls.live().at(-1);
        if (call) this.end(link, call, true);
        return;
      }
      case 'disposed':
        if (this.memory.agent.status === 'wrapUp')
          emit({ type: 'agent', agent: this.calls.agent('ready') });
        return;
      case 'loggedIn':
        emit({ type: 'agent', agent: this.calls.agent('ready') });
        return;
      case 'ignored':
        return;
    }
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
    // The token's identity (relay/protocol.ts TokenClaims.sub) must be this agent's.
    const expected = `ucontact:${link.agent}`;
    if (frame.agent !== expected) {
      link.refused = new CtiError(
        'config',
        `Your relay token is for ${frame.agent}, not for ${expected}: ask your admin`,
      );
      return;
    }
    // At sign-in, what the relay buffered before is history: the sign-in sets the agent's state.
    // A reconnect resumes after the last event handled (the checkpoint).
    if (link.ctx.firstConnect) link.cursor = Math.max(link.cursor, frame.seq);
  }

  private onRelayFrame(link: Link, frame: LiveFrame): void {
    if (link.stopped || link.refused) return;
    link.cursor = handleRelayFrame(frame, {
      cursor: link.cursor,
      firstConnect: link.ctx.firstConnect,
      agent: link.agent,
      emit: (event) => link.ctx.emit(event),
      apply: (hook) =>
        applyWebhook(
          {
            calls: this.calls,
            memory: this.memory,
            emit: (event) => link.ctx.emit(event),
            end: (call, wrapUp) => this.end(link, call, wrapUp),
            log: link.ctx.log,
          },
          hook,
        ),
    });
    if (frame.type !== 'pong') this.save(link);
  }

  /** Keeps the relay cursor and the portal memory for the next connection (checkpoint.ts). */
  private save(link: Link): void {
    if (link.stopped) return;
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

  private untrack(link: Link, callId: string): void {
    link.ctx.clock.clearTimeout(link.timers.get(callId));
    link.timers.delete(callId);
  }

  // ── Reachability ─────────────────────────────────────────────────────────────────────────────

  /**
   * The heartbeat: a read-only POST. Any answer below 500 shows the server is there (an agent
   * token may not read supervisor data: 401/403 still count); network errors and 5xx do not.
   */
  private async check(link: Link): Promise<void> {
    try {
      const { status } = await link.http.post(PATHS.queueSummary, {});
      if (status >= 500) throw new CtiError('network', `uContact answered HTTP ${status}`);
      if (link.stopped) return;
      link.failures = 0;
      link.ctx.alive();
    } catch (error) {
      if (link.stopped) return;
      link.failures += 1;
      if (link.failures >= CHECK_FAILURES_BEFORE_LOST) this.links.lost(link, toCtiError(error));
    }
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
    };
  }
}
