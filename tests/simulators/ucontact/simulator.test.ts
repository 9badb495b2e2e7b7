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
