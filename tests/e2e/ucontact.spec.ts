/**
 * uContact end to end, in Chromium with the built extension, against the uContact simulator and
 * its fake agent portal (vendors/README.md §4): the portal's softphone frame posts `gettingCall`
 * to the portal page, the portal bridge content script forwards it, the CRM pops once; hang up,
 * disposition (with a call-back time, DispositionCall's `schedule`) and click-to-dial reach the
 * REST API; the same messages from another origin do nothing; sign-out ends the AgentLogin token.
 * The side panel shows queuesummary's and campaignstatus's figures and schedules a call back
 * (ScheduleDialerCall: uContact lists no scheduled calls, so there is no list to take one from;
 * its dialer takes the callback and starts it on the agent's phone when it is due);
 * the call card tags the call's recording (TagRecord).
 */
import type { Locator, Page } from '@playwright/test';
import { startUcontactSimulator, type UcontactSimulator } from '../simulators/ucontact';
import type { ExtensionBrowser } from '../support/chromium';
import { clickToDial, expect, openSidePanel, signInWith, tabsAt, test } from './fixtures';

async function withSimulator(fn: (sim: UcontactSimulator) => Promise<void>): Promise<void> {
  const sim = await startUcontactSimulator();
  try {
    await fn(sim);
  } finally {
    await sim.close();
  }
}

const settingsFor = (sim: UcontactSimulator, extra: Record<string, unknown> = {}) => ({
  vendor: 'ucontact',
  connection: { ucontact: { baseUrl: sim.url, portalOrigin: sim.url, campaign: 'Sales->' } },
  dispositions: { codes: [{ code: 'Sale/Won', label: 'Sale won' }] },
  ...extra,
});

const signIn = (ext: ExtensionBrowser): Promise<Page> =>
  signInWith(ext, { Agent: 'alice', Password: 'secret' });

const pad = (n: number) => String(n).padStart(2, '0');

/** The value shown beside `label` among a queue's figures in the Queues tab. */
const figure = (page: Page, queue: string, label: string): Locator =>
  page
    .getByLabel(`${queue} figures`)
    .locator('div')
    .filter({ has: page.getByText(label, { exact: true }) })
    .locator('dd');

/** Tomorrow at 15:30 local time: the datetime-local value and the `schedule` uContact gets. */
function tomorrowAtHalfPastThree(): { input: string; schedule: string } {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  const day = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return { input: `${day}T15:30`, schedule: `${day} 15:30:00` };
}

test('uContact: the portal rings, the CRM pops once, hang up and disposition reach uContact', async ({
  ext,
  pages,
}) => {
  await withSimulator(async (sim) => {
    const crm = `${pages.url}/contacts`;
    await ext.setUserSettings(
      settingsFor(sim, {
        screenPop: {
          rules: [
            { id: 'crm', trigger: 'ringing', direction: 'inbound', url: `${crm}?phone={e164}` },
          ],
        },
      }),
    );
    const popup = await signIn(ext);
    const login = await sim.waitForRequest((r) => r.api === 'auth/AgentLogin');
    expect(login.form).toEqual({ agent: 'alice', password: 'secret' });

    const portal = await ext.context.newPage();
    await portal.goto(`${sim.url}/portal`);
    await expect(portal.frameLocator('#uphone').locator('#status')).toBeVisible();
    const call = sim.ringInbound({ from: '+33123456789' });
    await expect.poll(() => tabsAt(ext, crm).length).toBe(1);
    expect(tabsAt(ext, crm)[0]!.url()).toBe(`${crm}?phone=%2B33123456789`);
    // The softphone is in the portal: no Answer button (vendors/README.md §4.6).
    await expect(popup.getByRole('button', { name: 'Answer' })).toHaveCount(0);

    await popup.getByRole('button', { name: 'Hang up' }).click();
    const hangup = await sim.waitForRequest((r) => r.api === 'Agents/HungupPhone');
    expect(hangup.form).toEqual({ phone: '1001' });
    expect(hangup.authorization).toMatch(/^Basic /);

    await popup.getByLabel('Disposition').selectOption('Sale/Won');
    // uContact can schedule a call back with the disposition: the form offers the time.
    const callback = tomorrowAtHalfPastThree();
    await popup.getByLabel('Call back at').fill(callback.input);
    await popup.getByRole('button', { name: 'Save disposition' }).click();
    const dispose = await sim.waitForRequest((r) => r.api === 'api/DispositionCall');
    expect(dispose.form).toMatchObject({
      agent: 'alice',
      campaign: 'Support<-',
      callerid: '+33123456789',
      guid: call.guid,
      l1: 'Sale',
      l2: 'Won',
      l3: '',
      schedule: callback.schedule,
    });
    // The simulator read the schedule (it answers 0 to one it cannot).
    expect(dispose.answer).toBe('1');
    await expect(popup.getByRole('button', { name: 'Save disposition' })).toHaveCount(0);

    // The same messages from a page on another origin change nothing.
    const stranger = await ext.context.newPage();
    await stranger.goto(`${pages.url}/crm.html`);
    await stranger.evaluate(() => {
      window.postMessage({ action: 'gettingCall', params: { number: '+14155550100' } }, '*');
      window.postMessage(
        { event: 'assignedInteraction', data: { guid: 'x', clientId: '+14155550101' } },
        '*',
      );
    });
    // Let any late pop happen before counting.
    await popup.waitForTimeout(1500);
    expect(tabsAt(ext, crm)).toHaveLength(1);
    await expect(popup.getByRole('button', { name: 'Hang up' })).toHaveCount(0);
  });
});

