/**
 * The Windstream CCS adapter (vendors/README.md §5): REST `/6/v2/api` for state and commands,
 * the `/6/v2/sock` WebSocket for events, and polling of the same REST API when the socket brings
 * no call events (§5.5). It translates and remembers; the session schedules retries, heartbeat
 * timing and resync.
 */
import { z } from 'zod';
import type { AdapterContext, Heartbeat, PastCall, TimeWindow, VendorAdapter } from '../../adapter';
import { systemClock } from '../../adapter';
import type { DirectoryEntry, QueueStats } from '../../features';
import { CtiError, type Command, type CtiEvent } from '../../model';
import { refusedSocket } from '../shared/wrong-address';
import { AgentNews, pauseReasons } from './agent';
import { CCS_CAPABILITIES } from './capabilities';
import { chooseSignIn, duringConnect, resolveIdentity, signIn } from './auth';
import type { Identity } from './identity';
import { CallTracker } from './calls';
import { dialledRecord, planCommand, recordingEvents } from './commands';
import { domainBase, socketUrl, type CcsConfig } from './config';
import { CcsDirectory } from './directory';
import { CcsFrames } from './frames';
import { searchPastCalls } from './history';
import { readLists } from './lists';
import { CallLookup } from './lookup';
import { CallPolling } from './polling';
import { QueueFigures, queueInfos, type QueueEventRow } from './queues';
import {
  readAgent,
  readCall,
  readExtensions,
  readOurCalls,
  readPresenceOptions,
  type AgentRead,
} from './reads';
import { cancelled, CcsRest } from './rest';
import { routesFor, type Routes } from './routes';
import { CcsSocket } from './socket';
import { clientFrames, DialResponse, type Acd, type CallRecord, type PresenceOption } from './wire';

export { CCS_CAPABILITIES };

/**
 * The wallboard pinged every 5 s (§5.2); §6 of DESIGN allows up to 20 s. Three silent intervals
 * end the connection, and polls count as signs of life.
 */
const HEARTBEAT = { intervalMs: 10_000, missLimit: 3 };

export class CcsAdapter implements VendorAdapter {
  readonly id = 'ccs' as const;
  readonly capabilities = CCS_CAPABILITIES;
  readonly heartbeat: Heartbeat = { ...HEARTBEAT, send: () => this.keepalive() };

  private ctx: AdapterContext | undefined;
  private socket: CcsSocket | undefined;
  private rest: CcsRest | undefined;
  private me: Identity | undefined;
  private polling: CallPolling | undefined;
  private ready = false;
  private lastFrameAt = 0;
  private presenceOptions: PresenceOption[] = [];
  /** The ACDs of the last resync: queues, queue figures, directory. */
  private acds: Acd[] = [];
  private readonly queueFigures = new QueueFigures();
  private readonly agentNews = new AgentNews();
  private readonly now = (): number => (this.ctx?.clock ?? systemClock).now();
  private readonly routes: Routes;
  private readonly calls: CallTracker;
  private readonly lookup: CallLookup;
  private readonly frames: CcsFrames;
  private readonly directory: CcsDirectory;

  constructor(private readonly config: CcsConfig) {
    this.routes = routesFor(config.routes, config.tenantId);
    this.calls = new CallTracker(this.now, config.defaultCountry);
    this.lookup = new CallLookup({
      // Also while the socket opens: its first frames may name calls.
      read: (callId) => readCall(this.restOrThrow(), this.routes, callId),
      apply: (kind, record) => this.frames.applyCall(kind, record),
      failed: (error) => this.lookupFailed(error),
    });
    this.frames = new CcsFrames({
      names: config.events,
      calls: this.calls,
      lookup: this.lookup,
      me: () => this.me,
      now: this.now,
      log: () => this.ctx?.log,
      emit: (event) => this.emit(event),
      reply: (text) => this.socket?.send(text),
      callEventSeen: () => this.polling?.callEventSeen(),
      agentEventSeen: () => this.polling?.agentEventSeen(),
      agent: (agent) => this.emitAgentRead({ agent, stats: [] }, true),
      queueRows: (rows) => this.onQueueRows(rows),
    });
    this.directory = new CcsDirectory({
      readExtensions: () => this.guarded(readExtensions(this.requireReady().rest, this.routes)),
      acds: () => this.acds,
      me: () => this.me,
      now: this.now,
    });
  }

