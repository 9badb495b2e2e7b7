import { expect, signIn, tabsAt, test } from './fixtures';
import { stopServiceWorker } from '../support/service-worker';

test('an inbound call pops the CRM exactly once, across repeats, resyncs and a worker restart', async ({
  ext,
  sim,
  pages,
}) => {
  const crm = `${pages.url}/contacts`;
  await ext.setUserSettings({
    screenPop: {
      rules: [
        {
          id: 'crm',
          trigger: 'ringing',
          direction: 'inbound',
          url: `${crm}?phone={e164}&name={name}`,
        },
      ],
    },
  });
  const popup = await signIn(ext, sim);

  const call = sim.inboundCall({ from: '+33123456789', name: 'Camille Dubois', queue: 'support' });
  await expect.poll(() => tabsAt(ext, crm).length).toBe(1);
  expect(tabsAt(ext, crm)[0]!.url()).toBe(`${crm}?phone=%2B33123456789&name=Camille%20Dubois`);

  // A second ringing event for the same call.
  call.repeatLastEvent();
  const resyncs = () =>
    sim.received.filter((r) => r.frame.command === 'getCurrentCallsPhoneEvents').length;
  // A resync: the socket drops, the extension reconnects and asks for the current calls.
  const beforeDrop = resyncs();
  sim.dropSockets();
  await expect.poll(resyncs).toBeGreaterThan(beforeDrop);
  await expect(popup.getByText('Connected', { exact: true })).toBeVisible();

  // The worker is stopped and wakes up again (the popup connects to it): it restores the
  // session from storage.session, reconnects and resyncs.
  const beforeRestart = resyncs();
  await stopServiceWorker(ext);
  await popup.reload();
  await expect.poll(resyncs).toBeGreaterThan(beforeRestart);
  await expect(popup.getByRole('button', { name: 'Answer' })).toBeVisible();

  // Let any late pop happen before counting.
  await popup.waitForTimeout(1500);
  expect(tabsAt(ext, crm)).toHaveLength(1);
});

test('a manual screen-pop rule opens the record only when the agent clicks Open record', async ({
  ext,
  sim,
  pages,
}) => {
  const crm = `${pages.url}/contacts`;
  await ext.setUserSettings({
    screenPop: {
      rules: [{ id: 'on-request', trigger: 'manual', direction: 'any', url: `${crm}?q={e164}` }],
    },
  });
  const popup = await signIn(ext, sim);
  sim.inboundCall({ from: '+33123456789', name: 'Camille Dubois', queue: 'support' });
  const open = popup.getByRole('button', { name: 'Open record' });
  await expect(open).toBeVisible();
  expect(tabsAt(ext, crm)).toHaveLength(0);
  await open.click();
  await expect.poll(() => tabsAt(ext, crm).length).toBe(1);
  expect(tabsAt(ext, crm)[0]!.url()).toBe(`${crm}?q=%2B33123456789`);
});
