import { afterEach, describe, expect, it } from 'vitest';
import { startCcsSimulator } from './server';
import { api, connectSocket, type SimTestClient } from './test-client';
import type { CcsSimOptions, CcsSimulator } from './types';

let sim: CcsSimulator;
const clients: SimTestClient[] = [];

async function start(opts: CcsSimOptions = {}): Promise<CcsSimulator> {
  sim = await startCcsSimulator({ dialAnswerMs: 10, ...opts });
  return sim;
}

async function socket(token?: string | null): Promise<SimTestClient> {
  const c = await connectSocket(sim, token);
  clients.push(c);
  return c;
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await sim.close();
});

const ext = () => `/tenants/${sim.tenantId}/extensions/${sim.extension.uuid}`;

describe('ccs simulator: REST (api-pages §4)', () => {
  it('wants a token, answers 401 in the documented shape, and CORS preflights', async () => {
    await start();
    const anonymous = await api(sim, '/calls', { token: null });
    expect(anonymous).toMatchObject({ status: 401, body: { status: 401, reason: 'Unauthorized' } });
    const ok = await api(sim, '/calls');
    expect(ok.body).toEqual({ total: '0', success: true, items: [] });
    expect(ok.headers.get('access-control-allow-origin')).toBe('*');
    const preflight = await fetch(`${sim.url}/6/v2/api/calls`, { method: 'OPTIONS' });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    sim.rejectTokens(true);
    expect((await api(sim, '/calls')).status).toBe(401);
    sim.rejectTokens(false);
    sim.expireTokens();
    expect((await api(sim, '/calls')).status).toBe(401);
  });

  it('serves agent state, presence options and extensions as the page shows them', async () => {
    await start();
    expect((await api(sim, `${ext()}/agent_state`)).body).toMatchObject({
      success: true,
      phone_state: { state: 'Idle' },
      agent_state: { state: { type: 'ready', name: 'Ready' } },
    });
    const options = await api(sim, `/tenants/${sim.tenantId}/presence_options`);
    expect(options.body).toMatchObject({ success: true, items: expect.any(Array) });
    const extensions = await api(sim, '/extensions');
    expect(extensions.body).toMatchObject({
      items: [{ uuid: sim.extension.uuid, extension: '104' }],
    });
    // The telco user's list (api-pages §4.8) is not an agent's.
    expect(await api(sim, `/tenants/${sim.tenantId}/extensions`)).toMatchObject({
      status: 403,
      body: { success: false, reason: 'Not permitted for this user' },
    });
    expect((await api(sim, '/tenants/other/extensions')).body).toEqual({
      success: false,
      reason: 'Invalid tenant',
    });
  });

  it('sets presence by name and refuses unknown names', async () => {
    await start();
    const set = (name: string) =>
      api(sim, '/agent_state', { body: { request: 'updateAgentState', name } });
    expect((await set('Coffee Break')).body).toEqual({ success: true });
    expect(sim.agent()).toEqual({ type: 'away', name: 'Coffee Break' });
    expect((await set('Nap')).body).toEqual({ success: false, reason: 'Invalid state name' });
    expect(
      (await api(sim, ext(), { body: { request: 'updateAgentState', name: 'Ready' } })).body,
    ).toEqual({ success: false, reason: 'Not permitted for this user' });
    expect(sim.agent().type).toBe('away');
  });

  it('dials through the outbound queue only, and lists, kills and suppresses calls', async () => {
    // The far end answers only when the test says so, not on a timer a busy machine can outrun.
    await start({ dialAnswerMs: 3_600_000 });
    const dial = (queue: string) =>
      api(sim, ext(), {
        body: { request: 'dial', target: '819735552106', outbound_queue_uuid: queue },
      });
    expect((await dial('nope')).body).toEqual({ success: false, reason: 'Invalid outbound queue' });
    expect((await dial(sim.outboundQueueId)).body).toEqual({ success: true });
    const [call] = sim.calls();
    expect(call).toMatchObject({ direction: 'outbound', calledNumber: '819735552106' });
    const listed = await api(sim, '/calls/filter?calling_number=104');
    expect(listed.body).toMatchObject({ items: [{ call_id: call?.callId, status: 'progress' }] });
    call?.answer();
    expect(call?.status).toBe('answered');
    const post = (request: string) => api(sim, `/calls/${call?.callId}`, { body: { request } });
    expect((await post('startSuppression')).body).toEqual({ success: true });
    expect(call?.suppressed).toBe(true);
    expect((await post('kill')).body).toEqual({ success: true });
    expect(sim.calls()).toEqual([]);
    expect((await post('kill')).body).toEqual({ success: false, reason: 'Call not found' });
  });

  it('lists the ACDs as the page shows them, and redirects a call to one by uuid', async () => {
    await start();
    const [first, second] = sim.acds;
    const row = (acd: typeof first) => ({
      uuid: acd?.uuid,
      type: 'voice_queues',
      tenant_id: sim.tenantId,
      name: acd?.name,
      extension: acd?.extension,
      alternate_extensions: [],
    });
    // Nested one array deeper (api-pages §4.6); an agent reads the tenant-level path.
    const expected = { total: 2, success: true, items: [[row(first), row(second)]] };
    expect((await api(sim, '/acds')).body).toEqual(expected);
    expect((await api(sim, `/tenants/${sim.tenantId}/acds`)).status).toBe(403);

    const c = await socket();
    const call = sim.inboundCall();
    const redirect = (target: string) =>
      api(sim, `/calls/${call.callId}`, { body: { request: 'wait_redirect', target } });
    // The target is a uuid, not the queue's extension (api-pages §4.26).
    expect((await redirect('386')).body).toEqual({ success: false, reason: 'Invalid acd' });
    expect(sim.calls()).toHaveLength(1);
    expect((await redirect(second?.uuid ?? '')).body).toEqual({ success: true });
    // The queue takes the call: it ends on the agent's line.
    expect(sim.calls()).toEqual([]);
    expect(call.status).toBe('ended');
    expect(
      await c.frames.waitFor((f) => (f as { action?: string }).action === 'call_ended'),
    ).toMatchObject({
      response: { call_id: call.callId, status: 'ended' },
    });
  });

  it('answers faults: 500 with the documented body, and bodies that are not JSON', async () => {
    await start();
    sim.failRequests(500);
    expect(await api(sim, '/calls')).toMatchObject({
      status: 500,
      body: { success: true, reason: 'Internal Server Error' },
    });
    sim.failRequests(false);
    sim.malformedJson(true);
    expect((await api(sim, '/calls')).body).toBe('{"success": tru');
  });

  it('logs in with extension and PIN for a session token (§5.2)', async () => {
    await start();
    const login = (pin: string) =>
      fetch(`${sim.url}/6/api`, {
        method: 'POST',
        body: JSON.stringify({ function: 'extensions.auth', extension: '104', pin }),
      });
    expect((await login('9999')).status).toBe(401);
    const { core_cookie } = (await (await login('0104')).json()) as { core_cookie: string };
    expect((await api(sim, '/calls', { token: core_cookie })).status).toBe(200);
  });
});

