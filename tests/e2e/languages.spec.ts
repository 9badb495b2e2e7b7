/**
 * The interface in the agent's language (docs/architecture.md "Languages"), in Chromium:
 * - started in French (LANGUAGE=fr LANG=fr_FR.UTF-8, the chromium-l10n package), no policy: the
 *   panel is French, its clock French;
 * - the `ui.language` setting set to Arabic in an English browser: pages right to left, mirrored;
 * - every message as Chromium's own i18n gives it equals what the override computes from the same
 *   messages.json (utils/i18n/messages.ts), for the shipped files and for generated ones.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseMessagesFile } from '@wxt-dev/i18n/build';
import fc from 'fast-check';
import type { Page } from '@playwright/test';
import {
  getMessage,
  prepareMessages,
  type MessagesJson,
  type PreparedMessages,
} from '../../utils/i18n/messages';
import { EXTENSION_DIR, launchWithExtension } from '../support/chromium';
import { MESSAGE_PIECES } from '../support/message-pieces';
import { expect, openPopup, submitXivoSignIn, test } from './fixtures';

const FRENCH = { LANGUAGE: 'fr', LANG: 'fr_FR.UTF-8' };

interface I18nGlobal {
  chrome: {
    i18n: {
      getMessage(name: string, substitutions?: string[]): string;
      getUILanguage(): string;
    };
  };
}

/** Each message name, once without substitutions and once with as many as it takes. */
async function lookups(): Promise<[string, string[]][]> {
  const english = await parseMessagesFile(resolve('locales/en.yml'));
  return english
    .filter((m) => !m.key[0]!.startsWith('@@'))
    .flatMap((m): [string, string[]][] => {
      const name = m.key.join('_');
      const subs = Array.from({ length: Math.max(1, m.substitutions) }, (_, i) => `S${i + 1}$$`);
      return [
        [name, []],
        [name, subs],
      ];
    });
}

/** What Chromium's `i18n.getMessage` answers, asked from an extension page. */
function chromeAnswers(page: Page, asks: [string, string[]][]): Promise<string[]> {
  return page.evaluate(
    (list) =>
      list.map(([name, subs]) =>
        (globalThis as unknown as I18nGlobal).chrome.i18n.getMessage(name, subs),
      ),
    asks,
  );
}

function builtMessages(language: string): PreparedMessages {
  const path = join(EXTENSION_DIR, '_locales', language, 'messages.json');
  return prepareMessages(JSON.parse(readFileSync(path, 'utf8')) as MessagesJson);
}

/** Chromium's answers for the extension's own messages equal the override's, in `language`. */
async function expectSameMessages(page: Page, language: string): Promise<void> {
  const asks = await lookups();
  const prepared = builtMessages(language);
  const ours = asks.map(([name, subs]) => getMessage(prepared, name, subs));
  expect(await chromeAnswers(page, asks)).toEqual(ours);
}

test('a browser in French shows the panel in French, with a French clock', async ({ sim }) => {
  const ext = await launchWithExtension({ env: FRENCH });
  try {
    const popup = await openPopup(ext);
    const html = popup.locator('html');
    await expect(html).toHaveAttribute('lang', /^fr/);
    await expect(html).toHaveAttribute('dir', 'ltr');
    expect(
      await popup.evaluate(() => (globalThis as unknown as I18nGlobal).chrome.i18n.getUILanguage()),
    ).toMatch(/^fr/);
    await expect(popup.getByRole('button', { name: 'Ouvrir le panneau latéral' })).toBeVisible();
    // The sign-in form speaks French; the vendor's field labels come from its folder.
    await submitXivoSignIn(popup, sim, 'Se connecter');
    await expect(popup.getByText('Connecté', { exact: true })).toBeVisible();
    await expect(popup.getByRole('button', { name: 'Se déconnecter' })).toBeVisible();
    await expect(popup.getByRole('group', { name: 'Changer de disponibilité' })).toBeVisible();
    await expect(
      popup.getByRole('region', { name: 'Disponibilité' }).getByRole('status'),
    ).toHaveText('Prêt');
    // Intl in French: a 24-hour clock, whatever the machine's own locale.
    await popup.getByRole('button', { name: 'Détails de la connexion' }).click();
    await expect(popup.locator('#sb-connection-details')).toContainText(
      /Dernier événement\s*\d\d:\d\d:\d\d$/,
    );
    await expectSameMessages(popup, 'fr');
  } finally {
    await ext.close();
  }
});

