/**
 * Chaos: Chrome stops the extension's service worker (an update, a crash, memory pressure,
 * DevTools) while an agent is signed in and no panel is open. The offscreen document
 * (utils/background/wake.ts) restarts it at once, so a call that rings a few seconds later pops
 * long before the 30-second watchdog alarm could have restarted the session.
 */
import { expect, openPopup, signIn, tabsAt, test } from './fixtures';
import { restartAlarms, stopServiceWorker } from '../support/service-worker';

/**
 * Loose, for shared and noisy machines, yet well under the watchdog alarm's 30 s period: without
 * the offscreen document nothing restarts the session sooner than that alarm.
 */
const POP_BOUND_MS = 10_000;

test('a stopped worker is back by itself: a call ringing 3 s later pops once, well before the watchdog', async ({
  ext,
  sim,
  pages,
}) => {
  test.setTimeout(120_000);
  const crm = `${pages.url}/contacts`;
  await ext.setUserSettings({
    screenPop: {
      rules: [{ id: 'crm', trigger: 'ringing', direction: 'inbound', url: `${crm}?phone={e164}` }],
    },
  });
  const popup = await signIn(ext, sim);
  // No panel stays open: an open panel's port would wake the worker on its own.
  await popup.close();
  const resyncs = () =>
    sim.received.filter((r) => r.frame.command === 'getCurrentCallsPhoneEvents').length;
  const before = resyncs();

  await restartAlarms(ext);
  await stopServiceWorker(ext);
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  sim.inboundCall({ from: '+33123456789', name: 'Camille Dubois', queue: 'support' });

  await expect
    .poll(() => tabsAt(ext, crm).length, { timeout: POP_BOUND_MS, intervals: [100] })
    .toBe(1);
  // It came back by reconnecting: the session asked the simulator for the current calls again.
  expect(resyncs()).toBeGreaterThan(before);
  expect(tabsAt(ext, crm)[0]!.url()).toBe(`${crm}?phone=%2B33123456789`);

  // The session is connected again, over one socket, and the call popped only once.
  const panel = await openPopup(ext);
  await expect(panel.getByText('Connected', { exact: true })).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Answer' })).toBeVisible();
  expect(sim.connections()).toBe(1);
  await panel.waitForTimeout(1500);
  expect(tabsAt(ext, crm)).toHaveLength(1);
});
