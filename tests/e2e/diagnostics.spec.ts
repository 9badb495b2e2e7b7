import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { stopServiceWorker } from '../support/service-worker';
import { expect, signIn, tabsAt, test } from './fixtures';

const NUMBER = '+33123456789';

/** The rows of one section of the diagnostics page. */
const rows = (page: Page, section: string) => page.locator(`#${section} tbody tr`);

/** Exports from the page and returns the downloaded file's text. */
async function exportFile(page: Page): Promise<{ name: string; text: string }> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON' }).click();
  const file = await download;
  const path = await file.path();
  return { name: file.suggestedFilename(), text: await readFile(path, 'utf8') };
}

test('the diagnostics page shows the connection and the pop, across a worker restart, and exports with numbers masked', async ({
  ext,
  sim,
  pages,
}) => {
  // About a minute alone, with a worker restart; over three under a shared machine's load.
  test.setTimeout(420_000);
  const crm = `${pages.url}/contacts`;
  await ext.setUserSettings({
    screenPop: {
      rules: [{ id: 'crm', trigger: 'ringing', direction: 'inbound', url: `${crm}?phone={e164}` }],
    },
  });
  const popup = await signIn(ext, sim);
  await expect(popup.getByRole('link', { name: 'Diagnostics' })).toHaveAttribute(
    'href',
    '/diagnostics.html',
  );
  sim.inboundCall({ from: NUMBER, name: 'Camille Dubois', queue: 'support' });
  await expect.poll(() => tabsAt(ext, crm).length).toBe(1);

  // The journal lives in storage.session: a stopped worker's successor still has it.
  await stopServiceWorker(ext);

  const page = await ext.context.newPage();
  await page.goto(`chrome-extension://${ext.extensionId}/diagnostics.html`);
  await expect(page.getByRole('heading', { name: 'Switchboard diagnostics' })).toBeVisible();
  const timeline = rows(page, 'sb-diag-connection');
  await expect(timeline.filter({ hasText: 'Sign-in started by the agent' })).toHaveCount(1);
  await expect(timeline.filter({ hasText: 'Switchboard started' })).toHaveCount(2);
  // Live: the restarted worker's reconnection shows up without a reload.
  await expect(timeline.first()).toContainText('Connected');
  const pop = rows(page, 'sb-diag-pops').filter({ hasText: 'Opened' });
  await expect(pop).toHaveCount(1);
  await expect(pop).toContainText(`${crm}?phone=%2B33123456789`);
  await expect(pop).toContainText(`Inbound call, ${NUMBER}`);
  await expect(
    rows(page, 'sb-diag-events').filter({ hasText: 'callUpsert' }).first(),
  ).toBeVisible();
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.map((v) => `${colorScheme} ${v.id}: ${v.nodes.length}`)).toEqual([]);
  }

  const masked = await exportFile(page);
  expect(masked.name).toMatch(/^switchboard-diagnostics-.*\.json$/);
  const report = JSON.parse(masked.text) as {
    phoneNumbers: string;
    timeline: { kind: string }[];
    pops: { outcome: string; url?: string; call?: { number: string } }[];
  };
  expect(report.phoneNumbers).toBe('masked');
  expect(report.timeline.map((t) => t.kind)).toEqual(
    expect.arrayContaining(['signIn', 'connected', 'started']),
  );
  const popped = report.pops.find((p) => p.outcome === 'popped');
  // The test server's address and port are long numbers too: masked the same way.
  expect(popped?.url).toMatch(/^http:\/\/[^/]+\/contacts\?phone=%2B331••••••89$/);
  expect(popped?.call?.number).toBe('+331••••••89');
  for (const digits of ['33123456789', '23456789', '3456789']) {
    expect(masked.text).not.toContain(digits);
  }

  await page.getByLabel('Include phone numbers').check();
  const included = await exportFile(page);
  expect(JSON.parse(included.text).phoneNumbers).toBe('included');
  expect(included.text).toContain(`${crm}?phone=%2B33123456789`);
});
