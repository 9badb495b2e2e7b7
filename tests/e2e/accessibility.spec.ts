/**
 * axe-core finds no violation in any state of the panel (issue 12's acceptance): signed out,
 * idle, ringing, connected, held, transfer form, keypad, wrap-up, history, and the diagnostics
 * page, in English, French and Arabic (right to left), each in the light and the dark scheme.
 * The side panel is checked in every state, the popup in the states an agent mostly sees it in.
 *
 * The language is the `ui.language` setting; the controls a state needs are found by their
 * words in that language, read from the built extension's messages.json.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { EXTENSION_DIR, type ExtensionBrowser } from '../support/chromium';
import { expect, openPopup, openSidePanel, signIn, test } from './fixtures';

const LANGUAGES = ['en', 'fr', 'ar'] as const;
type Language = (typeof LANGUAGES)[number];

/** The message `key` ("callControls.hold") of `language`, as the built extension has it. */
function words(language: Language, key: string): string {
  const file = join(EXTENSION_DIR, '_locales', language, 'messages.json');
  const messages = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { message: string }>;
  const message = messages[key.replaceAll('.', '_')]?.message;
  if (message === undefined) throw new Error(`No message ${key} in ${language}`);
  return message;
}

/**
 * The page's violations in both colour schemes, as "scheme rule: nodes (first target)": every
 * rule in the light scheme, and in the dark one the rule that colours alone can break. The other
 * rules read the document's roles, names and structure, which the scheme does not change (the
 * styles' dark block changes colours only): running them twice only made the test slower.
 */
async function violations(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const axe = new AxeBuilder({ page });
    if (colorScheme === 'dark') axe.withRules(['color-contrast']);
    const { violations: list } = await axe.analyze();
    for (const v of list) {
      found.push(`${colorScheme} ${v.id}: ${v.nodes.length} (${v.nodes[0]?.target.join(' ')})`);
    }
  }
  await page.emulateMedia({ colorScheme: null });
  return found;
}

/**
 * Checks every page in `pages` in the state `state`: a failure names the state and the page, and
 * the test goes on to the next state so that one run reports them all.
 */
async function check(state: string, pages: Record<string, Page>): Promise<void> {
  for (const [where, page] of Object.entries(pages)) {
    expect.soft(await violations(page), `${state}, ${where}`).toEqual([]);
  }
}

/** The pages' documents speak `language`, in its direction. */
async function inLanguage(language: Language, ...pages: Page[]): Promise<void> {
  for (const page of pages) {
    await expect(page.locator('html')).toHaveAttribute(
      'lang',
      language === 'ar' ? 'ar' : /^(en|fr)/,
    );
    await expect(page.locator('html')).toHaveAttribute('dir', language === 'ar' ? 'rtl' : 'ltr');
  }
}

async function setLanguage(ext: ExtensionBrowser, language: Language): Promise<void> {
  await ext.setUserSettings({ ui: { language } });
}

for (const language of LANGUAGES) {
  test(`no axe-core violation in any panel state, in ${language}`, async ({ ext, sim }) => {
    // About a minute alone: forty axe runs. Under a shared machine's load it took over five.
    test.setTimeout(600_000);
    await ext.setUserSettings({
      dispositions: { codes: [{ code: 'resolved', label: 'Resolved' }] },
    });

    // Signed out, in the language under test.
    await setLanguage(ext, language);
    const signedOut = await openPopup(ext);
    await expect(signedOut.locator('form button[type="submit"]')).toBeEnabled();
    await inLanguage(language, signedOut);
    await check('signed out', { popup: signedOut });
    await signedOut.close();

    // The shared sign-in helper speaks English; then the language under test again.
    await setLanguage(ext, 'en');
    const popup = await signIn(ext, sim);
    await setLanguage(ext, language);
    const panel = await openSidePanel(ext);
    await inLanguage(language, popup, panel);
    const connected = words(language, 'status.connected');
    await expect(panel.getByText(connected, { exact: true }).first()).toBeVisible();
    await check('idle', { popup, 'side panel': panel });

    const call = sim.inboundCall({
      from: '+33123456789',
      name: 'Camille Dubois',
      queue: 'support',
    });
    const answer = panel.getByRole('button', { name: words(language, 'callControls.answer') });
    await expect(answer).toBeVisible();
    await check('ringing', { popup, 'side panel': panel });

    call.answer();
    const hold = panel.getByRole('button', { name: words(language, 'callControls.hold') });
    await expect(hold).toBeVisible();
    await check('connected', { popup, 'side panel': panel });

    const transfer = panel.getByRole('button', {
      name: words(language, 'callControls.transfer'),
      exact: true,
    });
    await transfer.click();
    await expect(transfer).toHaveAttribute('aria-expanded', 'true');
    await check('transfer', { 'side panel': panel });
    await transfer.click();

    const keypad = panel.getByRole('button', { name: words(language, 'callControls.keypad') });
    await keypad.click();
    await expect(keypad).toHaveAttribute('aria-expanded', 'true');
    await check('keypad', { 'side panel': panel });
    await keypad.click();

    call.hold();
    await expect(
      panel.getByRole('button', { name: words(language, 'callControls.resume') }),
    ).toBeVisible();
    await check('held', { popup, 'side panel': panel });

    call.resume();
    await expect(hold).toBeVisible();
    call.hangup();
    await expect(panel.getByLabel(words(language, 'disposition.code'))).toBeVisible();
    await check('wrap-up', { popup, 'side panel': panel });

    const history = panel.getByRole('tab', { name: words(language, 'tabs.history') });
    await history.click();
    await expect(history).toHaveAttribute('aria-selected', 'true');
    await expect(panel.getByText('Camille Dubois').first()).toBeVisible();
    await check('history', { 'side panel': panel });

    const diagnostics = await ext.context.newPage();
    await diagnostics.goto(`chrome-extension://${ext.extensionId}/diagnostics.html`);
    await expect(diagnostics.locator('main h1')).toBeVisible();
    await check('diagnostics', { page: diagnostics });
    await inLanguage(language, diagnostics);
  });
}
