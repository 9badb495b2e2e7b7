/**
 * The XiVO xuc adapter (vendors/README.md §1): REST login for a token, then one WebSocket that
 * carries JSON commands and events. It translates and remembers; the session schedules (retries,
 * heartbeat timing, resync). One adapter serves one connection: the token that the next
 * connection may offer again is kept in `ctx.checkpoint` (auth.ts).
 */
import type { AdapterContext, Heartbeat, PastCall, TimeWindow, VendorAdapter } from '../../adapter';
import { systemClock } from '../../adapter';
import type { DirectoryEntry } from '../../features';
import { CtiError, type Command, type CtiEvent } from '../../model';
import { refusedSocket } from '../shared/wrong-address';
import { AgentTracker, agentLoginStep, errorNotice } from './agent';
import {
  ctiSocketUrl,
  forgetToken,
  loadToken,
  login,
  saveToken,
  serverBase,
  sessionRefusal,
  type Token,
} from './auth';
import { CallTracker, failureNotice } from './calls';
import { isFeatureCommand, XIVO_CAPABILITIES } from './capabilities';
import { planCommand, type XivoConfig } from './commands';
import { XivoFeatures } from './features';
import { readPastCalls } from './past-calls';
import { Requests } from './requests';
import { clientFrames, parseFrame, type ClientFrame, type InboundMessage } from './wire';

export { XIVO_CAPABILITIES } from './capabilities';

/** cti.js pings every 5 s and gives up after 3 silent intervals (§1.5). */
const HEARTBEAT = { intervalMs: 5000, missLimit: 3 };
/** xuc gives up on its side after 10 s (`XUC_CTI_LOGGED_ON_TIMEOUT`, §1.4); we wait a little longer. */
const HANDSHAKE_TIMEOUT_MS = 15_000;
/** Assumed (the page gives no figure): how long xuc may take to answer a request (settings.ts). */
const DEFAULT_ANSWER_TIMEOUT_S = 10;
const WS_OPEN = 1;
const MAX_FRAME_IN_ERROR = 300;

interface Pending {
  resolve(): void;
  reject(error: CtiError): void;
}

export class XivoAdapter implements VendorAdapter {
  readonly id = 'xivo' as const;
  readonly capabilities = XIVO_CAPABILITIES;
  readonly heartbeat: Heartbeat = {
    ...HEARTBEAT,
    send: () => this.sendIfReady(clientFrames.ping()),
  };

  private ctx: AdapterContext | undefined;
  private socket: WebSocket | undefined;
  private ready = false;
  private handshake: Pending | undefined;
  /** Why the current socket is going away, when we know better than its close code. */
  private lostReason: CtiError | undefined;
  private phoneNumber: string | undefined;
  /** Log the agent in on the sign-in phone once per sign-in, not on every reconnect. */
  private agentLoginWanted = false;
  private readonly now = (): number => (this.ctx?.clock ?? systemClock).now();
  private readonly calls: CallTracker;
  private agent = new AgentTracker(this.now);
  /** Requests whose answer is a later event (requests.ts). */
  private readonly requests: Requests;
  private readonly features: XivoFeatures;

  constructor(private readonly config: XivoConfig) {
    this.calls = new CallTracker(this.now, config.defaultCountry);
    const timeoutS = config.answerTimeoutS ?? DEFAULT_ANSWER_TIMEOUT_S;
    this.requests = new Requests(() => this.ctx?.clock ?? systemClock, timeoutS * 1000);
    this.features = new XivoFeatures({
      emit: (event) => this.emit(event),
      send: (frame) => this.send(frame),
      requests: this.requests,
      calls: this.calls,
      agentId: () => (this.agent.known ? this.agent.agentId : undefined),
      agentKnown: () => this.agent.known,
      now: this.now,
      timeZone: config.historyTimeZone ?? '',
      queuePenalty: config.queuePenalty ?? 0,
    });
  }

  async connect(ctx: AdapterContext): Promise<void> {
    this.closeSocket();
    this.ctx = ctx;
    const base = serverBase(this.config.server);
    const { username, password, phoneNumber } = ctx.credentials;
    if (!username || !password) throw new CtiError('auth', 'Enter your XiVO username and password');
    this.phoneNumber = phoneNumber || undefined;
    // Log the agent in on the sign-in phone after a sign-in only: a reconnect must not undo a
    // logout the agent chose since.
    this.agentLoginWanted = ctx.firstConnect;
    if (ctx.signal.aborted) throw cancelled();

    // A reconnect offers the token of the connection before, while it lasts (§1.3).
    const cached = ctx.firstConnect ? undefined : await loadToken(ctx.checkpoint, this.now());
    const deps = { fetch: ctx.fetch, signal: ctx.signal, now: this.now };
    const fresh = async (): Promise<Token> => {
      const token = await login(deps, base, username, password);
      await saveToken(ctx.checkpoint, token, ctx.log);
      return token;
    };
    try {
      await this.openSession(ctx, base, cached ?? (await fresh()));
    } catch (error) {
      // A token xuc no longer accepts (expired, server restarted) is not a sign-in failure:
      // log in again once with the stored credentials (§1.3 "re-login on TokenExpired").
      if (!cached || !(error instanceof CtiError) || error.code !== 'auth') throw error;
      await this.openSession(ctx, base, await fresh());
    }
  }

