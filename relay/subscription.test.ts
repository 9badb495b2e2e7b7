/** The Anywhere365 subscription lifecycle against a fake broker on 127.0.0.1. */
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeBroker, type FakeBroker } from '../tests/support/relay/fake-broker';
import { createRelay, type Relay } from './index';
import { createMemoryLogger } from './log';
import { TEST_SECRET, connect } from '../tests/support/relay/test-kit';

const ALICE = 'sip:alice@example.com';
const BOB = 'sip:bob@example.com';
let broker: FakeBroker;
let relay: Relay | undefined;
const log = createMemoryLogger();

afterEach(async () => {
  await relay?.close();
  relay = undefined;
  await broker.close();
});

async function start(extra: Record<string, unknown> = {}, keys = {}) {
  broker = await startFakeBroker(keys);
  relay = await createRelay(
    {
      secret: TEST_SECRET,
      anywhere365: { brokerUrl: `${broker.url}/`, imAddresses: [ALICE, BOB], ...extra },
    },
    { log },
  );
  return relay;
}

async function listen(r: Relay, sub: string) {
  const c = await connect(r.wsUrl);
  c.send({ type: 'hello', token: r.issueToken(sub), after: 0 });
  await c.expect('welcome');
  return c;
}

describe('Anywhere365 subscriptions', () => {
  it('subscribes every ImAddress at start with the configured body keys and Authorization', async () => {
    const r = await start(
      {
        imAddressKey: 'SipAddress',
        callbackUrlKey: 'NotifyUrl',
        authorization: 'Bearer broker-key',
      },
      { imAddressKey: 'SipAddress', callbackUrlKey: 'NotifyUrl' },
    );
    const posts = broker.requests.filter((q) => q.method === 'POST');
    expect(posts.map((q) => [q.status, q.body?.SipAddress, q.authorization])).toEqual(
      expect.arrayContaining([
        [201, ALICE, 'Bearer broker-key'],
        [201, BOB, 'Bearer broker-key'],
      ]),
    );
    expect(posts[0]?.body?.NotifyUrl).toBe(r.hookUrl('anywhere365'));
    expect(r.health().anywhere365).toMatchObject({ state: 'subscribed', total: 2, subscribed: 2 });

    const alice = await listen(r, ALICE);
    expect(await broker.deliver(ALICE, 3)).toEqual([204]);
    expect(await alice.expect('event')).toMatchObject({
      seq: 1,
      payload: { ImAddress: ALICE, eventType: 3 },
    });
    await alice.close();
    expect(log.lines.join('')).not.toContain('broker-key');
  });

  it('re-subscribes after the broker forgets, and notices the loss', async () => {
    const r = await start();
    const alice = await listen(r, ALICE);
    broker.forget();
    expect(await broker.deliver(ALICE, 3)).toEqual([]);

    await r.renewSubscriptions();
    expect(broker.subscriptions.size).toBe(2);
    const deletes = broker.requests.filter((q) => q.method === 'DELETE');
    expect(deletes.map((q) => q.status)).toEqual([404, 404]);
    expect(r.metric('relay_anywhere365_subscription_lost_total')).toBe(2);

    expect(await broker.deliver(ALICE, 4)).toEqual([204]);
    expect(await alice.expect('event')).toMatchObject({ seq: 1, payload: { eventType: 4 } });
    await alice.close();
  });

  it('renews make-before-break and lets one copy through while two subscriptions overlap', async () => {
    const r = await start();
    const alice = await listen(r, ALICE);
    const [oldId] = [...broker.subscriptions].find(([, s]) => s.imAddress === ALICE) ?? [];
    // A leftover subscription (say, from a crashed relay) for the same agent and callback.
    broker.subscriptions.set('leftover-0000', {
      imAddress: ALICE,
      callbackUrl: r.hookUrl('anywhere365'),
    });
    expect(await broker.deliver(ALICE, 3, 'call-1')).toEqual([204, 204]);
    await r.renewSubscriptions();
    expect(broker.subscriptions.has(oldId ?? '')).toBe(false);
    expect(broker.requests.filter((q) => q.method === 'DELETE').map((q) => q.status)).toEqual([
      202, 202,
    ]);
    await broker.deliver(ALICE, 4, 'call-1');
    expect(await alice.expect('event')).toMatchObject({ seq: 1, payload: { eventType: 3 } });
    expect(await alice.expect('event')).toMatchObject({ seq: 2, payload: { eventType: 4 } });
    alice.send({ type: 'ping' });
    await alice.expect('pong');
    expect(r.metric('relay_events_dropped_total', { reason: 'duplicate' })).toBe(2);
    await alice.close();
  });

  it('retries a failing subscribe with backoff until the broker accepts', async () => {
    broker = await startFakeBroker();
    broker.state.failPosts = 3;
    relay = await createRelay(
      {
        secret: TEST_SECRET,
        anywhere365: { brokerUrl: broker.url, imAddresses: [ALICE], retryMinMs: 1, retryMaxMs: 4 },
      },
      { log },
    );
    expect(relay.health()).toMatchObject({
      status: 'degraded',
      anywhere365: { state: 'degraded' },
    });
    await broker.waitFor((q) => q.method === 'POST' && q.status === 201);
    expect(broker.requests.map((q) => q.status)).toEqual([500, 500, 500, 201]);
    await relay.renewSubscriptions();
    expect(relay.health().anywhere365).toMatchObject({ state: 'subscribed', subscribed: 1 });
    expect(relay.metric('relay_anywhere365_subscribe_failures_total')).toBe(3);
  });

  it('deletes its subscriptions at stop', async () => {
    const r = await start();
    expect(broker.subscriptions.size).toBe(2);
    await r.close();
    relay = undefined;
    expect(broker.subscriptions.size).toBe(0);
    expect(broker.requests.filter((q) => q.method === 'DELETE').map((q) => q.status)).toEqual([
      202, 202,
    ]);
  });
});
