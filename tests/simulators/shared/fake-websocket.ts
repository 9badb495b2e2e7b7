/**
 * A WebSocket double for adapter unit tests: the test plays the server, synchronously.
 * Implements the part of the DOM WebSocket that adapters use (addEventListener, send, close,
 * readyState).
 */
export class FakeWebSocket extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  readyState = FakeWebSocket.CONNECTING;
  readonly sent: string[] = [];
  closedByClient: number | undefined;

  constructor(readonly url: string) {
    super();
  }

  send(data: string): void {
    if (this.readyState !== FakeWebSocket.OPEN)
      throw new Error('InvalidStateError: socket not open');
    this.sent.push(data);
  }

  close(code = 1000): void {
    if (this.readyState >= FakeWebSocket.CLOSING) return;
    this.closedByClient = code;
    this.readyState = FakeWebSocket.CLOSED;
    // Browsers fire close asynchronously.
    queueMicrotask(() => this.dispatchEvent(closeEvent(code)));
  }

  // ── Server side ───────────────────────────────────────────────────────────────────────────────

  serverOpen(): void {
    this.readyState = FakeWebSocket.OPEN;
    this.dispatchEvent(new Event('open'));
  }

  /** Objects are sent as JSON; strings as they are (to send malformed text). */
  serverSend(frame: unknown): void {
    const data = typeof frame === 'string' ? frame : JSON.stringify(frame);
    this.dispatchEvent(new MessageEvent('message', { data }));
  }

  serverClose(code = 1006): void {
    this.readyState = FakeWebSocket.CLOSED;
    this.dispatchEvent(closeEvent(code));
  }

  /** What the client sent, parsed. */
  frames(): Record<string, unknown>[] {
    return this.sent.map((s) => JSON.parse(s) as Record<string, unknown>);
  }
}

function closeEvent(code: number): Event {
  // CloseEvent is not a global in Node 20.
  return Object.assign(new Event('close'), { code, reason: '', wasClean: code === 1000 });
}

/** A WebSocket class bound to a list of the sockets it created. */
export function fakeWebSocketClass(): {
  WebSocket: typeof WebSocket;
  sockets: FakeWebSocket[];
  last(): FakeWebSocket;
} {
  const sockets: FakeWebSocket[] = [];
  class Bound extends FakeWebSocket {
    constructor(url: string) {
      super(url);
      sockets.push(this);
    }
  }
  return {
    // The double implements only what adapters use, not the whole DOM interface.
    WebSocket: Bound as unknown as typeof WebSocket,
    sockets,
    last: () => {
      const socket = sockets.at(-1);
      if (!socket) throw new Error('No WebSocket was opened');
      return socket;
    },
  };
}
