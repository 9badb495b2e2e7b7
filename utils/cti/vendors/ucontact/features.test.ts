/**
 * The uContact adapter's queues, caller names, numbers as dialled and dial options, against the
 * uContact simulator (api-pages/ucontact-integra.txt "Campaigns Information", "Calls").
 */
import { afterEach, describe, expect, it } from 'vitest';
import { signedInUcontact, type RigOptions } from '../../../../tests/simulators/ucontact/rig';
import { FORBIDDEN_NOTICE } from './queue-board';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn().catch(() => undefined);
});

const connected = (o: RigOptions = {}) => signedInUcontact(o, cleanups);

describe('uContact queues and their figures', () => {
  it('lists every queue by name, with live figures and the day’s counts, at resync', async () => {
    const { adapter, t } = await connected();
    await adapter.resync();
    const queues = await t.next('queues', (e) => e.queues.length > 0);
    expect(queues.queues).toEqual([
      { id: 'Support<-', name: 'Support' },
      { id: 'Sales->', name: 'Sales' },
    ]);
    const stats = await t.next('queueStats');
    expect(stats.stats).toEqual({
      'Support<-': {
        waiting: 3,
        longestWaitS: 220,
        agentsAvailable: 5,
        agentsLoggedIn: 10,
        answered: 41,
        abandoned: 2,
      },
      'Sales->': {
        waiting: 0,
        longestWaitS: 0,
        agentsAvailable: 1,
        agentsLoggedIn: 4,
        answered: 12,
        abandoned: 0,
      },
    });
  });

  it('lists only the campaigns of the queues setting, from the start', async () => {
    const { adapter, t, sim } = await connected({ connection: { queues: 'Support<-, Gone<-' } });
    await adapter.resync();
    const first = await t.next('queues');
    expect(first.queues.map((q) => q.id)).toEqual(['Support<-', 'Gone<-']);
    const stats = await t.next('queueStats');
    expect(Object.keys(stats.stats)).toEqual(['Support<-']);
    // campaignstatus is asked for the listed queues only.
    const asked = sim.requests.items.filter((r) => r.api === 'Supervisor/campaignstatus');
    expect(asked.map((r) => r.form.queue).sort()).toEqual(['Gone<-', 'Support<-']);
  });

  it('reads the figures again at each heartbeat', async () => {
    const { adapter, t, sim } = await connected();
    await adapter.resync();
    await t.next('queueStats');
    sim.queues[0]!.callers = 7;
    const before = t.alive();
    adapter.heartbeat.send();
    const next = await t.next('queueStats', (e) => e.stats['Support<-']?.waiting === 7);
    expect(next.stats['Support<-']).toMatchObject({ waiting: 7, answered: 41 });
    // The read is also the heartbeat's answer.
    await expect.poll(() => t.alive(), { interval: 5 }).toBeGreaterThan(before);
  });

  it('says once that the sign-in may not read queue figures, and stays connected', async () => {
    const { adapter, t } = await connected({ before: (sim) => sim.forbid('Supervisor/', true) });
    await adapter.resync();
    const notice = await t.next('notice');
    expect(notice).toMatchObject({ level: 'info', message: FORBIDDEN_NOTICE });
    const before = t.alive();
    adapter.heartbeat.send();
    await expect.poll(() => t.alive(), { interval: 5 }).toBeGreaterThan(before);
    expect(t.events.items.filter((e) => e.type === 'notice')).toHaveLength(1);
    expect(t.events.items.filter((e) => e.type === 'queueStats')).toEqual([]);
    expect(t.events.items.filter((e) => e.type === 'connectionLost')).toEqual([]);
  });

  it('reports an unreadable queue summary as a protocol error, not a lost connection', async () => {
    const garbled: typeof fetch = (input, init) =>
      String(input).endsWith('/Supervisor/queuesummary')
        ? Promise.resolve(new Response('<html>maintenance</html>', { status: 200 }))
        : globalThis.fetch(input, init);
    const { adapter, t } = await connected({ fetch: garbled });
    await adapter.resync();
    const error = await t.next('protocolError');
    expect(error).toMatchObject({ message: 'Invalid uContact queue summary' });
    expect(error.frame).toContain('maintenance');
    expect(t.events.items.filter((e) => e.type === 'connectionLost')).toEqual([]);
  });
});

