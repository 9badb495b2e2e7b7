/**
 * The MaxContact Telephony Data Services adapter (vendors/README.md §3): a token from the token
 * service, `Cookie: TokenKey=` on every request through the background's header rule (fetch
 * cannot set Cookie, §6), and a `getcalls` poll as the only source of calls (§3.2). It polls
 * faster while a call is live or the panel is open, signs in again once when the token is
 * refused, and reports the connection lost after a few failed polls in a row; the session does
 * the rest (backoff, resync).
 */
import type { AdapterContext, Capabilities, Heartbeat, VendorAdapter } from '../../adapter';
import { systemClock } from '../../adapter';
import { CtiError, type Command, type CtiEvent } from '../../model';
import { CurrentLink } from '../shared/current-link';
import { AgentTracker, PAUSE_REASONS } from './agent';
import { CallTracker } from './calls';
import { runCommand, type CommandHost, type MaxContactCommandConfig } from './commands';
import { baseUrlOf, failureOf, MaxContactHttp } from './http';
import { createLink, request, signIn, type Link } from './link';
import { CallList, ResultCodeList, telephony, type ResultCode } from './wire';

export const MAXCONTACT_CAPABILITIES: Capabilities = {
  commands: new Set([
    'dial',
    'hangup',
    'hold',
    'resume',
    'attendedTransfer',
    'completeTransfer',
    'cancelTransfer',
    'pauseRecording',
    'resumeRecording',
    'dispose',
    'setAgentState',
  ]),
  agentStates: new Set(['ready', 'notReady', 'loggedOut']),
  dispositions: 'vendor',
  // `dispose?resultcode` takes no call-back time (§3.4).
  dispositionCallback: false,
  recordingControl: 'all',
};

export interface MaxContactConfig extends MaxContactCommandConfig {
  baseUrl: string;
  /** Empty: the sign-in login, which must then be the numeric UserID (§3.4 "UserID: int"). */
  userId: string;
  pollIntervalMs: number;
  idlePollIntervalMs: number;
}

/** A blip is retried at the fast interval; this many failed polls in a row lose the connection. */
export const POLL_FAILURES_BEFORE_LOST = 3;
/** The session's watchdog: a poll is forced each interval, two without an answer end the link. */
const HEARTBEAT = { intervalMs: 15_000, missLimit: 2 };

export class MaxContactAdapter implements VendorAdapter {
  readonly id = 'maxcontact' as const;
  readonly capabilities = MAXCONTACT_CAPABILITIES;
  readonly heartbeat: Heartbeat = {
    ...HEARTBEAT,
    send: () => {
      const link = this.links.value;
      if (link && this.ready) void this.poll(link);
    },
  };

  private readonly links = new CurrentLink<Link>('MaxContact', (link, current) => {
    link.ctx.clock.clearTimeout(link.timer);
    link.timer = undefined;
    if (current) this.ready = false;
  });
  private ready = false;
  private userId = '';
  private codes: ResultCode[] = [];
  private issued = 0;
  private applied = 0;
  private snapshots = 0;
  private readonly now = (): number => (this.links.value?.ctx.clock ?? systemClock).now();
  private readonly calls: CallTracker;
  private agent = new AgentTracker(this.now);

  constructor(private readonly config: MaxContactConfig) {
    this.calls = new CallTracker(this.now, config.defaultCountry, Date.now().toString(36));
  }

  async connect(ctx: AdapterContext): Promise<void> {
    this.links.stopCurrent();
    const base = baseUrlOf(this.config.baseUrl);
    const { username = '', password = '' } = ctx.credentials;
    if (!username.trim() || !password) {
      throw new CtiError('auth', 'Enter your MaxContact username and password');
    }
    this.userId = userIdOf(this.config.userId, username);
    const http = new MaxContactHttp(base, {
      fetch: ctx.fetch,
      signal: ctx.signal,
      clock: ctx.clock,
    });
    const link = createLink(ctx, http, username.trim(), password);
    this.links.set(link);
    try {
      await signIn(link);
      // A wrong user id or a token the platform does not take fails here, not at the first poll.
      await request(link, telephony.getcalls(this.userId), CallList);
      await this.loadResultCodes(link);
    } catch (error) {
      this.links.stop(link);
      throw failureOf(error).error;
    }
    if (link.stopped || ctx.signal.aborted) {
      throw new CtiError('network', 'The MaxContact connection was cancelled');
    }
    ctx.signal.addEventListener('abort', () => this.links.stop(link), { once: true });
    this.ready = true;
    link.ctx.emit({ type: 'lists', lists: { pauseReasons: PAUSE_REASONS } });
    this.schedule(link);
  }

  async resync(): Promise<void> {
    const link = this.requireLink();
    const seq = ++this.issued;
    const list = await request(link, telephony.getcalls(this.userId), CallList).catch(
      (error: unknown) => {
        throw failureOf(error).error;
      },
    );
    if (this.links.value !== link) return;
    // A reconnection's first answer: listed calls were most likely under way before it.
    const first = link.ctx.firstConnect || this.snapshots > 0 ? 'ringing' : 'connected';
    this.snapshots += 1;
    if (seq > this.applied) {
      this.applied = seq;
      this.calls.apply(list, seq, first);
    }
    const calls = this.calls.live().map((c) => this.calls.update(c));
    link.ctx.emit({ type: 'callsSnapshot', calls });
    link.ctx.emit({ type: 'agent', agent: this.agent.report(calls.length > 0) });
    link.ctx.emit({ type: 'lists', lists: { resultCodes: this.agentCodes() } });
    this.announceInterval(link);
  }

