/**
 * The background plays the ring tone from the call store, against the XiVO simulator: it starts
 * when a call rings and stops on every way out, in the app as the entry point builds it.
 */
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startXivoSimulator, type SimCall, type XivoSimulator } from '../../tests/simulators/xivo';
import { closeApps, createHarness } from '../../tests/support/background-harness';
import type { Call } from '../cti/model';
import type { RingPlayer } from './ring-tone';

const CALLER = { from: '+33142685300', name: 'Camille Dubois' };
let sim: XivoSimulator;

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  sim = await startXivoSimulator({ wrapUpMs: 50 });
});

afterEach(async () => {
  await closeApps();
  await sim.close();
});

/** Signed in as alice, with a player that records its orders. */
async function ringing(user: unknown = {}) {
  const orders: string[] = [];
  const ringPlayer: RingPlayer = {
    play: (volume) => orders.push(`play ${volume}`),
    stop: () => orders.push('stop'),
  };
  const h = await createHarness({ ringPlayer, user });
  expect(await h.signIn(sim)).toEqual({ ok: true, value: undefined });
  await h.until((s) => s.connection.status === 'connected');
  const call = async (simCall: SimCall, state: Call['state']) => {
    const s = await h.until((p) =>
      p.calls.some((c) => c.vendorCallId === simCall.uniqueId && c.state === state),
    );
    return s.calls.find((c) => c.vendorCallId === simCall.uniqueId)!;
  };
  /** Waits until the last order is `expected`. */
  const last = (expected: string) => vi.waitFor(() => expect(orders.at(-1)).toBe(expected));
  return { ...h, orders, call, last };
}

describe('the ring tone follows the calls', () => {
  it('rings while a call rings and stops when the agent answers in the panel', async () => {
    const bg = await ringing();
    const simCall = sim.inboundCall(CALLER);
    const call = await bg.call(simCall, 'ringing');
    await bg.last('play 70');
    await bg.command({ type: 'answer', callId: call.id });
    await bg.call(simCall, 'connected');
    await bg.last('stop');
    expect(bg.orders.filter((o) => o.startsWith('play'))).toHaveLength(1);
  });

  it('stops when the call is picked up on the desk phone', async () => {
    const bg = await ringing();
    const simCall = sim.inboundCall(CALLER);
    await bg.call(simCall, 'ringing');
    await bg.last('play 70');
    simCall.answer();
    await bg.call(simCall, 'connected');
    await bg.last('stop');
  });

  it('stops when the caller gives up', async () => {
    const bg = await ringing();
    const simCall = sim.inboundCall(CALLER);
    await bg.call(simCall, 'ringing');
    await bg.last('play 70');
    simCall.hangup();
    await bg.until(
      (s) => !s.calls.some((c) => c.vendorCallId === simCall.uniqueId && c.state === 'ringing'),
    );
    await bg.last('stop');
  });

  it('stops when the agent signs out mid-ring', async () => {
    const bg = await ringing();
    await bg.call(sim.inboundCall(CALLER), 'ringing');
    await bg.last('play 70');
    await bg.send({ type: 'panel/signOut' });
    await bg.last('stop');
  });

  it('plays at the agent’s volume, follows a change, and stops when the ring is turned off', async () => {
    const bg = await ringing({ ui: { ringVolume: 40 } });
    await bg.call(sim.inboundCall(CALLER), 'ringing');
    await bg.last('play 40');
    // Saved as the options page saves, then announced as storage.onChanged would.
    const save = async (ui: Record<string, unknown>) => {
      expect(await bg.send({ type: 'panel/saveSettings', patch: { ui } })).toMatchObject({
        ok: true,
      });
      bg.change({});
    };
    await save({ ringVolume: 90 });
    await bg.last('play 90');
    await save({ ringSound: false });
    await bg.last('stop');
  });

  it('stays silent when policy turns the ring off', async () => {
    const orders: string[] = [];
    const h = await createHarness({
      managed: { ui: { ringSound: false } },
      ringPlayer: { play: (v) => orders.push(`play ${v}`), stop: () => orders.push('stop') },
    });
    await h.signIn(sim);
    await h.until((s) => s.connection.status === 'connected');
    const simCall = sim.inboundCall(CALLER);
    await h.until((s) => s.calls.some((c) => c.vendorCallId === simCall.uniqueId));
    expect(orders.filter((o) => o.startsWith('play'))).toEqual([]);
  });
});
