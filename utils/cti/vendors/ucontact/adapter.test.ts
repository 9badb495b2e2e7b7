/**
 * The uContact adapter against the uContact simulator: DispositionCall's `schedule` (a call-back
 * time, vendors/README.md §4.3) and ending the AgentLogin token at sign-out (§4.2 EndSession).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_AGENT, type UcontactSimulator } from '../../../../tests/simulators/ucontact';
import { signedInUcontact, type RigOptions } from '../../../../tests/simulators/ucontact/rig';
import { CtiError } from '../../model';
import { formatSchedule } from './dialer';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn().catch(() => undefined);
});

const connected = (o: RigOptions = {}) => signedInUcontact(o, cleanups);

/** An inbound call the portal reported and the remote party ended: it awaits its disposition. */
async function endedCall({ sim, t }: Awaited<ReturnType<typeof connected>>) {
  const ringing = sim.ringInbound({ from: '+33123456789', campaign: 'Support<-' });
  const upsert = await t.next('callUpsert', (e) => e.call.vendorCallId === ringing.guid);
  sim.remoteHangup(ringing.guid);
  await t.next('callEnded', (e) => e.callId === upsert.call.id);
  return { callId: upsert.call.id, guid: ringing.guid };
}

const disposeRequests = (sim: UcontactSimulator) =>
  sim.requests.items.filter((r) => r.api === 'api/DispositionCall');

describe('uContact disposition with a call-back time', () => {
  it('formats the schedule as YYYY-MM-DD HH:mm:ss in local time', () => {
    expect(formatSchedule(new Date(2030, 5, 1, 14, 30, 5).getTime())).toBe('2030-06-01 14:30:05');
    expect(formatSchedule(new Date(2031, 0, 9, 8, 0, 0, 999).getTime())).toBe(
      '2031-01-09 08:00:00',
    );
  });

  it('sends the formatted schedule with the disposition', async () => {
    const link = await connected();
    const { callId, guid } = await endedCall(link);
    const at = new Date(Date.now() + 86_400_000);
    at.setSeconds(30, 0);
    await link.adapter.execute({
      type: 'dispose',
      callId,
      code: 'Sale/Callback',
      notes: 'Call back tomorrow',
      callbackAt: at.getTime(),
    });
    const request = await link.sim.waitForRequest((r) => r.api === 'api/DispositionCall');
    expect(request.form).toEqual({
      campaign: 'Support<-',
      agent: DEFAULT_AGENT.agent,
      callerid: '+33123456789',
      guid,
      l1: 'Sale',
      l2: 'Callback',
      l3: '',
      d1: '',
      d2: '',
      comment: 'Call back tomorrow',
      schedule: formatSchedule(at.getTime()),
    });
    expect(request.form.schedule).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:30$/);
    // The simulator read the schedule and accepted it.
    expect(request.answer).toBe('1');
  });

  it('sends an empty schedule when no call back was asked', async () => {
    const link = await connected();
    const { callId } = await endedCall(link);
    await link.adapter.execute({ type: 'dispose', callId, code: 'Sale', notes: '' });
    const request = await link.sim.waitForRequest((r) => r.api === 'api/DispositionCall');
    expect(request.form.schedule).toBe('');
    expect(request.answer).toBe('1');
  });

  it('refuses a call-back time that has passed, before asking uContact', async () => {
    const link = await connected();
    const { callId } = await endedCall(link);
    const attempt = link.adapter.execute({
      type: 'dispose',
      callId,
      code: 'Sale',
      notes: '',
      callbackAt: Date.now() - 60_000,
    });
    await expect(attempt).rejects.toBeInstanceOf(CtiError);
    await expect(attempt).rejects.toMatchObject({
      code: 'rejected',
      message: 'The call-back time has passed: choose a later time',
    });
    expect(disposeRequests(link.sim)).toEqual([]);
  });
});

describe('uContact sign-out', () => {
  it('ends the AgentLogin token with EndSession; the token stops working', async () => {
    const link = await connected();
    const login = link.sim.requests.items.find((r) => r.api === 'auth/AgentLogin');
    expect(login?.status).toBe(200);
    const md5secret = (JSON.parse(login!.answer) as { md5secret: string }).md5secret;

    await link.adapter.signOut();
    const end = await link.sim.waitForRequest((r) => r.api === 'auth/EndSession');
    expect(end.form).toEqual({ user: DEFAULT_AGENT.agent, token: md5secret });
    expect(end.answer).toBe('1');

    // What the heartbeat or a command would now meet: uContact no longer knows the token.
    const after = await fetch(`${link.sim.url}/Integra/resources/Supervisor/queuesummary`, {
      method: 'POST',
      headers: { Authorization: `Basic ${md5secret}` },
    });
    expect(after.status).toBe(401);
  });

  it('leaves a Bearer API token alone: it is the admin’s, not this sign-in’s', async () => {
    const link = await connected({ bearer: true });
    await link.adapter.signOut();
    expect(link.sim.requests.items.map((r) => r.api)).not.toContain('auth/EndSession');
    expect(link.sim.requests.items.some((r) => r.api.startsWith('auth/'))).toBe(false);
  });

  it('says when uContact would not end the session', async () => {
    const failing: typeof fetch = (input, init) =>
      String(input).endsWith('/auth/EndSession')
        ? Promise.resolve(new Response('Error', { status: 503 }))
        : globalThis.fetch(input, init);
    const link = await connected({ fetch: failing });
    await expect(link.adapter.signOut()).rejects.toMatchObject({
      code: 'network',
      message: 'uContact answered the sign-out with HTTP 503',
    });
  });

  it('has nothing to end once disconnected', async () => {
    const link = await connected();
    await link.adapter.disconnect();
    await link.adapter.signOut();
    expect(link.sim.requests.items.map((r) => r.api)).not.toContain('auth/EndSession');
  });
});
