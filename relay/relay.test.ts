/** The relay end to end on 127.0.0.1: routing, authentication, resume, restart. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRelay, type Relay } from './index';
import { createMemoryLogger } from './log';
import { CLOSE_UNAUTHORIZED } from './protocol';
import { signToken } from './tokens';
import {
  TEST_SECRET,
  a365Event,
  connect,
  postJson,
  type TestClient,
} from '../tests/support/relay/test-kit';

let relay: Relay;
let log: ReturnType<typeof createMemoryLogger>;
const clients: TestClient[] = [];

async function agent(sub: string, after = 0): Promise<TestClient> {
  const c = await connect(relay.wsUrl);
  clients.push(c);
  c.send({ type: 'hello', token: relay.issueToken(sub), after });
  return c;
}

async function post(source: 'anywhere365' | 'ucontact', body: unknown) {
  const res = await postJson(relay.hookUrl(source), body);
  expect(res.status).toBe(204);
}

beforeEach(async () => {
  log = createMemoryLogger();
  relay = await createRelay(
    { secret: TEST_SECRET, hookSecrets: ['hooks_0123456789abcdef'] },
    { log },
  );
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await relay.close();
});

describe('routing', () => {
  it('sends each agent only its own events, Anywhere365 and uContact alike', async () => {
    const alice = await agent('sip:alice@example.com');
    const bob = await agent('ucontact:bob');
    expect(await alice.expect('welcome')).toEqual({
      type: 'welcome',
      agent: 'sip:alice@example.com',
      seq: 0,
    });
    expect(await bob.expect('welcome')).toEqual({ type: 'welcome', agent: 'ucontact:bob', seq: 0 });

    await post('anywhere365', a365Event('sip:Alice@Example.com', 3));
    await post('ucontact', { event: 'AgentRingNoAnswer', date: '2024-11-22', agent: 'bob' });
    // Another call: a call of Alice's would reach her too (relay/sessions.ts).
    await post('anywhere365', a365Event('sip:carol@example.com', 3, 'c-2'));
    await post('ucontact', { event: 'AgentLog', agent: 'alice', isLogin: true });
    await post('anywhere365', a365Event('sip:alice@example.com', 4));

    const a1 = await alice.expect('event');
    expect(a1).toMatchObject({ seq: 1, source: 'anywhere365', payload: { eventType: 3 } });
    expect(await alice.expect('event')).toMatchObject({ seq: 2, payload: { eventType: 4 } });
    expect(await bob.expect('event')).toMatchObject({
      seq: 1,
      source: 'ucontact',
      payload: { event: 'AgentRingNoAnswer', agent: 'bob' },
    });
    // Pings are answered in order, so a pong proves nothing else was queued before it.
    alice.send({ type: 'ping' });
    bob.send({ type: 'ping' });
    await alice.expect('pong');
    await bob.expect('pong');
    expect(alice.frames.map((f) => f.type)).toEqual(['welcome', 'event', 'event', 'pong']);
    expect(bob.frames.map((f) => f.type)).toEqual(['welcome', 'event', 'pong']);
    expect(relay.metric('relay_events_routed_total', { source: 'anywhere365' })).toBe(3);
    expect(relay.metric('relay_connected_agents')).toBe(2);
  });

  it('delivers to every socket of the same agent', async () => {
    const one = await agent('sip:alice@example.com');
    const two = await agent('sip:alice@example.com');
    await one.expect('welcome');
    await two.expect('welcome');
    await post('anywhere365', a365Event('sip:alice@example.com', 3));
    expect((await one.expect('event')).seq).toBe(1);
    expect((await two.expect('event')).seq).toBe(1);
  });
});

describe('authentication', () => {
  const badTokens: Array<[string, () => string]> = [
    ['garbage', () => 'not-a-token'],
    [
      'another secret',
      () => signToken({ sub: 'sip:alice@example.com', exp: 4e9 }, `${TEST_SECRET}x`),
    ],
    ['expired', () => signToken({ sub: 'sip:alice@example.com', exp: 1 }, TEST_SECRET)],
  ];

  it.each(badTokens)(
    'answers a %s token with error + close 4401 and nothing else',
    async (_, token) => {
      await post('anywhere365', a365Event('sip:alice@example.com', 3));
      const c = await connect(relay.wsUrl);
      clients.push(c);
      c.send({ type: 'hello', token: token(), after: 0 });
      expect((await c.closed).code).toBe(CLOSE_UNAUTHORIZED);
      expect(c.frames).toEqual([
        { type: 'error', code: 'unauthorized', message: expect.any(String) },
      ]);
      expect(relay.metric('relay_frames_delivered_total')).toBe(0);
    },
  );

  it('closes a socket that sends no hello (4408) and one that pings first (4400)', async () => {
    await relay.close();
    relay = await createRelay({ secret: TEST_SECRET, helloTimeoutMs: 20 }, { log });
    const silent = await connect(relay.wsUrl);
    clients.push(silent);
    expect((await silent.closed).code).toBe(4408);
    expect(silent.frames).toEqual([{ type: 'error', code: 'timeout', message: 'no hello' }]);

    // The next two must not race the 20 ms hello timeout on a loaded machine.
    await relay.close();
    relay = await createRelay({ secret: TEST_SECRET }, { log });
    const rude = await connect(relay.wsUrl);
    clients.push(rude);
    rude.send({ type: 'ping' });
    expect((await rude.closed).code).toBe(4400);
    const junk = await connect(relay.wsUrl);
    clients.push(junk);
    junk.send('{not json');
    expect((await junk.closed).code).toBe(4400);
  });

  it('closes a socket that floods frames (4429)', async () => {
    await relay.close();
    relay = await createRelay(
      { secret: TEST_SECRET, wsRateLimit: { max: 3, windowMs: 3_600_000 } },
      { log },
    );
    const c = await agent('sip:alice@example.com');
    for (let i = 0; i < 5; i++) c.send({ type: 'ping' });
    expect((await c.closed).code).toBe(4429);
    expect(c.frames.map((f) => f.type)).toEqual(['welcome', 'pong', 'pong', 'error']);
  });
});

describe('resume', () => {
  it('loses nothing across a reconnect within the buffer window', async () => {
    const first = await agent('sip:alice@example.com');
    await first.expect('welcome');
    await post('anywhere365', a365Event('sip:alice@example.com', 3, 'call-1'));
    const handled = await first.expect('event');
    await first.close();

    // Events while the extension is away.
    await post('anywhere365', a365Event('sip:alice@example.com', 4, 'call-1'));
    await post('anywhere365', a365Event('sip:alice@example.com', 5, 'call-1'));

    const again = await agent('sip:alice@example.com', handled.seq);
    expect(await again.expect('welcome')).toMatchObject({ seq: 3 });
    expect((await again.expect('event')).seq).toBe(2);
    expect((await again.expect('event')).seq).toBe(3);
    await post('anywhere365', a365Event('sip:alice@example.com', 3, 'call-2'));
    expect((await again.expect('event')).seq).toBe(4);
    expect(again.frames.some((f) => f.type === 'gap')).toBe(false);
  });

  it('sends a gap when the buffer no longer holds what was asked for', async () => {
    await relay.close();
    relay = await createRelay({ secret: TEST_SECRET, buffer: { maxEvents: 2 } }, { log });
    for (const type of [3, 4, 5, 6])
      await post('anywhere365', a365Event('sip:alice@example.com', type));
    const c = await agent('sip:alice@example.com', 1);
    expect(await c.expect('welcome')).toMatchObject({ seq: 4 });
    expect(await c.expect('gap')).toEqual({ type: 'gap', from: 2, to: 2 });
    expect((await c.expect('event')).seq).toBe(3);
    expect((await c.expect('event')).seq).toBe(4);
  });

  it('after a relay restart, tells a returning client with a gap from 0', async () => {
    await post('anywhere365', a365Event('sip:alice@example.com', 3));
    await relay.restart();
    await post('anywhere365', a365Event('sip:alice@example.com', 4));
    const c = await agent('sip:alice@example.com', 41);
    expect(await c.expect('welcome')).toMatchObject({ seq: 1 });
    expect(await c.expect('gap')).toEqual({ type: 'gap', from: 0, to: 0 });
    expect(await c.expect('event')).toMatchObject({ seq: 1, payload: { eventType: 4 } });
  });
});

it('never writes the relay secret, hook secret or tokens to its log', async () => {
  const token = relay.issueToken('sip:alice@example.com');
  const c = await connect(relay.wsUrl);
  clients.push(c);
  c.send({ type: 'hello', token: `${token}x`, after: 0 });
  await c.closed;
  await postJson(relay.hookUrl('anywhere365'), { nope: true });
  await postJson(relay.hookUrl('anywhere365').replace('hooks_', 'guess_'), {});
  const text = log.lines.join('');
  expect(log.lines.length).toBeGreaterThan(2);
  for (const secret of [TEST_SECRET, 'hooks_0123456789abcdef', token])
    expect(text).not.toContain(secret);
});
