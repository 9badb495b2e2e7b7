/**
 * Anywhere365 end to end, in Chromium with the built extension: the CTI Broker simulator posts its
 * webhooks to the real Switchboard relay (started in-process, which subscribes the agent at the
 * broker itself), and the extension reads them from the relay's WebSocket (docs/vendors.md
 * "Anywhere365").
 *
 * Restarts lose no event: the relay buffers the agent's events and replays them after the
 * adapter's checkpointed cursor, and with its data directory (the rig gives it a temporary one) it
 * journals them to disk (relay/journal.ts), so after `relay.restart()` the buffers are back and
 * seqs go on: the extension's cursor stays valid and there is no gap notice — whether the worker
 * stayed up or was stopped across the restart. (Webhooks posted while the relay process is down are
 * another matter: lost unless the sender retries, docs/relay.md.)
 */
import type { Page } from '@playwright/test';
import type { ExtensionBrowser } from '../support/chromium';
import { stopServiceWorker } from '../support/service-worker';
import {
  AGENT,
  callCards,
  command,
  configure,
  signIn,
  withRig,
  type Rig,
} from './anywhere365-helpers';
import { clickToDial, expect, tabsAt, test } from './fixtures';

const GAP_NOTICE = /Some phone events were lost/;

test('Anywhere365: sign-in reaches the broker, an inbound call pops once, rings, connects and ends', async ({
  ext,
  pages,
}) => {
  await withRig(async (rig) => {
    const crm = `${pages.url}/contacts`;
    await configure(ext, rig, crm);
    // The relay subscribed the agent at the broker, pointing at its own hook URL.
    expect(rig.broker.subscriptions()).toEqual([
      expect.objectContaining({ imAddress: AGENT, callbackUrl: rig.relay.hookUrl('anywhere365') }),
    ]);
    const popup = await signIn(ext, rig.relay);
    // Signing in to Switchboard signs the agent in to the UCC (AgentLogin, commandType 0).
    const login = await rig.broker.waitForRequest(command(0));
    expect(login.status).toBe(202);

    const call = await rig.broker.inboundCall({ from: '+33123456789' });
    await expect.poll(() => tabsAt(ext, crm).length).toBe(1);
    expect(tabsAt(ext, crm)[0]!.url()).toBe(`${crm}?phone=%2B33123456789`);
    await expect(callCards(popup)).toHaveCount(1);
    await expect(popup.getByText('Ringing', { exact: true })).toBeVisible();
    // The broker has no answer/hang-up/hold commands: the panel shows no call buttons.
    await expect(
      popup.getByRole('group', { name: 'Call controls' }).getByRole('button'),
    ).toHaveCount(0);

    await call.answer();
    await expect(popup.getByText('In call', { exact: true })).toBeVisible();
    await call.hangup();
    await expect(callCards(popup)).toHaveCount(0);

    // Let any late pop happen before counting.
    await popup.waitForTimeout(1500);
    expect(tabsAt(ext, crm)).toHaveLength(1);
  });
});

test('Anywhere365: click-to-dial on a CRM page reaches the broker as Dial tel:+E164', async ({
  ext,
  pages,
}) => {
  await withRig(async (rig) => {
    await configure(ext, rig);
    await signIn(ext, rig.relay);
    await clickToDial(ext, pages);
    const dial = await rig.broker.waitForRequest(command(4, 'tel:+33123456789'));
    expect(dial.status).toBe(202);
    expect(dial.method).toBe('POST');
  });
});

/** Signed in, with a first call from France that popped once and was answered. */
async function inCall(ext: ExtensionBrowser, rig: Rig, crm: string) {
  await configure(ext, rig, crm);
  const popup = await signIn(ext, rig.relay);
  const first = await rig.broker.inboundCall({ from: '+33123456789' });
  await expect.poll(() => tabsAt(ext, `${crm}?phone=%2B33123456789`).length).toBe(1);
  await first.answer();
  await expect(popup.getByText('In call', { exact: true })).toBeVisible();
  return { popup, first };
}

