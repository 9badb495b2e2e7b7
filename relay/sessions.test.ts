/**
 * Call sessions (relay/sessions.ts): the directory's bounds, the relay routing a transfer's events
 * to both agents, and the sessions surviving a restart with a data directory.
 */
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgentBuffers } from './buffer';
import { createRelay, type Relay, type RelayOptionsInput } from './index';
import { JOURNAL_FILE, openJournal } from './journal';
import { createMemoryLogger, silentLogger } from './log';
import { SessionDirectory } from './sessions';
import { sessionOf } from './wire';
import {
  TEST_SECRET,
  a365Event,
  connect,
  postJson,
  type TestClient,
} from '../tests/support/relay/test-kit';

const ALICE = 'sip:alice@example.com';
const BOB = 'sip:bob@example.com';
const CAROL = 'sip:carol@example.com';
const limits = { maxSessions: 3, ttlMs: 1_000, maxAgentsPerSession: 2 };

describe('SessionDirectory', () => {
  it('names the other agents of a call, forgets a call silent past its time limit', () => {
    const s = new SessionDirectory(limits);
    s.join('c1', ALICE, 0);
    expect(s.others('c1', ALICE, 10)).toEqual([]);
    expect(s.others('c1', BOB, 10)).toEqual([ALICE]);
    s.join('c1', BOB, 500);
    expect(s.others('c1', BOB, 1_400)).toEqual([ALICE]); // 900 ms after the last event
    expect(s.others('c1', BOB, 1_501)).toEqual([]);
    expect(s.size).toBe(0);
    s.join('c2', ALICE, 2_000);
    s.prune(2_999);
    expect(s.size).toBe(1);
    s.prune(3_001);
    expect(s.size).toBe(0);
  });

  it('keeps the latest agents of a call and the most recently active calls', () => {
    const s = new SessionDirectory(limits);
    s.join('c1', ALICE, 0);
    s.join('c1', BOB, 1);
    s.join('c1', CAROL, 2);
    expect(s.others('c1', 'x', 3)).toEqual([BOB, CAROL]);
    s.join('c1', BOB, 3); // Bob again: now the latest
    expect(s.others('c1', 'x', 3)).toEqual([CAROL, BOB]);
    s.join('c2', ALICE, 4);
    s.join('c3', ALICE, 5);
    s.join('c1', ALICE, 6); // c1 active again: c2 is now the least recent
    s.join('c4', ALICE, 7);
    expect([...s.snapshot()].map((x) => x.id)).toEqual(['c3', 'c1', 'c4']);
  });

  it('replays the journal’s session lines as they happened: expiry and limits apply', () => {
    const s = new SessionDirectory(limits);
    s.restore(
      [
        { id: 'c1', agents: [ALICE], at: 0 },
        { id: 'c2', agents: [CAROL, ALICE], at: 100 },
        { id: 'c1', agents: [BOB], at: 1_500 }, // c1 had expired: Alice is no longer part of it
        { id: 'c3', agents: [ALICE, BOB, CAROL], at: 1_600 },
      ],
      1_700,
    );
    expect([...s.snapshot()]).toEqual([
      { id: 'c1', agents: [BOB], at: 1_500 },
      { id: 'c3', agents: [BOB, CAROL], at: 1_600 },
    ]);
  });
});

describe('sessionOf', () => {
  it('is the callId of a call event, by number or name; none for log-in events or unknown types', () => {
    expect(sessionOf(a365Event(ALICE, 7, ' c1 '))).toBe('c1');
    expect(sessionOf(a365Event(ALICE, 'OnHold', 'c1'))).toBe('c1');
    expect(sessionOf(a365Event(ALICE, 0, 'failed'))).toBeUndefined();
    expect(sessionOf(a365Event(ALICE, 'LoggedOff', 'c1'))).toBeUndefined();
    expect(sessionOf(a365Event(ALICE, 2, 'c1'))).toBeUndefined();
    expect(sessionOf({ ...a365Event(ALICE, 4), callId: null })).toBeUndefined();
    expect(sessionOf(a365Event(ALICE, 4, '  '))).toBeUndefined();
  });
});

