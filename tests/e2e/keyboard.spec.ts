/**
 * The panel with the keyboard alone (docs/keyboard.md): in every state, Tab reaches every
 * control, each shows a visible focus ring, and the agent answers, puts on hold, transfers and
 * closes a form without a mouse.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { EXTENSION_DIR } from '../support/chromium';
import { tabWalk } from '../support/keyboard-walk';
import { expect, openPopup, openSidePanel, signIn, test } from './fixtures';

/** Every control reached with Tab, each with its focus ring. */
async function everyControlByTab(page: Page, where: string): Promise<void> {
  const walk = await tabWalk(page);
  expect(walk.missed, `${where}: not reached with Tab`).toEqual([]);
  expect(walk.noRing, `${where}: no visible focus`).toEqual([]);
  expect(walk.reached.length, `${where}: controls reached`).toBeGreaterThan(2);
}

/** Presses Tab until the control named `name` has focus. */
async function tabTo(page: Page, name: string): Promise<void> {
  const target = page.getByRole('button', { name, exact: true });
  for (let i = 0; i < 80; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached "${name}"`);
}

test('Chromium assigns every suggested shortcut its key', async ({ ext }) => {
  const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
    commands: Record<string, { suggested_key?: { default: string } }>;
  };
  const suggested = Object.entries(manifest.commands)
    .filter(([, command]) => command.suggested_key)
    .map(([name, command]) => [name, command.suggested_key!.default]);
  expect(suggested.length).toBeGreaterThan(0);
  const page = await ext.context.newPage();
  await page.goto(`chrome-extension://${ext.extensionId}/options.html`);
  const assigned = await page.evaluate(() =>
    (
      globalThis as unknown as {
        chrome: { commands: { getAll(): Promise<{ name: string; shortcut: string }[]> } };
      }
    ).chrome.commands.getAll(),
  );
  const keys = new Map(assigned.map((command) => [command.name, command.shortcut]));
  for (const [name, key] of suggested) expect(keys.get(name!), name).toBe(key);
});

test('signed out, the sign-in form is reached and shown in focus with Tab', async ({ ext }) => {
  const popup = await openPopup(ext);
  // Enabled: the background's own state is in, not the provisional one ("Starting Switchboard…",
  // every control disabled until the policy is read).
  await expect(popup.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  await everyControlByTab(popup, 'sign-in');
});

test('signed in, every state and tab of the side panel works from the keyboard', async ({
  ext,
  sim,
}) => {
  test.setTimeout(240_000);
  const popup = await signIn(ext, sim);
  const panel = await openSidePanel(ext);
  await expect(panel.getByText('Connected', { exact: true })).toBeVisible();
  await everyControlByTab(panel, 'idle');

  // The agent tools' tabs: arrow keys move between them, each panel's controls by Tab.
  const tabs = panel.getByRole('tab');
  await tabs.first().focus();
  for (let i = 0; i < (await tabs.count()); i++) {
    const tab = tabs.nth(i);
    await expect(tab).toBeFocused();
    await expect(tab).toHaveAttribute('aria-selected', 'true');
    await everyControlByTab(panel, `tab ${await tab.textContent()}`);
    await tab.focus();
    await panel.keyboard.press('ArrowRight');
  }

  const call = sim.inboundCall({ from: '+33123456789', name: 'Camille Dubois', queue: 'support' });
  await expect(panel.getByRole('button', { name: 'Answer' })).toBeVisible();
  await everyControlByTab(panel, 'ringing');
  await tabTo(panel, 'Answer');
  await panel.keyboard.press('Enter');
  expect(await sim.waitForFrame((f) => f.command === 'answer')).toMatchObject({
    uniqueId: call.uniqueId,
  });
  await expect(panel.getByRole('button', { name: 'Hold' })).toBeVisible();
  await everyControlByTab(panel, 'connected');
  await everyControlByTab(popup, 'connected, in the popup');

  // A form opened with the keyboard, walked, and closed with Escape: focus goes back.
  const transfer = panel.getByRole('button', { name: 'Transfer', exact: true });
  await tabTo(panel, 'Transfer');
  await panel.keyboard.press('Space');
  await expect(transfer).toHaveAttribute('aria-expanded', 'true');
  await everyControlByTab(panel, 'transfer form');
  await panel.getByLabel('Transfer to').focus();
  await panel.keyboard.press('Escape');
  await expect(transfer).toHaveAttribute('aria-expanded', 'false');
  await expect(transfer).toBeFocused();

  await tabTo(panel, 'Hold');
  await panel.keyboard.press('Enter');
  await expect(panel.getByText('On hold', { exact: true })).toBeVisible();
  await everyControlByTab(panel, 'held');
});
