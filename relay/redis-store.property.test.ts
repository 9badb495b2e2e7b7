/**
 * The Redis event store replays exactly as the in-memory buffer (relay/buffer.ts) does, for random
 * appends at random times and random cursors: same welcome seq, same gap, same events. The byte
 * limits are left out: the Redis mode does not apply them (docs/relay.md "Scale-out with Redis").
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { ReplayBuffer } from './buffer';
import { createRedisStore, redisClient, type RedisStore } from './redis-store';
import { startRedis, type TestRedis } from '../tests/support/redis';
import { checkAsyncProperty } from '../tests/support/property';

type Op = { kind: 'append'; dt: number } | { kind: 'read'; after: number; dt: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('append' as const), dt: fc.nat(400) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('read' as const),
      after: fc.nat(30),
      dt: fc.nat(400),
    }),
  },
);

const LIMITS = { maxEvents: 6, maxAgeMs: 1_000 };
let redis: TestRedis;
let client: Redis;
let store: RedisStore;
let run = 0;

beforeAll(async () => {
  redis = await startRedis();
  client = redisClient(redis.url);
  await client.connect();
  store = createRedisStore(client, LIMITS);
}, 30_000);

afterAll(async () => {
  client?.disconnect();
  await redis?.dispose();
});

describe('Redis event store', () => {
  it('replays like the in-memory buffer', async () => {
    await checkAsyncProperty(
      'relay Redis replay',
      fc.asyncProperty(fc.array(op, { maxLength: 30 }), async (ops) => {
        const agent = `store-${++run}`;
        const buffer = new ReplayBuffer(LIMITS);
        let now = 1_000_000;
        for (const o of ops) {
          now += o.dt;
          if (o.kind === 'append') {
            const payload = { n: buffer.lastSeq + 1 };
            const stored = await store.append(agent, 'ucontact', payload, now);
            expect(stored).toEqual(buffer.append('ucontact', payload, now));
          } else {
            const expected = { seq: buffer.lastSeq, replay: buffer.replay(o.after, now) };
            expect(await store.read(agent, o.after, now)).toEqual(expected);
          }
        }
      }),
      { numRuns: 200, label: 'appends and reads' },
    );
  }, 120_000);
});