  async execute(command: Command): Promise<void> {
    const link = this.requireLink();
    try {
      await runCommand(command, this.host(link));
    } catch (error) {
      const { error: err } = failureOf(error);
      if (err.code === 'auth') this.links.lost(link, err);
      throw err;
    } finally {
      // A call may have started or ended: pick the interval that fits now.
      if (this.links.value === link) this.schedule(link);
    }
  }

  async disconnect(): Promise<void> {
    this.links.stopCurrent();
  }

  // ── Result codes ──────────────────────────────────────────────────────────────────────────────

  private async loadResultCodes(link: Link): Promise<void> {
    try {
      this.codes = await request(link, telephony.resultcodes(this.userId), ResultCodeList);
    } catch (error) {
      const { error: err, frame } = failureOf(error);
      if (err.code !== 'rejected' && err.code !== 'protocol') throw error;
      // Calls still work without them; dispositions wait for the next connection.
      if (err.code === 'protocol')
        link.ctx.emit({ type: 'protocolError', message: err.message, frame });
      link.ctx.emit({
        type: 'notice',
        level: 'warning',
        message: `Could not load the MaxContact result codes: ${err.message}`,
      });
    }
  }

  /** Result codes an agent may choose (§3.4 "Result Code": agent-viewable, not system codes). */
  private agentCodes() {
    return this.codes
      .filter((c) => c.IsAgentViewable !== false && c.IsSystemResultCode !== true)
      .map((c) => ({ code: c.Code, label: c.Description ?? c.Code }));
  }

  // ── Polling ───────────────────────────────────────────────────────────────────────────────────

  /** Fast while anything may change soon, slow otherwise (§3.6). */
  private interval(link: Link): number {
    let panelOpen = false;
    try {
      panelOpen = link.ctx.panelOpen();
    } catch {
      // A view that cannot say is a view we treat as closed.
    }
    const busy = this.calls.live().length > 0 || this.calls.expectingDial || link.failures > 0;
    return busy || panelOpen ? this.config.pollIntervalMs : this.config.idlePollIntervalMs;
  }

  /**
   * The timer ticks at the fast interval and polls when the current interval has passed, so that
   * opening the panel or a new call speeds polling up within one fast interval.
   */
  private schedule(link: Link): void {
    if (link.stopped) return;
    link.ctx.clock.clearTimeout(link.timer);
    link.timer = link.ctx.clock.setTimeout(() => {
      link.timer = undefined;
      const due = link.ctx.clock.now() - link.lastPollAt >= this.interval(link);
      void (due ? this.poll(link) : Promise.resolve()).then(() => this.schedule(link));
    }, this.config.pollIntervalMs);
  }

  private announceInterval(link: Link): void {
    const intervalMs = this.interval(link);
    if (link.shownInterval === intervalMs) return;
    link.shownInterval = intervalMs;
    link.ctx.emit({ type: 'transport', mode: 'polling', intervalMs });
  }

  private async poll(link: Link): Promise<void> {
    if (link.polling || link.stopped) return;
    link.polling = true;
    link.lastPollAt = link.ctx.clock.now();
    const seq = ++this.issued;
    try {
      const list = await request(link, telephony.getcalls(this.userId), CallList);
      if (link.stopped) return;
      link.failures = 0;
      link.ctx.alive();
      if (seq > this.applied) {
        this.applied = seq;
        this.applyPoll(link, list, seq);
      }
    } catch (error) {
      if (link.stopped) return;
      const { error: err, frame } = failureOf(error);
      if (err.code === 'auth') return this.links.lost(link, err);
      if (err.code === 'protocol')
        link.ctx.emit({ type: 'protocolError', message: err.message, frame });
      link.failures += 1;
      if (link.failures >= POLL_FAILURES_BEFORE_LOST) this.links.lost(link, err);
    } finally {
      link.polling = false;
      if (!link.stopped) this.announceInterval(link);
    }
  }

  private applyPoll(link: Link, list: Parameters<CallTracker['apply']>[0], seq: number): void {
    const { changed, ended, arrived } = this.calls.apply(list, seq, 'ringing');
    const emit = (event: CtiEvent) => link.ctx.emit(event);
    for (const call of ended) emit({ type: 'callEnded', callId: call.id, endedAt: this.now() });
    for (const call of changed) emit({ type: 'callUpsert', call });
    // [INFERRED] §3.6: the dialler connects only ready agents; a call that ends leaves wrap-up.
    const agent =
      arrived.length > 0
        ? this.agent.infer('ready')
        : ended.some((c) => !c.bridged) && this.calls.live().length === 0
          ? this.agent.infer('wrapUp')
          : undefined;
    if (agent) emit({ type: 'agent', agent });
  }

  // ── Helpers ───────────────────────────────────────────────────────────────────────────────────

  private host(link: Link): CommandHost {
    return {
      userId: this.userId,
      config: this.config,
      calls: this.calls,
      agent: this.agent,
      seq: () => this.issued,
      request: (req, schema) => request(link, req, schema),
      resultCodes: () => this.codes,
      emit: (event) => {
        if (!link.stopped) link.ctx.emit(event);
      },
      now: this.now,
    };
  }

  private requireLink(): Link {
    if (!this.ready) throw new CtiError('network', 'Not connected to MaxContact');
    return this.links.require();
  }
}

/** The numeric UserID every method names (§3.4): the setting, else the sign-in login. */
function userIdOf(setting: string, login: string): string {
  const id = setting.trim() || login.trim();
  if (!/^\d+$/.test(id)) {
    throw new CtiError(
      'config',
      `MaxContact identifies agents by a numeric user ID and "${id}" is not one: enter yours in "MaxContact user ID"`,
    );
  }
  return id;
}
