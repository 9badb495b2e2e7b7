/**
 * The background keeps the panel snapshot (panel-snapshot.ts) in storage.session as the state
 * changes, and a provisional one while a first start waits for the policy.
 */
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startXivoSimulator, type XivoSimulator } from '../../tests/simulators/xivo';
import { closeApps, createHarness, memoryArea } from '../../tests/support/background-harness';
import { isPanelSnapshot, type PanelSnapshot } from '../messaging';
import { STORAGE } from '../storage/registry';

const KEY = STORAGE.session.panelSnapshot.key;
const sims: XivoSimulator[] = [];

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

afterEach(async () => {
  await closeApps();
  for (const sim of sims.splice(0)) await sim.close();
});

/** The snapshot in `area` once `pred` holds. */
async function snapshotWhen(
  area: ReturnType<typeof memoryArea>,
  pred: (snapshot: PanelSnapshot) => boolean,
): Promise<PanelSnapshot> {
  return vi.waitFor(
    async () => {
      const value = await area.get(KEY);
      if (!isPanelSnapshot(value) || !pred(value)) throw new Error('not yet');
      return value;
    },
    { timeout: 20_000, interval: 20 },
  );
}

describe('the panel snapshot', () => {
  it('follows every change of the state the panels are shown', async () => {
    const sim = await startXivoSimulator({ dialAnswerMs: 50 });
    sims.push(sim);
    const area = memoryArea();
    const bg = await createHarness({ sessionArea: area });
    const signedOut = await snapshotWhen(area, (s) => !s.provisional);
    expect(signedOut.state).toEqual(await bg.state());

    await bg.signIn(sim);
    await bg.until((s) => s.connection.status === 'connected');
    const connected = await snapshotWhen(area, (s) => s.state.connection.status === 'connected');
    expect(connected.state.identity).toEqual({ username: 'alice' });

    const call = sim.inboundCall({ from: '+33612345678', name: 'Ada Lovelace', queue: 'support' });
    const ringing = await snapshotWhen(area, (s) =>
      s.state.calls.some((c) => c.state === 'ringing'),
    );
    expect(ringing.state).toEqual(await bg.state());
    call.hangup();
    await snapshotWhen(area, (s) => s.state.calls.every((c) => c.state === 'ended'));
  });

  it('is provisional while a first start waits for the policy, then the real state', async () => {
    let policyRead = (): void => undefined;
    const area = memoryArea();
    const started = createHarness({
      sessionArea: area,
      user: { vendor: 'ccs' },
      settingsLoaded: new Promise<void>((resolve) => (policyRead = resolve)),
    });
    // The sign-in form of the agent's own vendor, before the policy could be read.
    const provisional = await snapshotWhen(area, (s) => s.provisional);
    expect(provisional.state).toMatchObject({ vendor: 'ccs', connection: { status: 'idle' } });
    expect(provisional.state.identity).toBeUndefined();
    policyRead();
    const bg = await started;
    const real = await snapshotWhen(area, (s) => !s.provisional);
    expect(real.state).toEqual(await bg.state());
  });

  it('is never provisional when the policy comes first', async () => {
    let ownRead = (): void => undefined;
    const area = memoryArea();
    const writes: unknown[] = [];
    await createHarness({
      sessionArea: {
        get: area.get,
        set: (key, value) => (writes.push(value), area.set(key, value)),
      },
      ownSettingsLoaded: new Promise<void>((resolve) => (ownRead = resolve)),
    });
    await snapshotWhen(area, () => true);
    ownRead();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(writes.filter((w) => isPanelSnapshot(w) && w.provisional)).toEqual([]);
    expect(writes.length).toBeGreaterThan(0);
  });
});
