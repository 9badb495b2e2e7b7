/**
 * Property: relay socket frames. Arbitrary and mutated client frames on one to three sockets —
 * hellos with valid, expired, revoked, forged and mangled tokens, pings, any JSON, any text,
 * binary — are refused (a documented close code) or handled as relay/protocol.ts says, never a
 * throw; every frame the relay sends is a valid ServerFrame; events reach only authenticated
 * sockets of their agent; and afterwards the hub holds nothing and still serves an honest agent.
 * The expected outcome of each socket is computed by a small model of the protocol's rules.
 *
 * The bulk runs in-process against the hub with fake sockets; a smaller run uses real WebSockets
 * against a listening relay. Together: 10,000 cases for the target "relay socket frames".
 */
import { EventEmitter } from 'node:events';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { AgentBuffers } from './buffer';
import { createHub } from './hub';
import { createRelay, type Relay } from './index';
import { silentLogger } from './log';
import { Metrics, createRelayCounters } from './metrics';
import { ClientFrame, ServerFrame } from './protocol';
import { agentKey } from './router';
import { issueToken, signToken, tokenIdOf, verifyToken } from './tokens';
import { checkAsyncProperty, checkProperty } from '../tests/support/property';
import { TEST_SECRET, a365Event, connect, postJson } from '../tests/support/relay/test-kit';

const TARGET = 'relay socket frames';
const IN_PROCESS_RUNS = 9_750;
const WS_RUNS = 250;
const NOW = 1_800_000_000_000;
const MAX_FRAMES = 5;
const MAX_PENDING_PER_CLIENT = 2;

const AGENTS = ['sip:alice@example.com', 'ucontact:bob'];
const good = AGENTS.map((sub) => issueToken(sub, 3600, TEST_SECRET, NOW));
const revoked = issueToken('sip:alice@example.com', 3600, TEST_SECRET, NOW);
const legacy = signToken({ sub: 'ucontact:bob', exp: NOW / 1000 + 60 }, TEST_SECRET);
const TOKENS = [
  ...good,
  legacy,
  revoked,
  issueToken('sip:alice@example.com', -10, TEST_SECRET, NOW),
  issueToken('sip:alice@example.com', 3600, `${TEST_SECRET}-other`, NOW),
];
const revokedIds = new Set([tokenIdOf(revoked)]);

const verify = (token: string) => {
  const result = verifyToken(token, TEST_SECRET, NOW);
  return result.ok && revokedIds.has(result.id)
    ? { ok: false as const, reason: 'revoked' as const }
    : result;
};

/** A frame as the client sends it: text, or bytes sent as a binary frame. */
type Raw = { text: string } | { bytes: Uint8Array };

const mangle = fc
  .tuple(fc.constantFrom(...TOKENS), fc.nat(), fc.string({ maxLength: 3 }))
  .map(([t, at, insert]) => {
    const i = at % (t.length + 1);
    return t.slice(0, i) + insert + t.slice(i + (insert ? 1 : 0));
  });
const json = (v: unknown) => ({ text: JSON.stringify(v) ?? 'null' });
const frame: fc.Arbitrary<Raw> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .record(
        {
          type: fc.constant('hello'),
          token: fc.oneof(fc.constantFrom(...TOKENS), mangle, fc.jsonValue()),
          after: fc.oneof(fc.nat(), fc.constantFrom(-1, 1.5, '3', null)),
          extra: fc.jsonValue({ maxDepth: 1 }),
        },
        { requiredKeys: ['type', 'token'] },
      )
      .map(json),
  },
  { weight: 3, arbitrary: fc.constant(json({ type: 'ping' })) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map(json) },
  {
    weight: 1,
    arbitrary: fc
      .record({ type: fc.string({ maxLength: 8 }), token: fc.constantFrom(...TOKENS) })
      .map(json),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }).map((text) => ({ text })) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 40 }).map((bytes) => ({ bytes })) },
);

