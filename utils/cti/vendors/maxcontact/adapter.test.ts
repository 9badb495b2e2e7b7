import { afterEach, describe, expect, it, vi } from 'vitest';
import { CtiError } from '../../model';
import { MaxContactAdapter, POLL_FAILURES_BEFORE_LOST } from './adapter';
import { signedIn, startRig, type Rig } from '../../../../tests/simulators/maxcontact/test-kit';

let rig: Rig;
afterEach(async () => {
  await rig.close();
});

const ringing = (t: Awaited<ReturnType<typeof signedIn>>, vendorCallId?: number) =>
  t.next(
    'callUpsert',
    (e) =>
      e.call.state === 'ringing' &&
      (vendorCallId === undefined || e.call.vendorCallId === String(vendorCallId)),
  );

describe('maxcontact adapter: sign-in and the TokenKey cookie (§3.3)', () => {
  it('gets a token with the Base64 password and sends it as a Cookie on every request', async () => {
    rig = await startRig();
    const t = rig.newContext();
    const set = vi.spyOn(t.ctx.requestHeaders, 'set');
    await rig.adapter.connect(t.ctx);
    await rig.adapter.resync();
    const [token] = rig.sim.tokens();
    expect(set).toHaveBeenCalledWith(`${rig.sim.url}/webservices/`, {
      Cookie: `TokenKey=${token}`,
    });
    const login = rig.sim.requests.find((r) => r.api === 'login');
    expect(login).toMatchObject({
      path: '/webservices/services/apitoken/login/1001',
      headers: expect.objectContaining({ authorization: 'c2VjcmV0' }),
    });
    const telephony = rig.sim.requests.filter((r) => r.api !== 'login');
    expect(telephony.map((r) => r.api)).toEqual(
      expect.arrayContaining(['getcalls', 'resultcodes']),
    );
    for (const r of telephony) {
      expect(r).toMatchObject({ cookieToken: token, status: 200 });
      expect(r.headers['content-type']).toBe('application/json');
    }
  });

  it('cannot work without the header rule: the platform refuses requests without the cookie', async () => {
    rig = await startRig();
    const t = rig.newContext();
    t.ctx.requestHeaders.set = async () => {};
    const error = await rig.adapter.connect(t.ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CtiError);
    expect(error).toMatchObject({ code: 'auth', fatal: true });
  });

  it('refuses bad credentials as a fatal error', async () => {
    rig = await startRig();
    const t = rig.newContext({ credentials: { username: '1001', password: 'wrong' } });
    await expect(rig.adapter.connect(t.ctx)).rejects.toMatchObject({ code: 'auth' });
  });

  it('names the agent by the user id setting, else by a numeric login', async () => {
    rig = await startRig({
      sim: { users: [{ login: 'alex', password: 'secret', userId: 1001, fullName: 'Alex' }] },
    });
    const named = rig.newContext({ credentials: { username: 'alex', password: 'secret' } });
    await expect(rig.adapter.connect(named.ctx)).rejects.toMatchObject({
      code: 'config',
      message: expect.stringMatching(/numeric user ID/),
    });
    const adapter = new MaxContactAdapter({ ...rig.config, userId: '1001' });
    const t = await signedIn(
      rig,
      { credentials: { username: 'alex', password: 'secret' } },
      adapter,
    );
    await adapter.disconnect();
    expect(t.events.items.some((e) => e.type === 'callsSnapshot')).toBe(true);
    const paths = rig.sim.requests.filter((r) => r.api === 'getcalls').map((r) => r.path);
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.every((p) => p.endsWith('/getcalls/user/1001'))).toBe(true);
  });

  it('offers the agent-viewable result codes and a break reason', async () => {
    rig = await startRig();
    const t = await signedIn(rig);
    const lists = t.events.items.flatMap((e) => (e.type === 'lists' ? [e.lists] : []));
    expect(lists).toContainEqual({ pauseReasons: [{ code: 'break', label: 'Break' }] });
    expect(lists).toContainEqual({
      resultCodes: [
        { code: 'SALE', label: 'Sale' },
        { code: 'NOSALE', label: 'No sale' },
        { code: 'CALLBACK', label: 'Call back later' },
        { code: 'XFER', label: 'Transferred' },
      ],
    });
    expect(await t.next('agent')).toMatchObject({
      agent: { status: 'notReady', reason: 'unconfirmed' },
    });
  });
});

