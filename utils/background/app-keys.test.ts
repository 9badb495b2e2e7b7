/**
 * The keyboard's call commands through the background as the entry point builds it, against the
 * XiVO simulator: the frames reach the vendor for the right call, and a key with nothing to act
 * on says why and sends nothing.
 */
import { describe, expect, it } from 'vitest';
import { createHarness, xivoPerTest } from '../../tests/support/background-harness';
import { KEY_TEXT } from './call-keys';

const simulator = xivoPerTest({ wrapUpMs: 50 });

describe('keyboard commands for the call in hand', () => {
  it('answer, hold, resume and hang up reach the vendor for the ringing, then the current call', async () => {
    const sim = simulator();
    const bg = await createHarness();
    expect(await bg.app.callKey('answer')).toBe(KEY_TEXT.signedOut());
    await bg.signIn(sim);
    await bg.until((s) => s.connection.status === 'connected');
    expect(await bg.app.callKey('answer')).toBe(KEY_TEXT.none('answer'));

    const call = sim.inboundCall({ from: '+33142685300', name: 'Camille Dubois' });
    await bg.until((s) => s.calls.some((c) => c.state === 'ringing'));
    expect(await bg.app.callKey('answer')).toBeUndefined();
    expect(await sim.waitForFrame((f) => f.command === 'answer')).toMatchObject({
      uniqueId: call.uniqueId,
    });
    await bg.until((s) => s.calls.some((c) => c.state === 'connected'));

    expect(await bg.app.callKey('holdResume')).toBeUndefined();
    await bg.until((s) => s.calls.some((c) => c.state === 'held'));
    expect(await bg.app.callKey('holdResume')).toBeUndefined();
    await bg.until((s) => s.calls.some((c) => c.state === 'connected'));
    expect(sim.received.filter((r) => r.frame.command === 'hold')).toHaveLength(2);

    expect(await bg.app.callKey('hangup')).toBeUndefined();
    expect(await sim.waitForFrame((f) => f.command === 'hangup')).toMatchObject({
      uniqueId: call.uniqueId,
    });
    await bg.until((s) => !s.calls.some((c) => c.state !== 'ended'));
    expect(await bg.app.callKey('hangup')).toBe(KEY_TEXT.none('hangup'));
  });
});
