/**
 * The panel's own window (utils/background/pop-out.ts) in Chromium: Pop out opens one popup
 * window with the side panel's page, a second click opens no other, and after the agent moved
 * it, resized it and closed it, the next Pop out opens it where it was, at the size it had.
 *
 * Playwright sizes every new window to its viewport, and shows pages a screen of that size;
 * here it does neither (`viewport: null`), so that windows keep the size the extension gave
 * them, and headless Chromium gets a screen larger than its default 800×600.
 */
import type { Worker } from '@playwright/test';
import { POP_OUT_SIZE } from '../../utils/background/pop-out';
import { launchWithExtension, type ExtensionBrowser } from '../support/chromium';
import { expect, openSidePanel, test as base } from './fixtures';

const test = base.extend<{ ext: ExtensionBrowser }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright's fixture signature needs the pattern
  ext: async ({}, use) => {
    const ext = await launchWithExtension({ args: ['--screen-info={1600x1000}'], viewport: null });
    try {
      await use(ext);
    } finally {
      await ext.close();
    }
  },
});

interface WindowSeen {
  id: number;
  type: string;
  left: number;
  top: number;
  width: number;
  height: number;
  urls: string[];
}

/** The browser's windows with the pages they show, as the extension sees them. */
function windows(worker: Worker): Promise<WindowSeen[]> {
  return worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as {
      chrome: {
        windows: {
          getAll(q: object): Promise<(Omit<WindowSeen, 'urls'> & { tabs: { url: string }[] })[]>;
        };
      };
    };
    const all = await chrome.windows.getAll({ populate: true });
    return all.map(({ tabs, ...w }) => ({ ...w, urls: tabs.map((t) => t.url) }));
  });
}

const popOuts = async (worker: Worker) =>
  (await windows(worker)).filter((w) => w.urls.some((u) => u?.includes('sidepanel.html?popout=1')));

test('Pop out opens one window, and opens it again where the agent left it', async ({ ext }) => {
  const panel = await openSidePanel(ext);
  const worker = await ext.serviceWorker();
  const popOut = panel.getByRole('button', { name: 'Pop out' });

  await popOut.click();
  await expect.poll(async () => (await popOuts(worker)).length).toBe(1);
  const [first] = await popOuts(worker);
  expect(first!.type).toBe('popup');
  // Its first size, in the screen's top right corner.
  expect(first).toMatchObject({ width: POP_OUT_SIZE.width, height: POP_OUT_SIZE.height });
  expect(first!.left).toBeGreaterThan(800);
  // The popped-out page offers no second Pop out.
  const page = ext.context.pages().find((p) => p.url().includes('popout=1'))!;
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Pop out' })).toHaveCount(0);

  // A second click brings that window to the front; a message after it answers once it is done.
  await popOut.click();
  const reply = await panel.evaluate(() =>
    (
      globalThis as unknown as { chrome: { runtime: { sendMessage(m: object): Promise<object> } } }
    ).chrome.runtime.sendMessage({
      type: 'panel/popOut',
      screen: { left: 0, top: 0, width: 1600, height: 1000 },
    }),
  );
  expect(reply).toEqual({ ok: true });
  expect(await popOuts(worker)).toHaveLength(1);

  // The agent moves and resizes it, then closes it.
  const placed = { left: 140, top: 90, width: 430, height: 620 };
  await worker.evaluate(
    ([id, bounds]) =>
      (
        globalThis as unknown as {
          chrome: { windows: { update(i: number, b: object): Promise<void> } };
        }
      ).chrome.windows.update(id, bounds),
    [first!.id, placed] as const,
  );
  await expect.poll(async () => (await popOuts(worker))[0]).toMatchObject(placed);
  // Saved on the move: read back from the extension's IndexedDB.
  await expect
    .poll(() =>
      panel.evaluate(
        () =>
          new Promise((resolve, reject) => {
            const open = indexedDB.open('switchboard-windows');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const get = open.result.transaction('bounds').objectStore('bounds').get('popOut');
              get.onsuccess = () => resolve(get.result);
            };
          }),
      ),
    )
    .toMatchObject(placed);
  await worker.evaluate(
    (id) =>
      (
        globalThis as unknown as { chrome: { windows: { remove(i: number): Promise<void> } } }
      ).chrome.windows.remove(id),
    first!.id,
  );
  await expect.poll(async () => (await popOuts(worker)).length).toBe(0);

  await popOut.click();
  await expect.poll(async () => (await popOuts(worker)).length).toBe(1);
  const [again] = await popOuts(worker);
  expect(again!.id).not.toBe(first!.id);
  expect(again).toMatchObject(placed);
});