  async connect(ctx: AdapterContext): Promise<void> {
    this.shutdown();
    this.ctx = ctx;
    const base = domainBase(this.config.domain);
    if (!this.config.tenantId.trim()) throw new CtiError('config', 'Set the CCS tenant id');
    chooseSignIn(ctx.credentials);
    if (ctx.signal.aborted) throw cancelled();

    const session = await signIn(ctx, base, this.config, ctx.credentials);
    const rest = new CcsRest({ fetch: ctx.fetch, signal: ctx.signal, base, token: session.token });
    this.rest = rest;
    const me = await duringConnect(
      resolveIdentity(rest, this.routes, this.config, session.extension),
    );
    // Before the socket opens: its first frame may already be one of our calls.
    this.me = me;
    // The token must work for REST before the socket is worth opening: a 401 here is a refused
    // sign-in, not a network blip.
    const agent = await duringConnect(this.readAgent(rest, me));
    const url = socketUrl(base);
    const socket = await CcsSocket.open(
      {
        WebSocket: ctx.WebSocket,
        clock: ctx.clock,
        signal: ctx.signal,
        ...(ctx.firstConnect
          ? { refused: (closed: CtiError) => refusedSocket(ctx, url, 'Windstream CCS', closed) }
          : {}),
      },
      url,
      session.token,
      this.config.events.subscribe,
      {
        onFrame: (data) => this.ctx === ctx && this.onFrame(data),
        onClose: (code) => this.ctx === ctx && this.onClose(code),
      },
    );
    if (this.ctx !== ctx || ctx.signal.aborted) {
      socket.close();
      throw cancelled();
    }
    this.socket = socket;
    this.ready = true;
    this.lastFrameAt = this.now();
    this.emitAgentRead(agent, true);
    this.polling = this.startPolling(ctx);
  }

  async resync(): Promise<void> {
    const { rest, me } = this.requireReady();
    const mark = this.calls.mark();
    const rows = await this.fetchOurCalls(rest, me);
    this.emit({ type: 'callsSnapshot', calls: this.calls.snapshot(rows, me, mark) });
    // Always: the session's resync promises the agent state.
    this.emitAgentRead(await this.readAgent(rest, me), true);
    // Pause reasons and queues (for redirect, §5.4): refused ones are logged, not fatal.
    const lists = await readLists(rest, this.routes, this.config.outboundQueueId, this.ctx?.log);
    if (lists.presenceOptions) this.presenceOptions = lists.presenceOptions;
    this.emit({ type: 'lists', lists: lists.lists });
    if (lists.acds) {
      this.acds = lists.acds;
      this.emit({ type: 'queues', queues: queueInfos(lists.acds) });
      this.emitQueueStats(this.queueFigures.all(lists.acds));
    }
    this.directory.forget();
  }

  async execute(command: Command): Promise<void> {
    const { rest, me } = this.requireReady();
    const needsOptions = command.type === 'setAgentState' && command.state !== 'ready';
    if (needsOptions && !this.presenceOptions.length) {
      // Resync may not have loaded them yet; without them the reason is sent as typed.
      await this.loadPresenceOptions(rest).catch(() => undefined);
    }
    const plan = planCommand(command, {
      config: this.config,
      routes: this.routes,
      calls: this.calls,
      me,
      presenceOptions: this.presenceOptions,
    });
    const answer = await this.guarded(
      rest.post(
        plan.path,
        plan.body,
        plan.then === 'dialed' ? DialResponse : z.unknown().transform(() => undefined),
      ),
    );
    if (plan.then === 'dialed') {
      if (answer) this.dialled(answer, plan.body);
      this.polling?.poke();
    } else if (plan.then === 'agentChanged') {
      // CCS said yes: read the state it now has rather than assume it.
      await this.pollAgent(true).catch((error: unknown) =>
        this.ctx?.log.debug('agent re-read failed', error),
      );
    } else {
      for (const event of recordingEvents(this.calls, plan)) this.emit(event);
      // When calls come by polling, show the hang-up or transfer without waiting for the timer.
      this.polling?.poke();
    }
  }

  /** The call search (history.ts, api-pages §4.21): for the panel's history and after an outage. */
  async pastCalls(window: TimeWindow): Promise<PastCall[]> {
    const { rest, me } = this.requireReady();
    const found = await this.guarded(
      searchPastCalls(rest, this.routes, me, window, this.config.defaultCountry),
    );
    if (found.invalid) {
      const message = `Windstream CCS found ${found.invalid} call(s) without a call_id`;
      this.emit({ type: 'protocolError', message });
    }
    return found.calls;
  }

  /** The extensions and queues (directory.ts, api-pages §4.6, §4.8). */
  async searchDirectory(term: string, limit: number): Promise<DirectoryEntry[]> {
    this.requireReady();
    return this.directory.search(term, limit);
  }

  async disconnect(): Promise<void> {
    this.shutdown();
  }

  // ── Socket ────────────────────────────────────────────────────────────────────────────────────

  private onFrame(data: unknown): void {
    this.ctx?.alive();
    this.lastFrameAt = this.now();
    this.frames.handle(data);
  }

  /** Inbound queue figures (queues.ts) of the ACDs we listed. */
  private onQueueRows(rows: QueueEventRow[]): void {
    this.emitQueueStats(this.queueFigures.add(rows, this.acds));
  }

  private emitQueueStats(stats: Record<string, QueueStats>): void {
    if (Object.keys(stats).length) this.emit({ type: 'queueStats', stats });
  }

  private onClose(code: number): void {
    this.socket = undefined;
    if (!this.ready) return;
    this.stopLink();
    this.emit({
      type: 'connectionLost',
      error: new CtiError('network', `The connection to Windstream CCS was lost (code ${code})`),
    });
  }

