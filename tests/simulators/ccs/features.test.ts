import { afterEach, describe, expect, it } from 'vitest';
import { CCS_PERMISSIONS } from './access';
import { startCcsSimulator } from './server';
import { api, connectSocket, type SimTestClient } from './test-client';
import type { CcsSimOptions, CcsSimulator } from './types';
import { COLLEAGUE, DEFAULT_EXTENSIONS } from './world';

let sim: CcsSimulator;
const clients: SimTestClient[] = [];

async function start(opts: CcsSimOptions = {}): Promise<CcsSimulator> {
  sim = await startCcsSimulator({ dialAnswerMs: 3_600_000, ...opts });
  return sim;
}

async function socket(): Promise<SimTestClient> {
  const c = await connectSocket(sim);
  clients.push(c);
  return c;
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await sim.close();
});

const FORBIDDEN = { status: 403, body: { success: false, reason: 'Not permitted for this user' } };
const NO_PERMISSION = { status: 403, body: { success: false, reason: 'Insufficient permissions' } };
const action = (name: string) => (f: unknown) => (f as { action?: unknown }).action === name;

describe('ccs simulator: who may call what (api-pages §2.2, §3, §4)', () => {
  it('lets an agent act on itself only, through the tenant-level and self routes', async () => {
    await start({ extensions: [...DEFAULT_EXTENSIONS, COLLEAGUE] });
    const tenant = `/tenants/${sim.tenantId}`;
    expect((await api(sim, `${tenant}/extensions/${COLLEAGUE.uuid}/agent_state`)).status).toBe(403);
    expect(
      await api(sim, `${tenant}/extensions/${COLLEAGUE.uuid}`, {
        body: { request: 'dial', target: '2000', outbound_queue_uuid: sim.outboundQueueId },
      }),
    ).toMatchObject(FORBIDDEN);
    expect(
      await api(sim, `/extensions/${sim.extension.uuid}`, {
        body: { request: 'updateAgentState', name: 'Ready' },
      }),
    ).toMatchObject(FORBIDDEN);
    expect((await api(sim, '/acds')).status).toBe(200);
  });

  it('serves a telco user the tenant routes and refuses it the calls', async () => {
    await start({ role: 'telco' });
    const tenant = `/tenants/${sim.tenantId}`;
    expect((await api(sim, `${tenant}/extensions`)).status).toBe(200);
    expect((await api(sim, `${tenant}/acds`)).status).toBe(200);
    expect(await api(sim, '/extensions')).toMatchObject(FORBIDDEN);
    expect(await api(sim, '/calls')).toMatchObject(FORBIDDEN);
    expect(
      await api(sim, `${tenant}/extensions/${sim.extension.uuid}`, {
        body: { request: 'updateAgentState', name: 'Coffee Break' },
      }),
    ).toMatchObject({ status: 200, body: { success: true } });
    expect(
      await api(sim, '/agent_state', { body: { request: 'updateAgentState', name: 'Ready' } }),
    ).toMatchObject(FORBIDDEN);
  });

  it('refuses what a missing permission covers, until it is given back', async () => {
    await start({ permissions: CCS_PERMISSIONS.filter((p) => p !== 'Calls Listing View') });
    expect(await api(sim, '/calls')).toMatchObject(NO_PERMISSION);
    expect((await api(sim, '/calls/filter')).status).toBe(200);
    sim.setPermissions(['Calls Listing View']);
    expect(await api(sim, '/calls')).toMatchObject(NO_PERMISSION);
    sim.setPermissions('all');
    expect((await api(sim, '/calls')).status).toBe(200);
  });
});

