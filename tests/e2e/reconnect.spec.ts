import { expect, signIn, test } from './fixtures';

test('a dropped socket reconnects and resyncs the live call', async ({ ext, sim }) => {
  const popup = await signIn(ext, sim);
  const call = sim.inboundCall({ from: '+442079460958', name: 'Bruce Wayne' });
  call.answer();
  await expect(popup.getByRole('button', { name: 'Hold' })).toBeVisible();

  const logins = sim.received.filter(
    (r) => r.frame.command === 'getCurrentCallsPhoneEvents',
  ).length;
  // The first retry comes within 0.5 s, and the reconnection can be over between two looks of
  // the assertion below, on a loaded machine especially. So a session that starts before the
  // panel has shown the state stays in "Connecting…"; it gives up after 10 s and the next
  // attempt succeeds.
  sim.stallLogins(true);
  sim.dropSockets();
  await expect(popup.getByText(/Reconnecting|Connecting/)).toBeVisible();
  sim.stallLogins(false);
  await expect(popup.getByText('Connected', { exact: true })).toBeVisible();
  await expect
    .poll(() => sim.received.filter((r) => r.frame.command === 'getCurrentCallsPhoneEvents').length)
    .toBeGreaterThan(logins);
  expect(sim.connections()).toBe(1);
  await expect(popup.getByText('Bruce Wayne')).toBeVisible();
  await expect(popup.getByRole('button', { name: 'Hold' })).toBeVisible();
});