/** After any late pop has had its chance: the French and the British call popped once each. */
async function expectEachPoppedOnce(ext: ExtensionBrowser, popup: Page, crm: string) {
  await popup.waitForTimeout(1500);
  expect(tabsAt(ext, `${crm}?phone=%2B33123456789`)).toHaveLength(1);
  expect(tabsAt(ext, `${crm}?phone=%2B442071838750`)).toHaveLength(1);
}

test('Anywhere365: a stopped extension worker loses no event (the relay replays after its cursor)', async ({
  ext,
  pages,
}) => {
  await withRig(async (rig) => {
    const crm = `${pages.url}/contacts`;
    const { popup, first } = await inCall(ext, rig, crm);

    await stopServiceWorker(ext);
    // While the worker is down the relay buffers them for the agent.
    await endFirstRingSecond(rig, first);

    // The popup wakes the worker, which resumes from its checkpoint and gets the replay.
    await popup.reload();
    await expectSecondCallRinging(ext, popup, crm);
    expect(tabsAt(ext, crm)).toHaveLength(2);
  });
});

/**
 * The first call ends and a British one rings; every webhook the broker posted for them reached
 * the relay (2xx).
 */
async function endFirstRingSecond(rig: Rig, first: { hangup(): Promise<void> }) {
  await first.hangup();
  await rig.broker.inboundCall({ from: '+442071838750' });
  await rig.broker.flushed();
  expect(rig.broker.deliveries.items.filter((d) => d.status < 200 || d.status >= 300)).toEqual([]);
}

/** The second call rings in the panel and popped once; the first one is over; no gap notice. */
async function expectSecondCallRinging(ext: ExtensionBrowser, popup: Page, crm: string) {
  await expect(popup.getByText('Connected', { exact: true })).toBeVisible();
  await expect(callCards(popup)).toHaveCount(1);
  await expect(popup.getByText('Ringing', { exact: true })).toBeVisible();
  await expect(popup.getByText('In call', { exact: true })).toHaveCount(0);
  await expect.poll(() => tabsAt(ext, `${crm}?phone=%2B442071838750`).length).toBe(1);
  await expectEachPoppedOnce(ext, popup, crm);
  // The ringing call came through the new connection, after any gap frame would have: none came.
  await expect(popup.getByText(GAP_NOTICE)).toHaveCount(0);
}

test('Anywhere365: a relay restart loses no event (its journal keeps the seqs: no gap notice)', async ({
  ext,
  pages,
}) => {
  await withRig(async (rig) => {
    const crm = `${pages.url}/contacts`;
    const { popup, first } = await inCall(ext, rig, crm);

    // The relay restarts from its data directory (relay/journal.ts): buffers and seqs are back, so
    // the extension's cursor stays valid. Right after it is back, the first call ends and a second
    // one rings, typically before the extension has reconnected.
    await rig.relay.restart();
    expect(rig.broker.subscriptions()).toEqual([
      expect.objectContaining({ imAddress: AGENT, callbackUrl: rig.relay.hookUrl('anywhere365') }),
    ]);
    await endFirstRingSecond(rig, first);

    await expectSecondCallRinging(ext, popup, crm);
    expect(rig.relay.metric('relay_gaps_total')).toBe(0);
  });
});

test('Anywhere365: events posted while the extension worker is stopped survive a relay restart', async ({
  ext,
  pages,
}) => {
  await withRig(async (rig) => {
    const crm = `${pages.url}/contacts`;
    const { popup, first } = await inCall(ext, rig, crm);

    await stopServiceWorker(ext);
    // While the worker is down the relay buffers (and journals) them for the agent…
    await endFirstRingSecond(rig, first);
    // …then restarts, so only its journal still holds them.
    await rig.relay.restart();

    // The popup wakes the worker, which resumes from its checkpoint and gets the replay.
    await popup.reload();
    await expectSecondCallRinging(ext, popup, crm);
    expect(tabsAt(ext, crm)).toHaveLength(2);
    expect(rig.relay.metric('relay_gaps_total')).toBe(0);
  });
});
