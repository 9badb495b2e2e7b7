import { afterEach, describe, expect, it, vi } from 'vitest';
import { CtiError } from '../../model';
import { POLL } from './polling';
import { connected, pollOnce, rig, type Rig } from '../../../../tests/simulators/ccs/test-kit';

let r: Rig;
afterEach(async () => {
  await r.adapter.disconnect();
  await r.sim.close();
});

describe('CcsAdapter.connect', () => {
  it('checks the token over REST, then sends connect, the subscriptions and a ping', async () => {
    r = await rig();
    const t = await connected(r);
    const first = await r.sim.waitForRequest(() => true);
    // An agent's own sign-in uses the tenant-level list (api-pages §4.8, routes.ts).
    expect(first.path).toBe('/extensions');
    const frames = r.sim.received.filter((x) => x.kind === 'ws').map((x) => x.frame);
    expect(frames.slice(0, 5)).toEqual([
      { request: 'connect', token: 'ccs-token-104' },
      { request: 'fetch_agent_events' },
      { request: 'fetch_call_events' },
      { request: 'fetch_queue_events' },
      'ping',
    ]);
    // Since when: CCS says how long the agent has been in the state (§4.15).
    const { agent } = await t.next('agent');
    expect(agent).toEqual({ status: 'ready', since: expect.any(Number) });
    expect(agent.since).toBeLessThanOrEqual(r.clock.now());
    expect(await t.next('transport')).toEqual({ type: 'transport', mode: 'events' });
    const { lists } = await t.next('lists');
    expect(lists.pauseReasons).toEqual([
      { code: 'Coffee Break', label: 'Coffee Break' },
      { code: 'Lunch Break', label: 'Lunch Break' },
    ]);
    // The ACDs, for redirect: the code is the uuid wait_redirect takes (§5.4).
    expect(lists.queues).toEqual(r.sim.acds.map((a) => ({ code: a.uuid, label: a.name })));
    expect(await r.sim.waitForRequest((x) => x.path.endsWith('/acds'))).toMatchObject({
      method: 'GET',
      path: '/acds',
    });
  });

  it('says what to enter when neither a token nor extension and PIN are given', async () => {
    r = await rig();
    const t = r.context({ credentials: { extension: '104' } });
    await expect(r.adapter.connect(t.ctx)).rejects.toEqual(
      new CtiError('auth', 'Enter an API token, or your extension and PIN'),
    );
    expect(r.sim.received).toEqual([]);
  });

  it('refuses missing settings as fatal config errors', async () => {
    r = await rig({}, { tenantId: '' });
    await expect(r.adapter.connect(r.context().ctx)).rejects.toMatchObject({
      code: 'config',
      message: 'Set the CCS tenant id',
    });
    const noExtension = await rig({}, { extensionId: '' });
    await expect(noExtension.adapter.connect(noExtension.context().ctx)).rejects.toMatchObject({
      code: 'config',
      message: expect.stringMatching(/extension id/),
    });
    await noExtension.sim.close();
  });

  it('maps a refused token (401) to a fatal auth error and opens no socket', async () => {
    r = await rig();
    const error = await r.adapter
      .connect(r.context({ credentials: { token: 'wrong' } }).ctx)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'auth', fatal: true });
    expect((error as Error).message).toMatch(/401 Unauthorized/);
    expect(r.sim.connections()).toBe(0);
  });

  it('signs in with extension and PIN, finding the extension uuid by number', async () => {
    r = await rig({}, { extensionId: '', tenantUrl: '/ccsl06' });
    const t = await connected(r, { credentials: { extension: '104', pin: '0104' } });
    const login = await r.sim.waitForRequest((x) => x.path === '/6/api');
    expect(login.body).toEqual({
      function: 'extensions.auth',
      pin: '0104',
      extension: '104',
      sil_tenant_url: '/ccsl06',
    });
    expect(r.sim.connections()).toBe(1);
    const call = r.sim.inboundCall();
    const ringing = await t.next('callUpsert');
    expect(ringing.call.vendorCallId).toBe(call.callId);
  });

  it('refuses a wrong PIN as a fatal auth error', async () => {
    r = await rig({}, { extensionId: '' });
    const t = r.context({ credentials: { extension: '104', pin: '9999' } });
    await expect(r.adapter.connect(t.ctx)).rejects.toMatchObject({
      code: 'auth',
      message: 'Windstream CCS did not accept this extension and PIN',
    });
  });

  it('reports a socket the server closes after connect as a network error', async () => {
    r = await rig();
    const t = r.context();
    const done = r.adapter.connect(t.ctx);
    // The token works for REST, then CCS refuses the socket (§5.2 "closed from the server side").
    await r.sim.waitForRequest((x) => x.path.endsWith('/agent_state'));
    r.sim.expireTokens();
    await expect(done).rejects.toMatchObject({ code: 'network' });
  });
});