test('uContact: click-to-dial on a CRM page places an AgentCall', async ({ ext, pages }) => {
  await withSimulator(async (sim) => {
    await ext.setUserSettings(settingsFor(sim));
    await signIn(ext);
    await clickToDial(ext, pages);
    const dial = await sim.waitForRequest((r) => r.api === 'Agents/AgentCall');
    expect(dial.form).toMatchObject({
      agent: 'alice',
      phone: '1001',
      tech: 'SIP',
      outqueue: 'Sales->',
      destination: '33123456789',
    });
    expect(dial.status).toBe(200);
  });
});

test('uContact: signing out ends the AgentLogin token with EndSession', async ({ ext }) => {
  await withSimulator(async (sim) => {
    await ext.setUserSettings(settingsFor(sim));
    const popup = await signIn(ext);
    const login = await sim.waitForRequest((r) => r.api === 'auth/AgentLogin');
    const { md5secret } = JSON.parse(login.answer) as { md5secret: string };

    await popup.getByRole('button', { name: 'Sign out' }).click();
    await expect(popup.getByRole('button', { name: 'Sign in' })).toBeVisible();
    const end = await sim.waitForRequest((r) => r.api === 'auth/EndSession');
    expect(end.form).toEqual({ user: 'alice', token: md5secret });
    expect(end.answer).toBe('1');
  });
});

