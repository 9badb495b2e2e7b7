/**
 * The MaxContact Telephony Data Services adapter (vendors/README.md §3): a token from the token
 * service, `Cookie: TokenKey=` on every request through the background's header rule (fetch
 * cannot set Cookie, §6), and a `getcalls` poll as the only source of calls (§3.2). It polls
 * faster while a call is live or the panel is open, signs in again once when the token is
 * refused, and reports the connection lost after a few failed polls in a row; the session does
 * the rest (backoff, resync). Beyond the call in hand: the `users` directory (transfer to a
 * colleague), the ACD queues, and the lead of the call (its phones, and changing it) as vendor
 * actions.
 */
import type { AdapterContext, Capabilities, Heartbeat, VendorAdapter } from '../../adapter';
import type { z } from 'zod';
import { systemClock } from '../../adapter';
import type { DirectoryEntry } from '../../features';
import { CtiError, type Command, type CtiEvent } from '../../model';
import { CurrentLink } from '../shared/current-link';
import { AgentTracker, PAUSE_REASONS } from './agent';
import { CallTracker } from './calls';
import { Catalog } from './catalog';
import { runCommand, type CommandHost, type MaxContactCommandConfig } from './commands';
import { UserDirectory } from './directory';
import { baseUrlOf, failureOf, MaxContactHttp } from './http';
import { LeadBook } from './leads';
import { createLink, request, signIn, type Link } from './link';
import { CallList, telephony, type TelephonyRequest } from './wire';

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
    // To a MaxContact user from the directory: "Transfer To User" (transfer.ts).
    'blindTransfer',
    // The call's lead: change lead phone, save as a new lead (leads.ts).
    'vendorAction',
  ]),
  agentStates: new Set(['ready', 'notReady', 'loggedOut']),
  dispositions: 'vendor',
  // `dispose?resultcode` takes no call-back time (§3.4).
  dispositionCallback: false,
  recordingControl: 'all',
  // `users` (directory.ts), `acdqueues` (catalog.ts), lead fields in the call data (leads.ts).
  // No queue figures: the ACD queue's stats objects are not described (§3.4).
  features: new Set(['directory', 'queues', 'callData']),
  pauseReasons: 'vendor',
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
  private readonly catalog = new Catalog(() => this.userId);
  private issued = 0;
  private applied = 0;
  private snapshots = 0;
  private readonly now = (): number => (this.links.value?.ctx.clock ?? systemClock).now();
  private readonly calls: CallTracker;
  private agent = new AgentTracker(this.now);
  /** The call's lead and the users directory: they need the connection's user and link. */
  private tools: { leads: LeadBook; directory: UserDirectory } | undefined;
  /** The vendor actions last offered (JSON), so an unchanged list is not sent again. */
  private shownActions = '[]';

  constructor(private readonly config: MaxContactConfig) {
    const leadData = (leadId: string) => this.tools?.leads.dataOf(leadId) ?? {};
    this.calls = new CallTracker(
      this.now,
      config.defaultCountry,
      Date.now().toString(36),
      leadData,
    );
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
    this.tools = {
      leads: new LeadBook(this.base(link)),
      directory: new UserDirectory(this.base(link)),
    };
    try {
      await signIn(link);
      // A wrong user id or a token the platform does not take fails here, not at the first poll.
      await request(link, telephony.getcalls(this.userId), CallList);
      await this.catalog.loadResultCodes(link);
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
    link.ctx.emit({ type: 'lists', lists: { resultCodes: this.catalog.agentCodes() } });
    this.announceInterval(link);
    // Everything above is what resync promises; the queues and leads follow as they arrive.
    this.shownActions = '';
    this.syncLeads(link);
    await this.catalog.loadQueues(link);
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
      if (this.links.value === link) {
        this.schedule(link);
        this.syncLeads(link);
      }
    }
  }

  /** MaxContact users whose name or UserID matches: transfer targets (directory.ts). */
  async searchDirectory(term: string, limit: number): Promise<DirectoryEntry[]> {
    this.requireLink();
    try {
      return await this.requireTools().directory.search(term, limit);
    } catch (error) {
      throw failureOf(error).error;
    }
  }

  async disconnect(): Promise<void> {
    this.links.stopCurrent();
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
    if (changed.length > 0 || ended.length > 0) this.syncLeads(link);
    // [INFERRED] §3.6: the dialler connects only ready agents; a call that ends leaves wrap-up.
    const agent =
      arrived.length > 0
        ? this.agent.infer('ready')
        : ended.some((c) => !c.bridged) && this.calls.live().length === 0
          ? this.agent.infer('wrapUp')
          : undefined;
    if (agent) emit({ type: 'agent', agent });
  }

  // ── The call's lead ──────────────────────────────────────────────────────────────────────────

  /**
   * Offers the lead actions of the live calls, and reads the phones of leads not known yet; when
   * they arrive, the calls' data and the actions follow.
   */
  private syncLeads(link: Link): void {
    const leads = this.tools?.leads;
    if (!leads || link.stopped) return;
    this.offerActions(link, leads);
    void leads.load(this.calls.live()).then((arrived) => {
      if (!arrived || link.stopped || this.links.value !== link) return;
      for (const call of this.calls.refreshed()) link.ctx.emit({ type: 'callUpsert', call });
      this.offerActions(link, leads);
    });
  }

  private offerActions(link: Link, leads: LeadBook): void {
    const actions = leads.actions(this.calls.live());
    const json = JSON.stringify(actions);
    if (json === this.shownActions) return;
    this.shownActions = json;
    link.ctx.emit({ type: 'vendorActions', actions });
  }

  // ── Helpers ───────────────────────────────────────────────────────────────────────────────────

  private host(link: Link): CommandHost {
    return {
      ...this.base(link),
      ...this.requireTools(),
      agent: this.agent,
      seq: () => this.issued,
      resultCodes: () => this.catalog.codes,
    };
  }

  /** This connection as the command, lead and directory modules use it. */
  private base(link: Link) {
    const emit = (event: CtiEvent) => {
      if (!link.stopped) link.ctx.emit(event);
    };
    return {
      userId: this.userId,
      config: this.config,
      calls: this.calls,
      now: this.now,
      emit,
      request: <S extends z.ZodType>(req: TelephonyRequest, schema: S) =>
        request(link, req, schema),
      protocolError: (message: string) => emit({ type: 'protocolError', message }),
    };
  }

  private requireTools(): { leads: LeadBook; directory: UserDirectory } {
    if (!this.tools) throw new CtiError('network', 'Not connected to MaxContact');
    return this.tools;
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
