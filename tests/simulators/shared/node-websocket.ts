/**
 * The WebSocket class adapters get in Node tests. Node 20 has no global WebSocket; `ws`
 * implements the DOM interface the adapters use, so it stands in for the browser's.
 */
import WebSocket from 'ws';

export const NodeWebSocket = WebSocket as unknown as typeof globalThis.WebSocket;

/** For vendors that speak HTTP only: the context type still asks for a WebSocket class. */
export function noWebSocket(vendor: string): typeof globalThis.WebSocket {
  class NoWebSocket {
    constructor() {
      throw new Error(`${vendor} uses no WebSocket`);
    }
  }
  return NoWebSocket as unknown as typeof globalThis.WebSocket;
}
