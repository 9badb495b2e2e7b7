import { describe, expect, it } from 'vitest';
import { CtiError } from '../../model';
import {
  agentState,
  connected,
  nextSocket,
  phoneEvent,
  ringingCall,
  setup,
  userConfig,
} from '../../../../tests/simulators/xivo/test-kit';
describe('XivoAdapter.connect', () => {
  it('logs in over REST, opens wss with the token and resolves on LoggedOn', async () => {
    const s = setup();
    const { socket } = await connected(s);
    expect(s.logins).toEqual([
      {
        url: 'https://xuc.example.com:8090/xuc/api/2.0/auth/login',
        body: { login: 'alice', password: 'secret' },
      },
    ]);
    expect(socket.url).toBe('wss://xuc.example.com:8090/xuc/api/2.0/cti?token=tok-1');
  });

  it('uses ws:// for an http server and keeps a path prefix', async () => {
    const s = setup({ config: { server: 'http://10.0.0.5:8090/proxy/' } });
    const { socket } = await connected(s);
    expect(s.logins[0]?.url).toBe('http://10.0.0.5:8090/proxy/xuc/api/2.0/auth/login');
    expect(socket.url).toBe('ws://10.0.0.5:8090/proxy/xuc/api/2.0/cti?token=tok-1');
  });

  it('sends nothing before LoggedOn, then logs the agent in on the sign-in phone', async () => {
    const s = setup();
    const t = s.newContext();
    const done = s.adapter.connect(t.ctx);
    const socket = await nextSocket(s.ws, 1);
    socket.serverOpen();
    // xuc may announce the user before the session is ready (order [UNKNOWN], §1.4).
    socket.serverSend(userConfig());
    s.adapter.heartbeat.send();
    expect(socket.sent).toEqual([]);
    await expect(s.adapter.execute({ type: 'dial', number: '1002' })).rejects.toMatchObject({
      code: 'network',
    });
    socket.serverSend({ msgType: 'LoggedOn', ctiMessage: {} });
    await done;
    expect(socket.frames()).toEqual([
      { claz: 'web', command: 'agentLogin', agentphonenumber: '1001', agentid: 22 },
    ]);
  });

  it('logs the agent in once per sign-in, not on reconnects', async () => {
    const s = setup();
    const first = await connected(s);
    expect(first.socket.frames().filter((f) => f.command === 'agentLogin')).toHaveLength(1);
    first.socket.serverClose();
    const second = await connected(s, 2);
    expect(second.socket.frames().filter((f) => f.command === 'agentLogin')).toHaveLength(0);
  });

  it('does not log in a user who is not an agent, and reports them logged out', async () => {
    const s = setup();
    const t = s.newContext();
    const done = s.adapter.connect(t.ctx);
    const socket = await nextSocket(s.ws, 1);
    socket.serverSend({ msgType: 'LoggedOn', ctiMessage: {} });
    socket.serverSend(userConfig(null));
    await done;
    expect(socket.sent).toEqual([]);
    expect((await t.next('agent')).agent.status).toBe('loggedOut');
    await expect(s.adapter.execute({ type: 'setAgentState', state: 'ready' })).rejects.toThrow(
      /not an agent/,
    );
  });

  it('rejects bad credentials as a fatal auth error', async () => {
    const s = setup({
      fetch: () =>
        Response.json(
          { error: 'InvalidCredentials', message: 'Invalid credentials' },
          { status: 401 },
        ),
    });
    const error = await s.adapter.connect(s.newContext().ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CtiError);
    expect(error).toMatchObject({
      code: 'auth',
      fatal: true,
      message: 'XiVO did not accept this username and password',
    });
  });

  it('rejects an unreachable server as a network error', async () => {
    const s = setup({ fetch: () => Promise.reject(new TypeError('fetch failed')) });
    await expect(s.adapter.connect(s.newContext().ctx)).rejects.toMatchObject({ code: 'network' });
  });

  it('rejects a missing server or missing credentials as fatal', async () => {
    await expect(
      setup({ config: { server: '' } }).adapter.connect(setup().newContext().ctx),
    ).rejects.toMatchObject({ code: 'config' });
    const s = setup({ credentials: { username: 'alice' } });
    await expect(s.adapter.connect(s.newContext().ctx)).rejects.toMatchObject({ code: 'auth' });
  });

  it.each([
    ['loggedOnFailed', 'auth'],
    ['loggedOnTimeout', 'network'],
  ])('maps LoggedOnError %s to %s', async (Error, code) => {
    const s = setup();
    const done = s.adapter.connect(s.newContext().ctx);
    const socket = await nextSocket(s.ws, 1);
    socket.serverSend({ msgType: 'LoggedOnError', ctiMessage: { Error } });
    await expect(done).rejects.toMatchObject({ code });
  });

  it('rejects with network when the socket closes before LoggedOn', async () => {
    const s = setup();
    const done = s.adapter.connect(s.newContext().ctx);
    (await nextSocket(s.ws, 1)).serverClose(1006);
    await expect(done).rejects.toMatchObject({ code: 'network' });
  });

  it('rejects and closes when the session aborts the attempt', async () => {
    const s = setup();
    const t = s.newContext();
    const done = s.adapter.connect(t.ctx);
    const socket = await nextSocket(s.ws, 1);
    t.abort();
    await expect(done).rejects.toMatchObject({ code: 'network' });
    expect(socket.closedByClient).toBe(1000);
  });

  it('reuses its token on reconnect and logs in again when xuc refuses it', async () => {
    const s = setup();
    const first = await connected(s);
    first.socket.serverClose();
    const t = s.newContext();
    const done = s.adapter.connect(t.ctx);
    const stale = await nextSocket(s.ws, 2);
    expect(stale.url).toMatch(/token=tok-1$/);
    stale.serverSend({ msgType: 'LoggedOnError', ctiMessage: { Error: 'TokenExpired' } });
    const fresh = await nextSocket(s.ws, 3);
    expect(fresh.url).toMatch(/token=tok-2$/);
    fresh.serverSend({ msgType: 'LoggedOn', ctiMessage: {} });
    await done;
    expect(s.logins).toHaveLength(2);
  });

  it('forgets the token on a TokenExpired error frame, and after LoggedOnError once ready', async () => {
    const s = setup();
    const { t, socket } = await connected(s);
    socket.serverSend({ msgType: 'Error', ctiMessage: { Error: 'TokenExpired' } });
    socket.serverSend({ msgType: 'LoggedOnError', ctiMessage: { Error: 'TokenExpired' } });
    const lost = await t.next('connectionLost');
    expect(lost.error).toMatchObject({ code: 'network' });
    await connected(s, 2);
    expect(s.ws.last().url).toMatch(/token=tok-2$/);
  });
});

