/**
 * The CCS adapter's call features against the simulator: the single call lookup for events that
 * name nobody (api-pages §4.20), hanging up a waiting call with `wait_kill` (§4.27), and the call
 * search for the agent's past calls (§4.21).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { connected, rig, without, type Rig } from '../../../../tests/simulators/ccs/test-kit';
import type { RestRecord } from '../../../../tests/simulators/ccs';

let r: Rig;
afterEach(async () => {
  await r.adapter.disconnect();
  await r.sim.close();
});

const onCall = (callId: string, request: string) => (x: RestRecord) =>
  x.method === 'POST' &&
  x.path === `/calls/${callId}` &&
  (x.body as { request?: string }).request === request;

describe('CCS single call lookup (api-pages §4.20)', () => {
  it('shows who calls when the events carry only the call id', async () => {
    r = await rig();
    const t = await connected(r);
    r.sim.sparseCallEvents(true);
    const call = r.sim.inboundCall({ from: '+19735552109', name: 'Jane Black', queue: 'Q386' });
    const ringing = (await t.next('callUpsert')).call;
    expect(ringing).toMatchObject({
      vendorCallId: call.callId,
      state: 'ringing',
      remote: { raw: '+19735552109', name: 'Jane Black' },
      queue: 'Q386',
    });
    expect(
      await r.sim.waitForRequest((x) => x.method === 'GET' && x.path === `/calls/${call.callId}`),
    ).toBeTruthy();
    // A known call needs no lookup: the answer only moves it on.
    call.answer();
    await t.next('callUpsert', (e) => e.call.id === ringing.id && e.call.state === 'connected');
    call.hangup();
    await t.next('callEnded', (e) => e.callId === ringing.id);
    const lookups = r.sim.received.filter((x) => x.kind === 'rest' && x.path.startsWith('/calls/'));
    expect(lookups).toHaveLength(1);
  });

  it('starts no unknown call when the lookup is refused', async () => {
    r = await rig();
    const t = await connected(r);
    // The call rang while the socket said nothing, and no poll has run (the clock stands still).
    r.sim.silentEvents(true);
    const unseen = r.sim.inboundCall({ from: '+33142685300' });
    r.sim.silentEvents(false);
    r.sim.setPermissions(without('Calls View'));
    r.sim.sparseCallEvents(true);
    unseen.answer();
    await r.sim.waitForRequest((x) => x.path === `/calls/${unseen.callId}`);
    r.sim.sparseCallEvents(false);
    const next = r.sim.inboundCall({ from: '+33612345678' });
    // The first call the panel hears of is the second one: the answer alone started nothing.
    expect((await t.next('callUpsert')).call).toMatchObject({
      vendorCallId: next.callId,
      remote: { raw: '+33612345678' },
    });
  });
});

describe('CCS hang-up of a waiting call (api-pages §4.27)', () => {
  it('ends a ringing queue call with wait_kill, and other calls with kill', async () => {
    r = await rig();
    const t = await connected(r);
    const queued = r.sim.inboundCall({ queue: 'Q386' });
    const first = (await t.next('callUpsert')).call;
    await r.adapter.execute({ type: 'hangup', callId: first.id });
    expect(await r.sim.waitForRequest(onCall(queued.callId, 'wait_kill'))).toBeTruthy();
    await t.next('callEnded', (e) => e.callId === first.id);

    const direct = r.sim.inboundCall({ queue: '' });
    const second = (await t.next('callUpsert', (e) => e.call.vendorCallId === direct.callId)).call;
    await r.adapter.execute({ type: 'hangup', callId: second.id });
    expect(await r.sim.waitForRequest(onCall(direct.callId, 'kill'))).toBeTruthy();

    const talking = r.sim.inboundCall({ queue: 'Q386' });
    const third = (await t.next('callUpsert', (e) => e.call.vendorCallId === talking.callId)).call;
    talking.answer();
    await t.next('callUpsert', (e) => e.call.id === third.id && e.call.state === 'connected');
    await r.adapter.execute({ type: 'hangup', callId: third.id });
    expect(await r.sim.waitForRequest(onCall(talking.callId, 'kill'))).toBeTruthy();
    await t.next('callEnded', (e) => e.callId === third.id);
  });

  it('uses kill for waiting calls too when the setting says so', async () => {
    r = await rig({}, { waitingHangup: 'kill' });
    const t = await connected(r);
    const queued = r.sim.inboundCall({ queue: 'Q386' });
    const call = (await t.next('callUpsert')).call;
    await r.adapter.execute({ type: 'hangup', callId: call.id });
    expect(await r.sim.waitForRequest(onCall(queued.callId, 'kill'))).toBeTruthy();
    expect(
      r.sim.received.some((x) => x.kind === 'rest' && onCall(queued.callId, 'wait_kill')(x)),
    ).toBe(false);
  });

  it('passes on CCS’s refusal of wait_kill', async () => {
    r = await rig();
    const t = await connected(r);
    r.sim.inboundCall({ queue: 'Q386' });
    const call = (await t.next('callUpsert')).call;
    r.sim.setPermissions(without('Call Control'));
    await expect(r.adapter.execute({ type: 'hangup', callId: call.id })).rejects.toMatchObject({
      code: 'rejected',
      message: expect.stringMatching(/does not allow POST \/calls\/.*Insufficient permissions/),
    });
    expect(r.sim.calls()).toHaveLength(1);
  });
});

describe('CCS past calls from the call search (api-pages §4.21)', () => {
  it('lists the agent’s ended calls, answered and missed, and leaves live ones out', async () => {
    r = await rig();
    const t = await connected(r);
    const from = Math.floor(Date.now() / 1000) * 1000;
    const answered = r.sim.inboundCall({ from: '+19735552109', name: 'Jane Black', queue: 'Q386' });
    answered.answer();
    answered.hangup();
    const missed = r.sim.inboundCall({ from: '+33142685300', queue: '' });
    missed.hangup();
    await r.adapter.execute({ type: 'dial', number: '2125550100' });
    await t.next('callUpsert', (e) => e.call.direction === 'outbound');
    const live = r.sim.inboundCall();
    const listed = await r.adapter.pastCalls({ from, to: Date.now() + 1000 });
    const ids = listed.map((c) => c.vendorCallId);
    expect(ids).toContain(answered.callId);
    expect(ids).toContain(missed.callId);
    expect(ids).not.toContain(live.callId);
    expect(listed.find((c) => c.vendorCallId === answered.callId)).toMatchObject({
      direction: 'inbound',
      remote: { raw: '+19735552109', name: 'Jane Black' },
      queue: 'Q386',
      missed: false,
      answeredAt: expect.any(Number),
    });
    expect(listed.find((c) => c.vendorCallId === missed.callId)).toMatchObject({ missed: true });
  });

  it('fails clearly without the Calls View permission, and ends the link on a dead token', async () => {
    r = await rig();
    const t = await connected(r);
    r.sim.setPermissions(without('Calls View'));
    await expect(r.adapter.pastCalls({ from: 0, to: Date.now() })).rejects.toMatchObject({
      code: 'rejected',
      message: expect.stringMatching(
        /does not allow GET \/calls\/filter: Insufficient permissions/,
      ),
    });
    r.sim.rejectTokens(true);
    await expect(r.adapter.pastCalls({ from: 0, to: Date.now() })).rejects.toMatchObject({
      code: 'auth',
    });
    expect((await t.next('connectionLost')).error.code).toBe('auth');
  });
});
