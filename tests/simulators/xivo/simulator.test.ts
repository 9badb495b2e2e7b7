import { afterEach, describe, expect, it } from 'vitest';
import { startXivoSimulator } from './server';
import { connectClient, loginToken, web, type SimTestClient } from './test-client';
import type { XivoSimOptions, XivoSimulator } from './types';

let sim: XivoSimulator;
const clients: SimTestClient[] = [];

async function start(opts: XivoSimOptions = {}): Promise<XivoSimulator> {
  sim = await startXivoSimulator({ dialAnswerMs: 10, wrapUpMs: 20, ...opts });
  return sim;
}

async function client(login = 'alice', password = 'secret'): Promise<SimTestClient> {
  const c = await connectClient(sim, await loginToken(sim, login, password));
  clients.push(c);
  await c.next('AgentStateEvent');
  return c;
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await sim.close();
});

describe('xivo simulator: REST (§1.3)', () => {
  it('issues tokens, refuses bad credentials and bad JSON, answers preflights with CORS', async () => {
    await start();
    const login = `${sim.url}/xuc/api/2.0/auth/login`;
    const ok = await fetch(login, {
      method: 'POST',
      body: JSON.stringify({ login: 'alice', password: 'secret' }),
    });
    expect(ok.headers.get('access-control-allow-origin')).toBe('*');
    expect(await ok.json()).toMatchObject({ login: 'alice', token: expect.any(String), TTL: 3600 });
    const bad = await fetch(login, {
      method: 'POST',
      body: JSON.stringify({ login: 'alice', password: 'nope' }),
    });
    expect(await bad.json()).toMatchObject({ error: 'InvalidCredentials' });
    const garbled = await fetch(login, { method: 'POST', body: '{' });
    expect(await garbled.json()).toMatchObject({ error: 'InvalidJson' });
    const preflight = await fetch(login, { method: 'OPTIONS' });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Content-Type/);
    sim.rejectLogins(true);
    const rejected = await fetch(login, {
      method: 'POST',
      body: JSON.stringify({ login: 'alice', password: 'secret' }),
    });
    expect(await rejected.json()).toMatchObject({ error: 'InvalidCredentials' });
  });

  it('checks tokens and says TokenExpired once they are expired', async () => {
    await start();
    const token = await loginToken(sim);
    const check = () =>
      fetch(`${sim.url}/xuc/api/2.0/auth/check`, { headers: { Authorization: `Bearer ${token}` } });
    expect(await (await check()).json()).toMatchObject({ login: 'alice' });
    sim.expireTokens();
    expect(await (await check()).json()).toMatchObject({ error: 'TokenExpired' });
  });
});

describe('xivo simulator: CTI socket (§1.4, §1.5)', () => {
  it('sends the handshake in the documented order', async () => {
    await start();
    const c = await client();
    expect(c.frames.items.map((f) => f.msgType)).toEqual([
      'LoggedOn',
      'RightProfile',
      'UserConfigUpdate',
      'UsersStatuses',
      'UserStatusUpdate',
      'PhoneStatusUpdate',
      'AgentStateEvent',
    ]);
    expect(c.frames.items[2]?.ctiMessage).toMatchObject({
      userId: 9,
      agentId: 22,
      fullName: 'Alice Johnson',
    });
    expect(c.frames.items[6]?.ctiMessage).toMatchObject({ name: 'AgentLoggedOut', agentId: 22 });
    expect(sim.connections()).toBe(1);
  });

  it('refuses a bad token with LoggedOnError and closes', async () => {
    await start();
    const c = await connectClient(sim, 'not-a-token');
    clients.push(c);
    expect(await c.next('LoggedOnError')).toEqual({ Error: 'loggedOnFailed' });
    await c.closed;
  });

  it('answers pings with Pong unless silenced, and records every client frame', async () => {
    await start();
    const c = await client();
    c.send({ claz: 'ping' });
    await c.next('Pong');
    await sim.waitForFrame((f) => f.claz === 'ping');
    expect(sim.received.at(-1)).toMatchObject({ login: 'alice', frame: { claz: 'ping' } });
    sim.silence(true);
    c.send({ claz: 'ping' });
    c.send(web('getCurrentCallsPhoneEvents'));
    await c.next('CurrentCallsPhoneEvents');
    expect(c.frames.items.filter((f) => f.msgType === 'Pong')).toHaveLength(1);
  });

  it('times the CTI session out while logins stall', async () => {
    await start({ loggedOnTimeoutMs: 10 });
    sim.stallLogins(true);
    const c = await connectClient(sim, await loginToken(sim));
    clients.push(c);
    expect(await c.next('LoggedOnError')).toEqual({ Error: 'loggedOnTimeout' });
    expect(c.frames.items.some((f) => f.msgType === 'LoggedOn')).toBe(false);
  });
});

