/**
 * Load benchmark (not part of `npm test`): `npm run bench:relay [-- --agents 500 --rate 100 --seconds 60]`.
 * Starts a relay in-process on 127.0.0.1, connects one WebSocket per agent, POSTs Anywhere365
 * events to random agents at a steady rate and checks that every event reaches its agent, and
 * only its agent. Reports lost, misrouted and duplicated events and delivery latency percentiles
 * (POST sent → frame received; client and relay share this process and its CPU, so the numbers
 * are an upper bound for loopback). Every loop is bounded: it stops by itself after the send
 * phase plus a drain of at most 10 s, and exits 1 if anything was lost or misrouted.
 */
import { parseArgs } from 'node:util';
import { createRelay } from './index';
import { silentLogger } from './log';
import { connect, postJson, type TestClient } from './test-kit';

const { values } = parseArgs({
  options: {
    agents: { type: 'string', default: '500' },
    rate: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '60' },
  },
});
const AGENTS = Math.min(5_000, Math.max(1, Number(values.agents)));
const RATE = Math.min(5_000, Math.max(1, Number(values.rate)));
const SECONDS = Math.min(3_600, Math.max(1, Number(values.seconds)));
const TOTAL = Math.round(RATE * SECONDS);
const DRAIN_MS = 10_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentile = (sorted: number[], p: number) =>
  sorted.length
    ? (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0)
    : 0;

const relay = await createRelay(
  {
    secret: 'bench-secret-0123456789-0123456789-0123',
    hookRateLimit: { max: RATE * 10, windowMs: 1_000 },
    buffer: { maxEvents: 10_000 },
  },
  { log: silentLogger },
);

const ids = Array.from({ length: AGENTS }, (_, i) => `sip:agent${i}@bench.example`);
const expected = new Map<string, number>(ids.map((id) => [id, 0]));
const received = new Map<string, Set<number>>(ids.map((id) => [id, new Set()]));
const latencies: number[] = [];
let misrouted = 0;
let duplicates = 0;
let receivedTotal = 0;

const clients: TestClient[] = [];
for (const id of ids) {
  const c = await connect(relay.wsUrl);
  c.send({ type: 'hello', token: relay.issueToken(id), after: 0 });
  await c.expect('welcome');
  clients.push(c);
  void (async () => {
    for (;;) {
      const frame = await c.next();
      if (frame.type !== 'event') continue;
      const p = frame.payload as { ImAddress: string; callId: string; benchSentAt: number };
      if (p.ImAddress !== id) misrouted++;
      const n = Number(p.callId);
      const seen = received.get(id);
      if (seen?.has(n)) duplicates++;
      seen?.add(n);
      receivedTotal++;
      latencies.push(performance.now() - p.benchSentAt);
    }
  })();
}
process.stdout.write(`${AGENTS} agents connected; sending ${TOTAL} events at ${RATE}/s…\n`);

const hook = relay.hookUrl('anywhere365');
let sent = 0;
let refused = 0;
const inFlight = new Set<Promise<void>>();
const started = performance.now();
while (sent < TOTAL) {
  const due = Math.min(TOTAL, Math.floor(((performance.now() - started) / 1000) * RATE));
  for (; sent < due; sent++) {
    const agent = ids[Math.floor(Math.random() * AGENTS)] ?? ids[0] ?? '';
    expected.set(agent, (expected.get(agent) ?? 0) + 1);
    const body = {
      SubscriptionId: 'bench',
      SessionType: 0,
      ImAddress: agent,
      eventType: 3,
      callId: String(sent),
      ani: '+31880000000',
      benchSentAt: performance.now(),
    };
    const p = postJson(hook, body).then(
      async (res) => {
        if (res.status !== 204) refused++;
        await res.arrayBuffer();
      },
      () => void refused++,
    );
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  }
  await sleep(5);
}
await Promise.all(inFlight);
const drainUntil = performance.now() + DRAIN_MS;
while (receivedTotal < TOTAL - refused && performance.now() < drainUntil) await sleep(20);

const sorted = latencies.sort((a, b) => a - b);
const lost = TOTAL - refused - [...received.values()].reduce((n, s) => n + s.size, 0);
const f = (ms: number) => `${ms.toFixed(1)} ms`;
process.stdout.write(
  [
    `sent ${TOTAL}, refused ${refused}, received ${receivedTotal}`,
    `lost ${lost}, misrouted ${misrouted}, duplicated ${duplicates}`,
    `latency p50 ${f(percentile(sorted, 50))}, p95 ${f(percentile(sorted, 95))}, ` +
      `p99 ${f(percentile(sorted, 99))}, max ${f(sorted.at(-1) ?? 0)}`,
  ].join('\n') + '\n',
);
await Promise.all(clients.map((c) => c.close()));
await relay.close();
process.exit(lost > 0 || misrouted > 0 || refused > 0 ? 1 : 0);