  async resync(): Promise<void> {
    this.requireReady();
    this.send(clientFrames.getCurrentCallsPhoneEvents());
    // The handshake pushes our AgentStateEvent; after a reconnect we ask again. Supervisors get
    // every agent's state back: the tracker keeps ours only.
    if (this.agent.agentId !== undefined) this.send(clientFrames.getAgentStates());
  }

  async execute(command: Command): Promise<void> {
    this.requireReady();
    if (isFeatureCommand(command.type)) return this.features.execute(command);
    const plan = planCommand(command, {
      config: this.config,
      calls: this.calls,
      agent: this.agent,
      phoneNumber: this.phoneNumber,
      queue: (id) => this.features.queues.queue(id),
      mobileNumber: this.features.presence.mobileNumber,
    });
    for (const frame of plan.frames) this.send(frame);
    for (const event of plan.after?.() ?? []) this.emit(event);
  }

  /** Directory search and favourites (directory.ts), with the conference rooms. */
  async searchDirectory(term: string, limit: number): Promise<DirectoryEntry[]> {
    this.requireReady();
    return this.features.search(term, limit);
  }

  async disconnect(): Promise<void> {
    this.closeSocket();
  }

  /** api-pages "Call History" (history.ts), for outages and the panel's history ('history'). */
  async pastCalls(_window: TimeWindow): Promise<PastCall[]> {
    this.requireReady();
    return readPastCalls({
      requests: this.requests,
      send: (frame) => this.send(frame),
      agentHistory: this.config.historySource === 'agent',
      phoneNumber: this.phoneNumber,
      timeZone: this.config.historyTimeZone ?? '',
      defaultCountry: this.config.defaultCountry,
    });
  }

  // ── Transport ─────────────────────────────────────────────────────────────────────────────────

