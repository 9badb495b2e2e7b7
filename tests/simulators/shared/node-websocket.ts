/**
 * The WebSocket class adapters get in Node tests. Node 20 has no global WebSocket; `ws`
 * implements the DOM interface the adapters use, so it stands in for the browser's.
 */
import WebSocket from 'ws';

/**
 * As in a browser, an `error` event nobody listens to is no exception: `ws` would throw it
 * (EventEmitter), before the `close` that follows (a refused upgrade: "Unexpected server
 * response: 404").
 */
class BrowserLikeWebSocket extends WebSocket {
  constructor(...args: ConstructorParameters<typeof WebSocket>) {
    super(...args);
    this.on('error', () => undefined);
  }
}

export const NodeWebSocket = BrowserLikeWebSocket as unknown as typeof globalThis.WebSocket;

/** For vendors that speak HTTP only: the context type still asks for a WebSocket class. */
export function noWebSocket(vendor: string): typeof globalThis.WebSocket {
  class NoWebSocket {
    constructor() {
      throw new Error(`${vendor} uses no WebSocket`);
    }
  }
  return NoWebSocket as unknown as typeof globalThis.WebSocket;
}
