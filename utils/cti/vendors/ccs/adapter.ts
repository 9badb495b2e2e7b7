/**
 * The Windstream CCS adapter (vendors/README.md §5): REST `/6/v2/api` for state and commands,
 * the `/6/v2/sock` WebSocket for events, and polling of the same REST API when the socket brings
 * no call events (§5.5). It translates and remembers; the session schedules retries, heartbeat
 * timing and resync.
 */
import { z } from 'zod';
import type { AdapterContext, Capabilities, Heartbeat, VendorAdapter } from '../../adapter';
import { systemClock } from '../../adapter';
import { CtiError, type AgentState, type Command, type CtiEvent } from '../../model';
import { agentStateOf, pauseReasons } from './agent';
import { chooseSignIn, resolveIdentity, signIn, type Identity } from './auth';
import { belongsTo, CallTracker } from './calls';
import { planCommand, recordingEvents } from './commands';
import { domainBase, socketUrl, type CcsConfig } from './config';
import { parseSocketFrame } from './events';
import { readLists } from './lists';
import { CallPolling } from './polling';
import { cancelled, CcsRest } from './rest';
import { CcsSocket } from './socket';
import { readAgent, readOurCalls, readPresenceOptions } from './reads';
import {
  CallRecord,
  clientFrames,
  DialResponse,
  type AgentEventPayload,
  type PresenceOption,
} from './wire';

export const CCS_CAPABILITIES: Capabilities = {
  // No answer, hold, attended transfer, DTMF or disposition request exists (§5.7); redirect to
  // an ACD is `wait_redirect` (§5.4).
  commands: new Set([
    'dial',
    'hangup',
    'blindTransfer',
    'redirectToQueue',
    'pauseRecording',
    'resumeRecording',
    'setAgentState',
  ]),
  agentStates: new Set(['ready', 'notReady', 'loggedOut']),
  // No CCS disposition command: codes, if any, come from the admin's policy.
  dispositions: 'policy',
  dispositionCallback: false,
  // start/stopSuppression names any call (api-pages §4.22).
  recordingControl: 'all',
};

/**
 * The wallboard pinged every 5 s (§5.2); §6 of DESIGN allows up to 20 s. Three silent intervals
 * end the connection, and polls count as signs of life.
 */
