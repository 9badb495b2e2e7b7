/**
 * Chaos: a disposition the vendor cannot take yet survives a service-worker stop and a browser
 * restart on the same profile, and reaches the platform exactly once, counted in the MaxContact
 * simulator's own log of the requests it received (utils/background/outbox.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startMaxContactSimulator, type MaxContactSimulator } from '../simulators/maxcontact';
import { launchWithExtension, type ExtensionBrowser } from '../support/chromium';
import { stopServiceWorker } from '../support/service-worker';
import { expect, openPopup, signInWith, test } from './fixtures';

const isDispose = (path: string) => path.includes('/dispose/');

/** A simulator per test, closed whatever happens. */
async function withSimulator(fn: (sim: MaxContactSimulator) => Promise<void>): Promise<void> {
  const sim = await startMaxContactSimulator();
  try {
    await fn(sim);
  } finally {
    await sim.close();
  }
}

const signIn = (ext: ExtensionBrowser): Promise<Page> =>
  signInWith(ext, { Username: '1001', Password: 'secret' });

/**
 * A call rings and the customer hangs up; the agent saves SALE while every dispose request fails
 * (HTTP 503): the panel says the disposition waits, with the platform's answer as the reason.
 */
async function disposeWhileDown(sim: MaxContactSimulator, popup: Page): Promise<number> {
  const call = sim.inboundCall({ from: '+33123456789', name: 'Camille Dubois' });
  await expect(popup.getByRole('button', { name: 'Hang up' })).toBeVisible();
  call.hangup();
  await expect(popup.getByLabel('Disposition')).toBeVisible({ timeout: 20_000 });
  void sim.fail(503, 10_000, isDispose);
  await popup.getByLabel('Disposition').selectOption('SALE');
  await popup.getByRole('button', { name: 'Save disposition' }).click();
  await sim.waitForRequest((r) => r.api === 'dispose' && r.status === 503);
  await expect(popup.getByText('1 disposition waiting to send')).toBeVisible();
  await expect(popup.getByText(/MaxContact answered dispose with HTTP 503/)).toBeVisible();
  // The agent's work is done on screen: the call no longer waits for a disposition.
  await expect(popup.getByRole('button', { name: 'Save disposition' })).toHaveCount(0);
  return call.CallId;
}

/** Exactly one dispose was accepted, for this call and code, and none follows. */
async function expectDisposedOnce(sim: MaxContactSimulator, page: Page, callId: number) {
  const accepted = () => sim.requests.filter((r) => r.api === 'dispose' && r.status === 200);
  await expect.poll(() => accepted().length, { timeout: 90_000 }).toBe(1);
  expect(accepted()[0]!.path).toBe(
    `/webservices/services/telephony/dispose/user/1001/call/${callId}`,
  );
  expect(accepted()[0]!.query).toEqual({ resultcode: 'SALE' });
  expect(sim.allCalls()[0]?.resultCode).toBe('SALE');
  await expect(page.getByText('1 disposition waiting to send')).toHaveCount(0, { timeout: 20_000 });
  // Let any second attempt happen before counting (the first backoff step is 5 s).
  await page.waitForTimeout(7_000);
  expect(accepted()).toHaveLength(1);
}

test('a disposition pending at a service-worker stop is sent exactly once when the platform is back', async ({
  ext,
}) => {
  test.setTimeout(180_000);
  await withSimulator(async (sim) => {
    await ext.setUserSettings({
      vendor: 'maxcontact',
      connection: { maxcontact: { baseUrl: sim.url } },
    });
    const popup = await signIn(ext);
    const callId = await disposeWhileDown(sim, popup);

    await stopServiceWorker(ext);
    sim.clearFaults();
    // A panel opening wakes the worker; the outbox is read from IndexedDB and tried again.
    const again = await openPopup(ext);
    await expectDisposedOnce(sim, again, callId);
  });
});

test('a disposition pending at a browser restart on the same profile is sent exactly once', async () => {
  test.setTimeout(240_000);
  await withSimulator(async (sim) => {
    const profile = mkdtempSync(join(tmpdir(), 'switchboard-restart-'));
    try {
      let ext = await launchWithExtension({ userDataDir: profile });
      let callId: number;
      try {
        await ext.setUserSettings({
          vendor: 'maxcontact',
          connection: { maxcontact: { baseUrl: sim.url } },
        });
        const popup = await signIn(ext);
        callId = await disposeWhileDown(sim, popup);
      } finally {
        await ext.close();
      }
      sim.clearFaults();

      ext = await launchWithExtension({ userDataDir: profile });
      try {
        // Credentials live in memory only: the outbox waits, visibly, for the agent to sign in.
        const before = await openPopup(ext);
        await expect(before.getByText('1 disposition waiting to send')).toBeVisible();
        await expect(before.getByText(/Waiting for the connection to MaxContact/)).toBeVisible();
        expect(sim.requests.filter((r) => r.api === 'dispose' && r.status === 200)).toEqual([]);
        await before.close();
        const popup = await signIn(ext);
        await expectDisposedOnce(sim, popup, callId);
      } finally {
        await ext.close();
      }
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  });
});
