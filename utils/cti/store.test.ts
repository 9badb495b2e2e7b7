import { describe, expect, it, vi } from 'vitest';
import type { Clock, Logger } from './adapter';
import type { CallUpdate } from './model';
import {
  createCallStore,
  type CallStoreDeps,
  type CallTransition,
  type KeyValueArea,
} from './store';
import { ALL_CAPABILITIES } from '../../tests/support/fake-adapter';
import { STORAGE } from '../storage/registry';

const STORE_KEY = STORAGE.session.callStore.key;

function manualClock(start = 1_000): Clock & { time: number } {
  return {
    time: start,
    now() {
      return this.time;
    },
    setTimeout: () => undefined,
    clearTimeout: () => {},
    setInterval: () => undefined,
    clearInterval: () => {},
  };
}

/** A storage.session stand-in; with `gated`, each write waits until the test releases it. */
function memoryArea(initial: Record<string, unknown> = {}, gated = false) {
  const data = new Map<string, unknown>(Object.entries(initial));
  const writes: unknown[] = [];
  const pending: (() => void)[] = [];
  const area: KeyValueArea = {
    get: async (key) => data.get(key),
    set: (key, value) => {
      writes.push(value);
      const commit = () => data.set(key, structuredClone(value));
      if (!gated) {
        commit();
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => pending.push(() => (commit(), resolve())));
    },
  };
  return { area, data, writes, release: () => pending.shift()?.() };
}

const spyLog = (): Logger => ({ debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() });

const update = (id: string, patch: Partial<CallUpdate> = {}): CallUpdate => ({
  id,
  vendorCallId: `v-${id}`,
  direction: 'inbound',
  state: 'ringing',
  remote: { raw: '+33123456789' },
  startedAt: 100,
  ...patch,
});

async function setup(options: Partial<CallStoreDeps> = {}) {
  const clock = manualClock();
  const memory = memoryArea();
  const log = spyLog();
  const store = createCallStore({
    key: STORE_KEY,
    storage: memory.area,
    clock,
    log,
    ...options,
  });
  await store.ready;
  store.setCapabilities(ALL_CAPABILITIES);
  const seen: CallTransition[][] = [];
  store.subscribe((_state, transitions) => seen.push(transitions));
  return { store, clock, memory, log, seen };
}

