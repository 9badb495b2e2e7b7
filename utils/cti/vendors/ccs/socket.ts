/**
 * The CCS event socket `…/6/v2/sock` (vendors/README.md §5.2). The first frame must be
 * `{"request":"connect","token":…}` or the server closes the socket; what it answers when the
 * token is good is [UNKNOWN]. So after `connect` (and the event subscriptions) we send the
 * plain-text `ping` the /6/sock wallboard used: the first frame back of any kind proves the
 * socket was accepted. A server that neither acknowledges nor answers pings is taken at its
 * word once the socket has stayed open for a short grace period, since it closes a socket it
 * refuses right away.
 */
import type { Clock } from '../../adapter';
import { CtiError } from '../../model';
import { cancelled } from './rest';
import { clientFrames } from './wire';

const HANDSHAKE_TIMEOUT_MS = 10_000;
const ACCEPT_GRACE_MS = 3_000;
const WS_OPEN = 1;

export interface SocketDeps {
  WebSocket: typeof WebSocket;
  clock: Clock;
  signal: AbortSignal;
  /**
   * Why a socket that never opened was refused (a sign-in's probe, shared/wrong-address.ts);
   * absent: the close is reported as it is.
   */
  refused?(closed: CtiError): Promise<CtiError>;
}

export interface SocketHandlers {
  onFrame(data: unknown): void;
  /** The server closed an accepted socket (never called for close()). */
  onClose(code: number): void;
}

export class CcsSocket {
  private socket: WebSocket | undefined;

  /** Resolves once the socket is accepted; rejects with a CtiError otherwise. */
  static open(
    deps: SocketDeps,
    url: string,
    token: string,
    subscribe: readonly string[],
    handlers: SocketHandlers,
  ): Promise<CcsSocket> {
    return new Promise<CcsSocket>((resolve, reject) => {
      if (deps.signal.aborted) return reject(cancelled());
      const self = new CcsSocket();
      let socket: WebSocket;
      try {
        socket = new deps.WebSocket(url);
      } catch (cause) {
        return reject(
          new CtiError('network', 'Cannot open the Windstream CCS event socket', { cause }),
        );
      }
      self.socket = socket;
      let accepted = false;
      let grace: unknown;
      const timer = deps.clock.setTimeout(
        () =>
          fail(new CtiError('timeout', 'Windstream CCS did not accept the event socket in time')),
        HANDSHAKE_TIMEOUT_MS,
      );
      const onAbort = () => fail(cancelled());
      deps.signal.addEventListener('abort', onAbort, { once: true });
      const settle = () => {
        deps.clock.clearTimeout(timer);
        deps.clock.clearTimeout(grace);
        deps.signal.removeEventListener('abort', onAbort);
      };
      const accept = () => {
        if (accepted || self.socket !== socket) return;
        accepted = true;
        settle();
        // From now on an abort just closes the socket: the session tears the link down.
        deps.signal.addEventListener('abort', () => self.close(), { once: true });
        resolve(self);
      };
      const fail = (error: CtiError) => {
        if (accepted) return;
        settle();
        self.close();
        reject(error);
      };
      let opened = false;
      socket.addEventListener('open', () => {
        if (self.socket !== socket) return;
        opened = true;
        socket.send(clientFrames.connect(token));
        for (const request of subscribe) socket.send(clientFrames.subscribe(request));
        socket.send(clientFrames.ping());
        grace = deps.clock.setTimeout(accept, ACCEPT_GRACE_MS);
      });
      socket.addEventListener('message', (event: MessageEvent) => {
        if (self.socket !== socket) return;
        accept();
        handlers.onFrame(event.data);
      });
      socket.addEventListener('close', (event: CloseEvent) => {
        if (self.socket !== socket) return;
        self.socket = undefined;
        if (accepted) {
          handlers.onClose(event.code);
          return;
        }
        const closed = new CtiError(
          'network',
          `Windstream CCS closed the event socket after connect (code ${event.code}). Check that the token is valid and has the Agent Events and Call Events permissions.`,
        );
        if (!opened && deps.refused) void deps.refused(closed).then(fail);
        else fail(closed);
      });
    });
  }

  get open(): boolean {
    return this.socket?.readyState === WS_OPEN;
  }

  /** False when the socket is not open. */
  send(text: string): boolean {
    if (!this.socket || this.socket.readyState !== WS_OPEN) return false;
    this.socket.send(text);
    return true;
  }

  /** Close without reporting onClose: the caller knows. */
  close(): void {
    const socket = this.socket;
    this.socket = undefined;
    if (socket && socket.readyState <= WS_OPEN) socket.close(1000);
  }
}