describe('CcsAdapter events', () => {
  it('turns call events into ringing, connected and ended, keeping startedAt', async () => {
    r = await rig();
    const t = await connected(r);
    const call = r.sim.inboundCall({ from: '+33142685300', name: 'Camille Dubois', queue: 'Q386' });
    const ringing = (await t.next('callUpsert')).call;
    expect(ringing).toMatchObject({
      id: `ccs:${call.callId}`,
      direction: 'inbound',
      state: 'ringing',
      remote: { raw: '+33142685300', e164: '+33142685300', name: 'Camille Dubois' },
      queue: 'Q386',
      data: { called_number: '104', extension: '104' },
    });
    call.answer();
    const answered = (await t.next('callUpsert', (e) => e.call.state === 'connected')).call;
    expect(answered.startedAt).toBe(ringing.startedAt);
    call.hangup();
    expect(await t.next('callEnded')).toMatchObject({ callId: ringing.id });
  });

  it('ignores events about other extensions', async () => {
    r = await rig({
      extensions: [
        {
          uuid: 'az123456-5cca-4ff1-874e-dc1c92d6de64',
          extension: '104',
          firstname: 'Reese',
          lastname: 'Nath',
          token: 'ccs-token-104',
          pin: '0104',
        },
        {
          uuid: 'az123456-7c49-49a8-80fc-ae173a422a36',
          extension: '114',
          firstname: 'Sonny',
          lastname: 'Patel',
          token: 'ccs-token-114',
          pin: '0114',
        },
      ],
    });
    const t = await connected(r);
    r.sim.inboundCall({ extension: '114' });
    const ours = r.sim.inboundCall();
    expect((await t.next('callUpsert')).call.vendorCallId).toBe(ours.callId);
  });

  it('reports agent presence events, and unreadable frames as protocolError', async () => {
    r = await rig();
    const t = await connected(r);
    r.sim.setPresence('Coffee Break');
    expect((await t.next('agent', (e) => e.agent.status === 'notReady')).agent).toEqual({
      status: 'notReady',
      reason: 'Coffee Break',
      since: expect.any(Number),
    });
    r.sim.sendMalformed('badEvent');
    r.sim.sendMalformed('notJson');
    expect((await t.next('protocolError')).message).toMatch(/Invalid call_ringing event/);
    expect((await t.next('protocolError')).frame).toBe('this is {not json');
  });

  it('falls back to polling when the socket brings no call events, and says so', async () => {
    r = await rig();
    const t = await connected(r, { panelOpen: () => true });
    r.sim.silentEvents(true);
    const call = r.sim.inboundCall();
    await pollOnce(r, POLL.activeMs);
    const ringing = await t.next('callUpsert');
    expect(ringing.call).toMatchObject({ vendorCallId: call.callId, state: 'ringing' });
    await pollOnce(r, POLL.activeMs);
    expect(await t.next('transport', (e) => e.mode === 'polling')).toEqual({
      type: 'transport',
      mode: 'polling',
      intervalMs: POLL.activeMs,
    });
    call.answer();
    await pollOnce(r, POLL.activeMs);
    await t.next('callUpsert', (e) => e.call.state === 'connected');
    call.hangup();
    await pollOnce(r, POLL.activeMs);
    expect(await t.next('callEnded')).toMatchObject({ callId: ringing.call.id });
    // Call events again: back to events.
    r.sim.silentEvents(false);
    r.sim.inboundCall();
    expect(await t.next('transport', (e) => e.mode === 'events')).toEqual({
      type: 'transport',
      mode: 'events',
    });
  });

  it('keeps a call that rang while a poll was under way, though the poll does not list it', async () => {
    r = await rig();
    // GET /calls answers are held back until the test lets them go.
    let hold: Promise<void> | undefined;
    let answered = (): void => undefined;
    const held: typeof fetch = async (input, init) => {
      const answer = await fetch(input, init);
      if (hold && String(input instanceof Request ? input.url : input).endsWith('/calls')) {
        answered();
        await hold;
      }
      return answer;
    };
    const t = await connected(r, { panelOpen: () => true, fetch: held });
    let release = (): void => undefined;
    hold = new Promise((resolve) => (release = resolve));
    const pollAnswered = new Promise<void>((resolve) => (answered = resolve));
    // The poll's answer has no call; the call then rings on the socket, then the answer lands.
    await r.clock.advance(POLL.activeMs);
    await pollAnswered;
    const call = r.sim.inboundCall();
    expect((await t.next('callUpsert')).call).toMatchObject({ vendorCallId: call.callId });
    release();
    await vi.waitFor(() => expect(r.clock.pending()).toBeGreaterThan(0), { interval: 2 });
    const endings = () => t.events.items.filter((e) => e.type === 'callEnded');
    expect(endings()).toEqual([]);
    // Only the hang-up ends it.
    hold = undefined;
    call.hangup();
    const ended = await t.next('callEnded');
    expect(ended.callId).toBe(`ccs:${call.callId}`);
    expect(endings()).toHaveLength(1);
  });

  it('polls quickly while a call is live or the panel is open, slowly otherwise', async () => {
    r = await rig();
    let open = false;
    const t = await connected(r, { panelOpen: () => open });
    r.sim.silentEvents(true);
    const call = r.sim.inboundCall();
    await pollOnce(r, POLL.idleMs);
    await pollOnce(r, POLL.activeMs);
    const polling = (e: { mode: string; intervalMs?: number }, ms: number) =>
      e.mode === 'polling' && e.intervalMs === ms;
    await t.next('transport', (e) => polling(e, POLL.activeMs));
    call.hangup();
    await pollOnce(r, POLL.activeMs);
    await t.next('transport', (e) => polling(e, POLL.idleMs));
    open = true;
    await pollOnce(r, POLL.idleMs);
    await t.next('transport', (e) => polling(e, POLL.activeMs));
  });

  it('reports connectionLost when the socket drops, and auth when the token expires', async () => {
    r = await rig();
    const t = await connected(r);
    r.sim.dropSockets();
    expect((await t.next('connectionLost')).error).toMatchObject({ code: 'network' });
    const again = await connected(r);
    r.sim.rejectTokens(true);
    await r.clock.advance(POLL.idleMs);
    const lost = await again.next('connectionLost');
    expect(lost.error).toMatchObject({ code: 'auth', fatal: true });
    expect(lost.error.message).toMatch(/Sign in again/);
  });
});