describe('call store: events', () => {
  it('upserts a call, keeps the first sighting’s start and merges later updates onto it', async () => {
    const { store, clock, seen } = await setup();
    store.apply({
      type: 'callUpsert',
      call: update('c1', { data: { ticket: '42' }, recording: 'on' }),
    });
    clock.time = 2_000;
    store.apply({
      type: 'callUpsert',
      call: update('c1', { state: 'connected', startedAt: 999, queue: 'sales' }),
    });
    const [call] = store.getState().calls;
    expect(call).toMatchObject({
      state: 'connected',
      startedAt: 100,
      queue: 'sales',
      recording: 'on',
    });
    expect(call?.data).toEqual({ ticket: '42' });
    // We saw it ring, then connect: that is when it was answered.
    expect(call?.answeredAt).toBe(2_000);
    expect(call?.actions).toContain('hold');
    expect(seen.at(-1)?.[0]?.previous?.state).toBe('ringing');
    expect(store.getState().lastEventAt).toBe(2_000);
  });

  it('keeps answeredAt from the first sighting', async () => {
    const { store } = await setup();
    store.apply({
      type: 'callUpsert',
      call: update('c1', { state: 'connected', answeredAt: 150 }),
    });
    store.apply({ type: 'callUpsert', call: update('c1', { state: 'held', answeredAt: 300 }) });
    expect(store.getState().calls[0]?.answeredAt).toBe(150);
  });

  it('reports no transition for an update that changes nothing', async () => {
    const { store, seen } = await setup();
    store.apply({ type: 'callUpsert', call: update('c1') });
    store.apply({ type: 'callUpsert', call: update('c1') });
    expect(seen.map((t) => t.length)).toEqual([1, 0]);
  });

  it('ends a call and keeps it for disposition', async () => {
    const { store } = await setup();
    store.apply({ type: 'callUpsert', call: update('c1', { state: 'connected' }) });
    store.apply({ type: 'callEnded', callId: 'c1', endedAt: 500 });
    expect(store.getState().calls[0]).toMatchObject({
      state: 'ended',
      endedAt: 500,
      actions: ['dispose'],
    });
  });

  it('orders live calls oldest first, then ended calls, keeping every ended call awaiting its disposition', async () => {
    const { store } = await setup();
    for (const [i, id] of ['a', 'b', 'c', 'd'].entries()) {
      store.apply({ type: 'callUpsert', call: update(id, { startedAt: i }) });
      store.apply({ type: 'callEnded', callId: id, endedAt: 10 + i });
    }
    store.apply({ type: 'callUpsert', call: update('live2', { startedAt: 50 }) });
    store.apply({ type: 'callUpsert', call: update('live1', { startedAt: 40 }) });
    expect(store.getState().calls.map((c) => c.id)).toEqual(['live1', 'live2', 'a', 'b', 'c', 'd']);
  });

  it('never drops an undisposed call, however many are waiting', async () => {
    const { store } = await setup();
    const ids = Array.from({ length: 40 }, (_, i) => `call-${i}`);
    for (const [i, id] of ids.entries()) {
      store.apply({ type: 'callUpsert', call: update(id, { startedAt: i }) });
      store.apply({ type: 'callEnded', callId: id, endedAt: 100 + i });
    }
    expect(store.getState().calls.map((c) => c.id)).toEqual(ids);
    store.setDisposition('call-0', { code: 'SALE', notes: '', at: 500 });
    expect(store.getState().calls.map((c) => c.id)).toEqual(ids.slice(1));
  });

  it('drops ended calls at once when nobody waits for a disposition, still reporting the end', async () => {
    const { store, seen } = await setup({ keepEndedAwaitingDisposition: false });
    store.apply({ type: 'callUpsert', call: update('c1') });
    store.apply({ type: 'callEnded', callId: 'c1', endedAt: 500 });
    expect(store.getState().calls).toEqual([]);
    expect(seen.at(-1)?.[0]?.call.state).toBe('ended');
  });

  it('drops an ended call the vendor cannot dispose, still reporting the end', async () => {
    const { store, seen } = await setup();
    const commands = new Set(ALL_CAPABILITIES.commands);
    commands.delete('dispose');
    store.setCapabilities({ ...ALL_CAPABILITIES, commands });
    store.apply({ type: 'callUpsert', call: update('c1', { state: 'connected' }) });
    store.apply({ type: 'callEnded', callId: 'c1', endedAt: 500 });
    expect(store.getState().calls).toEqual([]);
    expect(seen.at(-1)?.[0]?.call.state).toBe('ended');
  });

  it('removes an ended call once disposed and ignores late frames for it', async () => {
    const { store, seen } = await setup();
    store.apply({ type: 'callUpsert', call: update('c1', { state: 'connected' }) });
    store.apply({ type: 'callEnded', callId: 'c1', endedAt: 500 });
    store.setDisposition('c1', { code: 'sale', notes: '', at: 600 });
    expect(store.getState().calls).toEqual([]);
    expect(seen.at(-1)?.[0]?.call.disposition?.code).toBe('sale');
    store.apply({ type: 'callUpsert', call: update('c1', { state: 'ended' }) });
    expect(store.getState().calls).toEqual([]);
  });

  it('dismisses an ended call but not a live one', async () => {
    const { store } = await setup();
    store.apply({ type: 'callUpsert', call: update('live') });
    store.apply({ type: 'callUpsert', call: update('gone') });
    store.apply({ type: 'callEnded', callId: 'gone', endedAt: 500 });
    store.dismissCall('gone');
    store.dismissCall('live');
    expect(store.getState().calls.map((c) => c.id)).toEqual(['live']);
  });

  it('turns an invalid call update into a counted protocol error, not a notice', async () => {
    const { store } = await setup();
    store.apply({
      type: 'callUpsert',
      call: { ...update('c1'), state: 'exploded' } as unknown as CallUpdate,
    });
    store.apply({ type: 'protocolError', message: 'bad frame' });
    const state = store.getState();
    expect(state.calls).toEqual([]);
    expect(state.protocolErrors).toBe(2);
    expect(state.recentProtocolErrors.map((e) => e.message)).toEqual([
      expect.stringContaining('state'),
      'bad frame',
    ]);
    expect(state.notices).toEqual([]);
  });

  it('keeps the agent state, merges vendor lists and keeps the last five notices', async () => {
    const { store } = await setup();
    store.apply({ type: 'agent', agent: { status: 'notReady', reason: 'Lunch' } });
    store.apply({ type: 'lists', lists: { queues: [{ code: 'q', label: 'Q' }] } });
    store.apply({ type: 'lists', lists: { resultCodes: [{ code: 'r', label: 'R' }] } });
    for (let i = 0; i < 7; i++) store.apply({ type: 'notice', level: 'info', message: `n${i}` });
    store.addNotice('info', 'n6');
    const state = store.getState();
    expect(state.agent).toEqual({ status: 'notReady', reason: 'Lunch', since: 1_000 });
    expect(Object.keys(state.lists)).toEqual(['queues', 'resultCodes']);
    // A repeated notice refreshes the last one rather than stacking.
    expect(state.notices.map((n) => n.message)).toEqual(['n2', 'n3', 'n4', 'n5', 'n6']);
    store.dismissNotice(state.notices[0]!.id);
    expect(store.getState().notices).toHaveLength(4);
  });

  it('recomputes every call’s actions when the capabilities change', async () => {
    const { store } = await setup();
    store.apply({ type: 'callUpsert', call: update('c1', { state: 'connected' }) });
    store.setCapabilities({ ...ALL_CAPABILITIES, commands: new Set(['hangup']) });
    expect(store.getState().calls[0]?.actions).toEqual(['hangup']);
  });

  it('survives a listener that throws', async () => {
    const { store, log } = await setup();
    store.subscribe(() => {
      throw new Error('boom');
    });
    store.apply({ type: 'callUpsert', call: update('c1') });
    expect(store.getState().calls).toHaveLength(1);
    expect(log.error).toHaveBeenCalled();
  });

  it('resets to idle with no calls', async () => {
    const { store } = await setup();
    store.setConnection({ status: 'connected', since: 1 });
    store.apply({ type: 'callUpsert', call: update('c1') });
    store.reset();
    expect(store.getState()).toMatchObject({
      connection: { status: 'idle' },
      calls: [],
      protocolErrors: 0,
    });
  });
});

