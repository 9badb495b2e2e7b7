/** Hub behaviour that needs a controlled clock or socket state; the rest is in relay.test.ts. */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { AgentBuffers } from './buffer';
import { createHub } from './hub';
import { silentLogger } from './log';
import { Metrics, createRelayCounters } from './metrics';
import type { ServerFrame } from './protocol';
import { TEST_SECRET } from '../tests/support/relay/test-kit';
import { issueToken, verifyToken } from './tokens';

class FakeSocket extends EventEmitter {
  sent: ServerFrame[] = [];
  closedWith?: number;
  bufferedAmount = 0;
  send(data: string) {
    this.sent.push(JSON.parse(data) as ServerFrame);
  }
  close(code: number) {
    this.closedWith = code;
  }
  terminate() {}
}

function setup(maxConnections = 10) {
  const clock = { now: 1_000_000 };
  const buffers = new AgentBuffers({ maxEvents: 10, maxAgeMs: 60_000 });
  const hub = createHub({
    buffers,
    counters: createRelayCounters(new Metrics()),
    log: silentLogger,
    now: () => clock.now,
    verify: (t) => verifyToken(t, TEST_SECRET, clock.now),
    helloTimeoutMs: 60_000,
    maxConnections,
    maxPending: maxConnections,
    maxPendingPerClient: maxConnections,
    rateLimit: { max: 100, windowMs: 1_000 },
  });
  const open = (sub?: string) => {
    const ws = new FakeSocket();
    hub.accept(ws as unknown as WebSocket);
    if (sub) {
      const token = issueToken(sub, 10, TEST_SECRET, clock.now);
      ws.emit('message', Buffer.from(JSON.stringify({ type: 'hello', token, after: 0 })), false);
    }
    return ws;
  };
  return { clock, buffers, hub, open };
}

describe('hub', () => {
  it('closes a live socket with 4401 once its token expires', () => {
    const { clock, hub, open } = setup();
    const ws = open('sip:alice@example.com');
    hub.expireTokens();
    expect(ws.closedWith).toBeUndefined();
    clock.now += 11_000;
    hub.expireTokens();
    expect(ws.closedWith).toBe(4401);
    expect(ws.sent.at(-1)).toEqual({
      type: 'error',
      code: 'unauthorized',
      message: 'token expired',
    });
    ws.emit('close');
    expect(hub.connections).toBe(0);
  });

  it('closes a client too slow to read (1013) instead of buffering without bound', () => {
    const { buffers, hub, open } = setup();
    const ws = open('sip:alice@example.com');
    ws.bufferedAmount = 64 * 1024 * 1024;
    hub.deliver(
      'sip:alice@example.com',
      buffers.append('sip:alice@example.com', 'anywhere365', {}, 0),
    );
    expect(ws.closedWith).toBe(1013);
    expect(ws.sent.map((f) => f.type)).toEqual(['welcome']);
  });

  it('refuses connections beyond the limit with 1013', () => {
    const { open } = setup(1);
    expect(open().closedWith).toBeUndefined();
    expect(open().closedWith).toBe(1013);
  });
});
