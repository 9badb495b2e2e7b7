/**
 * MaxContact end to end, in Chromium with the built extension, against the MaxContact simulator.
 * The simulator answers 401 to any telephony request without `Cookie: TokenKey=…`, which a
 * browser's fetch cannot set: every call getting through proves the background's
 * declarativeNetRequest header rule (vendors/README.md §3.3, §6).
 */
import type { Page } from '@playwright/test';
import { startMaxContactSimulator, type MaxContactSimulator } from '../simulators/maxcontact';
import type { ExtensionBrowser } from '../support/chromium';
import { clickToDial, expect, signInWith, tabsAt, test } from './fixtures';

const TELEPHONY = '/webservices/services/telephony';

/** A simulator per test, closed whatever happens. */
async function withSimulator(fn: (sim: MaxContactSimulator) => Promise<void>): Promise<void> {
  const sim = await startMaxContactSimulator();
  try {
    await fn(sim);
  } finally {
    await sim.close();
  }
}

/** Sign in from the popup with the simulator's agent (login 1001 is its numeric UserID). */
const signIn = (ext: ExtensionBrowser): Promise<Page> =>
  signInWith(ext, { Username: '1001', Password: 'secret' });

test('MaxContact: the token cookie reaches the platform, a call pops once, hangs up and is disposed', async ({
  ext,
  pages,
}) => {
  await withSimulator(async (sim) => {
    const crm = `${pages.url}/contacts`;
    await ext.setUserSettings({
      vendor: 'maxcontact',
      connection: { maxcontact: { baseUrl: sim.url } },
      screenPop: {
        rules: [
          {
            id: 'crm',
            trigger: 'ringing',
            direction: 'inbound',
            url: `${crm}?phone={e164}&name={name}&campaign={data.CampaignName}`,
          },
        ],
      },
    });
    const popup = await signIn(ext);

    // The Base64 password went to the token service; every telephony request carried the token.
    const login = await sim.waitForRequest((r) => r.api === 'login');
    expect(login.headers.authorization).toBe(Buffer.from('secret').toString('base64'));
    const poll = await sim.waitForRequest((r) => r.api === 'getcalls' && r.status === 200);
    expect(poll.cookieToken).toBeTruthy();
    expect(sim.tokens()).toContain(poll.cookieToken);
    expect(sim.requests.filter((r) => r.api !== 'login' && !r.cookieToken)).toEqual([]);

    const call = sim.inboundCall({
      from: '+33123456789',
      name: 'Camille Dubois',
      campaign: 'Renewals',
      queue: 'Inbound Sales',
    });
    await expect.poll(() => tabsAt(ext, crm).length).toBe(1);
    expect(tabsAt(ext, crm)[0]!.url()).toBe(
      `${crm}?phone=%2B33123456789&name=Camille%20Dubois&campaign=Renewals`,
    );
    await expect(popup.getByText('Queue: Inbound Sales')).toBeVisible();
    // MaxContact connects calls itself: there is no Answer button (vendors/README.md §3.7).
    await expect(popup.getByRole('button', { name: 'Answer' })).toHaveCount(0);

    await popup.getByRole('button', { name: 'Hang up' }).click();
    const hangup = await sim.waitForRequest((r) => r.api === 'hangup');
    expect(hangup.path).toBe(`${TELEPHONY}/hangup/user/1001/call/${call.CallId}`);
    expect(hangup.cookieToken).toBeTruthy();

    // The platform's own result codes, fetched from `resultcodes`.
    await popup.getByLabel('Disposition').selectOption('SALE');
    await popup.getByRole('button', { name: 'Save disposition' }).click();
    const dispose = await sim.waitForRequest((r) => r.api === 'dispose');
    expect(dispose.path).toBe(`${TELEPHONY}/dispose/user/1001/call/${call.CallId}`);
    expect(dispose.query).toEqual({ resultcode: 'SALE' });
    await expect(popup.getByRole('button', { name: 'Save disposition' })).toHaveCount(0);
    expect(sim.allCalls()[0]?.resultCode).toBe('SALE');

    // Polls keep listing nothing new: let any late pop happen before counting.
    await popup.waitForTimeout(1500);
    expect(tabsAt(ext, crm)).toHaveLength(1);
  });
});

test('MaxContact: click-to-dial on a CRM page dials the number through the platform', async ({
  ext,
  pages,
}) => {
  await withSimulator(async (sim) => {
    await ext.setUserSettings({
      vendor: 'maxcontact',
      connection: { maxcontact: { baseUrl: sim.url } },
    });
    await signIn(ext);
    await clickToDial(ext, pages);
    const dial = await sim.waitForRequest((r) => r.api === 'dial');
    expect(dial.path).toBe(`${TELEPHONY}/dial/user/1001/phone/+33123456789`);
    expect(dial.cookieToken).toBeTruthy();
    expect(dial.status).toBe(200);
  });
});