const HEARTBEAT = { intervalMs: 10_000, missLimit: 3 };
const MAX_FRAME_IN_ERROR = 300;

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
  private lastAgent = '';
  /** Frame types we met and do not map, logged once each to help admins name the events. */
  private readonly unmapped = new Set<string>();
  private readonly now = (): number => (this.ctx?.clock ?? systemClock).now();
  private readonly calls: CallTracker;

  constructor(private readonly config: CcsConfig) {
    this.calls = new CallTracker(this.now, config.defaultCountry);
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
    const me = await duringConnect(resolveIdentity(rest, this.config, session.extension));
    // Before the socket opens: its first frame may already be one of our calls.
    this.me = me;
    // The token must work for REST before the socket is worth opening: a 401 here is a refused
    // sign-in, not a network blip.
    const agent = await duringConnect(this.readAgent(rest, me));
    const socket = await CcsSocket.open(
      { WebSocket: ctx.WebSocket, clock: ctx.clock, signal: ctx.signal },
      socketUrl(base),
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
    this.rest = rest;
    this.socket = socket;
    this.ready = true;
    this.lastFrameAt = this.now();
    if (agent) this.emitAgent(agent, true);
    this.polling = this.startPolling(ctx);
  }

  async resync(): Promise<void> {
    const { rest, me } = this.requireReady();
    const mark = this.calls.mark();
    const rows = await this.fetchOurCalls(rest, me);
    this.emit({ type: 'callsSnapshot', calls: this.calls.snapshot(rows, me, mark) });
    const agent = await this.readAgent(rest, me);
    // Always: the session's resync promises the agent state.
    if (agent) this.emitAgent(agent, true);
    // Pause reasons and queues (for redirect, §5.4): refused ones are logged, not fatal.
    const lists = await readLists(rest, this.config, this.ctx?.log);
    if (lists.presenceOptions) this.presenceOptions = lists.presenceOptions;
    this.emit({ type: 'lists', lists: lists.lists });
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
      calls: this.calls,
      me,
      presenceOptions: this.presenceOptions,
    });
    let answer: string | undefined;
    try {
      answer = await rest.post(
        plan.path,
        plan.body,
        plan.then === 'dialed' ? DialResponse : z.unknown().transform(() => undefined),
      );
    } catch (error) {
      if (error instanceof CtiError && error.code === 'auth') this.lost(error);
      throw error;
    }
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

  async disconnect(): Promise<void> {
    this.shutdown();
  }

  // ── Socket ────────────────────────────────────────────────────────────────────────────────────

  private onFrame(data: unknown): void {
    this.ctx?.alive();
    this.lastFrameAt = this.now();
    if (typeof data !== 'string') {
      this.emit({ type: 'protocolError', message: 'Windstream CCS sent a binary frame' });
      return;
    }
    const message = parseSocketFrame(data, this.config.events);
    const me = this.me;
    switch (message.kind) {
      case 'keepalive':
        if (message.reply) this.socket?.send(message.reply);
        return;
      case 'invalid':
        this.emit({
          type: 'protocolError',
          message: message.message,
          frame: data.slice(0, MAX_FRAME_IN_ERROR),
        });
        return;
      case 'call':
        if (message.invalid) this.invalidEvent(message.name, data);
        if (!me) return;
        for (const record of message.records) {
          if (!belongsTo(record, me, true)) continue;
          this.polling?.callEventSeen();
          for (const event of this.calls.applyEvent(message.event, record, me)) this.emit(event);
        }
        return;
      case 'agent':
        if (message.invalid) this.invalidEvent(message.name, data);
        for (const payload of message.payloads) this.onAgentEvent(payload);
        return;
      case 'failure':
        this.emit({
          type: 'notice',
          level: 'warning',
          message: `Windstream CCS: ${message.reason}`,
        });
        return;
      case 'ignored':
        if (message.name && !this.unmapped.has(message.name) && this.unmapped.size < 50) {
          this.unmapped.add(message.name);
          this.ctx?.log.info('CCS event not mapped to any event setting', message.name);
        }
        return;
    }
  }

  private onAgentEvent(payload: AgentEventPayload): void {
    const me = this.me;
    if (!me) return;
    // Dashboard-style events list every agent (§5.2): only ours count.
    const ours = payload.uuid
      ? payload.uuid === me.uuid
      : !payload.extension || payload.extension === me.number;
    if (!ours) return;
    this.polling?.agentEventSeen();
    const agent = agentStateOf(payload.state);
    if (agent) this.emitAgent(agent, true);
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
    const agent = await this.readAgent(rest, me);
    // Polls repeat the same state: only a change is news.
    if (agent) this.emitAgent(agent, always);
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

  // ── REST reads ────────────────────────────────────────────────────────────────────────────────

  private readAgent(rest: CcsRest, me: Identity) {
    return readAgent(rest, this.config.tenantId, me);
  }

  private async fetchOurCalls(rest: CcsRest, me: Identity): Promise<CallRecord[]> {
    const { calls, invalid } = await readOurCalls(rest, me);
    if (invalid) {
      const message = `Windstream CCS listed ${invalid} call(s) without a call_id`;
      this.emit({ type: 'protocolError', message });
    }
    return calls;
  }

  private async loadPresenceOptions(rest: CcsRest): Promise<void> {
    this.presenceOptions = await readPresenceOptions(rest, this.config.tenantId);
    this.emit({ type: 'lists', lists: { pauseReasons: pauseReasons(this.presenceOptions) } });
  }

  // ── Helpers ───────────────────────────────────────────────────────────────────────────────────

  /** A dial answer that names the new call: show it at once, as dialling (§4.28). */
  private dialled(callId: string, body: object): void {
    const me = this.me;
    if (!me) return;
    const target = (body as { target?: string }).target;
    const record = CallRecord.safeParse({
      call_id: callId,
      direction: 'outbound',
      calling_number: me.number,
      called_number: target,
    });
    if (!record.success) return;
    for (const event of this.calls.applyEvent('dialing', record.data, me)) this.emit(event);
  }

  private invalidEvent(name: string, data: string): void {
    this.emit({
      type: 'protocolError',
      message: `Invalid ${name} event from Windstream CCS`,
      frame: data.slice(0, MAX_FRAME_IN_ERROR),
    });
  }

  private requireReady(): { rest: CcsRest; me: Identity } {
    if (!this.ready || !this.rest || !this.me)
      throw new CtiError('network', 'Not connected to Windstream CCS');
    return { rest: this.rest, me: this.me };
  }

  private stopLink(): void {
    this.ready = false;
    this.polling?.stop();
    this.polling = undefined;
  }

  private shutdown(): void {
    this.stopLink();
    this.socket?.close();
    this.socket = undefined;
  }

  private emitAgent(agent: Omit<AgentState, 'since'>, always: boolean): void {
    const key = `${agent.status}\n${agent.reason ?? ''}`;
    if (!always && key === this.lastAgent) return;
    this.lastAgent = key;
    this.emit({ type: 'agent', agent });
  }

  private emit(event: CtiEvent): void {
    this.ctx?.emit(event);
  }
}

/** During connect a refusal (bad tenant or extension, missing permission) is for the admin. */
async function duringConnect<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof CtiError && error.code === 'rejected') {
      throw new CtiError('config', error.message, { cause: error });
    }
    throw error;
  }
}
