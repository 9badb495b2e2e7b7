import { afterEach, describe, expect, it } from 'vitest';
import { signedIn, startRig, type Rig } from '../../../../tests/simulators/maxcontact/test-kit';

let rig: Rig;
afterEach(async () => {
  await rig.close();
});

describe('maxcontact catalog: the ACD queues (§3.4 "ACD (Skill) Queue")', () => {
  it('lists the active queues at resync, and again only when they change', async () => {
    rig = await startRig();
    const t = await signedIn(rig);
    expect((await t.next('queues')).queues).toEqual([
      { id: '11', name: 'Support' },
      { id: '12', name: 'Inbound Sales' },
    ]);
    await rig.adapter.resync();
    rig.sim.acdQueues.push({ ID: 14, AcdName: 'Billing', Active: true });
    await rig.adapter.resync();
    const next = await t.next('queues');
    expect(next.queues.map((q) => q.name)).toEqual(['Support', 'Inbound Sales', 'Billing']);
    expect(t.events.items.filter((e) => e.type === 'queues')).toHaveLength(2);
  });

  it('warns once when the platform refuses the list, and calls go on', async () => {
    rig = await startRig();
    const refused = (path: string) => path.includes('/acdqueues/');
    void rig.sim.fail(404, 2, refused);
    const t = await signedIn(rig);
    expect(await t.next('notice')).toMatchObject({
      level: 'warning',
      message:
        'Could not load the MaxContact ACD queues: MaxContact does not know the "acdqueues" request',
    });
    await rig.adapter.resync();
    const call = rig.sim.inboundCall();
    await t.next('callUpsert', (e) => e.call.vendorCallId === String(call.CallId));
    expect(t.events.items.filter((e) => e.type === 'notice')).toHaveLength(1);
    expect(t.events.items.some((e) => e.type === 'queues')).toBe(false);
  });

  it('leaves a queue list it cannot reach to the next resync', async () => {
    rig = await startRig();
    void rig.sim.fail(503, 1, (path) => path.includes('/acdqueues/'));
    const t = await signedIn(rig);
    await rig.adapter.resync();
    expect((await t.next('queues')).queues).toHaveLength(2);
    expect(t.events.items.some((e) => e.type === 'notice')).toBe(false);
  });
});
