/**
 * Load benchmark (not part of `npm test`):
 * `npm run bench:relay [-- --agents 500 --rate 100 --seconds 60 --journal --no-report]`.
 * Starts a relay in-process on 127.0.0.1, connects one WebSocket per agent, POSTs Anywhere365
 * events to random agents at a steady rate and checks that every event reaches its agent, and
 * only its agent. Reports lost, misrouted and duplicated events and delivery latency percentiles
 * (POST sent → frame received; client and relay share this process and its CPU, so the numbers
 * are an upper bound for loopback). Every loop is bounded: it stops by itself after the send
 * phase plus a drain of at most 10 s, and exits 1 if anything was lost, misrouted or refused.
 *
 * Then it revokes `--revocations` (20) of the connected agents' tokens one by one, as
 * `npm run relay:token -- --revoke` does (a line appended to the revocation list), and measures how
 * long until the relay closes the token's live socket (the relay promises within a second:
 * relay/revocation.ts); a hello with the revoked token afterwards must be refused. A revocation
 * that does not take effect within 10 s counts as failed.
 *
 * The results go to docs/benchmarks.md, section `relay` (scripts/bench-report.ts), unless
 * `--no-report`. `--journal` gives the relay a temporary data directory (relay/journal.ts), to
 * measure what journaling every event costs; that run reports to the section `relay-journal`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  BENCHMARKS_FILE,
  describeMachine,
  markdownTable,
  wrapProse,
  writeBenchSection,
} from '../../scripts/bench-report';
import { createRelay } from '../../relay/index';
import { silentLogger } from '../../relay/log';
import { CLOSE_UNAUTHORIZED } from '../../relay/protocol';
import { appendRevocation } from '../../relay/revocation';
import { tokenIdOf } from '../../relay/tokens';
import { connect, postJson, type TestClient } from '../support/relay/test-kit';

const DEFAULTS = { agents: '500', rate: '100', seconds: '60', revocations: '20' };
const { values } = parseArgs({
  options: {
    agents: { type: 'string', default: DEFAULTS.agents },
    rate: { type: 'string', default: DEFAULTS.rate },
    seconds: { type: 'string', default: DEFAULTS.seconds },
    revocations: { type: 'string', default: DEFAULTS.revocations },
    journal: { type: 'boolean', default: false },
    'no-report': { type: 'boolean', default: false },
  },
});
const AGENTS = Math.min(5_000, Math.max(1, Number(values.agents)));
const RATE = Math.min(5_000, Math.max(1, Number(values.rate)));
const SECONDS = Math.min(3_600, Math.max(1, Number(values.seconds)));
const REVOCATIONS = Math.min(AGENTS, Math.max(0, Number(values.revocations)));
const TOTAL = Math.round(RATE * SECONDS);
const REVOKE_TIMEOUT_MS = 10_000;
const DRAIN_MS = 10_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentile = (sorted: number[], p: number) =>
  sorted.length
    ? (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0)
    : 0;

const dataDir = values.journal ? await mkdtemp(join(tmpdir(), 'relay-bench-')) : undefined;
const revocationDir = await mkdtemp(join(tmpdir(), 'relay-bench-revoked-'));
const revocationFile = join(revocationDir, 'revoked-tokens');
const relay = await createRelay(
  {
    secret: 'bench-secret-0123456789-0123456789-0123',
    hookRateLimit: { max: RATE * 10, windowMs: 1_000 },
    buffer: { maxEvents: 10_000, maxBytes: 64 * 1024 * 1024 },
    dataDir,
    revocationFile,
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
const tokens: string[] = [];
for (const id of ids) {
  const c = await connect(relay.wsUrl);
  const token = relay.issueToken(id);
  tokens.push(token);
  c.send({ type: 'hello', token, after: 0 });
  await c.expect('welcome');
  clients.push(c);
  void (async () => {
    for (;;) {
      const frame = await c.next();
      if (frame.type !== 'event') continue;
      const p = frame.payload as { ImAddress: string; callId: string; benchSentAt: number };
      receivedTotal++;
      if (p.ImAddress !== id) {
        misrouted++; // counted apart, so it cannot hide a loss of the right agent's copy
        continue;
      }
      const n = Number(p.callId);
      const seen = received.get(id);
      if (seen?.has(n)) duplicates++;
      seen?.add(n);
      latencies.push(performance.now() - p.benchSentAt);
    }
  })();
}
process.stdout.write(`${AGENTS} agents connected; sending ${TOTAL} events at ${RATE}/s…\n`);

const startedAt = new Date();
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
const sendSeconds = (performance.now() - started) / 1000;
await Promise.all(inFlight);
const drainUntil = performance.now() + DRAIN_MS;
while (receivedTotal < TOTAL - refused && performance.now() < drainUntil) await sleep(20);

/** Revokes the token of client `i`: ms until its socket closed, or undefined past the timeout. */
async function revoke(i: number): Promise<number | undefined> {
  const client = clients[i];
  const token = tokens[i] ?? '';
  if (!client) return undefined;
  const started = performance.now();
  appendRevocation(revocationFile, tokenIdOf(token) ?? '', new Date(), 'bench');
  const timeout = sleep(REVOKE_TIMEOUT_MS).then(() => undefined);
  const closed = await Promise.race([client.closed, timeout]);
  if (closed?.code !== CLOSE_UNAUTHORIZED) return undefined;
  const delay = performance.now() - started;
  const again = await connect(relay.wsUrl);
  again.send({ type: 'hello', token, after: 0 });
  const refused = await Promise.race([again.closed, timeout]);
  await again.close();
  return refused?.code === CLOSE_UNAUTHORIZED ? delay : undefined;
}

