/**
 * The WebSocket to the Switchboard relay (relay/protocol.ts), which receives vendor webhooks for
 * us (vendors/README.md §2.2, §4.4: a browser cannot host a callback URL). Shared by the adapters
 * that read events through the relay (Anywhere365, uContact webhooks). It sends
 * `hello` with the agent's relay token and the last seq handled, resolves on `welcome`, and hands
 * every later frame to the adapter. Close 4401 or `error unauthorized` is a fatal auth error, and so
 * is close 4409 (`error replaced`): the relay keeps one socket per token, and reconnecting would
 * only push the newer connection out in turn.
 */
import type { AdapterContext } from '../../adapter';
import { CtiError } from '../../model';
import { parseBaseUrl } from './base-url';
import { refusedSocket } from './wrong-address';
import {
  CLOSE_REPLACED,
  CLOSE_UNAUTHORIZED,
  RELAY_PATH,
  ServerFrame,
} from '../../../../relay/protocol';

/** The relay closes a silent socket after HELLO_TIMEOUT_MS (10 s); we wait a little longer. */
const WELCOME_TIMEOUT_MS = 15_000;
const WS_OPEN = 1;
const MAX_FRAME_IN_ERROR = 300;

export type ParsedFrame = { ok: true; value: ServerFrame } | { ok: false; message: string };

/** One WebSocket message from the relay, validated against relay/protocol.ts. */
export function parseRelayFrame(data: unknown): ParsedFrame {
  if (typeof data !== 'string') return { ok: false, message: 'The relay sent a binary frame' };
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return { ok: false, message: 'The relay sent a frame that is not JSON' };
  }
  const parsed = ServerFrame.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = parsed.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
  return { ok: false, message: `Invalid relay frame: ${issues}` };
}

export type Welcome = Extract<ServerFrame, { type: 'welcome' }>;
export type LiveFrame = Exclude<ServerFrame, { type: 'welcome' }>;

export interface RelayHandlers {
  /** Called synchronously for the welcome, before any later frame is handled. */
  welcome(frame: Welcome): void;
  frame(frame: LiveFrame): void;
  protocolError(message: string, frame?: string): void;
  /** The socket closed after the welcome. */
  lost(error: CtiError): void;
}

/** `https://relay.example.com` → `wss://relay.example.com/v1/agent` (ws/wss kept as they are). */
export function relaySocketUrl(setting: string): URL {
  const httpish = setting.trim().replace(/^ws(s?):\/\//i, 'http$1://');
  const url = parseBaseUrl(httpish, 'Switchboard relay address');
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${RELAY_PATH}`;
  return url;
}

export class RelayLink {
  private socket: WebSocket | undefined;
  private welcomed = false;
  private closedByUs = false;
  /** Set by an `error` frame: why the relay is about to close the socket. */
  private lostReason: CtiError | undefined;

  constructor(
    private readonly ctx: AdapterContext,
    private readonly handlers: RelayHandlers,
  ) {}

  get open(): boolean {
    return this.welcomed && this.socket?.readyState === WS_OPEN;
  }

  /** Resolves with the welcome; rejects with a CtiError. */
  connect(url: URL, token: string, after: number): Promise<Welcome> {
    const { ctx } = this;
    return new Promise<Welcome>((resolve, reject) => {
      if (ctx.signal.aborted) return reject(cancelled());
      let socket: WebSocket;
      try {
        socket = new ctx.WebSocket(url.href);
      } catch (cause) {
        return reject(new CtiError('network', 'Cannot open the relay connection', { cause }));
      }
      this.socket = socket;
      let pending = true;
      const timer = ctx.clock.setTimeout(
        () => fail(new CtiError('timeout', 'The Switchboard relay did not answer in time')),
        WELCOME_TIMEOUT_MS,
      );
      const onAbort = () => {
        fail(cancelled());
        this.close();
      };
      ctx.signal.addEventListener('abort', onAbort, { once: true });
      const settle = () => {
        pending = false;
        ctx.clock.clearTimeout(timer);
      };
      const fail = (error: CtiError) => {
        if (!pending) return;
        settle();
        ctx.signal.removeEventListener('abort', onAbort);
        reject(error);
        this.close();
      };
      let opened = false;
      socket.addEventListener('open', () => {
        opened = true;
        socket.send(JSON.stringify({ type: 'hello', token, after }));
      });
      socket.addEventListener('message', (event: MessageEvent) => {
        if (this.socket !== socket) return;
        ctx.alive();
        const parsed = parseRelayFrame(event.data);
        if (!parsed.ok) {
          const text = typeof event.data === 'string' ? event.data : undefined;
          this.handlers.protocolError(parsed.message, text?.slice(0, MAX_FRAME_IN_ERROR));
          return;
        }
        const frame = parsed.value;
        if (frame.type === 'welcome') {
          if (!pending) return this.handlers.protocolError('The relay sent a second welcome');
          settle();
          this.welcomed = true;
          this.handlers.welcome(frame);
          resolve(frame);
          return;
        }
        if (frame.type === 'error') {
          const error = relayError(frame.code, frame.message);
          if (pending) return fail(error);
          this.lostReason = error;
          return;
        }
        if (pending) {
          return this.handlers.protocolError(`The relay sent ${frame.type} before its welcome`);
        }
        this.handlers.frame(frame);
      });
      socket.addEventListener('close', (event: CloseEvent) => {
        if (this.socket !== socket) return;
        this.socket = undefined;
        const error =
          event.code === CLOSE_UNAUTHORIZED || event.code === CLOSE_REPLACED
            ? ((this.lostReason?.code === 'auth' ? this.lostReason : undefined) ??
              relayError(event.code === CLOSE_REPLACED ? 'replaced' : 'unauthorized', ''))
            : (this.lostReason ??
              new CtiError('network', `The connection to the relay was lost (code ${event.code})`));
        // Refused before it opened: a sign-in asks why (shared/wrong-address.ts).
        if (pending && !opened && ctx.firstConnect) {
          void refusedSocket(ctx, url.href, 'Switchboard relay', error).then(fail);
          return;
        }
        if (pending) return fail(error);
        ctx.signal.removeEventListener('abort', onAbort);
        const wasOpen = this.welcomed && !this.closedByUs;
        this.welcomed = false;
        if (wasOpen) this.handlers.lost(error);
      });
    });
  }

  /** False when the socket is not open (the heartbeat just misses a beat). */
  send(frame: { type: 'ping' }): boolean {
    if (!this.open || !this.socket) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  /** Close without reporting a loss: the caller knows. */
  close(): void {
    const socket = this.socket;
    this.socket = undefined;
    this.closedByUs = true;
    this.welcomed = false;
    if (socket && socket.readyState <= WS_OPEN) socket.close(1000);
  }
}

type RelayErrorCode = Extract<ServerFrame, { type: 'error' }>['code'];

function relayError(code: RelayErrorCode, message: string): CtiError {
  if (code === 'unauthorized') {
    const detail = message ? `: ${message}` : '';
    return new CtiError('auth', `The relay refused your relay token${detail}`);
  }
  if (code === 'replaced') {
    return new CtiError(
      'auth',
      'Your relay token is now in use by another connection (another browser or computer). ' +
        'Sign in again to use it here.',
    );
  }
  return new CtiError(
    code === 'timeout' ? 'timeout' : 'protocol',
    `The relay closed the connection: ${message}`,
  );
}

function cancelled(): CtiError {
  return new CtiError('network', 'The relay connection was cancelled');
}
