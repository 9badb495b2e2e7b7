/**
 * Outages (architecture.md "Outages"): the session knows when the link was down, across a worker
 * restart, tells the background when it is back, and a reconnection's events reach the store as
 * one update so that a call over by then never rings (nor pops) late.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock, type PastCall, type TimeWindow } from './adapter';
import { CtiError, type CallUpdate } from './model';
import { createSession, type PastCallsReader } from './session';
import { createCallStore, type CallTransition, type KeyValueArea } from './store';
import { createFakeVendor } from '../../tests/support/fake-adapter';
import { triggersFor } from '../screenpop/screen-pop';
import { STORAGE } from '../storage/registry';

const KEYS = { session: STORAGE.session.signIn.key, checkpoint: STORAGE.session.checkpoint.key };
const CREDENTIALS = { username: 'agent7', password: 'pw' };
const T0 = Date.UTC(2024, 4, 2, 10, 0, 0);

function memoryArea(): KeyValueArea & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    get: async (key) => structuredClone(data.get(key)),
    set: async (key, value) => void data.set(key, structuredClone(value)),
  };
}

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

const PAST: PastCall = {
  direction: 'inbound',
  remote: { raw: '0612345678' },
  startedAt: T0 + 60_000,
  endedAt: T0 + 90_000,
  missed: true,
};

async function harness(secrets = memoryArea(), past?: PastCall[], gate?: Promise<void>) {
  const vendor = createFakeVendor();
  const store = createCallStore({
    storage: memoryArea(),
    clock: systemClock,
    log: quiet,
    key: STORAGE.session.callStore.key,
  });
  const outages: { outage: TimeWindow; calls?: PastCall[] }[] = [];
  const transitions: CallTransition[][] = [];
  store.subscribe((_s, t) => void (t.length > 0 && transitions.push(t)));
  const createAdapter = () => {
    const adapter = vendor.createAdapter();
    if (past) Object.assign(adapter, { pastCalls: async () => past });
    return adapter;
  };
  const session = createSession({
    keys: KEYS,
    createAdapter,
    store,
    log: quiet,
    fetch: vi.fn<typeof fetch>(),
    WebSocket: class {} as unknown as typeof WebSocket,
    secrets,
    random: () => 1,
    outageEnded: async (outage, pastCalls: PastCallsReader | undefined) => {
      outages.push({ outage, calls: pastCalls && (await pastCalls(outage)) });
      await gate;
    },
  });
  await store.ready;
  return { vendor, store, session, secrets, outages, transitions };
}

const ringing: CallUpdate = {
  id: 'c1',
  vendorCallId: 'v1',
  direction: 'inbound',
  state: 'ringing',
  remote: { raw: '0612345678' },
  startedAt: T0 + 60_000,
};

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('session: outages', () => {
  it('reports the outage from the loss to the reconnection, with the vendor history, once', async () => {
    const h = await harness(memoryArea(), [PAST]);
    await h.session.start(CREDENTIALS);
    await vi.advanceTimersByTimeAsync(0);
    expect(h.outages).toEqual([]);

    h.vendor.script.push(new CtiError('network', 'refused'), new CtiError('network', 'refused'));
    h.vendor.latest().loseConnection();
    const lostAt = Date.now();
    expect(h.secrets.data.get(KEYS.session)).toMatchObject({ offlineSince: lostAt });
    // Random 1: the full backoff, 0.5 s, then 1 s, then 2 s.
    await vi.advanceTimersByTimeAsync(3_500);
    expect(h.store.getState().connection.status).toBe('connected');
    await vi.advanceTimersByTimeAsync(0);
    expect(h.outages).toEqual([{ outage: { from: lostAt, to: lostAt + 3_500 }, calls: [PAST] }]);
    expect(h.secrets.data.get(KEYS.session)).not.toHaveProperty('offlineSince');

    // A reconnection without an outage in between reports nothing more.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(h.outages).toHaveLength(1);
  });

  it('starts the outage at the last sign of life, not when the loss was noticed', async () => {
    const h = await harness();
    await h.session.start(CREDENTIALS);
    await vi.advanceTimersByTimeAsync(1_000);
    h.vendor.latest().ctx?.alive();
    // A silent link is declared dead only after several heartbeats.
    await vi.advanceTimersByTimeAsync(15_000);
    h.vendor.latest().loseConnection();
    expect(h.secrets.data.get(KEYS.session)).toMatchObject({ offlineSince: T0 + 1_000 });
  });

  it('gives no reader to a vendor that cannot list past calls', async () => {
    const h = await harness();
    await h.session.start(CREDENTIALS);
    h.vendor.latest().loseConnection();
    await vi.advanceTimersByTimeAsync(500);
    expect(h.outages).toEqual([{ outage: { from: T0, to: T0 + 500 }, calls: undefined }]);
  });

  it('keeps the outage start across a worker restart', async () => {
    const secrets = memoryArea();
    const before = await harness(secrets);
    await before.session.start(CREDENTIALS);
    before.vendor.script.push(new CtiError('network', 'refused'));
    before.vendor.latest().loseConnection();
    await vi.advanceTimersByTimeAsync(0);
    vi.clearAllTimers();

    vi.setSystemTime(T0 + 120_000);
    const after = await harness(secrets);
    expect(await after.session.restore()).toBe(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(after.outages).toEqual([{ outage: { from: T0, to: T0 + 120_000 }, calls: undefined }]);
  });

  it('counts a worker restart while connected as an outage from the restart', async () => {
    const secrets = memoryArea();
    const before = await harness(secrets);
    await before.session.start(CREDENTIALS);
    await vi.advanceTimersByTimeAsync(0);
    vi.clearAllTimers();
    vi.setSystemTime(T0 + 5_000);
    const after = await harness(secrets);
    await after.session.restore();
    await vi.advanceTimersByTimeAsync(0);
    expect(after.outages.map((o) => o.outage)).toEqual([{ from: T0 + 5_000, to: T0 + 5_000 }]);
  });

  it('extends the same outage when the link is lost again before it was recorded', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const h = await harness(memoryArea(), undefined, gate);
    await h.session.start(CREDENTIALS);
    h.vendor.latest().loseConnection();
    await vi.advanceTimersByTimeAsync(500);
    // The record of the first reconnection is still being written when its link is lost.
    expect(h.outages.map((o) => o.outage)).toEqual([{ from: T0, to: T0 + 500 }]);
    h.vendor.latest().loseConnection();
    release();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(h.outages.map((o) => o.outage)).toEqual([
      { from: T0, to: T0 + 500 },
      { from: T0, to: T0 + 1_500 },
    ]);
    expect(h.secrets.data.get(KEYS.session)).not.toHaveProperty('offlineSince');
  });
});

describe('session: a reconnection holds events until its resync', () => {
  it('reports a call that rang and ended meanwhile as ended, never ringing', async () => {
    const h = await harness();
    await h.session.start(CREDENTIALS);
    await vi.advanceTimersByTimeAsync(0);
    h.vendor.script.push(async (ctx) => {
      ctx.emit({ type: 'callUpsert', call: ringing });
      ctx.emit({ type: 'callEnded', callId: 'c1', endedAt: T0 + 90_000 });
    });
    h.vendor.latest().loseConnection();
    await vi.advanceTimersByTimeAsync(500);
    const seen = h.transitions.flat().filter((t) => t.call.id === 'c1');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ call: { state: 'ended' }, previous: undefined });
    expect(triggersFor(seen[0]!)).toEqual([]);
  });

  it('still rings a call that is live after the resync', async () => {
    const h = await harness();
    await h.session.start(CREDENTIALS);
    h.vendor.script.push(async (ctx) => ctx.emit({ type: 'callUpsert', call: ringing }));
    h.vendor.latest().loseConnection();
    await vi.advanceTimersByTimeAsync(500);
    const seen = h.transitions.flat().filter((t) => t.call.id === 'c1');
    expect(seen).toHaveLength(1);
    expect(triggersFor(seen[0]!)).toEqual(['ringing']);
  });

  it('lets events through at once on the first connection of a sign-in', async () => {
    const h = await harness();
    h.vendor.script.push(async (ctx) => ctx.emit({ type: 'callUpsert', call: ringing }));
    const started = h.session.start(CREDENTIALS);
    await vi.advanceTimersByTimeAsync(0);
    await started;
    expect(h.transitions.flat().map((t) => t.call.state)).toEqual(['ringing']);
  });
});
