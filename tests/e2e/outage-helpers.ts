/**
 * Helpers for the end-to-end tests of a long outage: the phone system goes away for longer than
 * every step of the session's reconnect backoff (utils/cti/session-timing.ts, the real schedule:
 * no test clock), something happens meanwhile, then the system comes back.
 */
import type { Page } from '@playwright/test';
import { BACKOFF } from '../../utils/cti/session-timing';
import { expect } from './fixtures';

/** The first attempt whose backoff ceiling is the cap: every step before it is shorter. */
const CAPPED_ATTEMPT = 1 + Math.ceil(Math.log2(BACKOFF.capMs / BACKOFF.baseMs));
/** The whole schedule up to and past the capped step, with room for a loaded machine. */
export const OUTAGE_TIMEOUT_MS = 4 * 60_000;

/** The reconnect attempt the panel shows, or 0 while it shows none. */
async function shownAttempt(popup: Page): Promise<number> {
  // The connection line's status, not a notice's (notices come first in the panel).
  const text = (await popup.locator('.sb-connection').getByRole('status').textContent()) ?? '';
  return Number(/\(attempt (\d+)\)/.exec(text)?.[1] ?? 0);
}

/** Down for longer than every backoff step, with `during` run while it is down. */
export async function longOutage(
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

/** A screen-pop rule that opens `crm` for every inbound call that rings. */
export const popRule = (crm: string) => ({
  screenPop: {
    rules: [{ id: 'crm', trigger: 'ringing', direction: 'inbound', url: `${crm}?phone={e164}` }],
  },
});
