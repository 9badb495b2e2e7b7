/**
 * Chaos: the phone system goes away for longer than every step of the session's reconnect
 * backoff (outage-helpers.ts), a call rings and ends meanwhile, then the system comes back.
 * History must show the call where the vendor lists its call history (XiVO here; CCS in
 * ccs-history.spec.ts), or the outage where it cannot (CCS without the Calls View permission),
 * and nothing may pop for a call that is over. A live call after the outage still pops, so the
 * rule in force would have popped the missed one had it rung late.
 */
import { CCS_PERMISSIONS, startCcsSimulator } from '../simulators/ccs';
import { signInWithToken, useCcs } from './ccs-helpers';
import { expect, signIn, tabsAt, test } from './fixtures';
import { longOutage, OUTAGE_TIMEOUT_MS, popRule } from './outage-helpers';

test('a call that rings and ends during a long outage is in history afterwards, and never pops', async ({
  ext,
  sim,
  pages,
}) => {
  test.setTimeout(OUTAGE_TIMEOUT_MS + 2 * 60_000);
  const crm = `${pages.url}/contacts`;
  await ext.setUserSettings(popRule(crm));
  const popup = await signIn(ext, sim);
  await longOutage(
    popup,
    () => sim.goAway(),
    // Rings and ends while nobody is connected: the caller gives up.
    () => sim.inboundCall({ from: '+33612345678', name: 'Camille Dubois', queue: '' }).hangup(),
    () => sim.comeBack(),
  );

  const recent = popup.locator('.sb-recent-item', { hasText: '+33 6 12 34 56 78' });
  await expect(recent).toBeVisible();
  await expect(recent).toContainText('Missed');
  await expect(recent).toContainText('Found after an outage');
  await expect(popup.getByText(/You missed a call while offline/)).toBeVisible();

  // The rule works: a call that rings now pops once.
  sim.inboundCall({ from: '+33123456789', name: 'Jane Black', queue: '' });
  await expect.poll(() => tabsAt(ext, crm).length).toBe(1);
  expect(tabsAt(ext, crm)[0]!.url()).toBe(`${crm}?phone=%2B33123456789`);
  // Let any late pop for the missed call happen before counting.
  await popup.waitForTimeout(1_500);
  expect(tabsAt(ext, crm).map((p) => p.url())).toEqual([`${crm}?phone=%2B33123456789`]);
});

test('a long outage of a vendor that cannot list past calls is in history as an outage, and nothing pops', async ({
  ext,
  pages,
}) => {
  test.setTimeout(OUTAGE_TIMEOUT_MS + 2 * 60_000);
  // Without the Calls View permission CCS cannot search past calls (/calls/filter).
  const ccs = await startCcsSimulator({
    permissions: CCS_PERMISSIONS.filter((p) => p !== 'Calls View'),
  });
  try {
    const crm = `${pages.url}/contacts`;
    await useCcs(ext, ccs, popRule(crm));
    const popup = await signInWithToken(ext, ccs);
    await longOutage(
      popup,
      () => ccs.goAway(),
      () => ccs.inboundCall({ from: '+33612345678', name: 'Camille Dubois' }).hangup(),
      () => ccs.comeBack(),
    );
    await expect(
      popup.getByText(
        // Intl's time range in the browser's locale: "2:03:22 PM – 2:05:40 PM" in an American one.
        /^Offline \d{1,2}:\d\d:\d\d(\s[AP]M)?\s–\s\d{1,2}:\d\d:\d\d(\s[AP]M)?: calls in this period may be missing$/,
      ),
    ).toBeVisible();
    // Let any late pop happen before counting.
    await popup.waitForTimeout(1_500);
    expect(tabsAt(ext, crm)).toEqual([]);
  } finally {
    await ccs.close();
  }
});