  /** §5.2 text ping; with no frame for a whole interval, a REST read proves the link instead. */
  private keepalive(): void {
    if (!this.ready || !this.socket) return;
    this.socket.send(clientFrames.ping());
    if (this.now() - this.lastFrameAt >= HEARTBEAT.intervalMs) {
      this.pollAgent().catch((error: unknown) => {
        if (error instanceof CtiError && error.code === 'auth') this.lost(error);
      });
    }
  }

  // ── Polling ───────────────────────────────────────────────────────────────────────────────────

  private startPolling(ctx: AdapterContext): CallPolling {
    const polling = new CallPolling({
      clock: ctx.clock,
      signal: ctx.signal,
      panelOpen: () => ctx.panelOpen(),
      hasLiveCall: () => this.calls.hasLive(),
      missedByEvents: (polls) => this.calls.missedByEvents(polls),
      pollCalls: () => this.pollCalls(),
      pollAgent: () => this.pollAgent(),
      emit: (event) => this.ctx === ctx && this.emit(event),
      lost: (error) => this.ctx === ctx && this.lost(error),
    });
    polling.start();
    return polling;
  }

  private async pollCalls(): Promise<void> {
    const { rest, me } = this.requireReady();
    const mark = this.calls.mark();
    const rows = await this.fetchOurCalls(rest, me);
    for (const event of this.calls.applyList(rows, me, mark)) this.emit(event);
    this.ctx?.alive();
  }

  /** `always`: emit even an unchanged state (the agent just asked for it). */
  private async pollAgent(always = false): Promise<void> {
    const { rest, me } = this.requireReady();
    // Polls repeat the same state: only a change is news.
    this.emitAgentRead(await this.readAgent(rest, me), always);
    this.ctx?.alive();
  }

  /** The polls or a command met a dead link: stop and let the session reconnect or give up. */
  private lost(error: CtiError): void {
    if (!this.ready) return;
    this.stopLink();
    this.socket?.close();
    this.socket = undefined;
    const reported =
      error.code === 'auth'
        ? new CtiError(
            'auth',
            `Windstream CCS no longer accepts your sign-in. Sign in again. (${error.message})`,
            { cause: error },
          )
        : error;
    this.emit({ type: 'connectionLost', error: reported });
  }

  /** A request the agent made: a token CCS no longer takes ends the connection. */
  private async guarded<T>(request: Promise<T>): Promise<T> {
    try {
      return await request;
    } catch (error) {
      if (error instanceof CtiError && error.code === 'auth') this.lost(error);
      throw error;
    }
  }

  private lookupFailed(error: CtiError): void {
    if (error.code === 'protocol') this.emit({ type: 'protocolError', message: error.message });
    else if (error.code === 'auth') this.lost(error);
    else this.ctx?.log.debug('CCS call lookup failed', error.message);
  }

  // ── REST reads ────────────────────────────────────────────────────────────────────────────────

  private readAgent(rest: CcsRest, me: Identity) {
    return readAgent(rest, this.routes, me, this.now);
  }

  private async fetchOurCalls(rest: CcsRest, me: Identity): Promise<CallRecord[]> {
    const { calls, invalid } = await readOurCalls(rest, this.routes, me);
    if (invalid) {
      const message = `Windstream CCS listed ${invalid} call(s) without a call_id`;
      this.emit({ type: 'protocolError', message });
    }
    return calls;
  }

  private async loadPresenceOptions(rest: CcsRest): Promise<void> {
    this.presenceOptions = await readPresenceOptions(rest, this.routes);
    this.emit({ type: 'lists', lists: { pauseReasons: pauseReasons(this.presenceOptions) } });
  }

  // ── Helpers ───────────────────────────────────────────────────────────────────────────────────

  /** A dial answer that names the new call: show it at once, as dialling (§4.28). */
  private dialled(callId: string, body: object): void {
    const record = this.me && dialledRecord(callId, body, this.me);
    if (!record || !this.me) return;
    for (const event of this.calls.applyEvent('dialing', record, this.me)) this.emit(event);
  }

  private requireReady(): { rest: CcsRest; me: Identity } {
    if (!this.ready || !this.rest || !this.me)
      throw new CtiError('network', 'Not connected to Windstream CCS');
    return { rest: this.rest, me: this.me };
  }

  private restOrThrow(): CcsRest {
    if (!this.rest) throw new CtiError('network', 'Not connected to Windstream CCS');
    return this.rest;
  }

  private stopLink(): void {
    this.ready = false;
    this.polling?.stop();
    this.polling = undefined;
    this.lookup.clear();
  }

  private shutdown(): void {
    this.stopLink();
    this.socket?.close();
    this.socket = undefined;
  }

  private emitAgentRead(read: AgentRead, always: boolean): void {
    for (const event of this.agentNews.events(read, always)) this.emit(event);
  }

  private emit(event: CtiEvent): void {
    this.ctx?.emit(event);
  }
}
