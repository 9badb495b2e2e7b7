/**
 * Right by default, end to end: with no policy, the agent's country comes from the browser's
 * language region (Chromium started in French: fr-FR), and a browser whose language names no
 * region makes the panel ask once. The steps go by element ids and messages, not by the panel's
 * words, which follow the browser's language; the dial box's reasons are checked in French.
 */
import type { Page } from '@playwright/test';
import type { PanelState } from '../../utils/messaging';
import { launchWithExtension, type ExtensionBrowser } from '../support/chromium';
import { AGENT, expect, test } from './fixtures';

/** PRACTICES.md: Debian's Chromium ignores --lang; this environment makes it French. */
const FRENCH = { LANGUAGE: 'fr', LANG: 'fr_FR.UTF-8' };
/** English with no region as the only preferred language (the UI itself stays en-US). */
const ENGLISH_WITHOUT_REGION = ['--accept-lang=en'];

interface ExtensionPageGlobal {
  chrome: {
    runtime: { sendMessage(message: unknown): Promise<{ ok: boolean; value?: unknown }> };
  };
}

/** A message to the background from an extension page, as the panel sends it. */
async function send(page: Page, message: unknown): Promise<{ ok: boolean; value?: unknown }> {
  return page.evaluate(
    (m) => (globalThis as unknown as ExtensionPageGlobal).chrome.runtime.sendMessage(m),
    message,
  );
}

async function popup(ext: ExtensionBrowser): Promise<Page> {
  const page = await ext.context.newPage();
  await page.goto(`chrome-extension://${ext.extensionId}/popup.html`);
  return page;
}

async function state(page: Page): Promise<PanelState> {
  const reply = await send(page, { type: 'panel/getState' });
  expect(reply.ok).toBe(true);
  return reply.value as PanelState;
}

test('a French browser with no policy dials 01 23 45 67 89 as +33123456789', async ({ sim }) => {
  const ext = await launchWithExtension({ env: FRENCH });
  try {
    const page = await popup(ext);
    // The region of fr-FR, not the US of old; nothing to ask.
    await expect.poll(async () => (await state(page)).defaultCountry).toBe('FR');
    await expect(page.locator('#sb-country-choice')).toHaveCount(0);
    // Signed in the way the form does it, whatever language the form speaks.
    const { username, password, phoneNumber } = AGENT;
    const signIn = await send(page, {
      type: 'panel/signIn',
      credentials: { username, password, phoneNumber },
      connection: { server: sim.url },
    });
    expect(signIn.ok).toBe(true);
    await expect.poll(async () => (await state(page)).connection.status).toBe('connected');

    const number = page.locator('#sb-dial-number');
    await number.fill('01 23 45 67 89');
    await number.press('Enter');
    const frame = await sim.waitForFrame((f) => f.command === 'dial');
    expect(frame).toMatchObject({ destination: '+33123456789' });

    // What is no number is refused in the panel, with the reason beside the field, in French.
    await number.fill('hello');
    await number.press('Enter');
    await expect(page.locator('#sb-dial-error')).toHaveText(
      'Ce n’est pas un numéro de téléphone : utilisez des chiffres, avec si vous le souhaitez des espaces ou + ( ) - .',
    );
    await expect(number).toHaveAttribute('aria-invalid', 'true');
    // The country named in French too (Intl in the interface's language).
    await number.fill('0123 456');
    await number.press('Enter');
    await expect(page.locator('#sb-dial-error')).toHaveText(
      'Ce numéro est trop court pour votre pays (France)',
    );
    expect(sim.received.filter((r) => r.frame.command === 'dial')).toHaveLength(1);
  } finally {
    await ext.close();
  }
});

test('an English browser without a region and no policy asks the agent for the country once', async () => {
  const ext = await launchWithExtension({ args: ENGLISH_WITHOUT_REGION });
  try {
    const first = await popup(ext);
    const choice = first.locator('#sb-country-choice');
    await expect(choice).toBeVisible();
    expect((await state(first)).defaultCountry).toBeUndefined();
    await choice.selectOption('FR');
    await first
      .locator('section[aria-labelledby="sb-country-title"] button[type="submit"]')
      .click();
    // Saved as the agent's setting: the prompt goes, and stays gone.
    await expect(choice).toHaveCount(0);
    expect((await state(first)).defaultCountry).toBe('FR');
    const settings = await send(first, { type: 'panel/getSettings' });
    expect(settings.value).toMatchObject({ settings: { clickToDial: { defaultCountry: 'FR' } } });
    await first.close();

    const again = await popup(ext);
    await expect.poll(async () => (await state(again)).defaultCountry).toBe('FR');
    await expect(again.locator('#sb-country-choice')).toHaveCount(0);
  } finally {
    await ext.close();
  }
});