describe('uContact calls: the caller’s name and the campaign', () => {
  it('shows the caller’s name the portal sent and the queue without its suffix', async () => {
    const { sim, t } = await connected();
    const ringing = sim.ringInbound({ from: '+33123456789', name: 'Camille Dubois' });
    const { call } = await t.next('callUpsert', (e) => e.call.vendorCallId === ringing.guid);
    expect(call).toMatchObject({
      state: 'ringing',
      remote: { raw: '+33123456789', e164: '+33123456789', name: 'Camille Dubois' },
      queue: 'Support',
      data: { guid: ringing.guid, campaign: 'Support<-' },
    });
  });

  it('reads the name from the Events API too, under the parameter the setting names', async () => {
    const { sim, t } = await connected({ connection: { callerNameParam: 'clientName' } });
    const ringing = sim.ringInbound({ eventsApi: true, name: 'Ana', nameParam: 'clientName' });
    const { call } = await t.next('callUpsert', (e) => e.call.vendorCallId === ringing.guid);
    expect(call.remote.name).toBe('Ana');
  });

  it('reads no name when the setting is empty', async () => {
    const { sim, t } = await connected({ connection: { callerNameParam: '' } });
    const ringing = sim.ringInbound({ name: 'Camille Dubois' });
    const { call } = await t.next('callUpsert', (e) => e.call.vendorCallId === ringing.guid);
    expect(call.remote.name).toBeUndefined();
  });
});

describe('uContact dialled numbers', () => {
  it('disposes a dialled call with the number as dialled, not as typed', async () => {
    const { adapter, sim, t } = await connected();
    await adapter.execute({ type: 'dial', number: '+1 (415) 555-0199' });
    const dial = await sim.waitForRequest((r) => r.api === 'Agents/AgentCall');
    expect(dial.form.destination).toBe('14155550199');
    const { call } = await t.next('callUpsert', (e) => e.call.direction === 'outbound');
    expect(call.remote).toEqual({ raw: '14155550199', e164: '+14155550199' });
    await adapter.execute({ type: 'hangup', callId: call.id });
    await adapter.execute({ type: 'dispose', callId: call.id, code: 'Sale', notes: '' });
    const dispose = await sim.waitForRequest((r) => r.api === 'api/DispositionCall');
    expect(dispose.form).toMatchObject({ callerid: '14155550199', guid: dial.answer });
    expect(dispose.answer).toBe('1');
  });

  it('attaches call data with AgentCallwithData', async () => {
    const { adapter, sim } = await connected();
    await adapter.execute({
      type: 'dial',
      number: '+14155550199',
      variables: { idcustomer: '7', topic: 'renewal' },
    });
    const dial = await sim.waitForRequest((r) => r.api === 'Agents/AgentCallwithData');
    expect(dial.form).toMatchObject({
      destination: '14155550199',
      data: 'idcustomer=7:topic=renewal',
    });
    expect(dial.answer).not.toBe('0');
  });

  it('refuses call data the format cannot carry, before asking uContact', async () => {
    const { adapter, sim } = await connected();
    const attempt = adapter.execute({
      type: 'dial',
      number: '+14155550199',
      variables: { time: '15:30' },
    });
    await expect(attempt).rejects.toMatchObject({
      code: 'rejected',
      message: 'uContact cannot take “:” or “=” in call data: remove them',
    });
    expect(sim.requests.items.map((r) => r.api)).not.toContain('Agents/AgentCallwithData');
  });

  it('places a call under the campaign a queue route names; not from a mobile', async () => {
    const { adapter, sim } = await connected();
    await adapter.execute({
      type: 'dial',
      number: '+14155550199',
      route: { kind: 'queue', queue: 'Support<-' },
    });
    const dial = await sim.waitForRequest((r) => r.api === 'Agents/AgentCall');
    expect(dial.form.outqueue).toBe('Support<-');
    await expect(
      adapter.execute({ type: 'dial', number: '+14155550199', route: { kind: 'mobile' } }),
    ).rejects.toMatchObject({ code: 'unsupported' });
  });
});