  private openSession(ctx: AdapterContext, base: URL, token: Token): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      // An abort during the REST login fired before our listener below existed.
      if (ctx.signal.aborted) {
        reject(cancelled());
        return;
      }
      let socket: WebSocket;
      const url = ctiSocketUrl(base, token.value);
      try {
        socket = new ctx.WebSocket(url);
      } catch (cause) {
        reject(new CtiError('network', 'Cannot open the XiVO connection', { cause }));
        return;
      }
      this.socket = socket;
      this.ready = false;
      this.lostReason = undefined;
      const timer = ctx.clock.setTimeout(() => {
        this.failHandshake(new CtiError('timeout', 'XiVO did not open the session in time'));
      }, HANDSHAKE_TIMEOUT_MS);
      const onAbort = () => this.failHandshake(cancelled());
      ctx.signal.addEventListener('abort', onAbort, { once: true });
      const settled = () => {
        ctx.clock.clearTimeout(timer);
        ctx.signal.removeEventListener('abort', onAbort);
        this.handshake = undefined;
      };
      this.handshake = {
        resolve: () => {
          settled();
          resolve();
        },
        reject: (error) => {
          settled();
          reject(error);
        },
      };
      ctx.signal.addEventListener('abort', () => this.socket === socket && this.closeSocket(), {
        once: true,
      });
      socket.addEventListener('message', (event: MessageEvent) => {
        if (this.socket === socket) this.onFrame(event.data);
      });
      // A socket that closes without ever opening was refused: a sign-in asks why (onClose).
      let opened = false;
      socket.addEventListener('open', () => void (opened = true));
      socket.addEventListener('close', (event: CloseEvent) => {
        if (this.socket === socket) this.onClose(event.code, opened ? undefined : url);
      });
    });
  }

  private failHandshake(error: CtiError): void {
    // Reject first: closeSocket() would otherwise settle the handshake with a vaguer error.
    this.handshake?.reject(error);
    this.closeSocket();
  }

  /** Close without reporting connectionLost: the caller knows. */
  private closeSocket(): void {
    const socket = this.socket;
    this.socket = undefined;
    this.ready = false;
    const closed = new CtiError('network', 'The XiVO connection was closed');
    this.handshake?.reject(closed);
    this.requests.failAll(closed);
    if (socket && socket.readyState <= WS_OPEN) socket.close(1000);
  }

  /** `refusedUrl`: the socket never opened (its address, for the sign-in's probe). */
  private onClose(code: number, refusedUrl?: string): void {
    this.socket = undefined;
    this.requests.failAll(
      new CtiError('network', `The connection to XiVO was lost (code ${code})`),
    );
    const handshake = this.handshake;
    if (handshake) {
      const closed = new CtiError(
        'network',
        `XiVO closed the connection before the session was ready (code ${code})`,
      );
      const ctx = this.ctx;
      if (!refusedUrl || !ctx?.firstConnect) return handshake.reject(closed);
      void refusedSocket(ctx, refusedUrl, 'XiVO', closed).then((error) => handshake.reject(error));
      return;
    }
    if (!this.ready) return;
    this.ready = false;
    this.emit({
      type: 'connectionLost',
      error:
        this.lostReason ??
        new CtiError('network', `The connection to XiVO was lost (code ${code})`),
    });
  }

  private onFrame(data: unknown): void {
    this.ctx?.alive();
    if (typeof data !== 'string') {
      this.emit({ type: 'protocolError', message: 'XiVO sent a binary frame' });
      return;
    }
    const parsed = parseFrame(data);
    if (parsed.kind === 'invalid') {
      this.emit({
        type: 'protocolError',
        message: parsed.message,
        frame: data.slice(0, MAX_FRAME_IN_ERROR),
      });
    } else if (parsed.kind === 'message') {
      this.onMessage(parsed.message);
      // After the books took the frame in, so an answered request sees the state it changed.
      this.requests.offer(parsed.message);
    }
  }

  // ── Frames ────────────────────────────────────────────────────────────────────────────────────

  private onMessage(message: InboundMessage): void {
    if (this.features.onMessage(message)) return;
    switch (message.msgType) {
      case 'LoggedOn':
        if (this.handshake) {
          this.ready = true;
          this.handshake.resolve();
          // Every call event arrives on this socket (§1.7): there is nothing to poll.
          this.emit({ type: 'transport', mode: 'events' });
          this.maybeLogAgentIn();
        }
        return;
      case 'LoggedOnError':
        return this.onLoggedOnError(message.payload.Error);
      case 'PhoneEvent':
        for (const event of this.calls.applyPhoneEvent(message.payload)) this.emit(event);
        for (const event of failureNotice(message.payload)) this.emit(event);
        return;
      case 'CurrentCallsPhoneEvents':
        this.emit({
          type: 'callsSnapshot',
          calls: this.calls.applySnapshot(message.payload.events),
        });
        // The calls first; then queues, callbacks and the rest (features.ts).
        this.features.snapshotReceived();
        return;
      case 'AgentStateEvent': {
        const state = this.agent.apply(message.payload);
        if (state) this.emit({ type: 'agent', agent: state });
        const monitor = message.payload.monitorState;
        if (state && message.payload.name === 'AgentOnCall' && monitor) {
          for (const event of this.calls.applyMonitorState(monitor)) this.emit(event);
        }
        return;
      }
      case 'UserConfigUpdate':
        return this.onUserConfig(message.payload.agentId ?? undefined);
      case 'Error':
      case 'AgentError':
        if (message.payload.Error === 'TokenExpired') {
          // The socket may live on; the next connect() must not offer this token again.
          this.forgetToken();
          return;
        }
        this.emit({
          type: 'notice',
          level: 'error',
          message: errorNotice(message.payload, this.phoneNumber),
        });
        return;
    }
  }

  /** generic.html (§1.4): loggedOnFailed / loggedOnTimeout, then xuc closes the socket. */
  private onLoggedOnError(code: string): void {
    if (this.handshake) return this.failHandshake(sessionRefusal(code));
    // After ready, the token is dead: the next connect() logs in again with the stored credentials.
    this.forgetToken();
    this.lostReason = new CtiError('network', `XiVO ended the session (${code}); signing in again`);
    this.socket?.close(1000);
  }

  private onUserConfig(agentId: number | undefined): void {
    const ours = agentId && agentId > 0 ? agentId : undefined;
    if (this.agent.known && this.agent.agentId === ours) return;
    const early = this.agent.setAgentId(ours);
    if (ours === undefined) {
      this.emit({ type: 'agent', agent: this.agent.set({ status: 'loggedOut' }) });
    } else if (early) {
      const state = this.agent.apply(early);
      if (state) this.emit({ type: 'agent', agent: state });
    }
    this.features.agentKnown();
    this.maybeLogAgentIn();
  }

  /** The agent login of a sign-in (agent.ts `agentLoginStep`), once LoggedOn and our agent are known. */
  private maybeLogAgentIn(): void {
    if (!this.ready || !this.agentLoginWanted || !this.agent.known) return;
    this.agentLoginWanted = false;
    const step = agentLoginStep(this.agent.agentId, this.phoneNumber);
    if (step?.kind === 'frame') this.send(step.frame);
    else if (step) this.emit(step.event);
  }

  // ── Helpers ───────────────────────────────────────────────────────────────────────────────────

  private forgetToken(): void {
    if (this.ctx) void forgetToken(this.ctx.checkpoint, this.ctx.log);
  }

  private requireReady(): void {
    if (!this.ready || !this.socket) throw new CtiError('network', 'Not connected to XiVO');
  }

  private send(frame: ClientFrame): void {
    if (!this.socket || this.socket.readyState !== WS_OPEN)
      throw new CtiError('network', 'Not connected to XiVO');
    this.socket.send(JSON.stringify(frame));
  }

  private sendIfReady(frame: ClientFrame): void {
    if (this.ready && this.socket?.readyState === WS_OPEN) this.socket.send(JSON.stringify(frame));
  }

  private emit(event: CtiEvent): void {
    this.ctx?.emit(event);
  }
}

function cancelled(): CtiError {
  return new CtiError('network', 'The XiVO connection was cancelled');
}
