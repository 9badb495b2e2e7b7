import { expect, signIn, test } from './fixtures';

test('hold, resume and hang up from the popup send the frames and show the new state', async ({
  ext,
  sim,
}) => {
  const popup = await signIn(ext, sim);
  const call = sim.inboundCall({ from: '+14155552671', name: 'Jane Black', queue: 'sales' });
  await expect.poll(() => ext.badgeText()).toBe('RING');
  await expect
    .poll(() => ext.notificationIds())
    .toEqual([`switchboard-call:xivo:${call.uniqueId}`]);

  await popup.getByRole('button', { name: 'Answer' }).click();
  expect(await sim.waitForFrame((f) => f.command === 'answer')).toMatchObject({
    uniqueId: call.uniqueId,
  });
  const hold = popup.getByRole('button', { name: 'Hold' });
  await expect(hold).toBeVisible();
  await expect(popup.getByText('Jane Black')).toBeVisible();
  await expect.poll(() => ext.badgeText()).toBe('CALL');
  await expect.poll(() => ext.notificationIds()).toEqual([]);

  await hold.click();
  expect(await sim.waitForFrame((f) => f.command === 'hold')).toMatchObject({
    uniqueId: call.uniqueId,
  });
  await expect(popup.getByText('On hold', { exact: true })).toBeVisible();

  await popup.getByRole('button', { name: 'Resume' }).click();
  // xuc has one hold verb, which toggles (vendors/README.md §1.6).
  expect(await sim.waitForFrame((f) => f.command === 'hold')).toMatchObject({
    uniqueId: call.uniqueId,
  });
  await expect(popup.getByRole('button', { name: 'Hold' })).toBeVisible();

  await popup.getByRole('button', { name: 'Hang up' }).click();
  expect(await sim.waitForFrame((f) => f.command === 'hangup')).toMatchObject({
    uniqueId: call.uniqueId,
  });
  await expect(popup.getByRole('button', { name: 'Hang up' })).toHaveCount(0);
  await expect.poll(() => ext.badgeText()).toBe('');
});

test('after a call the agent saves a disposition from the policy codes', async ({ ext, sim }) => {
  await ext.setUserSettings({ dispositions: { codes: [{ code: 'resolved', label: 'Resolved' }] } });
  const popup = await signIn(ext, sim);
  const call = sim.inboundCall({ from: '+14155552671', name: 'Jane Black' });
  call.answer();
  await expect(popup.getByRole('button', { name: 'Hold' })).toBeVisible();
  call.hangup();
  await popup.getByLabel('Disposition').selectOption('resolved');
  await popup.getByLabel('Notes').fill('Refund issued');
  await popup.getByRole('button', { name: 'Save disposition' }).click();
  await expect(popup.getByRole('button', { name: 'Save disposition' })).toHaveCount(0);
  await expect(popup.getByText('Resolved').first()).toBeVisible();
});
