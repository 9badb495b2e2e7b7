/**
 * The background plays the ring tone from the call store, against the XiVO simulator: it starts
 * when a call rings and stops on every way out, in the app as the entry point builds it.
 */
import { describe, expect, it, vi } from 'vitest';
import type { SimCall } from '../../tests/simulators/xivo';
import { createHarness, xivoPerTest } from '../../tests/support/background-harness';
import type { Call } from '../cti/model';
import type { RingPlayer } from './ring-tone';

const CALLER = { from: '+33142685300', name: 'Camille Dubois' };
const simulator = xivoPerTest({ wrapUpMs: 50 });

/** Signed in as alice, with a player that records its orders. */
async function ringing(user: unknown = {}, managed: unknown = {}) {
  const orders: string[] = [];
  const ringPlayer: RingPlayer = {
    play: (volume) => orders.push(`play ${volume}`),
    stop: () => orders.push('stop'),
  };
  const sim = simulator();
  const h = await createHarness({ ringPlayer, user, managed });
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
  return { ...h, sim, orders, call, last };
}

describe('the ring tone follows the calls', () => {
  it('rings while a call rings and stops when the agent answers in the panel', async () => {
    const bg = await ringing();
    const simCall = bg.sim.inboundCall(CALLER);
    const call = await bg.call(simCall, 'ringing');
    await bg.last('play 70');
    await bg.command({ type: 'answer', callId: call.id });
    await bg.call(simCall, 'connected');
    await bg.last('stop');
    expect(bg.orders.filter((o) => o.startsWith('play'))).toHaveLength(1);
  });

  const elsewhere: [string, (call: SimCall) => void][] = [
    ['the call is picked up on the desk phone', (call) => call.answer()],
    ['the caller gives up', (call) => call.hangup()],
  ];
  it.each(elsewhere)('stops when %s', async (_how, end) => {
    const bg = await ringing();
    const simCall = bg.sim.inboundCall(CALLER);
    await bg.call(simCall, 'ringing');
    await bg.last('play 70');
    end(simCall);
    await bg.until((s) => !s.calls.some((c) => c.state === 'ringing'));
    await bg.last('stop');
  });

  it('stops when the agent signs out mid-ring', async () => {
    const bg = await ringing();
    await bg.call(bg.sim.inboundCall(CALLER), 'ringing');
    await bg.last('play 70');
    await bg.send({ type: 'panel/signOut' });
    await bg.last('stop');
  });

  it('plays at the agent’s volume, follows a change, and stops when the ring is turned off', async () => {
    const bg = await ringing({ ui: { ringVolume: 40 } });
    await bg.call(bg.sim.inboundCall(CALLER), 'ringing');
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
    const bg = await ringing({}, { ui: { ringSound: false } });
    const simCall = bg.sim.inboundCall(CALLER);
    await bg.call(simCall, 'ringing');
    expect(bg.orders.filter((o) => o.startsWith('play'))).toEqual([]);
  });
});