/** What the protocol says a socket's life looks like after these frames (relay/hub.ts header). */
interface Model {
  state: 'pending' | 'auth' | 'closed';
  code?: number;
  frames: number;
  agent?: string;
  tokenId?: string;
}

function parseClient(raw: Raw): ClientFrame | undefined {
  if (!('text' in raw)) return undefined;
  try {
    const parsed = ClientFrame.safeParse(JSON.parse(raw.text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Applies one frame to the model of socket `m`; `all` lets a hello replace an older socket. */
function step(m: Model, raw: Raw, all: Model[]): void {
  if (m.state === 'closed') return;
  const close = (code: number): void => void Object.assign(m, { state: 'closed', code });
  if (++m.frames > MAX_FRAMES) return close(4429);
  const f = parseClient(raw);
  if (!f || f.type === 'ping') return m.state === 'pending' ? close(4400) : undefined;
  if (m.state === 'auth') return;
  const result = verify(f.token);
  if (!result.ok) return close(4401);
  for (const other of all) {
    if (other !== m && other.state === 'auth' && other.tokenId === result.id)
      Object.assign(other, { state: 'closed', code: 4409 });
  }
  Object.assign(m, { state: 'auth', agent: agentKey(result.claims.sub), tokenId: result.id });
}

class FakeSocket extends EventEmitter {
  sent: string[] = [];
  closedWith?: number;
  bufferedAmount = 0;
  send(data: string) {
    this.sent.push(data);
  }
  close(code: number) {
    this.closedWith = code;
  }
  terminate() {}
}

function frames(ws: FakeSocket): ServerFrame[] {
  return ws.sent.map((s) => ServerFrame.parse(JSON.parse(s)));
}

describe('relay socket frames (property)', () => {
  it('are refused or handled as the protocol says, in-process', () => {
    const buffers = new AgentBuffers({ maxEvents: 5, maxAgeMs: 60_000 });
    const hub = createHub({
      buffers,
      counters: createRelayCounters(new Metrics()),
      log: silentLogger,
      now: () => NOW,
      verify,
      helloTimeoutMs: 3_600_000,
      maxConnections: 100,
      maxPending: 100,
      maxPendingPerClient: MAX_PENDING_PER_CLIENT,
      rateLimit: { max: MAX_FRAMES, windowMs: 1_000 },
    });
    const sockets = fc.array(fc.constantFrom('10.0.0.1', '10.0.0.2'), {
      minLength: 1,
      maxLength: 3,
    });
    const script = fc.array(fc.tuple(fc.nat(2), frame), { maxLength: 8 });

    checkProperty(
      TARGET,
      fc.property(sockets, script, fc.constantFrom(...AGENTS), (addresses, sends, target) => {
        const ws = addresses.map(() => new FakeSocket());
        const model: Model[] = [];
        const perClient = new Map<string, number>();
        addresses.forEach((address, i) => {
          const n = perClient.get(address) ?? 0;
          perClient.set(address, n + 1);
          model.push(
            n >= MAX_PENDING_PER_CLIENT
              ? { state: 'closed', code: 1013, frames: 0 }
              : { state: 'pending', frames: 0 },
          );
          hub.accept(ws[i] as unknown as WebSocket, address);
        });
        for (const [index, raw] of sends) {
          const i = index % ws.length;
          const m = model[i];
          if (!m) continue;
          step(m, raw, model);
          const data = 'text' in raw ? Buffer.from(raw.text) : Buffer.from(raw.bytes);
          ws[i]?.emit('message', data, !('text' in raw));
        }
        try {
          const key = agentKey(target);
          const before = ws.map((socket) => socket.sent.length);
          hub.deliver(key, buffers.append(key, 'anywhere365', { n: 1 }, NOW));

          model.forEach((m, i) => {
            const socket = ws[i] as FakeSocket;
            expect(socket.closedWith).toBe(m.code);
            const got = frames(socket);
            const welcome = got.findIndex((f) => f.type === 'welcome');
            const events = got.filter((f) => f.type === 'event');
            // Events only after a welcome; a live event only to an open socket of its agent.
            if (welcome < 0) expect(events).toEqual([]);
            else expect(got.slice(0, welcome).some((f) => f.type === 'event')).toBe(false);
            const live = m.state === 'auth' && m.agent === key;
            const delivered = got.slice(before[i]).map((f) => f.type);
            expect(delivered).toEqual(live ? ['event'] : []);
            if (m.state === 'auth') expect(got[welcome]).toMatchObject({ type: 'welcome' });
          });
        } finally {
          for (const socket of ws) socket.emit('close');
        }
        expect({
          connections: hub.connections,
          pending: hub.pending,
          agents: hub.connectedAgents,
        }).toEqual({
          connections: 0,
          pending: 0,
          agents: 0,
        });
      }),
      { numRuns: IN_PROCESS_RUNS, label: 'in-process socket scripts' },
    );

    // Still healthy: an honest agent gets its welcome and its events.
    const honest = new FakeSocket();
    hub.accept(honest as unknown as WebSocket, '10.0.0.9');
    honest.emit(
      'message',
      Buffer.from(JSON.stringify({ type: 'hello', token: good[1], after: 0 })),
      false,
    );
    hub.deliver('ucontact:bob', buffers.append('ucontact:bob', 'ucontact', { n: 2 }, NOW));
    expect(frames(honest).map((f) => f.type)).toContain('welcome');
    expect(frames(honest).at(-1)).toMatchObject({ type: 'event', payload: { n: 2 } });
  });

  describe('over real WebSockets', () => {
    let relay: Relay;
    beforeAll(async () => {
      relay = await createRelay({ secret: TEST_SECRET }, { log: silentLogger });
    });
    afterAll(() => relay.close());

    it('are refused or handled as the protocol says', { timeout: 300_000 }, async () => {
      // Tokens for this relay's clock (the in-process pool is for a fixed NOW).
      const live = [relay.issueToken(AGENTS[0] ?? ''), relay.issueToken(AGENTS[1] ?? '')];
      const wsFrame = fc.oneof(
        { weight: 8, arbitrary: frame },
        {
          weight: 2,
          arbitrary: fc.constantFrom(...live).map((token) => json({ type: 'hello', token })),
        },
        { weight: 1, arbitrary: fc.constant({ text: 'x'.repeat(9_000) }) },
      );
      await checkAsyncProperty(
        TARGET,
        fc.asyncProperty(fc.array(wsFrame, { minLength: 1, maxLength: 4 }), async (sends) => {
          const c = await connect(relay.wsUrl);
          for (const raw of sends)
            c.send('text' in raw ? raw.text : (Buffer.from(raw.bytes) as never));
          // A ping last: pong when authenticated, 4400 when still pending, or the close before.
          c.send({ type: 'ping' });
          const outcome = await Promise.race([
            c.closed.then((r) => r.code),
            (async () => {
              for (;;) if ((await c.next()).type === 'pong') return 'pong';
            })(),
          ]);
          for (const f of c.frames) expect(ServerFrame.safeParse(f).success).toBe(true);
          expect([4400, 4401, 4429, 1009, 'pong']).toContain(outcome);
          if (outcome === 'pong') expect(c.frames[0]?.type).toBe('welcome');
          await c.close();
        }),
        { numRuns: WS_RUNS, label: 'WebSocket scripts' },
      );
      const honest = await connect(relay.wsUrl);
      honest.send({ type: 'hello', token: relay.issueToken(AGENTS[0] ?? ''), after: 0 });
      await honest.expect('welcome');
      const res = await postJson(relay.hookUrl('anywhere365'), a365Event(AGENTS[0] ?? '', 3));
      expect(res.status).toBe(204);
      for (;;) if ((await honest.next()).type === 'event') break;
      await honest.close();
    });
  });
});
