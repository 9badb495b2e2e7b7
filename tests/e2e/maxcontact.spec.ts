/**
 * MaxContact end to end, in Chromium with the built extension, against the MaxContact simulator.
 * The simulator answers 401 to any telephony request without `Cookie: TokenKey=…`, which a
 * browser's fetch cannot set: every call getting through proves the background's
 * declarativeNetRequest header rule (vendors/README.md §3.3, §6). A call goes to a colleague
 * found by name ("Transfer To User" with their UserID), from the side panel's directory or the
 * transfer form; a UserID is never dialled as a phone number.
 */
import type { Locator, Page } from '@playwright/test';
import {
  startMaxContactSimulator,
  type MaxContactSimOptions,
  type MaxContactSimulator,
  type SimCall,
} from '../simulators/maxcontact';
import type { ExtensionBrowser } from '../support/chromium';
import { clickToDial, expect, openSidePanel, signInWith, tabsAt, test } from './fixtures';

const TELEPHONY = '/webservices/services/telephony';

/** A simulator per test, closed whatever happens. */
async function withSimulator(
  fn: (sim: MaxContactSimulator) => Promise<void>,
  options: MaxContactSimOptions = {},
): Promise<void> {
  const sim = await startMaxContactSimulator(options);
  try {
    await fn(sim);
  } finally {
    await sim.close();
  }
}

/** Sign in from the popup with the simulator's agent (login 1001 is its numeric UserID). */
const signIn = (ext: ExtensionBrowser): Promise<Page> =>
  signInWith(ext, { Username: '1001', Password: 'secret' });

/** Point the extension at the simulator (with these connection settings too) and sign in. */
async function signInTo(
  ext: ExtensionBrowser,
  sim: MaxContactSimulator,
  connection: Record<string, unknown> = {},
): Promise<Page> {
  await ext.setUserSettings({
    vendor: 'maxcontact',
    connection: { maxcontact: { baseUrl: sim.url, ...connection } },
  });
  return signIn(ext);
}

/**
 * Open the call's transfer form, choose the kind of transfer when `kind` says, and pick a
 * colleague found by typing `term` in "Find by name".
 */
async function pickInTransferForm(
  page: Page,
  term: string,
  pick: string,
  kind?: 'Blind' | 'Attended',
): Promise<Locator> {
  await page.getByRole('button', { name: 'Transfer', exact: true }).click();
  const form = page.getByRole('form', { name: 'Transfer' });
  if (kind) await form.getByLabel(kind, { exact: true }).check();
  await form.getByLabel('Find by name').fill(term);
  await form.getByRole('button', { name: pick }).click();
  return form;
}

/**
 * A customer's call reaches the agent (UserID 1001) and is in hand on `page`: the dialler
 * connects it, and the panel offers Transfer once the next poll shows it connected.
 */
async function callInHand(sim: MaxContactSimulator, page: Page): Promise<SimCall> {
  const call = sim.inboundCall({ from: '+33123456789', name: 'Camille Dubois' });
  const controls = page.getByRole('group', { name: 'Call controls' });
  await expect(controls.getByRole('button', { name: 'Transfer', exact: true })).toBeVisible();
  return call;
}

/**
 * "Transfer To User" for `target` went out once, with the token, and MaxContact moved the call:
 * no longer the agent's, now the colleague's, transferred by the agent. The call then ends on
 * `pages` (no call controls left).
 */
async function expectHandedTo(
  sim: MaxContactSimulator,
  call: SimCall,
  target: number,
  pages: Page[],
): Promise<void> {
  const transfer = await sim.waitForRequest((r) => r.api === 'transfertouser');
  expect(transfer.path).toBe(
    `${TELEPHONY}/transfertouser/user/1001/call/${call.CallId}/touser/${target}`,
  );
  expect(transfer.cookieToken).toBeTruthy();
  expect(transfer.status).toBe(200);
  expect(sim.calls(1001)).toEqual([]);
  expect(sim.calls(target).map((c) => c.CallId)).toEqual([call.CallId]);
  expect(call.transferredBy).toEqual([1001]);
  for (const page of pages) {
    await expect(page.getByRole('group', { name: 'Call controls' })).toHaveCount(0);
  }
  expect(sim.requests.filter((r) => r.api === 'transfertouser')).toHaveLength(1);
}

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

