import { afterEach, describe, expect, it } from 'vitest';
import { API_PREFIX, DEFAULT_AGENT, startUcontactSimulator, validSchedule } from '.';
import type { UcontactSimulator } from '.';

let sim: UcontactSimulator;
let started = false;

async function start(): Promise<UcontactSimulator> {
  sim = await startUcontactSimulator();
  started = true;
  return sim;
}

afterEach(async () => {
  if (started) await sim.close();
  started = false;
});

/** A form POST as the Integra API page shows it (vendors/README.md §4.3). */
async function post(path: string, form: Record<string, string>, token?: string) {
  const headers: Record<string, string> = {
    'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8',
  };
  if (token) headers.Authorization = `Basic ${token}`;
  const res = await fetch(`${sim.url}${API_PREFIX}${path}`, {
    method: 'POST',
    headers,
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, text: await res.text() };
}

async function agentLogin(): Promise<string> {
  const { text } = await post('auth/AgentLogin', {
    agent: DEFAULT_AGENT.agent,
    password: DEFAULT_AGENT.password,
  });
  return (JSON.parse(text) as { md5secret: string }).md5secret;
}

const DISPOSITION = {
  campaign: 'Support<-',
  agent: DEFAULT_AGENT.agent,
  callerid: '+33123456789',
  guid: 'g-1',
  l1: 'Sale',
  l2: '',
  l3: '',
  d1: '',
  d2: '',
  comment: '',
};

describe('uContact simulator: DispositionCall schedule', () => {
  it.each([
    ['2030-06-01 14:30:00', true],
    ['2028-02-29 23:59:59', true],
    ['2030-06-01T14:30:00', false],
    ['2030-06-01 14:30', false],
    ['2030-02-30 10:00:00', false],
    ['2030-06-01 24:00:00', false],
    ['tomorrow', false],
  ])('reads %j as a schedule: %s', (value, valid) => {
    expect(validSchedule(value)).toBe(valid);
  });

  it('records the schedule, and answers 0 to one it cannot read', async () => {
    await start();
    const token = await agentLogin();
    const ok = await post('api/DispositionCall', { ...DISPOSITION, schedule: '' }, token);
    expect(ok).toEqual({ status: 200, text: '1' });
    const later = '2030-06-01 14:30:00';
    await expect(
      post('api/DispositionCall', { ...DISPOSITION, schedule: later }, token),
    ).resolves.toEqual({ status: 200, text: '1' });
    await expect(
      post('api/DispositionCall', { ...DISPOSITION, schedule: '01/06/2030 2:30 PM' }, token),
    ).resolves.toEqual({ status: 200, text: '0' });
    const recorded = sim.requests.items.filter((r) => r.api === 'api/DispositionCall');
    expect(recorded.map((r) => [r.form.schedule, r.answer])).toEqual([
      ['', '1'],
      [later, '1'],
      ['01/06/2030 2:30 PM', '0'],
    ]);
  });
});

describe('uContact simulator: EndSession', () => {
  it('ends the token: requests with it answer 401 afterwards', async () => {
    await start();
    const token = await agentLogin();
    await expect(post('Supervisor/queuesummary', {}, token)).resolves.toMatchObject({
      status: 200,
    });
    // Another agent's name does not end it.
    await expect(post('auth/EndSession', { user: 'bob', token }, token)).resolves.toEqual({
      status: 200,
      text: '0',
    });
    await expect(
      post('auth/EndSession', { user: DEFAULT_AGENT.agent, token }, token),
    ).resolves.toEqual({ status: 200, text: '1' });
    await expect(post('Supervisor/queuesummary', {}, token)).resolves.toMatchObject({
      status: 401,
    });
    // Ended once: a second time there is nothing to end.
    await expect(post('auth/EndSession', { user: DEFAULT_AGENT.agent, token })).resolves.toEqual({
      status: 200,
      text: '0',
    });
    expect(sim.requests.items.filter((r) => r.api === 'auth/EndSession')).toHaveLength(3);
  });
});

describe('uContact simulator: campaign information', () => {
  it('lists the queues with a closing row, and one campaign’s status beside an agent', async () => {
    await start();
    const token = await agentLogin();
    const summary = await post('Supervisor/queuesummary', {}, token);
    const rows = JSON.parse(summary.text) as Record<string, unknown>[];
    expect(rows.map((r) => r.queue)).toEqual(['Support<-', 'Sales->', undefined]);
    const status = await post('Supervisor/campaignstatus', { queue: 'Sales->' }, token);
    const answer = JSON.parse(status.text) as Record<string, Record<string, unknown>>;
    expect(Object.keys(answer).sort()).toEqual(['Sales->', DEFAULT_AGENT.agent]);
    expect(answer['Sales->']).toMatchObject({ campaign: 'Sales->', completed: 12 });
    await expect(post('Supervisor/campaignstatus', { queue: 'Nope<-' }, token)).resolves.toEqual({
      status: 200,
      text: '{}',
    });
  });

  it('answers 403 on a forbidden route family until allowed again', async () => {
    await start();
    const token = await agentLogin();
    sim.forbid('Supervisor/', true);
    await expect(post('Supervisor/queuesummary', {}, token)).resolves.toMatchObject({
      status: 403,
    });
    sim.forbid('Supervisor/', false);
    await expect(post('Supervisor/queuesummary', {}, token)).resolves.toMatchObject({
      status: 200,
    });
  });
});

describe('uContact simulator: dialer routes', () => {
  const schedule = (o: Record<string, unknown>) => ({
    callschedule: JSON.stringify({
      calldate: '2030-06-01 14:30:00',
      campaign: 'Sales->',
      destination: '14155550123',
      alternatives: '',
      agentphone: '1001',
      data: '',
      ...o,
    }),
  });

  it('keeps a scheduled call and refuses a bad date, campaign, data or JSON', async () => {
    await start();
    const token = await agentLogin();
    const answer = async (form: Record<string, string>) =>
      (await post('Dialers/ScheduleDialerCall', form, token)).text;
    expect(await answer(schedule({}))).toBe('1');
    expect(await answer(schedule({ calldate: '2030-06-01T14:30' }))).toBe('0');
    expect(await answer(schedule({ campaign: 'Nope->' }))).toBe('0');
    expect(await answer(schedule({ data: 'a:b' }))).toBe('0');
    expect(await answer({ callschedule: '{oops' })).toBe('0');
    expect(sim.dialer.scheduled).toHaveLength(1);
    // Removed by range: the call at 14:30 is inside 14:00–15:00.
    const remove = { campaign: 'Sales->', destination: '14155550123' };
    const range = { from: '2030-06-01 14:00:00', to: '2030-06-01 15:00:00' };
    await expect(
      post(
        'Dialers/RemoveScheduleDialerCall',
        { ...remove, from: range.to, to: range.from },
        token,
      ),
    ).resolves.toMatchObject({ text: '0' });
    await expect(
      post('Dialers/RemoveScheduleDialerCall', { ...remove, ...range }, token),
    ).resolves.toMatchObject({ text: '1' });
    expect(sim.dialer.scheduled).toEqual([]);
  });

  it('gives a due scheduled call to its agent’s portal and keeps the others', async () => {
    await start();
    const token = await agentLogin();
    const portal: Record<string, unknown>[] = [];
    sim.onPortal((m) => portal.push(m));
    const at = (calldate: string, agentphone = '1001', destination = '14155550123') =>
      post('Dialers/ScheduleDialerCall', schedule({ calldate, agentphone, destination }), token);
    await at('2030-06-01 14:30:00');
    await at('2030-06-01 14:00:00', '1001', '14155550199');
    await at('2030-06-01 14:00:00', '2002');
    await at('2030-06-01 16:00:00');
    expect(sim.runSchedule('2030-06-01 13:59:59')).toEqual([]);
    const due = sim.runSchedule('2030-06-01 14:30:00');
    // Due first comes first; 2002 is no agent of this simulator; 16:00 is not due yet.
    expect(due.map((c) => c.number)).toEqual(['14155550199', '14155550123']);
    expect(sim.dialer.scheduled.map((c) => [c.calldate, c.agentphone])).toEqual([
      ['2030-06-01 14:00:00', '2002'],
      ['2030-06-01 16:00:00', '1001'],
    ]);
    expect(portal).toEqual(
      due.map((c) => ({
        action: 'gettingCall',
        params: { number: c.number, campaign: 'Sales->', guid: c.guid },
      })),
    );
    // Run twice, given once.
    expect(sim.runSchedule('2030-06-01 14:30:00')).toEqual([]);
  });

  it('refuses a respool to a number in the spool or with priority 1', async () => {
    await start();
    const token = await agentLogin();
    const call = sim.ringInbound({ from: '+33123456789' });
    const spool = (o: Record<string, unknown>) => ({
      callspool: JSON.stringify({
        campaign: call.campaign,
        destination: '33600000001',
        dialerbase: 'base1',
        status: 1,
        data: '',
        alternatives: '',
        retries: 0,
        priority: 9999,
        agentphone: '1001',
        ...o,
      }),
    });
    const answer = async (o: Record<string, unknown>) =>
      (await post('Dialers/Respool', spool(o), token)).text;
    expect(await answer({ destination: '33123456789' })).toBe('0');
    expect(await answer({ priority: 1 })).toBe('0');
    expect(await answer({ status: 0 })).toBe('0');
    expect(await answer({})).toBe('1');
    expect(sim.dialer.respools.map((r) => r.destination)).toEqual(['33600000001']);
  });

  it('answers TagRecord with nothing, tagging only a known recording', async () => {
    await start();
    const token = await agentLogin();
    const call = sim.ringInbound({});
    for (const guid of [call.guid, 'unknown-guid']) {
      await expect(
        post('Agents/TagRecord', { phone: call.number, guid, data: 'vip' }, token),
      ).resolves.toEqual({ status: 200, text: '' });
    }
    expect(sim.dialer.tags).toEqual([{ phone: call.number, guid: call.guid, data: 'vip' }]);
  });

  it('places AgentCallwithData only with readable data', async () => {
    await start();
    const token = await agentLogin();
    const form = { phone: '1001', destination: '14155550123', agent: DEFAULT_AGENT.agent };
    await expect(
      post('Agents/AgentCallwithData', { ...form, data: 'broken' }, token),
    ).resolves.toMatchObject({ text: '0' });
    const placed = await post('Agents/AgentCallwithData', { ...form, data: 'idcustomer=7' }, token);
    expect(placed.text).not.toBe('0');
    expect(sim.calls.map((c) => c.guid)).toEqual([placed.text]);
  });
});