const revocationDelays: number[] = [];
let revocationsFailed = 0;
for (let i = 0; i < REVOCATIONS; i++) {
  const delay = await revoke(i);
  if (delay === undefined) revocationsFailed++;
  else revocationDelays.push(delay);
  await sleep(50 + Math.random() * 200); // spread over the watcher's and the poll's timing
}
const revokeSorted = revocationDelays.sort((a, b) => a - b);

const sorted = latencies.sort((a, b) => a - b);
const delivered = [...received.values()].reduce((n, s) => n + s.size, 0);
const lost = TOTAL - refused - delivered;
const failed = lost > 0 || misrouted > 0 || refused > 0 || revocationsFailed > 0;
const f = (ms: number) => `${ms.toFixed(1)} ms`;
const latency =
  `p50 ${f(percentile(sorted, 50))}, p95 ${f(percentile(sorted, 95))}, ` +
  `p99 ${f(percentile(sorted, 99))}, max ${f(sorted.at(-1) ?? 0)}`;
process.stdout.write(
  [
    `sent ${TOTAL}, refused ${refused}, received ${receivedTotal}, delivered ${delivered}`,
    `lost ${lost}, misrouted ${misrouted}, duplicated ${duplicates}`,
    `latency ${latency}`,
    `revocations ${REVOCATIONS}, failed ${revocationsFailed}, ` +
      `revoke → socket closed p50 ${f(percentile(revokeSorted, 50))}, max ${f(revokeSorted.at(-1) ?? 0)}`,
  ].join('\n') + '\n',
);
await Promise.all(clients.map((c) => c.close()));
await relay.close();
if (dataDir) await rm(dataDir, { recursive: true, force: true });
await rm(revocationDir, { recursive: true, force: true });

if (!values['no-report']) {
  const args = (['agents', 'rate', 'seconds', 'revocations'] as const)
    .filter((k) => values[k] !== DEFAULTS[k])
    .map((k) => `--${k} ${values[k]}`);
  if (values.journal) args.push('--journal');
  const command = `npm run bench:relay${args.length ? ` -- ${args.join(' ')}` : ''}`;
  const section = values.journal ? 'relay-journal' : 'relay';
  const title = values.journal
    ? 'Relay with a data directory: webhook → journal → agent WebSocket'
    : 'Relay: webhook → agent WebSocket';
  const rows: Array<[string, string]> = [
    [
      'result',
      failed ? 'FAILED: events lost, misrouted or refused, or a revocation failed' : 'passed',
    ],
    ['date', `${startedAt.toISOString().replace(/\.\d+Z$/, 'Z')} (UTC)`],
    ['machine', describeMachine()],
    ['journal', values.journal ? 'on (temporary data directory)' : 'off (memory only)'],
    ['agents', String(AGENTS)],
    ['rate', `${RATE} events/s (achieved ${(sent / sendSeconds).toFixed(1)}/s)`],
    ['duration', `${SECONDS} s of sending`],
    ['events sent', String(TOTAL)],
    ['refused (non-204)', String(refused)],
    ['delivered to their agent', String(delivered)],
    ['lost', String(lost)],
    ['misrouted', String(misrouted)],
    ['duplicated', String(duplicates)],
    ['latency p50', f(percentile(sorted, 50))],
    ['latency p95', f(percentile(sorted, 95))],
    ['latency p99', f(percentile(sorted, 99))],
    ['latency max', f(sorted.at(-1) ?? 0)],
    ['tokens revoked (failed)', `${REVOCATIONS} (${revocationsFailed})`],
    ['revoke → live socket closed, p50', f(percentile(revokeSorted, 50))],
    ['revoke → live socket closed, max', f(revokeSorted.at(-1) ?? 0)],
  ];
  const markdown = [
    `## ${title}`,
    wrapProse(
      '`tests/bench/relay.ts` starts a relay in-process on 127.0.0.1, connects one WebSocket per agent, ' +
        'POSTs Anywhere365 events to random agents at a steady rate and checks that each one reaches ' +
        'its agent, and only that agent. Latency is from POST sent to frame received; the load ' +
        'generator, the clients and the relay share one process and its CPUs, so it is an upper ' +
        "bound for loopback. Then it revokes agents' tokens one by one (a line appended to the " +
        'revocation list, as `npm run relay:token -- --revoke` does) and measures the time until ' +
        'the relay closes the live socket, which the relay promises within a second. The run ' +
        'fails (exit code 1) if an event is lost, misrouted or refused, or a revoked token is not ' +
        'closed and refused.',
    ),
    `Regenerate: \`${command}\``,
    markdownTable(['measure', 'value'], rows),
  ].join('\n\n');
  await writeBenchSection(BENCHMARKS_FILE, section, markdown);
  process.stdout.write(`results written to docs/benchmarks.md (section ${section})\n`);
}
process.exit(failed ? 1 : 0);