describe('xivo simulator: calls and agents (§1.6, §1.7)', () => {
  it('rings, answers, toggles hold and wraps the agent up after a queue call', async () => {
    await start();
    const c = await client();
    c.send(web('agentLogin', { agentid: 22, agentphonenumber: '1001' }));
    await c.next('AgentStateEvent', (m) => m.name === 'AgentReady');
    const call = sim.inboundCall({
      from: '+33142685300',
      name: 'Camille Dubois',
      queue: 'support',
      userData: { USR_id: '7' },
    });
    expect(await c.next('PhoneEvent')).toMatchObject({
      eventType: 'EventRinging',
      DN: '1001',
      otherDN: '+33142685300',
      otherDName: 'Camille Dubois',
      uniqueId: call.uniqueId,
      linkedId: call.linkedId,
      queueName: 'support',
      callDirection: 'Incoming',
      userData: { USR_id: '7', XIVO_USERID: '9' },
    });
    await c.next('AgentStateEvent', (m) => m.name === 'AgentRinging');
    call.repeatLastEvent();
    await c.next(
      'PhoneEvent',
      (m) => m.eventType === 'EventRinging' && m.uniqueId === call.uniqueId,
    );
    c.send(web('answer', { uniqueId: call.uniqueId }));
    await c.next('PhoneEvent', (m) => m.eventType === 'EventEstablished');
    expect(await c.next('AgentStateEvent', (m) => m.name === 'AgentOnCall')).toMatchObject({
      acd: true,
      monitorState: 'ACTIVE',
    });
    c.send(web('hold', { uniqueId: call.uniqueId }));
    await c.next('PhoneEvent', (m) => m.eventType === 'EventOnHold');
    c.send(web('hold', { uniqueId: call.uniqueId }));
    await c.next('PhoneEvent', (m) => m.eventType === 'EventEstablished');
    c.send(web('hangup', { uniqueId: call.uniqueId }));
    await c.next('PhoneEvent', (m) => m.eventType === 'EventReleased');
    await c.next('AgentStateEvent', (m) => m.name === 'AgentOnWrapup');
    await c.next('AgentStateEvent', (m) => m.name === 'AgentReady');
    expect(sim.calls()).toEqual([]);
  });

  it('dials, and runs an attended transfer to completion', async () => {
    await start();
    const c = await client();
    c.send(web('dial', { destination: '0142685300', variables: { ticket: '9' } }));
    const dialing = await c.next('PhoneEvent', (m) => m.eventType === 'EventDialing');
    expect(dialing).toMatchObject({
      callDirection: 'Outgoing',
      otherDN: '0142685300',
      userData: { USR_ticket: '9' },
    });
    await c.next('PhoneEvent', (m) => m.eventType === 'EventEstablished');
    c.send(web('attendedTransfer', { destination: '2000' }));
    await c.next(
      'PhoneEvent',
      (m) => m.eventType === 'EventOnHold' && m.uniqueId === dialing.uniqueId,
    );
    const consult = await c.next('PhoneEvent', (m) => m.eventType === 'EventDialing');
    expect(consult).toMatchObject({ otherDN: '2000' });
    await c.next(
      'PhoneEvent',
      (m) => m.eventType === 'EventEstablished' && m.uniqueId === consult.uniqueId,
    );
    c.send(web('completeTransfer'));
    await c.next(
      'PhoneEvent',
      (m) => m.eventType === 'EventReleased' && m.uniqueId === consult.uniqueId,
    );
    await c.next(
      'PhoneEvent',
      (m) => m.eventType === 'EventReleased' && m.uniqueId === dialing.uniqueId,
    );
  });

  it('fails a dial to a failing destination with the failure event', async () => {
    await start({ failDestinations: ['666'] });
    const c = await client();
    c.send(web('dial', { destination: '666', variables: {} }));
    await c.next('PhoneEvent', (m) => m.eventType === 'EventFailure');
    expect(sim.calls()).toEqual([]);
  });

  it('lists current calls and every agent state on request', async () => {
    await start({
      users: [
        {
          login: 'alice',
          password: 'secret',
          agentId: 22,
          userId: 9,
          phoneNumber: '1001',
          fullName: 'Alice Johnson',
        },
        {
          login: 'bob',
          password: 'pw',
          agentId: 19,
          userId: 10,
          phoneNumber: '1002',
          fullName: 'Bob Martin',
          loggedInOn: '1002',
        },
      ],
    });
    const c = await client();
    const call = sim.inboundCall();
    c.send(web('getCurrentCallsPhoneEvents'));
    expect((await c.next('CurrentCallsPhoneEvents')).events).toMatchObject([
      { uniqueId: call.uniqueId, eventType: 'EventRinging' },
    ]);
    c.send(web('getAgentStates'));
    await c.next('AgentStateEvent', (m) => m.agentId === 19 && m.name === 'AgentReady');
  });

  it('reports agent login errors as the API page documents', async () => {
    await start({
      users: [
        {
          login: 'alice',
          password: 'secret',
          agentId: 22,
          userId: 9,
          phoneNumber: '1001',
          fullName: 'Alice Johnson',
          loggedInOn: '1002',
        },
      ],
      extraPhones: ['1002'],
    });
    const c = await client();
    c.send(web('agentLogin', { agentid: 22, agentphonenumber: '1001' }));
    expect(await c.next('AgentError')).toEqual({
      Error: 'LoggedInOnAnotherPhone',
      phoneNb: '1002',
      RequestedNb: '1001',
    });
    c.send(web('agentLogout', { agentid: 22 }));
    await c.next('AgentStateEvent', (m) => m.name === 'AgentLoggedOut');
    c.send(web('agentLogin', { agentid: 22, agentphonenumber: '9999' }));
    expect(await c.next('AgentError')).toEqual({ Error: 'PhoneNumberUnknown' });
    c.send(web('pauseAgent', { agentid: 22, reason: 'lunch' }));
    c.send(web('agentLogin', { agentid: 22, agentphonenumber: '1001' }));
    c.send(web('pauseAgent', { agentid: 22, reason: 'lunch' }));
    expect(await c.next('AgentStateEvent', (m) => m.name === 'AgentOnPause')).toMatchObject({
      cause: 'lunch',
      phoneNb: '1001',
    });
  });

  it('pauses recording on queue calls only', async () => {
    await start();
    const c = await client();
    const direct = sim.inboundCall({ queue: '' });
    direct.answer();
    c.send(web('monitorPause', { agentid: 22 }));
    await c.next('Error');
    direct.hangup();
    const queued = sim.inboundCall({ queue: 'sales' });
    queued.answer();
    c.send(web('monitorPause', { agentid: 22 }));
    await sim.waitForFrame((f) => f.command === 'monitorPause');
    await sim.waitForFrame((f) => f.command === 'monitorPause');
    await expect.poll(() => queued.monitorState).toBe('PAUSED');
  });
});

