/**
 * Test helpers for the relay: a WebSocket client that queues server frames, and webhook posting.
 * Waiting is event-driven (the next frame, the close event); vitest's test timeout is the only clock.
 */
import { once } from 'node:events';
import WebSocket from 'ws';
import type { ClientFrame, ServerFrame } from '../../../relay/protocol';

export const TEST_SECRET = 'test-secret-0123456789-abcdefghijklmnop';

export interface TestClient {
  /** Every frame received so far, in order. */
  frames: ServerFrame[];
  next(): Promise<ServerFrame>;
  /** The next frame of a type, skipping none: fails if another type comes first. */
  expect<T extends ServerFrame['type']>(type: T): Promise<Extract<ServerFrame, { type: T }>>;
  send(frame: ClientFrame | string): void;
  closed: Promise<{ code: number; reason: string }>;
  close(): Promise<void>;
}

/** `localAddress`: the address the client connects from (127.0.0.2 is another client on loopback). */
export async function connect(
  url: string,
  options: { localAddress?: string } = {},
): Promise<TestClient> {
  const ws = new WebSocket(url, options);
  const frames: ServerFrame[] = [];
  const queue: ServerFrame[] = [];
  const waiting: Array<(f: ServerFrame) => void> = [];
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as ServerFrame;
    frames.push(frame);
    const w = waiting.shift();
    if (w) w(frame);
    else queue.push(frame);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await once(ws, 'open');
  const next = () => {
    const f = queue.shift();
    return f ? Promise.resolve(f) : new Promise<ServerFrame>((r) => waiting.push(r));
  };
  return {
    frames,
    next,
    async expect(type) {
      const f = await next();
      if (f.type !== type) throw new Error(`expected ${type}, got ${JSON.stringify(f)}`);
      return f as Extract<ServerFrame, { type: typeof type }>;
    },
    send: (frame) => ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
    closed,
    async close() {
      if (ws.readyState !== WebSocket.CLOSED) {
        ws.close();
        await closed;
      }
    },
  };
}

export function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** An Anywhere365 callback body (vendors/README §2.6). */
export function a365Event(imAddress: string, eventType: number | string, callId = 'c-1') {
  return {
    SubscriptionId: '296854af-2ba7-45d0-b460-085dc1843b3d',
    SessionType: 0,
    ImAddress: imAddress,
    eventType,
    callId,
    ani: '+31880000000',
  };
}