describe('a relay routing call sessions', () => {
  let relay: Relay;
  let dir: string;
  let clock: number;
  const clients: TestClient[] = [];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'relay-sessions-'));
    clock = 1_800_000_000_000;
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await relay.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function start(options: Partial<RelayOptionsInput> = {}) {
    relay = await createRelay(
      { secret: TEST_SECRET, ...options },
      { log: silentLogger, now: () => clock },
    );
  }
  async function agent(sub: string, after = 0): Promise<TestClient> {
    const c = await connect(relay.wsUrl);
    clients.push(c);
    c.send({ type: 'hello', token: relay.issueToken(sub), after });
    await c.expect('welcome');
    return c;
  }
  async function post(imAddress: string, eventType: number | string, callId = 'call-t') {
    expect(
      (await postJson(relay.hookUrl('anywhere365'), a365Event(imAddress, eventType, callId)))
        .status,
    ).toBe(204);
  }
  it('sends the taking agent’s Retrieve to the agent who transferred, and nobody else', async () => {
    await start();
    const [alice, bob, carol] = [await agent(ALICE), await agent(BOB), await agent(CAROL)];
    await post(ALICE, 3);
    await post(ALICE, 4);
    await post(ALICE, 6);
    await post(BOB, 7); // the transfer went through (§2.6)
    await post(BOB, 5);
    await post(BOB, 0, ''); // Bob logs in: no call, no copy
    await post(CAROL, 3, 'other-call');
    expect(await drain(alice, 5)).toEqual([3, 4, 6, 7, 5]);
    expect(await drain(bob, 3)).toEqual([7, 5, 0]);
    expect(await drain(carol, 1)).toEqual([3]);
    // Each copy has its own agent's seq; the payload is the broker's, naming Bob.
    expect(alice.frames.at(-2)).toMatchObject({ seq: 5, payload: { ImAddress: BOB } });
    expect(relay.metric('relay_events_session_copies_total', { source: 'anywhere365' })).toBe(2);
    expect(relay.metric('relay_events_routed_total', { source: 'anywhere365' })).toBe(7);
    expect(relay.health().callSessions).toBe(2);
  });

  it('forgets a call once it has been silent past RELAY_SESSION_TTL_S', async () => {
    await start({ sessions: { ttlMs: 60_000 } });
    const [alice, bob] = [await agent(ALICE), await agent(BOB)];
    await post(ALICE, 6);
    clock += 60_001;
    await post(BOB, 7);
    expect(await drain(bob, 1)).toEqual([7]);
    expect(await drain(alice, 1)).toEqual([6]);
  });

  it('keeps the sessions across a restart with a data directory, past the buffers’ age', async () => {
    await start({ dataDir: dir, buffer: { maxAgeMs: 1_000 } });
    await post(ALICE, 4);
    await post(ALICE, 6);
    clock += 30 * 60_000; // the call is on hold for half an hour: its events left the buffer
    await relay.restart();
    const journal = await readFile(join(dir, JOURNAL_FILE), 'utf8');
    expect(journal).toContain('"type":"session"');
    expect(journal).not.toContain('"type":"event"');
    const alice = await agent(ALICE, 2);
    await post(BOB, 7);
    expect(await drain(alice, 1)).toEqual([7]);
    expect(alice.frames.find((f) => f.type === 'event')).toMatchObject({ seq: 3 });
  });

  it('replays the session lines a crash left behind, skipping a cut last line', async () => {
    const sessions = () =>
      new SessionDirectory({ maxSessions: 10, ttlMs: 60_000, maxAgentsPerSession: 4 });
    const buffers = () => new AgentBuffers({ maxEvents: 10, maxAgeMs: 60_000 });
    const first = await openJournal({
      dir,
      buffers: buffers(),
      sessions: sessions(),
      log: silentLogger,
      now: () => clock,
    });
    first.appendSession('call-t', ALICE, clock);
    await first.close({ compact: false });
    await appendFile(join(dir, JOURNAL_FILE), '{"type":"session","id":"call-t","agents":[');
    const restored = sessions();
    const log = createMemoryLogger();
    const again = await openJournal({
      dir,
      buffers: buffers(),
      sessions: restored,
      log,
      now: () => clock,
    });
    await again.close({ compact: false });
    expect(restored.others('call-t', BOB, clock)).toEqual([ALICE]);
    expect(log.lines.join('')).toContain('incomplete last line skipped');
  });
});

/** The eventTypes of the first `n` event frames of `c`, then checks that no other one came. */
async function drain(c: TestClient, n: number): Promise<unknown[]> {
  const got: unknown[] = [];
  for (let i = 0; i < n; i++)
    got.push(((await c.expect('event')).payload as { eventType: unknown }).eventType);
  c.send({ type: 'ping' });
  await c.expect('pong');
  return got;
}
