/**
 * The side panel's agent tools on XiVO, end to end: the built extension in Chromium signed in
 * against the xuc simulator, driven as an agent would (by role and accessible name), with the
 * frames the simulator receives as the proof that the command reached the platform.
 */
import type { Page } from '@playwright/test';
import type { ExtensionBrowser } from '../support/chromium';
import { DEFAULT_USERS, startXivoSimulator } from '../simulators/xivo';
import { AGENT, expect, signIn, test } from './fixtures';

async function openSidePanel(ext: ExtensionBrowser): Promise<Page> {
  const page = await ext.context.newPage();
  await page.goto(`chrome-extension://${ext.extensionId}/sidepanel.html`);
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  return page;
}

const tab = (page: Page, name: string) => page.getByRole('tab', { name, exact: true });

test('XiVO: transfer the call in hand to a directory search result from the side panel', async ({
  ext,
  sim,
}) => {
  await signIn(ext, sim);
  const call = sim.inboundCall({ from: '+14155552671', name: 'Jane Black' });
  call.answer();
  const panel = await openSidePanel(ext);
  await expect(panel.getByRole('button', { name: 'Hold' })).toBeVisible();

  await tab(panel, 'Directory').click();
  await panel.getByLabel('Search the directory').fill('martin');
  await expect(panel.locator('#sb-directory-status')).toHaveText('1 found');
  await panel.getByRole('button', { name: 'Transfer to Bob Martin on 1002', exact: true }).click();

  const frame = await sim.waitForFrame((f) => f.command === 'directTransfer');
  expect(frame).toMatchObject({ destination: '1002' });
  // The call left the agent's line for Bob's.
  await expect(panel.getByRole('button', { name: 'Hang up' })).toHaveCount(0);
  expect(sim.received.some((r) => r.frame.command === 'directoryLookUp')).toBe(true);
});

test('XiVO: the transfer form finds the target by name and transfers to the number picked', async ({
  ext,
  sim,
}) => {
  const popup = await signIn(ext, sim);
  const call = sim.inboundCall({ from: '+14155552671', name: 'Jane Black' });
  call.answer();
  await expect(popup.getByRole('button', { name: 'Hold' })).toBeVisible();

  await popup.getByRole('button', { name: 'Transfer', exact: true }).click();
  await popup.getByLabel('Find by name').fill('camille');
  await popup.getByRole('button', { name: 'Use Camille Dubois on +33612345600' }).click();
  await expect(popup.getByLabel('Transfer to', { exact: true })).toHaveValue('+33612345600');
  await popup.getByRole('button', { name: 'Transfer now' }).click();

  const frame = await sim.waitForFrame((f) => f.command === 'directTransfer');
  expect(frame).toMatchObject({ destination: '+33612345600' });
  await expect(popup.getByRole('button', { name: 'Hang up' })).toHaveCount(0);
});

