/**
 * Scale-out mode end to end: three relay instances on 127.0.0.1 sharing one real redis-server
 * (tests/support/redis.ts). Waiting is event-driven or polls a state; vitest's timeout is the clock.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRelay, type Relay } from './index';
import { createMemoryLogger } from './log';
import type { ServerFrame } from './protocol';
import {
  TEST_SECRET,
  a365Event,
  connect,
  postJson,
  type TestClient,
} from '../tests/support/relay/test-kit';
import { startRedis, type TestRedis } from '../tests/support/redis';

const HOOK_SECRET = 'hooks_0123456789abcdef';
const MAX_EVENTS = 5;
let redis: TestRedis;
const relays: Relay[] = [];
const clients: TestClient[] = [];

async function instance(): Promise<Relay> {
  const relay = await createRelay(
    {
      secret: TEST_SECRET,
      hookSecrets: [HOOK_SECRET],
      redisUrl: redis.url,
      buffer: { maxEvents: MAX_EVENTS },
    },
    { log: createMemoryLogger() },
  );
  relays.push(relay);
  return relay;
}

async function agent(relay: Relay, sub: string, after = 0): Promise<TestClient> {
  const c = await connect(relay.wsUrl);
  clients.push(c);
  c.send({ type: 'hello', token: relay.issueToken(sub), after });
  return c;
}

const ucontact = (agentName: string, n: number) => ({ event: 'AgentLog', agent: agentName, n });

async function post(relay: Relay, source: 'anywhere365' | 'ucontact', body: unknown) {
  return (await postJson(relay.hookUrl(source), body)).status;
}

/** Frames until a pong: pings are answered in order, so nothing else is queued before it. */
async function drain(c: TestClient): Promise<ServerFrame[]> {
  c.send({ type: 'ping' });
  const frames: ServerFrame[] = [];
  for (let f = await c.next(); f.type !== 'pong'; f = await c.next()) frames.push(f);
  return frames;
}

async function events(c: TestClient, n: number): Promise<number[]> {
  const seqs: number[] = [];
  while (seqs.length < n) seqs.push((await c.expect('event')).seq);
  return seqs;
}

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 20));
}

beforeAll(async () => {
  redis = await startRedis();
}, 30_000);

afterAll(async () => {
  await redis?.dispose();
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(relays.splice(0).map((r) => r.close()));
});