test('ui.language set to Arabic turns the pages right to left, mirrored', async ({ ext }) => {
  const english = await openPopup(ext);
  await expect(english.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(english.getByRole('button', { name: 'Open side panel' })).toBeVisible();
  await expectSameMessages(english, 'en');
  await english.close();

  await ext.setUserSettings({ ui: { language: 'ar' } });
  const popup = await openPopup(ext);
  const html = popup.locator('html');
  await expect(html).toHaveAttribute('dir', 'rtl');
  await expect(html).toHaveAttribute('lang', 'ar');
  await expect(popup.getByRole('button', { name: 'فتح اللوحة الجانبية' })).toBeVisible();
  // Mirrored: the header starts on the right, the brand right of the vendor's name.
  const brand = await popup.locator('.sb-brand').boundingBox();
  const vendor = await popup.locator('.sb-vendor').boundingBox();
  expect(brand!.x).toBeGreaterThan(vendor!.x);

  const options = await ext.context.newPage();
  await options.goto(`chrome-extension://${ext.extensionId}/options.html`);
  await expect(options.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(options.getByRole('heading', { name: 'إعدادات Switchboard' })).toBeVisible();
  await expect(options).toHaveTitle('إعدادات Switchboard');
  // The language menu names each language in its own words.
  await expect(options.getByLabel('اللغة')).toHaveValue('ar');
  await expect(options.getByRole('option', { name: 'Français' })).toBeAttached();

  // Back to the browser's language, live: the open popup follows.
  await ext.setUserSettings({ ui: { language: 'browser' } });
  await expect(html).toHaveAttribute('dir', 'ltr');
  await expect(popup.getByRole('button', { name: 'Open side panel' })).toBeVisible();
});

/**
 * Generated messages.json files in a bare extension: what Chromium's getMessage answers for each
 * message equals what utils/i18n/messages.ts computes (placeholders in any case, `$` anywhere,
 * substitutions present or missing). Only files the resolver accepts are generated: Chromium
 * refusing one would mean the resolver accepts what the browser does not.
 */
test('Chromium reads generated messages exactly as the resolver does', async () => {
  const seed = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 0x7fffffff));
  const piece = fc.constantFrom(...MESSAGE_PIECES);
  const text = fc.array(piece, { maxLength: 10 }).map((parts) => parts.join(''));
  const holder = fc.constantFrom('$who$', '$WHO$', '$Count$', '');
  const message = fc.record({
    message: fc.tuple(text, holder, fc.constantFrom(' ', 'x'), holder, text).map((p) => p.join('')),
    placeholders: fc.constant({ who: { content: '$1' }, count: { content: 'n=$2' } }),
  });
  const json: MessagesJson = {};
  for (const [i, entry] of fc.sample(message, { seed, numRuns: 300 }).entries()) {
    const candidate = { [`m${i}`]: entry };
    try {
      prepareMessages(candidate);
    } catch {
      continue;
    }
    Object.assign(json, candidate);
  }
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-i18n-'));
  mkdirSync(join(dir, '_locales', 'en'), { recursive: true });
  writeFileSync(join(dir, '_locales', 'en', 'messages.json'), JSON.stringify(json));
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: 'i18n probe',
      version: '1.0',
      default_locale: 'en',
      background: { service_worker: 'worker.js' },
    }),
  );
  writeFileSync(join(dir, 'worker.js'), '');
  const browser = await launchWithExtension({ extensionDir: dir });
  try {
    const worker = await browser.serviceWorker();
    const asks = Object.keys(json).flatMap((name): [string, string[]][] => [
      [name, []],
      [name, ['A']],
      [name, ['A', '$$', 'C']],
    ]);
    const chrome = await worker.evaluate(
      (list) =>
        list.map(([name, subs]) =>
          (globalThis as unknown as I18nGlobal).chrome.i18n.getMessage(name, subs),
        ),
      asks,
    );
    const prepared = prepareMessages(json);
    const ours = asks.map(([name, subs]) => getMessage(prepared, name, subs));
    const differ = asks
      .map((ask, i) => ({ ask, message: json[ask[0]]!.message, chrome: chrome[i], ours: ours[i] }))
      .filter((d) => d.chrome !== d.ours);
    expect(differ, `seed ${seed}`).toEqual([]);
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