describe('maxcontact adapter: polling (§3.2, §3.6)', () => {
  it('polls slowly when idle and fast while a call is live, and says so', async () => {
    rig = await startRig();
    const t = await signedIn(rig);
    expect(await t.next('transport')).toEqual({
      type: 'transport',
      mode: 'polling',
      intervalMs: 40,
    });
    const call = rig.sim.inboundCall({
      from: '+441632960123',
      campaign: 'Renewals',
      queue: 'Sales',
    });
    const rang = await ringing(t, call.CallId);
    expect(rang.call).toMatchObject({
      direction: 'inbound',
      queue: 'Sales',
      data: expect.objectContaining({ CampaignName: 'Renewals' }),
    });
    await t.next('agent', (e) => e.agent.status === 'ready');
    expect(await t.next('transport')).toMatchObject({ intervalMs: 20 });
    await t.next('callUpsert', (e) => e.call.id === rang.call.id && e.call.state === 'connected');
    call.hangup();
    await t.next('callEnded', (e) => e.callId === rang.call.id);
    await t.next('agent', (e) => e.agent.status === 'wrapUp');
    expect(await t.next('transport')).toMatchObject({ intervalMs: 40 });
    await expect.poll(() => t.alive()).toBeGreaterThan(3);
  });

  it('polls fast while the panel is open', async () => {
    rig = await startRig();
    const t = await signedIn(rig, { panelOpen: () => true });
    expect(await t.next('transport')).toMatchObject({ intervalMs: 20 });
  });

  it('signs in again once when the token expires, and carries on', async () => {
    rig = await startRig();
    const t = await signedIn(rig);
    rig.sim.expireTokens();
    await rig.sim.waitForRequest((r) => r.api === 'getcalls' && r.status === 401);
    await expect.poll(() => rig.sim.tokens().length).toBe(1);
    const after = t.alive();
    await expect.poll(() => t.alive()).toBeGreaterThan(after);
    expect(rig.sim.requests.filter((r) => r.api === 'login')).toHaveLength(2);
    expect(t.events.items.some((e) => e.type === 'connectionLost')).toBe(false);
  });

  it('ends the session when signing in again is refused too', async () => {
    rig = await startRig();
    const t = await signedIn(rig);
    rig.sim.rejectLogins(true);
    rig.sim.expireTokens();
    const lost = await t.next('connectionLost');
    expect(lost.error).toMatchObject({ code: 'auth', fatal: true });
  });

  it('rides out a failed poll, and reports the connection lost after several in a row', async () => {
    rig = await startRig();
    const t = await signedIn(rig);
    await rig.sim.fail(500, POLL_FAILURES_BEFORE_LOST - 1);
    const after = t.alive();
    await expect.poll(() => t.alive()).toBeGreaterThan(after);
    expect(t.events.items.some((e) => e.type === 'connectionLost')).toBe(false);
    await rig.sim.fail(503, POLL_FAILURES_BEFORE_LOST);
    expect((await t.next('connectionLost')).error).toMatchObject({ code: 'network', fatal: false });
  });

  it('reports malformed answers as protocol errors and ends no call over them', async () => {
    rig = await startRig();
    const t = await signedIn(rig);
    const call = rig.sim.inboundCall();
    const rang = await ringing(t, call.CallId);
    rig.sim.sendMalformed('badCall');
    expect((await t.next('protocolError')).message).toMatch(/CallId/);
    rig.sim.sendMalformed('notJson');
    expect(await t.next('protocolError')).toMatchObject({
      frame: expect.stringMatching(/^<html>/),
    });
    await t.next('callUpsert', (e) => e.call.id === rang.call.id && e.call.state === 'connected');
    expect(t.events.items.some((e) => e.type === 'callEnded')).toBe(false);
  });

  it('answers the heartbeat with a poll', async () => {
    rig = await startRig({ config: { pollIntervalMs: 60_000, idlePollIntervalMs: 60_000 } });
    const t = await signedIn(rig);
    const before = t.alive();
    rig.adapter.heartbeat.send();
    await expect.poll(() => t.alive()).toBeGreaterThan(before);
  });
});

describe('maxcontact adapter: call identity across restarts and reconnects (§3.4 note)', () => {
  it('treats a recycled CallId after a platform restart as a new call', async () => {
    rig = await startRig();
    const t = await signedIn(rig);
    const old = await ringing(t, rig.sim.inboundCall().CallId);
    rig.sim.restartPlatform();
    const end = await t.next('callEnded', (e) => e.callId === old.call.id);
    const next = rig.sim.inboundCall({ from: '+442079460958' });
    expect(next.CallId).toBe(1000);
    // The first ringing call with that CallId reported after the old one ended (the old call's
    // lead data may have updated it before).
    const after = t.events.items.indexOf(end);
    const fresh = await t.next(
      'callUpsert',
      (e) =>
        t.events.items.indexOf(e) > after &&
        e.call.state === 'ringing' &&
        e.call.vendorCallId === '1000',
    );
    expect(fresh.call.id).not.toBe(old.call.id);
    // The old call's id now belongs to the new call: its disposition must not go there.
    await expect(
      rig.adapter.execute({ type: 'dispose', callId: old.call.id, code: 'SALE', notes: '' }),
    ).rejects.toMatchObject({ code: 'rejected', message: expect.stringMatching(/newer call/) });
    expect(rig.sim.requests.some((r) => r.api === 'dispose')).toBe(false);
  });

  it('matches the call in a fresh adapter after a reconnect and reports it connected', async () => {
    rig = await startRig();
    const first = await signedIn(rig);
    const rang = await ringing(first, rig.sim.inboundCall().CallId);
    await rig.adapter.disconnect();
    const second = rig.newAdapter();
    const t = rig.newContext({ firstConnect: false });
    await second.connect(t.ctx);
    await second.resync();
    const snapshot = await t.next('callsSnapshot');
    expect(snapshot.calls).toEqual([
      expect.objectContaining({
        id: rang.call.id,
        vendorCallId: rang.call.vendorCallId,
        state: 'connected',
      }),
    ]);
    expect(await t.next('agent')).toMatchObject({ agent: { status: 'ready' } });
  });
});
