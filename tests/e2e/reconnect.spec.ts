import { expect, signIn, test } from './fixtures';

test('a dropped socket reconnects and resyncs the live call', async ({ ext, sim }) => {
  const popup = await signIn(ext, sim);
  const call = sim.inboundCall({ from: '+442079460958', name: 'Bruce Wayne' });
  call.answer();
  await expect(popup.getByRole('button', { name: 'Hold' })).toBeVisible();

  const logins = sim.received.filter(
    (r) => r.frame.command === 'getCurrentCallsPhoneEvents',
  ).length;
  sim.dropSockets();
  await expect(popup.getByText(/Reconnecting|Connecting/)).toBeVisible();
  await expect(popup.getByText('Connected', { exact: true })).toBeVisible();
  await expect
    .poll(() => sim.received.filter((r) => r.frame.command === 'getCurrentCallsPhoneEvents').length)
    .toBeGreaterThan(logins);
  expect(sim.connections()).toBe(1);
  await expect(popup.getByText('Bruce Wayne')).toBeVisible();
  await expect(popup.getByRole('button', { name: 'Hold' })).toBeVisible();
});
