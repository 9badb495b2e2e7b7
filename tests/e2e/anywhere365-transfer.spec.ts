/**
 * Anywhere365 transfers end to end, in Chromium with the built extension signed in as agent A
 * (alice) through the real relay, which the broker simulator's webhooks reach for both A and the
 * colleague B (bob) the call goes to.
 *
 * The CTI Broker reports a transfer as `OnHold` for A, then `Retrieve` for B (vendors/README.md
 * §2.6 "Additional note"; the simulator also offers it to B first with `Hunting` for B). B's
 * events name only B: the relay routes every event of a call to each agent who took part in it
 * (relay/sessions.ts), so A's adapter learns from B's `Retrieve` that A's leg ended, at once —
 * without it, A's panel would show the call "On hold" until the adapter gives up on a silent held
 * call an hour later (calls.ts STALE_AFTER_MS). When B refuses (`Disconnected` for B, `Retrieve`
 * for A), A has the call back.
 */
import type { Page } from '@playwright/test';
import type { SimCall } from '../simulators/anywhere365';
import type { ExtensionBrowser } from '../support/chromium';
import { AGENT, callCards, configure, signIn, withRig, type Rig } from './anywhere365-helpers';
import { expect, test } from './fixtures';

const COLLEAGUE = 'sip:bob@example.com';
const CALLER = '+33123456789';
const CALLER_SHOWN = '+33 1 23 45 67 89';
const NEXT_CALLER = '+442071838750';
const NEXT_CALLER_SHOWN = '+44 20 7183 8750';

/** Signed in as A, with a call from CALLER that rang, was answered and is now on hold. */
async function heldCall(ext: ExtensionBrowser, rig: Rig): Promise<{ popup: Page; call: SimCall }> {
  await configure(ext, rig);
  const popup = await signIn(ext, rig.relay);
  const call = await rig.broker.inboundCall({ from: CALLER, agent: AGENT });
  await expect(callCards(popup).getByText('Ringing', { exact: true })).toBeVisible();
  await call.answer();
  await expect(callCards(popup).getByText('In call', { exact: true })).toBeVisible();
  await call.hold();
  await expect(callCards(popup)).toHaveCount(1);
  await expect(callCards(popup)).toContainText(CALLER_SHOWN);
  await expect(callCards(popup).getByText('On hold', { exact: true })).toBeVisible();
  return { popup, call };
}

/** Every webhook the broker posted (for A and for B) reached the relay. */
async function allDelivered(rig: Rig): Promise<void> {
  await rig.broker.flushed();
  expect(rig.broker.deliveries.items.filter((d) => d.status < 200 || d.status >= 300)).toEqual([]);
}

/** A's recent calls: exactly one, the caller's, answered and ended (its talk time, e.g. "0:04"). */
async function expectEndedInHistory(popup: Page): Promise<void> {
  const recent = popup.locator('.sb-recent-item');
  await expect(recent).toHaveCount(1);
  await expect(recent).toContainText(CALLER_SHOWN);
  await expect(recent).toContainText('Incoming');
  await expect(recent.getByText(/^\d+:\d{2}$/)).toBeVisible();
  await expect(recent).not.toContainText('In progress');
  await expect(recent).not.toContainText('Missed');
}

test('Anywhere365: the transferring agent’s held call ends when the colleague takes it', async ({
  ext,
}) => {
  await withRig(
    async (rig) => {
      const { popup, call } = await heldCall(ext, rig);

      // The broker offers the call to B (Hunting for B) and B takes it (Retrieve for B).
      await call.transfer(COLLEAGUE, { invite: true });
      await allDelivered(rig);
      expect(call).toMatchObject({ agent: COLLEAGUE, state: 'connected' });

      // A's call is over: no card, nothing on hold, and the call is in A's history as ended.
      await expect(callCards(popup)).toHaveCount(0);
      await expect(popup.getByText('On hold', { exact: true })).toHaveCount(0);
      await expectEndedInHistory(popup);
      // B's events reached A as the relay's copies for the call's other agent.
      expect(
        rig.relay.metric('relay_events_session_copies_total', { source: 'anywhere365' }),
      ).toBeGreaterThan(0);

      // B hangs up later (Disconnected for B, copied to A), then another call rings for A. The
      // relay keeps A's events in order, so once the new call rings, A has read B's hang-up too:
      // it changed nothing for A.
      await call.hangup();
      await rig.broker.inboundCall({ from: NEXT_CALLER, agent: AGENT });
      await allDelivered(rig);
      await expect(callCards(popup).getByText('Ringing', { exact: true })).toBeVisible();
      await expect(callCards(popup)).toHaveCount(1);
      await expect(callCards(popup)).toContainText(NEXT_CALLER_SHOWN);
      await expectEndedInHistory(popup);
    },
    [AGENT, COLLEAGUE],
  );
});

test('Anywhere365: a transfer the colleague refuses leaves the call in the transferring agent’s hand', async ({
  ext,
}) => {
  await withRig(
    async (rig) => {
      const { popup, call } = await heldCall(ext, rig);

      // B is offered the call (Hunting for B), turns it down (Disconnected for B), and A takes
      // the caller back (Retrieve for A).
      await call.transfer(COLLEAGUE, { refused: true });
      await allDelivered(rig);
      expect(call).toMatchObject({ agent: AGENT, state: 'connected' });

      await expect(callCards(popup).getByText('In call', { exact: true })).toBeVisible();
      await expect(callCards(popup)).toHaveCount(1);
      await expect(callCards(popup)).toContainText(CALLER_SHOWN);
      await expect(popup.locator('.sb-recent-item')).toHaveCount(0);

      // A ends the call: then it is over, once, in A's history.
      await call.hangup();
      await expect(callCards(popup)).toHaveCount(0);
      await expectEndedInHistory(popup);
    },
    [AGENT, COLLEAGUE],
  );
});
