/**
 * Property: relay call sessions (relay/sessions.ts, router.ts, the journal's session lines).
 *
 * 1. Routing. Arbitrary sequences of Anywhere365 webhooks (any agent, call id, event type by
 *    number or name, log-ins), clock jumps and relay restarts or crashes with a data directory go through
 *    the relay's own router, buffers and journal; each agent's buffer must hold exactly what a
 *    small independent model of the rule says: an event reaches the agent it names, and for a call
 *    event every other agent that got an event of the same call within the time limit (the latest
 *    `maxAgentsPerSession` of them, of the `maxSessions` most recently active calls). Restarts
 *    change nothing: sessions are restored from the journal.
 * 2. Reading. Journals of arbitrary and mutated session and event lines are read without a throw,
 *    and what is restored respects the limits.
 *
 * Together: 10,000 cases for the target "relay call sessions".
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentBuffers } from './buffer';
import { JOURNAL_FILE, openJournal, type Journal } from './journal';
import { readJournal } from './journal-format';
import { silentLogger } from './log';
import { Metrics, createRelayCounters } from './metrics';
import { agentKey, anywhere365Identity, createRouter } from './router';
import { SessionDirectory, type SessionLimits } from './sessions';
import { Anywhere365Event, sessionOf } from './wire';
import { checkAsyncProperty } from '../tests/support/property';

const TARGET = 'relay call sessions';
const ROUTING_RUNS = 1_000;
const READING_RUNS = 9_000;
const LIMITS: SessionLimits = { maxSessions: 2, ttlMs: 10_000, maxAgentsPerSession: 2 };
const BUFFERS = { maxEvents: 10_000, maxAgeMs: 1e12 };
const IDENTITIES = [
  'sip:alice@example.com',
  'SIP:Alice@Example.com',
  'bob@example.com',
  'sip:carol@example.com',
  'sip:dave@example.com',
];
/** §2.6's call events: 3 Hunting … 7 Retrieve, by number or by name in any case. */
const isCallEvent = (t: number | string) =>
  typeof t === 'number'
    ? t >= 3 && t <= 7
    : /^(hunting|connected|disconnected|onhold|retrieve)$/i.test(t);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'relay-sessions-property-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

type Step =
  | { kind: 'event'; imAddress: string; eventType: number | string; callId: string | null }
  | { kind: 'tick'; ms: number }
  | { kind: 'restart'; crash: boolean };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('event' as const),
      imAddress: fc.constantFrom(...IDENTITIES),
      eventType: fc.oneof(
        fc.integer({ min: 0, max: 8 }),
        fc.constantFrom('Retrieve', 'onhold', 'LoggedIn', 'Hunting', 'Other'),
      ),
      callId: fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom('c1', 'c2', 'c3', ' c1 ') },
        { weight: 1, arbitrary: fc.constantFrom('', 'failed', null) },
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('tick' as const),
      ms: fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: 0, max: LIMITS.ttlMs / 4 }) },
        { weight: 1, arbitrary: fc.integer({ min: 0, max: LIMITS.ttlMs * 1.5 }) },
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('restart' as const), crash: fc.boolean() }),
  },
);

/** The rule, written out plainly: who gets each event. */
class Model {
  /** Call id → agents in the order of their latest event, and the time of the call's last one. */
  private calls = new Map<string, { agents: string[]; at: number }>();
  readonly received = new Map<string, unknown[]>();

  route(agent: string, payload: unknown, callId: string | undefined, now: number): void {
    const call = callId === undefined ? undefined : this.calls.get(callId);
    const alive = call && now - call.at <= LIMITS.ttlMs ? call : undefined;
    const to = new Set([agent, ...(alive?.agents ?? [])]);
    for (const a of to) this.received.set(a, [...(this.received.get(a) ?? []), payload]);
    if (callId === undefined) return;
    const agents = [...(alive?.agents ?? []).filter((a) => a !== agent), agent].slice(
      -LIMITS.maxAgentsPerSession,
    );
    this.calls.delete(callId);
    this.calls.set(callId, { agents, at: now });
    for (const id of [...this.calls.keys()].slice(0, -LIMITS.maxSessions)) this.calls.delete(id);
  }
}

interface Running {
  buffers: AgentBuffers;
  sessions: SessionDirectory;
  journal: Journal;
}

async function open(now: () => number): Promise<Running> {
  const buffers = new AgentBuffers(BUFFERS);
  const sessions = new SessionDirectory(LIMITS);
  const journal = await openJournal({ dir, buffers, sessions, log: silentLogger, now });
  return { buffers, sessions, journal };
}