describe('call store: reconciliation with a snapshot', () => {
  it('upserts what the vendor has and ends live calls it no longer has', async () => {
    const { store, clock, seen } = await setup();
    store.apply({ type: 'callUpsert', call: update('kept') });
    store.apply({ type: 'callUpsert', call: update('gone', { state: 'connected' }) });
    clock.time = 5_000;
    store.apply({
      type: 'callsSnapshot',
      calls: [update('kept', { state: 'connected' }), update('new')],
    });
    const byId = Object.fromEntries(store.getState().calls.map((c) => [c.id, c]));
    expect(byId.kept?.state).toBe('connected');
    expect(byId.new?.state).toBe('ringing');
    expect(byId.gone).toMatchObject({ state: 'ended', endedAt: 5_000 });
    expect(
      seen
        .at(-1)
        ?.map((t) => t.call.id)
        .sort(),
    ).toEqual(['gone', 'kept', 'new']);
  });

  it('does not end a call whose snapshot entry is unreadable', async () => {
    const { store } = await setup();
    store.apply({ type: 'callUpsert', call: update('c1') });
    const broken = { id: 'c1', state: 'nonsense' } as unknown as CallUpdate;
    store.apply({ type: 'callsSnapshot', calls: [broken] });
    expect(store.getState().calls[0]?.state).toBe('ringing');
    expect(store.getState().protocolErrors).toBe(1);
  });
});

