/**
 * The background tells the offscreen-document keeper (wake.ts) when an agent signs in or out:
 * the document that restarts a stopped worker is open exactly while someone is signed in.
 */
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startXivoSimulator, type XivoSimulator } from '../../tests/simulators/xivo';
import { closeApps, createHarness } from '../../tests/support/background-harness';

let sim: XivoSimulator | undefined;

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

afterEach(async () => {
  await closeApps();
  await sim?.close();
  sim = undefined;
});

describe('signedInChanged', () => {
  it('says false at start-up with nobody signed in, true at sign-in, false at sign-out', async () => {
    sim = await startXivoSimulator();
    const signedInChanged = vi.fn();
    const bg = await createHarness({ signedInChanged });
    expect(signedInChanged.mock.calls).toEqual([[false]]);

    await expect(bg.signIn(sim)).resolves.toMatchObject({ ok: true });
    await bg.until((s) => s.connection.status === 'connected');
    expect(signedInChanged.mock.calls).toEqual([[false], [true]]);

    await bg.send({ type: 'panel/signOut' });
    expect(signedInChanged.mock.calls).toEqual([[false], [true], [false]]);
  });

  it('says false when the vendor refuses the sign-in for good', async () => {
    sim = await startXivoSimulator();
    const signedInChanged = vi.fn();
    const bg = await createHarness({ signedInChanged });
    const reply = await bg.send({
      type: 'panel/signIn',
      credentials: { username: 'alice', password: 'wrong', phoneNumber: '1001' },
      connection: { server: sim.url },
    });
    expect(reply).toMatchObject({ ok: false });
    expect(signedInChanged.mock.calls.at(-1)).toEqual([false]);
  });
});
