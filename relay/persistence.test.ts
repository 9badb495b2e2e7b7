/** A relay with a data directory, end to end on 127.0.0.1: restarts keep seqs and subscriptions. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startFakeBroker, type FakeBroker } from '../tests/support/relay/fake-broker';
import { createRelay, type Relay } from './index';
import { createMemoryLogger, silentLogger } from './log';
import { anywhere365Store } from './state-file';
import {
  TEST_SECRET,
  a365Event,
  connect,
  postJson,
  type TestClient,
} from '../tests/support/relay/test-kit';

const ALICE = 'sip:alice@example.com';
let dir: string;
let relay: Relay | undefined;
let broker: FakeBroker | undefined;
const clients: TestClient[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'relay-data-'));
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await relay?.close();
  relay = undefined;
  await broker?.close();
  broker = undefined;
  await rm(dir, { recursive: true, force: true });
});

async function hello(r: Relay, after: number): Promise<TestClient> {
  const c = await connect(r.wsUrl);
  clients.push(c);
  c.send({ type: 'hello', token: r.issueToken(ALICE), after });
  return c;
}

async function post(r: Relay, eventType: number) {
  const res = await postJson(r.hookUrl('anywhere365'), a365Event(ALICE, eventType));
  expect(res.status).toBe(204);
}

describe('a relay with a data directory', () => {
  it('restarts without losing an event: seqs go on and a valid cursor gets no gap', async () => {
    const r = await createRelay({ secret: TEST_SECRET, dataDir: dir }, { log: silentLogger });
    relay = r;
    expect(r.health().journal).toBe('ok');
    const first = await hello(r, 0);
    await first.expect('welcome');
    await post(r, 3);
    const handled = await first.expect('event');
    await first.close();

    await post(r, 4); // buffered while the extension is away…
    await r.restart(); // …then the relay restarts
    await post(r, 5);

    const again = await hello(r, handled.seq);
    expect(await again.expect('welcome')).toMatchObject({ seq: 3 });
    expect(await again.expect('event')).toMatchObject({ seq: 2, payload: { eventType: 4 } });
    expect(await again.expect('event')).toMatchObject({ seq: 3, payload: { eventType: 5 } });
    again.send({ type: 'ping' });
    await again.expect('pong');
    expect(again.frames.some((f) => f.type === 'gap')).toBe(false);
    expect(r.health()).toMatchObject({ bufferedAgents: 1, bufferedEvents: 3 });
  });

  it('keeps working as before without one: a restart is a gap from 0', async () => {
    const r = await createRelay({ secret: TEST_SECRET }, { log: silentLogger });
    relay = r;
    expect(r.health().journal).toBe('disabled');
    await post(r, 3);
    await r.restart();
    const c = await hello(r, 1);
    expect(await c.expect('welcome')).toMatchObject({ seq: 0 });
    expect(await c.expect('gap')).toEqual({ type: 'gap', from: 0, to: 0 });
  });

  it('deletes the Anywhere365 subscriptions a crashed run left behind', async () => {
    const b = await startFakeBroker();
    broker = b;
    const subscribe = async (imAddress: string) => {
      const res = await postJson(`${b.url}/api/subscribe`, {
        ImAddress: imAddress,
        CallbackUrl: 'http://127.0.0.1:9/gone',
      });
      return (res.headers.get('location') ?? '').split('/').pop() ?? '';
    };
    // What a relay that crashed leaves: live subscriptions at the broker, their ids on disk — one
    // for an ImAddress that is no longer configured.
    const left = await subscribe(ALICE);
    const orphan = await subscribe('sip:gone@example.com');
    const store = anywhere365Store(dir, `${b.url}/`, silentLogger);
    store.save(
      new Map([
        [ALICE, left],
        ['sip:gone@example.com', orphan],
      ]),
    );
    store.flush();

    const log = createMemoryLogger();
    const r = await createRelay(
      {
        secret: TEST_SECRET,
        dataDir: dir,
        anywhere365: { brokerUrl: b.url, imAddresses: [ALICE] },
      },
      { log },
    );
    relay = r;
    const deletes = b.requests.filter((q) => q.method === 'DELETE');
    expect(deletes.map((q) => [q.path, q.status]).sort()).toEqual(
      [
        [`/api/subscribe/${left}`, 202],
        [`/api/subscribe/${orphan}`, 202],
      ].sort(),
    );
    const live = [...b.subscriptions.entries()];
    expect(live).toEqual([[expect.any(String), expect.objectContaining({ imAddress: ALICE })]]);
    // The new id is saved (writes are coalesced for a moment)…
    const saved = () => anywhere365Store(dir, b.url, silentLogger).load();
    await vi.waitFor(() => expect(saved()).toEqual(new Map([[ALICE, live[0]?.[0]]])));
    await r.close();
    // …and a graceful stop deleted it at the broker and on disk.
    expect(b.subscriptions.size).toBe(0);
    expect(saved()).toEqual(new Map());
    expect(log.lines.some((l) => l.includes('subscription of a previous run'))).toBe(true);
    expect(r.metric('relay_anywhere365_subscription_lost_total')).toBe(0);
  });

  it('ignores saved subscription ids of another broker', async () => {
    const store = anywhere365Store(dir, 'https://old-broker.example.com', silentLogger);
    store.save(new Map([[ALICE, 'old-id']]));
    store.flush();
    const b = await startFakeBroker();
    broker = b;
    relay = await createRelay(
      {
        secret: TEST_SECRET,
        dataDir: dir,
        anywhere365: { brokerUrl: b.url, imAddresses: [ALICE] },
      },
      { log: silentLogger },
    );
    expect(b.requests.filter((q) => q.method === 'DELETE')).toEqual([]);
    expect(b.subscriptions.size).toBe(1);
  });
});
