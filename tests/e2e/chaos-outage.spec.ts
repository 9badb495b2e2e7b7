/**
 * Chaos: the phone system goes away for longer than every step of the session's reconnect
 * backoff (utils/cti/session-timing.ts, the real schedule: no test clock), a call rings and ends
 * meanwhile, then the system comes back. History must show the call where the vendor lists its
 * call history (XiVO), or the outage where it cannot (CCS), and nothing may pop for a call that
 * is over. A live call after the outage still pops, so the rule in force would have popped the
 * missed one had it rung late.
 */
import type { Page } from '@playwright/test';
import { BACKOFF } from '../../utils/cti/session-timing';
import { CCS_PERMISSIONS, startCcsSimulator } from '../simulators/ccs';
import { signInWithToken, useCcs } from './ccs-helpers';
import { expect, signIn, tabsAt, test } from './fixtures';

/** The first attempt whose backoff ceiling is the cap: every step before it is shorter. */
const CAPPED_ATTEMPT = 1 + Math.ceil(Math.log2(BACKOFF.capMs / BACKOFF.baseMs));
/** The whole schedule up to and past the capped step, with room for a loaded machine. */
const OUTAGE_TIMEOUT_MS = 4 * 60_000;

/** The reconnect attempt the panel shows, or 0 while it shows none. */
async function shownAttempt(popup: Page): Promise<number> {
  // The connection line's status, not a notice's (notices come first in the panel).
  const text = (await popup.locator('.sb-connection').getByRole('status').textContent()) ?? '';
  return Number(/\(attempt (\d+)\)/.exec(text)?.[1] ?? 0);
}

/** Down for longer than every backoff step, with `during` run while it is down. */
async function longOutage(
  popup: Page,
  down: () => Promise<void>,
  during: () => void,
  up: () => Promise<void>,
): Promise<void> {
  await down();
  // Past the capped step: the outage outlasts every backoff step of the schedule.
  await expect
    .poll(() => shownAttempt(popup), { timeout: OUTAGE_TIMEOUT_MS, intervals: [1_000] })
    .toBeGreaterThan(CAPPED_ATTEMPT);
  during();
  await up();
  await expect(popup.getByText('Connected', { exact: true })).toBeVisible({
    timeout: BACKOFF.capMs + 60_000,
  });
}

const popRule = (crm: string) => ({
  screenPop: {
    rules: [{ id: 'crm', trigger: 'ringing', direction: 'inbound', url: `${crm}?phone={e164}` }],
  },
});

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
        /^Offline \d\d:\d\d:\d\d–\d\d:\d\d:\d\d: calls in this period may be missing$/,
      ),
    ).toBeVisible();
    // Let any late pop happen before counting.
    await popup.waitForTimeout(1_500);
    expect(tabsAt(ext, crm)).toEqual([]);
  } finally {
    await ccs.close();
  }
});