describe('scale-out with Redis', () => {
  it('delivers a webhook taken by one instance to the agent on another, same seq', async () => {
    const [a, b] = [await instance(), await instance()];
    const alice = await agent(b, 'ucontact:alice1');
    expect(await alice.expect('welcome')).toMatchObject({ seq: 0 });
    expect(await post(a, 'ucontact', ucontact('alice1', 1))).toBe(204);
    expect(await post(b, 'ucontact', ucontact('alice1', 2))).toBe(204);
    expect(await alice.expect('event')).toMatchObject({ seq: 1, payload: { n: 1 } });
    expect(await alice.expect('event')).toMatchObject({ seq: 2, payload: { n: 2 } });
    expect(a.health()).toMatchObject({ status: 'ok', redis: 'ok' });
  });

  it('resumes on a third instance with exactly the missed events', async () => {
    const [a, b, c] = [await instance(), await instance(), await instance()];
    const first = await agent(b, 'ucontact:alice2');
    await first.expect('welcome');
    await post(a, 'ucontact', ucontact('alice2', 1));
    await post(a, 'ucontact', ucontact('alice2', 2));
    expect(await events(first, 2)).toEqual([1, 2]);
    await first.close();
    await post(a, 'ucontact', ucontact('alice2', 3));
    await post(b, 'ucontact', ucontact('alice2', 4));
    const again = await agent(c, 'ucontact:alice2', 2);
    expect(await again.expect('welcome')).toMatchObject({ seq: 4 });
    await post(c, 'ucontact', ucontact('alice2', 5));
    expect(await events(again, 3)).toEqual([3, 4, 5]);
    expect(await drain(again)).toEqual([]);
  });

  it('sends a gap when the missed events were trimmed, and from: 0 for an unknown cursor', async () => {
    const [a, b] = [await instance(), await instance()];
    for (let n = 1; n <= MAX_EVENTS + 3; n++) {
      expect(await post(a, 'ucontact', ucontact('alice3', n))).toBe(204);
    }
    const late = await agent(b, 'ucontact:alice3', 1);
    await late.expect('welcome');
    expect(await late.expect('gap')).toEqual({ type: 'gap', from: 2, to: 3 });
    expect(await events(late, MAX_EVENTS)).toEqual([4, 5, 6, 7, 8]);
    const lost = await agent(a, 'ucontact:alice3b', 7);
    expect(await lost.expect('welcome')).toMatchObject({ seq: 0 });
    expect(await lost.expect('gap')).toEqual({ type: 'gap', from: 0, to: 0 });
  });

  it("routes a call's event to every participant, whatever instance holds them", async () => {
    const [a, b, c] = [await instance(), await instance(), await instance()];
    const alice = await agent(a, 'sip:alice4@example.com');
    const bob = await agent(b, 'sip:bob4@example.com');
    await alice.expect('welcome');
    await bob.expect('welcome');
    expect(await post(c, 'anywhere365', a365Event('sip:alice4@example.com', 3, 'call-4'))).toBe(
      204,
    );
    expect(await alice.expect('event')).toMatchObject({ seq: 1, payload: { eventType: 3 } });
    // Bob takes the call through another instance: Alice learns of it too.
    expect(await post(a, 'anywhere365', a365Event('sip:bob4@example.com', 4, 'call-4'))).toBe(204);
    expect(await bob.expect('event')).toMatchObject({ seq: 1, payload: { eventType: 4 } });
    expect(await alice.expect('event')).toMatchObject({
      seq: 2,
      payload: { ImAddress: 'sip:bob4@example.com' },
    });
  });

  it('lets an agent whose instance closed resume on another', async () => {
    const [a, b] = [await instance(), await instance()];
    const first = await agent(a, 'ucontact:alice5');
    await first.expect('welcome');
    await post(b, 'ucontact', ucontact('alice5', 1));
    expect(await events(first, 1)).toEqual([1]);
    await a.close();
    expect((await first.closed).code).toBe(1001);
    await post(b, 'ucontact', ucontact('alice5', 2));
    const again = await agent(b, 'ucontact:alice5', 1);
    await again.expect('welcome');
    expect(await events(again, 1)).toEqual([2]);
    expect(await drain(again)).toEqual([]);
  });

  it('starts degraded while Redis is unreachable and recovers by itself', async () => {
    await redis.stop();
    try {
      const a = await instance();
      expect(a.health()).toMatchObject({ status: 'degraded', redis: 'down' });
      expect(await post(a, 'ucontact', ucontact('alice7', 1))).toBe(503);
      const refused = await agent(a, 'ucontact:alice7');
      expect((await refused.closed).code).toBe(1013);
    } finally {
      await redis.start();
    }
    const a = relays[0];
    if (!a) throw new Error('no instance');
    await until(() => a.health().redis === 'ok');
    const alice = await agent(a, 'ucontact:alice7');
    await alice.expect('welcome');
    expect(await post(a, 'ucontact', ucontact('alice7', 2))).toBe(204);
    expect(await alice.expect('event')).toMatchObject({ seq: 1, payload: { n: 2 } });
  }, 30_000);

  it('refuses webhooks and closes sockets while Redis is down, and recovers', async () => {
    const [a, b] = [await instance(), await instance()];
    const first = await agent(b, 'ucontact:alice6');
    await first.expect('welcome');
    expect(await post(a, 'ucontact', ucontact('alice6', 1))).toBe(204);
    expect(await events(first, 1)).toEqual([1]);

    await redis.stop();
    expect((await first.closed).code).toBe(1013);
    await until(() => a.health().redis === 'down');
    expect(a.health().status).toBe('degraded');
    expect(await post(a, 'ucontact', ucontact('alice6', 2))).toBe(503);

    await redis.start();
    await until(() => a.health().redis === 'ok' && b.health().redis === 'ok');
    expect(await post(a, 'ucontact', ucontact('alice6', 3))).toBe(204);
    const again = await agent(b, 'ucontact:alice6', 1);
    await again.expect('welcome');
    // The refused webhook was never acknowledged; the acknowledged ones are all there.
    expect(await again.expect('event')).toMatchObject({ seq: 2, payload: { n: 3 } });
    expect(await drain(again)).toEqual([]);
    expect(a.health()).toMatchObject({ status: 'ok', redis: 'ok' });
  }, 30_000);
});