describe('ccs simulator: socket (§5.2, §9)', () => {
  it('closes a socket whose first frame is not connect, or whose token is bad', async () => {
    await start();
    const early = await socket(null);
    early.send('ping');
    expect(await early.closed).toBe(1008);
    const bad = await socket(null);
    bad.send({ request: 'connect', token: 'wrong' });
    expect(await bad.closed).toBe(1008);
    expect(sim.connections()).toBe(0);
  });

  it('pushes call and agent events with the configured names, until silenced', async () => {
    await start();
    const c = await socket();
    const call = sim.inboundCall({ from: '+33142685300', name: 'Camille Dubois' });
    expect(await c.frames.waitFor(() => true)).toMatchObject({
      action: 'call_ringing',
      response: {
        call_id: call.callId,
        status: 'progress',
        direction: 'inbound',
        calling_number: '+33142685300',
        called_number: '104',
        extension: '104',
      },
    });
    call.answer();
    expect(await c.frames.waitFor(() => true)).toMatchObject({ action: 'call_answered' });
    sim.setPresence('Sign Out');
    expect(await c.frames.waitFor(() => true)).toMatchObject({
      action: 'update_agent',
      response: [{ extension: '104', agent_state: { state: { type: 'sign_out' } } }],
    });
    sim.silentEvents(true);
    call.hangup();
    c.send('ping');
    expect(await c.frames.waitFor(() => true)).toBe('pong');
  });

  it('uses other event names and a flat payload when told to', async () => {
    await start({ events: { typeKey: 'event', payloadKey: '', callRinging: 'CallRinging' } });
    const c = await socket();
    const call = sim.inboundCall();
    expect(await c.frames.waitFor(() => true)).toMatchObject({
      event: 'CallRinging',
      call_id: call.callId,
    });
  });

  it('drops sockets and closes them when tokens expire', async () => {
    await start();
    const c = await socket();
    sim.expireTokens();
    expect(await c.closed).toBe(1008);
    expect(sim.received.some((r) => r.kind === 'ws' && r.frame === 'ping')).toBe(true);
  });
});