describe('xivo simulator: faults', () => {
  it('drops sockets, sends malformed frames, expires tokens and restarts on the same port', async () => {
    await start();
    const first = await client();
    sim.sendMalformed('notJson');
    sim.sendMalformed('badPhoneEvent');
    await first.next('PhoneEvent', (m) => m.eventType === 42);
    expect(first.raw).toEqual(['this is {not json']);
    sim.dropSockets();
    await first.closed;
    expect(sim.connections()).toBe(0);

    const second = await client();
    sim.expireTokens();
    expect(await second.next('LoggedOnError')).toEqual({ Error: 'TokenExpired' });
    await second.closed;

    const url = sim.url;
    sim.inboundCall();
    await sim.restart();
    expect(sim.url).toBe(url);
    expect(sim.calls()).toEqual([]);
    await client();
  });

  it('streams realistic inbound calls while traffic runs', async () => {
    await start();
    const c = await client();
    sim.startTraffic({ intervalMs: 5 });
    const ringing = await c.next('PhoneEvent', (m) => m.eventType === 'EventRinging');
    sim.stopTraffic();
    expect(ringing).toMatchObject({
      callDirection: 'Incoming',
      otherDN: expect.stringMatching(/^\+\d+$/),
      queueName: expect.any(String),
    });
    expect(sim.calls()).toHaveLength(1);
  });
});