describe('call store: persistence', () => {
  it('coalesces writes: one in flight, then the latest state', async () => {
    const memory = memoryArea({}, true);
    const store = createCallStore({
      key: STORE_KEY,
      storage: memory.area,
      clock: manualClock(),
      log: spyLog(),
    });
    await store.ready;
    store.apply({ type: 'callUpsert', call: update('a') });
    store.apply({ type: 'callUpsert', call: update('b') });
    store.apply({ type: 'callUpsert', call: update('c') });
    expect(memory.writes).toHaveLength(1);
    memory.release();
    await vi.waitFor(() => expect(memory.writes).toHaveLength(2));
    memory.release();
    await store.persisted();
    const saved = memory.data.get(STORE_KEY) as { state: { calls: { id: string }[] } };
    expect(saved.state.calls.map((c) => c.id)).toEqual(['a', 'b', 'c']);
    expect(memory.writes).toHaveLength(2);
  });

  it('rehydrates calls from storage, with the old connection reset to idle', async () => {
    const first = await setup();
    first.store.setConnection({ status: 'connected', since: 1 });
    first.store.apply({ type: 'callUpsert', call: update('c1', { state: 'connected' }) });
    await first.store.persisted();
    const again = createCallStore({
      key: STORE_KEY,
      storage: first.memory.area,
      clock: manualClock(),
      log: spyLog(),
    });
    await again.ready;
    expect(again.getState().calls).toEqual(first.store.getState().calls);
    expect(again.getState().connection).toEqual({ status: 'idle' });
  });

  it('keeps a failure across a restart so that the agent can read why', async () => {
    const first = await setup();
    first.store.setConnection({ status: 'failed', reason: 'Wrong password' });
    await first.store.persisted();
    const again = createCallStore({
      key: STORE_KEY,
      storage: first.memory.area,
      clock: manualClock(),
      log: spyLog(),
    });
    await again.ready;
    expect(again.getState().connection).toEqual({ status: 'failed', reason: 'Wrong password' });
  });

  it('discards persisted data that fails validation, with a log line', async () => {
    const memory = memoryArea({
      [STORE_KEY]: { version: 1, state: { calls: 'nope' }, retired: [] },
    });
    const log = spyLog();
    const store = createCallStore({
      key: STORE_KEY,
      storage: memory.area,
      clock: manualClock(),
      log,
    });
    await store.ready;
    expect(store.getState().calls).toEqual([]);
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('discarded'), expect.any(String));
  });

  it('survives a storage that fails to read or write', async () => {
    const log = spyLog();
    const storage: KeyValueArea = {
      get: () => Promise.reject(new Error('no storage')),
      set: () => Promise.reject(new Error('quota')),
    };
    const store = createCallStore({
      key: STORE_KEY,
      storage,
      clock: manualClock(),
      log,
    });
    await store.ready;
    store.apply({ type: 'callUpsert', call: update('c1') });
    await store.persisted();
    expect(store.getState().calls).toHaveLength(1);
    expect(log.warn).toHaveBeenCalledTimes(2);
  });

  it('applies events that arrive before rehydration on top of the saved calls', async () => {
    const first = await setup();
    first.store.apply({ type: 'callUpsert', call: update('saved') });
    await first.store.persisted();
    const again = createCallStore({
      key: STORE_KEY,
      storage: first.memory.area,
      clock: manualClock(),
      log: spyLog(),
    });
    again.apply({ type: 'callUpsert', call: update('early', { startedAt: 200 }) });
    await again.ready;
    expect(again.getState().calls.map((c) => c.id)).toEqual(['saved', 'early']);
  });
});
