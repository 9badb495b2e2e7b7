/**
 * What the scanner marks and what it leaves alone, in Chromium with the built extension:
 * opted-out parts, sip: links, phone fields and a table rendered in a burst of small batches.
 * Marks are read from the page's highlight registry, which the content script shares with the
 * page; only ranges near the viewport are in it (highlight.ts).
 */
import type { Page } from '@playwright/test';
import type { ExtensionBrowser } from '../support/chromium';
import { expect, signIn, test } from './fixtures';

const HIGHLIGHT = 'switchboard-phone';

async function openScanningPage(ext: ExtensionBrowser, url: string): Promise<Page> {
  const page = await ext.context.newPage();
  await page.goto(`${url}/scanning.html`);
  // The first mark shows that the content script has started and scanned the page.
  await expect.poll(() => highlighted(page)).toContain('+33 1 23 45 67 89');
  return page;
}

/** The text of every range in our highlight, in the page's main world. */
function highlighted(page: Page): Promise<string[]> {
  return page.evaluate(
    (name) => [...(CSS.highlights.get(name) ?? [])].map((range) => range.toString()),
    HIGHLIGHT,
  );
}

test('parts of a page marked data-switchboard-off are left alone, now or later', async ({
  ext,
  pages,
}) => {
  const page = await openScanningPage(ext, pages.url);
  // The scan goes on in idle moments after the first mark: wait for the others.
  await expect.poll(() => highlighted(page)).toContain('+44 20 7946 0958');
  const marked = await highlighted(page);
  // Its text, its link and the shadow root of an element inside it.
  for (const hidden of ['+33 1 23 45 67 80', 'Private line', '+33 1 23 45 67 83']) {
    expect(marked).not.toContain(hidden);
  }

  await page.evaluate(() =>
    document.getElementById('public')!.setAttribute('data-switchboard-off', ''),
  );
  await expect.poll(() => highlighted(page)).not.toContain('+44 20 7946 0958');
  await page.evaluate(() =>
    document.getElementById('public')!.removeAttribute('data-switchboard-off'),
  );
  await expect.poll(() => highlighted(page)).toContain('+44 20 7946 0958');

  // On <body> it turns click-to-dial off for the whole page.
  await page.evaluate(() => document.body.setAttribute('data-switchboard-off', ''));
  await expect.poll(() => page.evaluate((name) => CSS.highlights.has(name), HIGHLIGHT)).toBe(false);
});

test('sip: links with a number and phone fields dial through the call button', async ({
  ext,
  sim,
  pages,
}) => {
  await signIn(ext, sim);
  const page = await openScanningPage(ext, pages.url);
  // The scan goes on in idle moments after the first mark: wait for the link's.
  await expect.poll(() => highlighted(page)).toContain('PBX desk');
  expect(await highlighted(page)).not.toContain('Alice');

  const button = page.locator('switchboard-call-button');
  await page.hover('#sip-number');
  await expect(button).toBeVisible();
  await button.click();
  await sim.waitForFrame((f) => f.command === 'dial' && f.destination === '+14155550100');
  await expect(button).toBeHidden();

  // A field is read, never written: its value and attributes stay as the page set them.
  const field = page.locator('#tel-input');
  const state = () =>
    field.evaluate((input: HTMLInputElement) => [
      input.value,
      ...input.getAttributeNames().map((name) => `${name}=${input.getAttribute(name)}`),
    ]);
  const before = await state();
  await page.hover('#tel-input');
  await expect(button).toBeVisible();
  expect(await state()).toEqual(before);
  await button.click();
  await sim.waitForFrame((f) => f.command === 'dial' && f.destination === '+4930901820');
  await expect(button).toBeHidden();
});

test('a phone field the agent edits is read again, and its button is keyboard reachable', async ({
  ext,
  sim,
  pages,
}) => {
  await signIn(ext, sim);
  const page = await openScanningPage(ext, pages.url);
  await page.fill('#tel-input', '+33 1 23 45 67 84');
  // Typing unmarked the field; once it loses focus its new value is read and marked again.
  await page.locator('#before-input').focus();
  const button = page.locator('switchboard-call-button');
  await page.hover('#tel-input');
  await expect(button).toBeVisible();
  await page.mouse.move(0, 0);
  await expect(button).toBeHidden();

  // Keyboard focus on the field shows its button, and Tab reaches it.
  await page.keyboard.press('Tab');
  await expect(button).toBeVisible();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  const dial = await sim.waitForFrame((f) => f.command === 'dial');
  expect(dial).toMatchObject({ command: 'dial', destination: '+33123456784' });
});

interface RowsPage {
  renderRows(total: number, batch: number): Promise<number>;
}

test('a table rendered in a burst of batches is marked in full, each number once', async ({
  ext,
  pages,
}) => {
  const page = await openScanningPage(ext, pages.url);
  // 500 rows a frame: past the burst limit within a few frames, so the scheduler drops its
  // queue and rescans the page once the rendering stops.
  const rows = 10_000;
  const rendered = await page.evaluate(
    (total) => (window as unknown as RowsPage).renderRows(total, 500),
    rows,
  );
  expect(rendered).toBe(rows);

  for (const index of [0, 4_321, rows - 1]) {
    await page.locator(`#row-${index}`).scrollIntoViewIfNeeded();
    const number = `+1 415 555 ${String(index).padStart(4, '0')}`;
    await expect.poll(() => highlighted(page)).toContain(number);
    // Painted once: the rescan kept the marks it found instead of adding them again.
    const painted = await highlighted(page);
    expect(painted.filter((text) => text === number)).toHaveLength(1);
    expect(new Set(painted).size).toBe(painted.length);
  }

  await page.hover(`#row-${rows - 1}`);
  await expect(page.locator('switchboard-call-button')).toBeVisible();
});