async function runSteps(steps: Step[]): Promise<void> {
  await rm(join(dir, JOURNAL_FILE), { force: true });
  let clock = 1_000_000;
  const now = () => clock;
  let relay = await open(now);
  const counters = createRelayCounters(new Metrics());
  const model = new Model();
  try {
    for (const [i, s] of steps.entries()) {
      if (s.kind === 'tick') clock += s.ms;
      if (s.kind === 'restart') {
        // A crash leaves the file as it is; a graceful stop compacts it.
        await relay.journal.close({ compact: !s.crash });
        relay = await open(now);
      }
      if (s.kind !== 'event') continue;
      const payload = {
        SessionType: 0,
        ImAddress: s.imAddress,
        eventType: s.eventType,
        callId: s.callId,
        ani: '',
        i,
      };
      const parsed = Anywhere365Event.parse(payload);
      const r = relay;
      const route = createRouter({
        buffers: r.buffers,
        sessions: r.sessions,
        counters,
        log: silentLogger,
        maxAgents: 100,
        now,
        deliver: (agent, event) => r.journal.append(agent, event),
        joined: (id, agent, at) => r.journal.appendSession(id, agent, at),
      });
      route('anywhere365', anywhere365Identity(parsed.ImAddress), payload, sessionOf(parsed));
      const typed = isCallEvent(s.eventType);
      const callId = typed && s.callId?.trim() ? s.callId.trim() : undefined;
      model.route(agentKey(anywhere365Identity(s.imAddress)), payload, callId, clock);
    }
    for (const identity of IDENTITIES) {
      const agent = agentKey(anywhere365Identity(identity));
      const held = relay.buffers.replay(agent, 0, clock).events.map((e) => e.payload);
      expect({ agent, held }).toEqual({ agent, held: model.received.get(agent) ?? [] });
    }
    expect(relay.sessions.size).toBeLessThanOrEqual(LIMITS.maxSessions);
  } finally {
    await relay.journal.close({ compact: false });
  }
}

const agentName = fc.oneof(fc.constantFrom(...IDENTITIES), fc.string({ maxLength: 12 }));
const sessionRecord = fc.record(
  {
    type: fc.constant('session'),
    id: fc.oneof(fc.constantFrom('c1', 'c2', 'c3', 'c4', ''), fc.string({ maxLength: 8 })),
    agents: fc.oneof(fc.array(agentName, { maxLength: 6 }), fc.jsonValue({ maxDepth: 1 })),
    at: fc.oneof(fc.integer({ min: 0, max: 2_000_000 }), fc.jsonValue({ maxDepth: 0 })),
  },
  { requiredKeys: [] },
);
const eventRecord = fc.record(
  {
    type: fc.constant('event'),
    agent: agentName,
    seq: fc.oneof(fc.integer({ min: 0, max: 6 }), fc.jsonValue({ maxDepth: 0 })),
    source: fc.constantFrom('anywhere365', 'ucontact', 'x'),
    at: fc.integer({ min: 0, max: 2_000_000 }),
    payload: fc.jsonValue({ maxDepth: 1 }),
  },
  { requiredKeys: ['type'] },
);
const line = fc.oneof(
  { weight: 4, arbitrary: sessionRecord.map((r) => JSON.stringify(r)) },
  { weight: 2, arbitrary: eventRecord.map((r) => JSON.stringify(r)) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        sessionRecord.map((r) => JSON.stringify(r)),
        fc.nat(),
      )
      .map(([t, n]) => t.slice(0, n % (t.length + 1))),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
);

describe('relay call sessions (property)', () => {
  it(
    'route each event to its agent and the other agents of its call, across restarts',
    { timeout: 240_000 },
    async () => {
      await checkAsyncProperty(
        TARGET,
        fc.asyncProperty(fc.array(step, { maxLength: 40 }), runSteps),
        { numRuns: ROUTING_RUNS, label: 'webhook sequences' },
      );
    },
  );

  it(
    'read arbitrary and mutated journal lines within the limits, never a throw',
    { timeout: 240_000 },
    async () => {
      await checkAsyncProperty(
        TARGET,
        fc.asyncProperty(fc.array(line, { maxLength: 12 }), async (lines) => {
          const file = join(dir, 'read.jsonl');
          await writeFile(file, lines.join('\n'));
          const now = 2_000_000;
          const contents = await readJournal(file, silentLogger);
          const sessions = new SessionDirectory(LIMITS);
          sessions.restore(contents.sessions, now);
          const restored = [...sessions.snapshot()];
          expect(restored.length).toBeLessThanOrEqual(LIMITS.maxSessions);
          for (const s of restored) {
            expect(s.id.length).toBeGreaterThan(0);
            expect(s.agents.length).toBeGreaterThan(0);
            expect(s.agents.length).toBeLessThanOrEqual(LIMITS.maxAgentsPerSession);
            expect(now - s.at).toBeLessThanOrEqual(LIMITS.ttlMs);
          }
        }),
        { numRuns: READING_RUNS, label: 'journal lines' },
      );
    },
  );
});
