/**
 * The "Dial selected number" keyboard command (Alt+Shift+D) for real: the browser reports the
 * shortcut, the background asks the tab for its selection and dials it, or has the page confirm
 * and then the agent confirm again where no page reaches (the panel, the notification).
 *
 * Playwright's `keyboard.press` does not reach the browser's shortcut handling (it sends the key
 * as typed text to the page); a raw key-down through the DevTools protocol does, as a real key
 * press would. The context menu has no such way in: its items are tested with fakes and the
 * background app (utils/background/context-menu.test.ts).
 */
import type { Page } from '@playwright/test';
import { buttonNames, expect, signIn, test } from './fixtures';

const ALT = 1;
const SHIFT = 8;

/** Alt+Shift+D as the keyboard sends it, into the browser rather than the page. */
async function pressDialShortcut(page: Page): Promise<void> {
  await page.bringToFront();
  const cdp = await page.context().newCDPSession(page);
  try {
    for (const type of ['rawKeyDown', 'keyUp'] as const) {
      await cdp.send('Input.dispatchKeyEvent', {
        type,
        modifiers: ALT | SHIFT,
        key: 'D',
        code: 'KeyD',
        windowsVirtualKeyCode: 68,
        // Linux matches shortcuts on the native key code.
        nativeVirtualKeyCode: 68,
      });
    }
  } finally {
    await cdp.detach();
  }
}

test('the shortcut dials the selected number', async ({ ext, sim, pages }) => {
  await signIn(ext, sim);
  const page = await ext.context.newPage();
  await page.goto(`${pages.url}/crm.html`);
  await page.locator('#phone-fr').selectText();
  await pressDialShortcut(page);
  await expect(sim.waitForFrame((f) => f.command === 'dial')).resolves.toMatchObject({
    destination: '+33123456789',
  });
});

test('a foreign number waits for the agent’s yes in the panel, never on the page', async ({
  ext,
  sim,
  pages,
}) => {
  await ext.setUserSettings({ clickToDial: { confirmInternational: true, defaultCountry: 'US' } });
  const popup = await signIn(ext, sim);
  const page = await ext.context.newPage();
  await page.goto(`${pages.url}/crm.html`);
  await page.locator('#phone-gb').selectText();
  await pressDialShortcut(page);

  // The background asks where no page reaches (the notification, the panel), and dials on that
  // yes alone: the page shows no confirmation of its own.
  const confirm = popup.getByRole('button', { name: 'Call +44 20 7946 0958' });
  await expect(confirm).toBeVisible();
  expect(await buttonNames(page)).not.toContain('Confirm call to +44 20 7946 0958');
  expect(sim.received.filter((r) => r.frame.command === 'dial')).toEqual([]);
  await confirm.click();
  await expect(sim.waitForFrame((f) => f.command === 'dial')).resolves.toMatchObject({
    destination: '+442079460958',
  });
});

interface NotificationsGlobal {
  chrome: {
    notifications: {
      create(id: string, options: { message: string }, ...rest: unknown[]): unknown;
    };
  };
  shownMessages?: string[];
}

test('without a selection the agent is told to select a number', async ({ ext, sim, pages }) => {
  await signIn(ext, sim);
  // Notifications cannot be read back: note what the background asks the browser to show.
  const worker = await ext.serviceWorker();
  await worker.evaluate(() => {
    const scope = globalThis as unknown as NotificationsGlobal;
    const api = scope.chrome.notifications;
    const create = api.create.bind(api);
    scope.shownMessages = [];
    api.create = (id, options, ...rest) => {
      scope.shownMessages?.push(options.message);
      return create(id, options, ...rest);
    };
  });
  const page = await ext.context.newPage();
  await page.goto(`${pages.url}/crm.html`);
  await expect(page.locator('#phone-fr')).toBeVisible();
  await pressDialShortcut(page);
  await expect
    .poll(() =>
      worker.evaluate(() => (globalThis as unknown as NotificationsGlobal).shownMessages ?? []),
    )
    .toEqual(['Select a phone number on the page first']);
  // The background asked for it; the browser creates it a moment later.
  await expect.poll(() => ext.notificationIds()).toContain('switchboard-dial');
  expect(sim.received.filter((r) => r.frame.command === 'dial')).toEqual([]);
});