test('uContact: the side panel shows queuesummary’s figures live and schedules a call back with ScheduleDialerCall, which the dialer gives back to the agent when due', async ({
  ext,
}) => {
  await withSimulator(async (sim) => {
    await ext.setUserSettings(settingsFor(sim));
    const popup = await signIn(ext);
    const panel = await openSidePanel(ext);

    // Queues: every queue queuesummary reports, by name without uContact's suffix, with its
    // figures; the day's counts come from campaignstatus.
    await panel.getByRole('tab', { name: 'Queues' }).click();
    const queues = panel.getByRole('list', { name: 'Queues' });
    await expect(queues.getByText('Support', { exact: true })).toBeVisible();
    await expect(queues.getByText('Sales', { exact: true })).toBeVisible();
    await expect(figure(panel, 'Support', 'Waiting')).toHaveText('3');
    await expect(figure(panel, 'Support', 'Agents available')).toHaveText('5');
    await expect(figure(panel, 'Support', 'Agents signed in')).toHaveText('10');
    await expect(figure(panel, 'Support', 'Answered')).toHaveText('41');
    await expect(figure(panel, 'Support', 'Abandoned')).toHaveText('2');
    await expect(figure(panel, 'Sales', 'Waiting')).toHaveText('0');
    expect(sim.requests.items.some((r) => r.api === 'Supervisor/queuesummary')).toBe(true);
    // uContact has no request to join or leave a queue: the panel offers neither.
    await expect(queues.getByRole('button')).toHaveCount(0);

    // More callers wait: the next read (uContact's heartbeat) shows them.
    sim.queues[0]!.callers = 7;
    await expect(figure(panel, 'Support', 'Waiting')).toHaveText('7', { timeout: 90_000 });

    // Callbacks: uContact lists none, so the tab is the form that schedules one.
    await panel.getByRole('tab', { name: 'Callbacks' }).click();
    await expect(panel.getByText('No callbacks for you.')).toHaveCount(0);
    await panel.getByRole('button', { name: 'Schedule a callback' }).click();
    const form = panel.getByRole('form', { name: 'Schedule a callback' });
    const at = tomorrowAtHalfPastThree();
    await form.getByLabel('Number to call').fill('+33 1 23 45 67 89');
    await form.getByLabel('Call at').fill(at.input);
    await form.getByLabel('Note (optional)').fill('Wants the renewal quote');
    await form.getByLabel('Queue (optional)').selectOption({ label: 'Support' });
    await form.getByRole('button', { name: 'Schedule' }).click();

    // The campaign by its uContact name, the number as dialled, the time as uContact writes it,
    // this agent's extension (a progressive dialer gives the call back to them), the note.
    const expected = {
      calldate: at.schedule,
      campaign: 'Support<-',
      destination: '33123456789',
      alternatives: '',
      agentphone: '1001',
      data: 'note=Wants the renewal quote',
    };
    const scheduled = await sim.waitForRequest((r) => r.api === 'Dialers/ScheduleDialerCall');
    expect(JSON.parse(scheduled.form.callschedule ?? '')).toEqual(expected);
    expect(scheduled.answer).toBe('1');
    expect(sim.dialer.scheduled).toEqual([expected]);
    // Accepted: the form closes, and nothing waits in the outbox.
    await expect(form).toHaveCount(0);
    await expect(panel.getByText(/Callback scheduled for/)).toHaveCount(0);
    await expect(panel.getByRole('alert')).toHaveCount(0);

    // uContact's dialer takes the callback and starts it when it is due: the agent's phone (the
    // portal's softphone) rings with the customer, and the panel has the call.
    const portal = await ext.context.newPage();
    await portal.goto(`${sim.url}/portal`);
    await expect(portal.frameLocator('#uphone').locator('#status')).toBeVisible();
    expect(sim.runSchedule(at.schedule.replace('15:30:00', '15:29:59'))).toEqual([]);
    const [delivered] = sim.runSchedule(at.schedule);
    expect(delivered).toMatchObject({ number: '33123456789', campaign: 'Support<-' });
    expect(sim.dialer.scheduled).toEqual([]);
    await popup.bringToFront();
    // The call card's heading: while the call still rings, the screen readers' announcement
    // names the number too.
    await expect(popup.getByRole('heading', { name: '+33 1 23 45 67 89' })).toBeVisible();
    await expect(popup.getByText('In call', { exact: true })).toBeVisible();
    await expect(popup.getByText('Queue: Support')).toBeVisible();
    await popup.getByRole('button', { name: 'Hang up' }).click();
    const hangup = await sim.waitForRequest((r) => r.api === 'Agents/HungupPhone');
    expect(hangup.form).toEqual({ phone: '1001' });
  });
});

test('uContact: the call card tags the connected call’s recording with TagRecord', async ({
  ext,
}) => {
  await withSimulator(async (sim) => {
    await ext.setUserSettings(settingsFor(sim));
    const popup = await signIn(ext);
    const portal = await ext.context.newPage();
    await portal.goto(`${sim.url}/portal`);
    await expect(portal.frameLocator('#uphone').locator('#status')).toBeVisible();
    const call = sim.ringInbound({ from: '+33123456789', name: 'Camille Dubois' });

    // Answered in the portal's softphone: uContact says nothing, the panel assumes it after a
    // moment (the assumeConnectedMs setting); the recording's actions come with it.
    await expect(popup.getByText('In call', { exact: true })).toBeVisible();
    const controls = popup.getByRole('group', { name: 'Call controls' });
    await controls.getByRole('button', { name: 'Tag the recording' }).click();
    const form = popup.getByRole('form', { name: 'Tag the recording' });
    await form.getByLabel('Tag').fill('complaint escalated');
    await form.getByRole('button', { name: 'Tag', exact: true }).click();

    const tag = await sim.waitForRequest((r) => r.api === 'Agents/TagRecord');
    expect(tag.form).toEqual({
      phone: '+33123456789',
      guid: call.guid,
      data: 'complaint escalated',
    });
    expect(tag.status).toBe(200);
    expect(sim.dialer.tags).toEqual([
      { phone: '+33123456789', guid: call.guid, data: 'complaint escalated' },
    ]);
    await expect(form).toHaveCount(0);
    await expect(popup.getByRole('alert')).toHaveCount(0);
    // The call is still in hand.
    await expect(controls.getByRole('button', { name: 'Hang up' })).toBeVisible();
  });
});
