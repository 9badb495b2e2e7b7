/**
 * Playwright fixtures: a fresh XiVO simulator, a static server for test pages and a Chromium with
 * the built extension, all per test, all on port 0, all closed in `finally`.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { startXivoSimulator, type XivoSimulator } from '../simulators/xivo';
import { launchWithExtension, type ExtensionBrowser } from '../support/chromium';
import { startStaticServer, type StaticServer } from '../support/static-server';

export const AGENT = { username: 'alice', password: 'secret', phoneNumber: '1001' };

export const test = base.extend<{ sim: XivoSimulator; pages: StaticServer; ext: ExtensionBrowser }>(
  {
    // Playwright requires the first fixture argument to be destructured.
    // eslint-disable-next-line no-empty-pattern -- Playwright's fixture signature needs the pattern
    sim: async ({}, use) => {
      const sim = await startXivoSimulator();
      try {
        await use(sim);
      } finally {
        await sim.close();
      }
    },
    // eslint-disable-next-line no-empty-pattern -- Playwright's fixture signature needs the pattern
    pages: async ({}, use) => {
      const pages = await startStaticServer();
      try {
        await use(pages);
      } finally {
        await pages.close();
      }
    },
    // eslint-disable-next-line no-empty-pattern -- Playwright's fixture signature needs the pattern
    ext: async ({}, use) => {
      const ext = await launchWithExtension();
      try {
        await use(ext);
      } finally {
        await ext.close();
      }
    },
  },
);

export { expect };

export async function openPopup(ext: ExtensionBrowser): Promise<Page> {
  const page = await ext.context.newPage();
  await page.goto(`chrome-extension://${ext.extensionId}/popup.html`);
  return page;
}

/**
 * The side panel's page in a tab: the same panel as Chrome's side panel, with the agent tools'
 * tabs (Queues, Directory, Callbacks…) the popup has no room for.
 */
export async function openSidePanel(ext: ExtensionBrowser): Promise<Page> {
  const page = await ext.context.newPage();
  await page.goto(`chrome-extension://${ext.extensionId}/sidepanel.html`);
  return page;
}

/**
 * Open a page of the demo CRM (`crm.html` unless `path` says), hover a number and click its
 * trusted call button, as an agent would.
 * The default is the French number, +33 1 23 45 67 89.
 */
export async function clickToDial(
  ext: ExtensionBrowser,
  pages: StaticServer,
  selector = '#phone-fr',
  path = 'crm.html',
): Promise<Page> {
  const page = await ext.context.newPage();
  await page.goto(`${pages.url}/${path}`);
  await hoverUntilButton(page, selector);
  await page.locator('switchboard-call-button').click();
  return page;
}

/**
 * Hover the number at `selector` until its call button shows. The number is marked once the
 * content script has its config from the background, which takes a moment on a loaded machine:
 * until then a hover finds nothing, and an agent would move the mouse onto the number again.
 */
export async function hoverUntilButton(page: Page, selector: string): Promise<void> {
  const button = page.locator('switchboard-call-button');
  await expect(async () => {
    await page.mouse.move(0, 0);
    await page.hover(selector);
    await expect(button).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}

/** Sign in from the popup with these values, by field label, and wait until Connected. */
export async function signInWith(
  ext: ExtensionBrowser,
  values: Record<string, string>,
): Promise<Page> {
  const popup = await openPopup(ext);
  // The form appears once the background's first state arrives.
  await expect(popup.getByRole('button', { name: 'Sign in' })).toBeVisible();
  for (const [label, value] of Object.entries(values)) {
    await popup.getByLabel(label, { exact: true }).fill(value);
  }
  await popup.getByRole('button', { name: 'Sign in' }).click();
  await expect(popup.getByText('Connected', { exact: true })).toBeVisible();
  return popup;
}

/**
 * Fill the popup's sign-in form as the XiVO agent would, and send it. `submit`: the sign-in
 * button's words in the panel's language (the vendor's field labels are its own, in English).
 */
export async function submitXivoSignIn(
  popup: Page,
  sim: XivoSimulator,
  submit = 'Sign in',
): Promise<void> {
  // The form appears once the background's first state arrives.
  await expect(popup.getByLabel('Username')).toBeVisible();
  const server = popup.getByLabel('Server');
  if (await server.isVisible()) await server.fill(sim.url);
  await popup.getByLabel('Username').fill(AGENT.username);
  await popup.getByLabel('Password').fill(AGENT.password);
  await popup.getByLabel('Phone number').fill(AGENT.phoneNumber);
  await popup.getByRole('button', { name: submit }).click();
}

/** Sign in from the popup as the XiVO agent would, and wait until the panel says Connected. */
export async function signIn(ext: ExtensionBrowser, sim: XivoSimulator): Promise<Page> {
  const popup = await openPopup(ext);
  await submitXivoSignIn(popup, sim);
  await expect(popup.getByText('Connected', { exact: true })).toBeVisible();
  return popup;
}

/** Every tab whose URL starts with `prefix`. */
export function tabsAt(ext: ExtensionBrowser, prefix: string): Page[] {
  return ext.context.pages().filter((p) => p.url().startsWith(prefix));
}

/**
 * The accessible names of the buttons on the page. The call button's shadow root is closed, so
 * Playwright's locators cannot look inside it; the browser's accessibility tree can.
 */
export async function buttonNames(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    return nodes
      .filter((node) => node.role?.value === 'button')
      .map((node) => String(node.name?.value ?? ''));
  } finally {
    await cdp.detach();
  }
}