describe('ccs simulator: calls (api-pages §4.20, §4.21, §4.27)', () => {
  it('answers one live call, and 400 with success true for one it does not have', async () => {
    await start();
    const call = sim.inboundCall({ queue: 'Q386' });
    expect((await api(sim, `/calls/${call.callId}`)).body).toMatchObject({
      success: true,
      call_id: call.callId,
      status: 'progress',
      queue_name: 'Q386',
    });
    call.hangup();
    expect(await api(sim, `/calls/${call.callId}`)).toMatchObject({
      status: 400,
      body: { success: true, reason: 'Call not found' },
    });
  });

  it('searches live and ended calls by number and start time, and checks the query', async () => {
    await start();
    const before = new Date(Date.now() - 1000).toISOString().slice(0, 19);
    const ended = sim.inboundCall({ from: '555' });
    ended.answer();
    ended.hangup();
    const live = sim.inboundCall({ from: '556' });
    const after = new Date(Date.now() + 1000).toISOString().slice(0, 19);
    const search = async (query: string) =>
      ((await api(sim, `/calls/filter?${query}`)).body as { items: { call_id: string }[] }).items;
    const ids = (rows: { call_id: string }[]) => rows.map((c) => c.call_id);
    expect(ids(await search(`called_number=104&from_datetime=${before}&time_z=UTC`))).toEqual([
      ended.callId,
      live.callId,
    ]);
    expect(await search('calling_number=555')).toEqual([
      expect.objectContaining({
        call_id: ended.callId,
        status: 'ended',
        end_time: expect.any(String),
      }),
    ]);
    expect(ids(await search(`from_datetime=${after}`))).toEqual([]);
    expect(ids(await search(`to_datetime=${before}`))).toEqual([]);
    expect(sim.endedCalls().map((c) => c.callId)).toEqual([ended.callId]);
    for (const [query, reason] of [
      ['from_datetime=yesterday', 'Invalid from_datetime'],
      ['to_datetime=2021-10-07', 'Invalid to_datetime'],
      ['time_z=CET', 'Invalid time_z'],
    ]) {
      expect(await api(sim, `/calls/filter?${query}`)).toMatchObject({
        status: 400,
        body: { success: true, reason },
      });
    }
  });

  it('ends a waiting queue call with wait_kill, and refuses it for any other call', async () => {
    await start();
    const post = (id: string) => api(sim, `/calls/${id}`, { body: { request: 'wait_kill' } });
    const direct = sim.inboundCall({ queue: '' });
    expect((await post(direct.callId)).body).toEqual({
      success: false,
      reason: 'Call is not waiting',
    });
    const answered = sim.inboundCall({ queue: 'Q386' });
    answered.answer();
    expect((await post(answered.callId)).body).toEqual({
      success: false,
      reason: 'Call is not waiting',
    });
    const waiting = sim.inboundCall({ queue: 'Q386' });
    expect((await post(waiting.callId)).body).toEqual({ success: true });
    expect(waiting.status).toBe('ended');
  });
});

describe('ccs simulator: event permissions and queue events (api-pages §3, §5.2)', () => {
  it('sends queue figures to the sockets that asked, a snapshot first', async () => {
    await start();
    const [, q386] = sim.acds;
    const quiet = await socket();
    const asking = await socket();
    asking.send({ request: 'fetch_queue_events' });
    expect(await asking.frames.waitFor(action('create_queue'))).toMatchObject({
      response: [
        { name: 'Q3878', calls_waiting: 0 },
        { uuid: q386?.uuid, extension: '386', calls_waiting: 0, agents_available: 1 },
      ],
    });
    const call = sim.inboundCall({ queue: 'Q386' });
    expect(await asking.frames.waitFor(action('update_queue'))).toMatchObject({
      response: [{ calls_waiting: 0 }, { calls_waiting: 1, agents_available: 0 }],
    });
    call.hangup();
    expect(await asking.frames.waitFor(action('update_queue'))).toMatchObject({
      response: [{}, { calls_waiting: 0, abandoned: 1 }],
    });
    await quiet.frames.waitFor(action('call_ended'));
    expect(quiet.frames.items.filter(action('update_queue'))).toEqual([]);
  });

  it('refuses a subscription without its permission, and sends no such events', async () => {
    await start({ permissions: CCS_PERMISSIONS.filter((p) => p !== 'Call Events') });
    const c = await socket();
    c.send({ request: 'fetch_call_events' });
    expect(await c.frames.waitFor((f) => typeof f === 'object')).toEqual({
      success: false,
      reason: 'Insufficient permissions',
    });
    sim.inboundCall();
    sim.setPresence('Coffee Break');
    expect(await c.frames.waitFor(action('update_agent'))).toBeTruthy();
    expect(c.frames.items.filter(action('call_ringing'))).toEqual([]);
  });

  it('sends sparse call events when told to', async () => {
    await start();
    const c = await socket();
    sim.sparseCallEvents(true);
    const call = sim.inboundCall();
    expect(await c.frames.waitFor(action('call_ringing'))).toEqual({
      action: 'call_ringing',
      response: { call_id: call.callId, status: 'progress' },
    });
  });
});
