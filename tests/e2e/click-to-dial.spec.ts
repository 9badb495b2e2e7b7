import type { ContentConfig } from '../../utils/settings/content-config';
import { STORAGE } from '../../utils/storage/registry';
import type { ExtensionBrowser } from '../support/chromium';
import { buttonNames, clickToDial, expect, signIn, test } from './fixtures';

const CONTENT_CONFIG_KEY = STORAGE.session.contentConfig.key;

test('hovering a number and clicking its call button dials it', async ({ ext, sim, pages }) => {
  await signIn(ext, sim);
  await clickToDial(ext, pages);
  const dial = await sim.waitForFrame((f) => f.command === 'dial');
  expect(dial).toMatchObject({ claz: 'web', command: 'dial', destination: '+33123456789' });
});

test('the call button is named after the number', async ({ ext, pages }) => {
  const page = await ext.context.newPage();
  await page.goto(`${pages.url}/crm.html`);
  // On a fresh profile the settings reach the page a moment after it loads: hover until marked.
  await expect(async () => {
    await page.mouse.move(0, 0);
    await page.hover('#phone-fr');
    await expect(page.locator('switchboard-call-button')).toBeVisible({ timeout: 1_000 });
  }).toPass();
  // Screen readers hear the number, grouped as the page writes it.
  await expect.poll(() => buttonNames(page)).toContain('Call +33 1 23 45 67 89');
});

interface ChromeStorage {
  storage: { session: { get(key: string): Promise<Record<string, unknown>> } };
}

/** Resolves once the background has published content-script settings that pass `check`. */
async function contentConfigPublished(
  ext: ExtensionBrowser,
  check: (config: ContentConfig) => boolean,
): Promise<void> {
  const worker = await ext.serviceWorker();
  const read = () =>
    worker.evaluate(async (key) => {
      // Runs inside the extension's service worker, where `chrome` is the extension API.
      const api = (globalThis as unknown as { chrome: ChromeStorage }).chrome;
      // The config last sent to the content scripts (background/content-config.ts).
      return (await api.storage.session.get(key))[key] as ContentConfig | undefined;
    }, CONTENT_CONFIG_KEY);
  await expect
    .poll(async () => {
      const config = await read();
      return config !== undefined && check(config);
    })
    .toBe(true);
}

for (const { kind, frame, number, destination } of [
  { kind: 'same-origin', frame: '#child', number: '#framed-number', destination: '+33123456789' },
  { kind: 'srcdoc', frame: '#srcdoc', number: '#srcdoc-number', destination: '+442079460958' },
]) {
  test(`a number inside a ${kind} frame gets the call button and dials`, async ({
    ext,
    sim,
    pages,
  }) => {
    await signIn(ext, sim);
    const page = await ext.context.newPage();
    await page.goto(`${pages.url}/frames.html`);
    const inFrame = page.frameLocator(frame);
    await inFrame.locator(number).hover();
    // The button belongs to the frame whose number it dials.
    const button = inFrame.locator('switchboard-call-button');
    await expect(button).toBeVisible();
    await expect(page.locator('switchboard-call-button')).toHaveCount(0);
    await button.click();
    const dial = await sim.waitForFrame((f) => f.command === 'dial');
    expect(dial).toMatchObject({ claz: 'web', command: 'dial', destination });
  });
}

test('with telLinks on, the agent’s click on a tel: link dials through Switchboard', async ({
  ext,
  sim,
  pages,
}) => {
  await ext.setUserSettings({ clickToDial: { telLinks: true, blockedPrefixes: ['+1900'] } });
  await signIn(ext, sim);
  await contentConfigPublished(ext, (config) => config.clickToDial.telLinks);
  const page = await ext.context.newPage();
  await page.goto(`${pages.url}/tel-links.html`);
  await page.click('#tel');
  const dial = await sim.waitForFrame((f) => f.command === 'dial');
  expect(dial).toMatchObject({ claz: 'web', command: 'dial', destination: '+33123456789' });
  // The page saw its link's default action (the computer's calling app) taken away.
  await expect(page.locator('#last-click')).toHaveText('tel prevented');

  // A number the organization blocks is none of our business: the browser keeps the click.
  await page.click('#blocked');
  await expect(page.locator('#last-click')).toHaveText('blocked default');
  await page.click('#callto');
  await expect(page.locator('#last-click')).toHaveText('callto prevented');
  await sim.waitForFrame((f) => f.command === 'dial' && f.destination === '+442079460958');
  const dialled = sim.received.filter((r) => r.frame.command === 'dial');
  expect(dialled.map((r) => r.frame.destination)).toEqual(['+33123456789', '+442079460958']);
});

test('with telLinks off, a tel: link click is left to the browser', async ({ ext, sim, pages }) => {
  await signIn(ext, sim);
  const page = await ext.context.newPage();
  await page.goto(`${pages.url}/tel-links.html`);
  await page.click('#tel');
  await expect(page.locator('#last-click')).toHaveText('tel default');
  // Then a dial through the call button of another page: had the link click dialled, its
  // request would have reached the simulator first.
  await clickToDial(ext, pages, '#phone-gb');
  await sim.waitForFrame((f) => f.command === 'dial');
  const dialled = sim.received.filter((r) => r.frame.command === 'dial');
  expect(dialled.map((r) => r.frame.destination)).toEqual(['+442079460958']);
});

test('a number with an extension is dialled, and the extension keyed in once answered', async ({
  ext,
  sim,
  pages,
}) => {
  await signIn(ext, sim);
  await clickToDial(ext, pages, '#with-extension', 'extension.html');
  await expect(sim.waitForFrame((f) => f.command === 'dial')).resolves.toMatchObject({
    destination: '+33123456789',
  });
  const keys = [
    await sim.waitForFrame((f) => f.command === 'sendDtmf'),
    await sim.waitForFrame((f) => f.command === 'sendDtmf'),
  ].map((f) => f.key);
  expect(keys).toEqual(['4', '5']);
});
