/**
 * CCS history after an outage: an agent whose sign-in may search past calls (the Calls View
 * permission, api-pages §4.21) loses the link for longer than every reconnect step while a call
 * rings and ends unanswered. When the link is back, the call search finds that call: the recent
 * calls show it as missed, found after the outage, with no "calls may be missing" record and no
 * pop. The side panel's History merges the phone system's calls with this browser's, each call
 * once.
 */
import { startCcsSimulator } from '../simulators/ccs';
import { signInWithToken, useCcs } from './ccs-helpers';
import { expect, openSidePanel, tabsAt, test } from './fixtures';
import { longOutage, OUTAGE_TIMEOUT_MS, popRule } from './outage-helpers';

const EARLIER = { from: '+447700900123', name: 'Oliver Smith' };
const SEEN = { from: '+4930901820', name: 'Lena Schmidt' };
const MISSED = { from: '+33612345678', name: 'Camille Dubois' };

test('CCS history after an outage: the call missed while offline is found, and History lists each call once', async ({
  ext,
  pages,
}) => {
  test.setTimeout(OUTAGE_TIMEOUT_MS + 3 * 60_000);
  const ccs = await startCcsSimulator();
  try {
    // Taken on the phone before this browser signed in: only the phone system knows it.
    const earlier = ccs.inboundCall(EARLIER);
    earlier.answer();
    earlier.hangup();

    const crm = `${pages.url}/contacts`;
    await useCcs(ext, ccs, popRule(crm));
    const popup = await signInWithToken(ext, ccs);
    const recent = (name: string) => popup.locator('.sb-recent-item', { hasText: name });

    // Seen live here: it pops, and this browser's history has it.
    const seen = ccs.inboundCall(SEEN);
    await expect(popup.locator('article.sb-call').getByText(SEEN.name)).toBeVisible();
    await expect.poll(() => tabsAt(ext, crm).length).toBe(1);
    seen.answer();
    seen.hangup();
    await expect(recent(SEEN.name)).toBeVisible();

    await longOutage(
      popup,
      () => ccs.goAway(),
      // Rings and ends while nobody is connected: the caller gives up.
      () => ccs.inboundCall(MISSED).hangup(),
      () => ccs.comeBack(),
    );

    // Found with the call search, not recorded as an outage.
    await expect(recent(MISSED.name)).toBeVisible();
    await expect(recent(MISSED.name)).toContainText('Missed');
    await expect(recent(MISSED.name)).toContainText('Found after an outage');
    await expect(popup.getByText(/You missed a call while offline/)).toBeVisible();
    await expect(popup.getByText(/calls in this period may be missing/)).toHaveCount(0);
    expect(
      ccs.received.filter((r) => r.kind === 'rest' && r.path === '/calls/filter').length,
    ).toBeGreaterThan(0);
    // Let any late pop for the missed call happen before counting: only the call seen live popped.
    await popup.waitForTimeout(1_500);
    expect(tabsAt(ext, crm).map((p) => p.url())).toEqual([
      `${crm}?phone=${encodeURIComponent(SEEN.from)}`,
    ]);

    // The side panel's History: this browser's calls and the phone system's, each once.
    const searches = () =>
      ccs.received.filter((r) => r.kind === 'rest' && r.path === '/calls/filter').length;
    const before = searches();
    const panel = await openSidePanel(ext);
    await panel.getByRole('tab', { name: 'History' }).click();
    const history = panel.getByRole('tabpanel');
    const row = (name: string) => history.locator('.sb-recent-item', { hasText: name });
    await expect(row(EARLIER.name)).toBeVisible();
    expect(searches()).toBeGreaterThan(before);
    await expect(history.locator('.sb-recent-item')).toHaveCount(3);
    await expect(row(EARLIER.name)).toContainText('From the phone system');
    await expect(row(SEEN.name)).toHaveCount(1);
    await expect(row(SEEN.name)).not.toContainText('From the phone system');
    await expect(row(SEEN.name)).not.toContainText('Missed');
    await expect(row(MISSED.name)).toHaveCount(1);
    await expect(row(MISSED.name)).toContainText('Missed');
    await expect(row(MISSED.name)).toContainText('Found after an outage');
    await expect(row(MISSED.name)).not.toContainText('From the phone system');
    await expect(history.getByText(/calls in this period may be missing/)).toHaveCount(0);
    await expect(history.getByRole('alert')).toHaveCount(0);
  } finally {
    await ccs.close();
  }
});