describe('XivoAdapter events', () => {
  it('calls alive() on every frame, malformed or ignored ones included', async () => {
    const s = setup();
    const { t, socket } = await connected(s);
    const before = t.alive();
    socket.serverSend({ msgType: 'Pong', ctiMessage: {} });
    socket.serverSend('garbage');
    expect(t.alive()).toBe(before + 2);
  });

  it('emits protocolError for non-JSON and invalid known frames, and carries on', async () => {
    const s = setup();
    const { t, socket } = await connected(s);
    socket.serverSend('this is {not json');
    socket.serverSend({ msgType: 'PhoneEvent', ctiMessage: { eventType: 42 } });
    socket.serverSend({ msgType: 'QueueCalls', ctiMessage: 'whatever' });
    expect((await t.next('protocolError')).frame).toBe('this is {not json');
    expect((await t.next('protocolError')).message).toMatch(/PhoneEvent/);
    expect(t.events.items.filter((e) => e.type === 'protocolError')).toHaveLength(2);
    expect((await ringingCall(s, socket, t)).state).toBe('ringing');
  });

  it('maps our agent states and ignores other agents', async () => {
    const s = setup();
    const { t, socket } = await connected(s);
    expect((await t.next('agent')).agent.status).toBe('loggedOut');
    socket.serverSend(agentState('AgentOnPause', { agentId: 19 }));
    socket.serverSend(agentState('AgentOnPause', { cause: 'lunch' }));
    expect((await t.next('agent')).agent).toMatchObject({ status: 'notReady', reason: 'lunch' });
    expect(t.events.items.filter((e) => e.type === 'agent')).toHaveLength(2);
  });

  it('turns agent login errors into error notices, from AgentError or Error', async () => {
    const s = setup();
    const { t, socket } = await connected(s);
    socket.serverSend({ msgType: 'AgentError', ctiMessage: { Error: 'PhoneNumberUnknown' } });
    socket.serverSend({
      msgType: 'Error',
      ctiMessage: { Error: 'LoggedInOnAnotherPhone', phoneNb: '1002', RequestedNb: '1001' },
    });
    expect(await t.next('notice')).toMatchObject({
      level: 'error',
      message: expect.stringMatching(/phone number 1001/),
    });
    expect(await t.next('notice')).toMatchObject({
      level: 'error',
      message: expect.stringMatching(/logged in on phone 1002/),
    });
  });

  it('reports connectionLost when an established socket closes, not when we disconnect', async () => {
    const s = setup();
    const first = await connected(s);
    first.socket.serverClose(1006);
    expect((await first.t.next('connectionLost')).error).toMatchObject({ code: 'network' });
    const second = await connected(s, 2);
    await s.adapter.disconnect();
    await Promise.resolve();
    expect(second.t.events.items.some((e) => e.type === 'connectionLost')).toBe(false);
  });

  it('resyncs with one snapshot and asks for the agent state', async () => {
    const s = setup();
    const { t, socket } = await connected(s);
    socket.sent.length = 0;
    await s.adapter.resync();
    expect(socket.frames()).toEqual([
      { claz: 'web', command: 'getCurrentCallsPhoneEvents' },
      { claz: 'web', command: 'getAgentStates' },
    ]);
    socket.serverSend({
      msgType: 'CurrentCallsPhoneEvents',
      ctiMessage: { events: [phoneEvent('EventEstablished').ctiMessage] },
    });
    const snapshot = await t.next('callsSnapshot');
    expect(snapshot.calls).toMatchObject([
      { id: 'xivo:10.2', state: 'connected', remote: { e164: '+33142685300' } },
    ]);
  });

  it('sends a ping for the heartbeat once ready', async () => {
    const s = setup();
    const { socket } = await connected(s);
    socket.sent.length = 0;
    s.adapter.heartbeat.send();
    expect(socket.frames()).toEqual([{ claz: 'ping' }]);
  });
});