describe('CcsAdapter commands', () => {
  it('dials through the outbound queue with the number written as digits', async () => {
    r = await rig();
    const t = await connected(r);
    await r.adapter.execute({ type: 'dial', number: '+1 (973) 555-2106' });
    const dial = await r.sim.waitForRequest((x) => x.method === 'POST');
    expect(dial).toMatchObject({
      path: `/tenants/${r.sim.tenantId}/extensions/${r.sim.extension.uuid}`,
      body: { request: 'dial', target: '19735552106', outbound_queue_uuid: r.sim.outboundQueueId },
    });
    expect((await t.next('callUpsert')).call).toMatchObject({
      direction: 'outbound',
      state: 'dialing',
      remote: { raw: '19735552106' },
    });
  });

  it('refuses to dial without an outbound queue, sending nothing', async () => {
    r = await rig({}, { outboundQueueId: '' });
    await connected(r);
    const before = r.sim.received.length;
    await expect(r.adapter.execute({ type: 'dial', number: '104' })).rejects.toMatchObject({
      code: 'config',
    });
    expect(r.sim.received.length).toBe(before);
  });

  it('turns CCS refusals into clear errors: 400 reason, 500 retryable, bad JSON protocol', async () => {
    r = await rig();
    const t = await connected(r);
    await expect(
      r.adapter.execute({ type: 'setAgentState', state: 'notReady', reason: 'Nap' }),
    ).rejects.toMatchObject({
      code: 'rejected',
      message: expect.stringMatching(/Invalid state name/),
    });
    r.sim.failRequests(500);
    await expect(r.adapter.resync()).rejects.toMatchObject({
      code: 'network',
      message: expect.stringMatching(/HTTP 500: Internal Server Error/),
    });
    r.sim.failRequests(false);
    r.sim.malformedJson(true);
    await expect(r.adapter.resync()).rejects.toMatchObject({ code: 'protocol' });
    r.sim.malformedJson(false);
    r.sim.silentEvents(true);
    r.sim.malformedJson(true);
    await pollOnce(r, POLL.idleMs);
    expect((await t.next('protocolError')).message).toMatch(/not JSON/);
  });

  it('sets presence by option name and re-reads the state CCS then has', async () => {
    r = await rig();
    const t = await connected(r);
    r.sim.silentEvents(true);
    await r.adapter.execute({ type: 'setAgentState', state: 'notReady' });
    expect(r.sim.agent()).toEqual({ type: 'away', name: 'Coffee Break' });
    expect((await t.next('agent', (e) => e.agent.status === 'notReady')).agent.reason).toBe(
      'Coffee Break',
    );
    await r.adapter.execute({ type: 'setAgentState', state: 'notReady', reason: 'lunch break' });
    expect(r.sim.agent().name).toBe('Lunch Break');
    await r.adapter.execute({ type: 'setAgentState', state: 'loggedOut' });
    expect(r.sim.agent()).toEqual({ type: 'sign_out', name: 'Sign Out' });
    await t.next('agent', (e) => e.agent.status === 'loggedOut');
  });

  it('redirects a ringing or connected call to a queue with wait_redirect and its uuid', async () => {
    r = await rig();
    const t = await connected(r);
    const [q3878, q386] = r.sim.acds;
    const ringing = r.sim.inboundCall();
    const first = (await t.next('callUpsert')).call;
    await r.adapter.execute({ type: 'redirectToQueue', callId: first.id, queue: q386!.uuid });
    expect(
      await r.sim.waitForRequest((x) => x.method === 'POST' && x.path.startsWith('/calls/')),
    ).toMatchObject({
      path: `/calls/${ringing.callId}`,
      body: { request: 'wait_redirect', target: q386!.uuid },
    });
    // The queue took it: it left the agent.
    expect(await t.next('callEnded')).toMatchObject({ callId: first.id });

    const talking = r.sim.inboundCall();
    const second = (await t.next('callUpsert')).call;
    talking.answer();
    await t.next('callUpsert', (e) => e.call.state === 'connected');
    await r.adapter.execute({ type: 'redirectToQueue', callId: second.id, queue: q3878!.uuid });
    expect(await t.next('callEnded')).toMatchObject({ callId: second.id });
  });

  it('refuses a redirect CCS turns down, and one of a call still dialling', async () => {
    r = await rig({ dialAnswerMs: 60_000 });
    const t = await connected(r);
    r.sim.inboundCall();
    const call = (await t.next('callUpsert')).call;
    await expect(
      r.adapter.execute({ type: 'redirectToQueue', callId: call.id, queue: 'no-such-acd' }),
    ).rejects.toMatchObject({ code: 'rejected', message: expect.stringMatching(/Invalid acd/) });
    expect(r.sim.calls()).toHaveLength(1);

    await r.adapter.execute({ type: 'dial', number: '2000' });
    const dialling = (await t.next('callUpsert', (e) => e.call.state === 'dialing')).call;
    const before = r.sim.received.length;
    await expect(
      r.adapter.execute({
        type: 'redirectToQueue',
        callId: dialling.id,
        queue: r.sim.acds[0]!.uuid,
      }),
    ).rejects.toMatchObject({ code: 'unsupported' });
    expect(r.sim.received.slice(before).filter((x) => x.kind === 'rest')).toEqual([]);
  });

  it('hangs up with kill and pauses recording with startSuppression', async () => {
    r = await rig();
    const t = await connected(r);
    const sim = r.sim.inboundCall();
    const call = (await t.next('callUpsert')).call;
    sim.answer();
    await t.next('callUpsert', (e) => e.call.state === 'connected');
    await r.adapter.execute({ type: 'pauseRecording', callId: call.id });
    expect(sim.suppressed).toBe(true);
    expect((await t.next('callUpsert', (e) => e.call.recording === 'paused')).call.id).toBe(
      call.id,
    );
    await r.adapter.execute({ type: 'hangup', callId: call.id });
    expect(
      await r.sim.waitForRequest(
        (x) =>
          x.path === `/calls/${sim.callId}` &&
          x.method === 'POST' &&
          (x.body as { request: string }).request === 'kill',
      ),
    ).toBeTruthy();
    await t.next('callEnded');
    await expect(r.adapter.execute({ type: 'hold', callId: call.id })).rejects.toMatchObject({
      code: 'unsupported',
    });
  });
});