test('XiVO: the Queues tab shows live figures, and Join and Leave change the membership', async ({
  ext,
}) => {
  // A colleague in the same queues, so that a queue call can wait without ringing this agent.
  const bob = {
    login: 'bob',
    password: 'secret',
    agentId: 23,
    userId: 10,
    phoneNumber: '1002',
    fullName: 'Bob Martin',
    loggedInOn: '1002',
  };
  const sim = await startXivoSimulator({
    users: [...DEFAULT_USERS, bob],
    members: [
      { agentId: 22, queueId: 1, penalty: 0 },
      { agentId: 22, queueId: 2, penalty: 1 },
      { agentId: 23, queueId: 1, penalty: 0 },
      { agentId: 23, queueId: 3, penalty: 0 },
    ],
  });
  try {
    await signIn(ext, sim);
    const panel = await openSidePanel(ext);
    await tab(panel, 'Queues').click();
    const queues = panel.getByRole('list', { name: 'Queues' });
    const row = (name: string) =>
      queues.getByRole('listitem').filter({ has: panel.getByText(name, { exact: true }) });
    await expect(row('Support')).toContainText('Member');
    await expect(row('Billing')).toContainText('Not a member');

    // A support call rings at the colleague: the queue's waiting figure reaches this agent's panel.
    const waiting = sim.inboundCall({ from: '+33142685399', queue: 'support', login: 'bob' });
    const supportFigures = row('Support').locator('dl');
    await expect(supportFigures.locator('div', { hasText: 'Waiting' }).locator('dd')).toHaveText(
      '1',
    );
    waiting.hangup();
    await expect(supportFigures.locator('div', { hasText: 'Waiting' }).locator('dd')).toHaveText(
      '0',
    );

    await panel.getByRole('button', { name: 'Join Billing' }).click();
    expect(await sim.waitForFrame((f) => f.command === 'setAgentQueue')).toMatchObject({
      agentId: 22,
      queueId: 3,
    });
    await expect(row('Billing').locator('.sb-tag')).toHaveText('Member');
    expect(sim.state().queues[3]).toBeDefined();

    await panel.getByRole('button', { name: 'Leave Billing' }).click();
    expect(await sim.waitForFrame((f) => f.command === 'removeAgentFromQueue')).toMatchObject({
      agentId: 22,
      queueId: 3,
    });
    await expect(row('Billing').locator('.sb-tag')).toHaveText('Not a member');
    expect(sim.state().queues[3]).toBeUndefined();
  } finally {
    await sim.close();
  }
});

test('XiVO: going not ready with a reason from the admin’s list pauses the agent with it', async ({
  ext,
  sim,
}) => {
  await ext.setUserSettings({
    agent: {
      pauseReasons: [
        { code: 'lunch', label: 'Lunch break' },
        { code: 'training', label: 'Training' },
      ],
    },
  });
  await signIn(ext, sim);
  const panel = await openSidePanel(ext);
  const availability = panel.getByRole('region', { name: 'Availability' });
  // Signing in logged the agent in on the phone: ready, said once, and not offered again.
  await expect(availability.getByRole('status')).toHaveText('Ready');
  await expect(availability.getByRole('button', { name: 'Ready', exact: true })).toHaveCount(0);

  await availability.getByLabel('Pause reason').selectOption({ label: 'Training' });
  await availability.getByRole('button', { name: 'Not ready' }).click();

  expect(await sim.waitForFrame((f) => f.command === 'pauseAgent')).toMatchObject({
    reason: 'training',
  });
  await expect.poll(() => sim.agent(AGENT.username).name).toBe('AgentOnPause');
  await expect(availability.getByText('Not ready (Training)')).toBeVisible();
  await expect(availability.getByRole('time')).toHaveAttribute(
    'aria-label',
    /^Time in this state \d/,
  );
});

test('XiVO: a callback is taken, becomes the agent’s, and is called back', async ({ ext, sim }) => {
  await signIn(ext, sim);
  const panel = await openSidePanel(ext);
  await tab(panel, 'Callbacks').click();
  const who = 'Paul Lefèvre (+33142685311)';
  const item = panel
    .getByRole('list', { name: 'Callbacks' })
    .getByRole('listitem')
    .filter({ hasText: 'Paul Lefèvre' });
  await expect(item).toContainText('Open to anyone');
  // A colleague's callback is shown but offers this agent nothing to do.
  await expect(panel.getByRole('button', { name: /Marie Roux/ })).toHaveCount(0);

  await panel.getByRole('button', { name: `Take callback for ${who}` }).click();
  expect(await sim.waitForFrame((f) => f.command === 'takeCallback')).toMatchObject({
    uuid: 'cb-1',
  });
  await expect(item).toContainText('Yours');
  expect(sim.state().callbacks.find((c) => c.uuid === 'cb-1')?.agentId).toBe(22);

  await panel.getByRole('button', { name: `Call back ${who}` }).click();
  expect(await sim.waitForFrame((f) => f.command === 'startCallback')).toMatchObject({
    uuid: 'cb-1',
    number: '+33142685311',
  });
  await expect.poll(() => sim.calls().map((c) => c.otherDN)).toContain('+33142685311');
  await expect(panel.getByRole('button', { name: 'Hang up' })).toBeVisible();
});