test('MaxContact: a colleague found by name in the side panel’s directory takes the call', async ({
  ext,
}) => {
  await withSimulator(async (sim) => {
    const popup = await signInTo(ext, sim);
    const panel = await openSidePanel(ext);
    const call = await callInHand(sim, panel);

    await panel.getByRole('tab', { name: 'Directory' }).click();
    await panel.getByLabel('Search the directory').fill('priya');
    await expect(panel.getByRole('status').filter({ hasText: '1 found' })).toBeVisible();
    // The platform's `users` list, read with the token.
    const users = await sim.waitForRequest((r) => r.api === 'users');
    expect(users.path).toBe(`${TELEPHONY}/users/user/1001`);
    const entries = panel.getByRole('list', { name: 'Directory entries' });
    await expect(entries.getByText('Priya Shah', { exact: true })).toBeVisible();
    // A UserID is not a phone number: a colleague is for transfers only, never dialled.
    await expect(entries.getByRole('button', { name: 'Call Priya Shah on 1002' })).toHaveCount(0);
    // The warm transfer dials a number: it cannot take a UserID either.
    await expect(
      entries.getByRole('button', { name: 'Attended transfer to Priya Shah on 1002' }),
    ).toHaveCount(0);

    await entries.getByRole('button', { name: 'Transfer to Priya Shah on 1002' }).click();
    await expectHandedTo(sim, call, 1002, [panel, popup]);
    await expect(panel.getByRole('alert')).toHaveCount(0);
  });
});

test('MaxContact: the transfer form finds a colleague by name; Complete Transfer follows when set', async ({
  ext,
}) => {
  await withSimulator(
    async (sim) => {
      const popup = await signInTo(ext, sim, {
        completeTransferPath: 'completetransfer/user/{user}/call/{call}',
      });
      const call = await callInHand(sim, popup);

      const form = await pickInTransferForm(popup, 'will', 'Use Tom Williams on 1003');
      await expect(form.getByLabel('Transfer to')).toHaveValue('1003');
      await form.getByRole('button', { name: 'Transfer now' }).click();

      // Offered by Transfer To User, handed over by Complete Transfer.
      const complete = await sim.waitForRequest((r) => r.api === 'completetransfer');
      expect(complete.path).toBe(`${TELEPHONY}/completetransfer/user/1001/call/${call.CallId}`);
      expect(complete.status).toBe(200);
      await expectHandedTo(sim, call, 1003, [popup]);
      await expect(form).toHaveCount(0);
    },
    { userTransfer: 'withComplete' },
  );
});

test('MaxContact: a colleague picked by name gets a blind transfer even after Attended was chosen', async ({
  ext,
}) => {
  await withSimulator(async (sim) => {
    const popup = await signInTo(ext, sim);
    const call = await callInHand(sim, popup);

    // An attended transfer dials its target: it would call the UserID as a phone number.
    const form = await pickInTransferForm(popup, 'priya', 'Use Priya Shah on 1002', 'Attended');
    await expect(form.getByText('Priya Shah takes a blind transfer only.')).toBeVisible();
    await expect(form.getByRole('group', { name: 'Transfer type' })).toHaveCount(0);
    await form.getByRole('button', { name: 'Transfer now' }).click();

    await expectHandedTo(sim, call, 1002, [popup]);
    // The customer was never put on hold for a consultation, and nothing was dialled.
    expect(sim.requests.filter((r) => r.api === 'hold' || r.api === 'dial')).toEqual([]);
  });
});
