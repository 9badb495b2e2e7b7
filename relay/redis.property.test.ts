/**
 * Scale-out mode under random interleavings: webhooks posted to any of three instances (one at a
 * time or two at once) while agents' extensions move between instances with their cursor. Each
 * agent must receive every seq exactly once and in order, across all its connections.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRelay, type Relay } from './index';
import { createMemoryLogger } from './log';
import { TEST_SECRET, connect, postJson, type TestClient } from '../tests/support/relay/test-kit';
import { startRedis, type TestRedis } from '../tests/support/redis';
import { checkAsyncProperty } from '../tests/support/property';

type Step =
  | { kind: 'post'; agent: number; via: number }
  | { kind: 'postTwice'; agent: number; via: [number, number] }
  | { kind: 'move'; agent: number; to: number }
  | { kind: 'leave'; agent: number };

const AGENTS = 2;
const INSTANCES = 3;
const agentIx = fc.integer({ min: 0, max: AGENTS - 1 });
const instanceIx = fc.integer({ min: 0, max: INSTANCES - 1 });
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('post' as const), agent: agentIx, via: instanceIx }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('postTwice' as const),
      agent: agentIx,
      via: fc.tuple(instanceIx, instanceIx),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('move' as const), agent: agentIx, to: instanceIx }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('leave' as const), agent: agentIx }) },
);

let redis: TestRedis;
const relays: Relay[] = [];
let run = 0;

beforeAll(async () => {
  redis = await startRedis();
  for (let i = 0; i < INSTANCES; i++) {
    relays.push(
      await createRelay(
        { secret: TEST_SECRET, hookSecrets: ['hooks_0123456789abcdef'], redisUrl: redis.url },
        { log: createMemoryLogger() },
      ),
    );
  }
}, 30_000);

afterAll(async () => {
  await Promise.all(relays.map((r) => r.close()));
  await redis?.dispose();
});

interface AgentRun {
  name: string;
  posted: number;
  received: number[];
  client?: TestClient;
}

const seqsOf = (c: TestClient) => c.frames.flatMap((f) => (f.type === 'event' ? [f.seq] : []));

async function hello(relay: Relay, a: AgentRun): Promise<TestClient> {
  const c = await connect(relay.wsUrl);
  c.send({
    type: 'hello',
    token: relay.issueToken(`ucontact:${a.name}`),
    after: a.received.at(-1) ?? 0,
  });
  await c.expect('welcome');
  return c;
}

async function leave(a: AgentRun): Promise<void> {
  if (!a.client) return;
  await a.client.close();
  a.received.push(...seqsOf(a.client));
  a.client = undefined;
}

async function post(a: AgentRun, via: number): Promise<void> {
  const relay = relays[via];
  if (!relay) throw new Error('no instance');
  const res = await postJson(relay.hookUrl('ucontact'), { event: 'AgentLog', agent: a.name });
  expect(res.status).toBe(204);
  a.posted++;
}

describe('scale-out with Redis, random interleavings', () => {
  it('gives each agent every seq exactly once, in order, wherever it connects', async () => {
    await checkAsyncProperty(
      'relay scale-out delivery',
      fc.asyncProperty(fc.array(step, { maxLength: 25 }), async (steps) => {
        run++;
        const agents: AgentRun[] = Array.from({ length: AGENTS }, (_, i) => ({
          name: `p${run}-${i}`,
          posted: 0,
          received: [],
        }));
        try {
          for (const s of steps) {
            const a = agents[s.agent];
            if (!a) continue;
            if (s.kind === 'post') await post(a, s.via);
            else if (s.kind === 'postTwice') await Promise.all(s.via.map((v) => post(a, v)));
            else if (s.kind === 'leave') await leave(a);
            else {
              await leave(a);
              const relay = relays[s.to];
              if (relay) a.client = await hello(relay, a);
            }
          }
          for (const a of agents) {
            const relay = relays[0];
            if (!a.client && relay) a.client = await hello(relay, a);
            const c = a.client;
            if (!c) continue;
            while ((seqsOf(c).at(-1) ?? a.received.at(-1) ?? 0) < a.posted) await c.next();
            await leave(a);
            const expected = Array.from({ length: a.posted }, (_, i) => i + 1);
            expect(a.received).toEqual(expected);
          }
        } finally {
          await Promise.all(agents.map(leave));
        }
      }),
      { numRuns: 100, label: 'posts and reconnects across three instances' },
    );
  }, 120_000);
});
