/**
 * The two ways text is looked up (utils/i18n/runtime.ts) give the same text: the browser's i18n
 * in a browser of language L, and the `ui.language` override L loading L's messages.json. Every
 * key of every language, with substitutions, counts and named values. Then what the override
 * does around that: direction, locale, late loads, failures.
 */
import type { ParsedMessage } from '@wxt-dev/i18n/build';
import { parseMessagesFile } from '@wxt-dev/i18n/build';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { formattingLocale, LANGUAGES, type Language } from '../../../utils/i18n/languages';
import { getMessage, type MessagesJson } from '../../../utils/i18n/messages';
import {
  activeUiLanguage,
  direction,
  isUiLanguageActive,
  locale,
  onUiLanguageChange,
  setUiLanguage,
  t,
  textLanguage,
} from '../../../utils/i18n/runtime';
import { LOCALES_DIR, messagesJson, preparedMessages } from '../../support/locales';

const lookup = t as (key: string, ...args: unknown[]) => string;

/** Arguments that exercise a message: each count form, each `$n`, each `{name}`. */
function argumentSets(message: ParsedMessage): unknown[][] {
  const subs = Array.from({ length: message.substitutions }, (_, i) => `S${i + 1}`);
  const named = Object.fromEntries(message.namedSubstitutions.map((n) => [n, `<${n}>`]));
  const withNamed = message.namedSubstitutions.length ? [named] : [];
  if (message.type === 'plural')
    return [0, 1, 2, 7].map((n) => [
      n,
      ...(subs.length ? [[String(n), ...subs.slice(1)]] : []),
      ...withNamed,
    ]);
  return [[...(subs.length ? [subs] : []), ...withNamed]];
}

/** A browser in `language`: its i18n answers from that language's messages. */
async function browserIn(language: Language): Promise<void> {
  const messages = await preparedMessages(language);
  fakeBrowser.i18n.getMessage = ((name: string, subs?: string | string[]) =>
    getMessage(messages, name, subs === undefined ? [] : [subs].flat())) as never;
  fakeBrowser.i18n.getUILanguage = () => language.replace('_', '-');
}

/** The extension's files as fetch serves them: each language's messages.json. */
function serveLocales(files: Partial<Record<Language, MessagesJson>>) {
  const fetched: string[] = [];
  vi.stubGlobal('fetch', async (url: string) => {
    fetched.push(url);
    const language = /\/_locales\/([^/]+)\/messages\.json$/.exec(url)?.[1] as Language;
    const json = files[language];
    return json
      ? new Response(JSON.stringify(json), { status: 200 })
      : new Response('not found', { status: 404 });
  });
  return fetched;
}

afterEach(() => {
  vi.unstubAllGlobals();
  // tests/setup.ts stubs these two for every test: put them back.
  vi.stubGlobal('chrome', fakeBrowser);
  vi.stubGlobal('browser', fakeBrowser);
});

describe('the two ways of looking text up', () => {
  it.each(LANGUAGES)('give the same %s text for every key', async (language) => {
    const english = (await parseMessagesFile(join(LOCALES_DIR, 'en.yml'))).filter(
      (m) => !m.key[0]!.startsWith('@@'),
    );
    const cases = english.flatMap((m) =>
      argumentSets(m).map((args) => ({ key: m.key.join('.'), args })),
    );
    await browserIn(language);
    const fromBrowser = cases.map(({ key, args }) => lookup(key, ...args));
    serveLocales({ [language]: await messagesJson(language) });
    // A browser in English, the setting saying `language`.
    await browserIn('en');
    await setUiLanguage(language);
    expect(activeUiLanguage()).toBe(language);
    const fromOverride = cases.map(({ key, args }) => lookup(key, ...args));
    expect(fromOverride).toEqual(fromBrowser);
    // And they are that language's words, not English's (meta.language says which file).
    expect(lookup('meta.language')).toBe(language);
    expect(fromOverride.every((text) => text !== '')).toBe(true);
  });
});

describe('the ui.language override', () => {
  it('writes Arabic right to left, in an Arabic locale', async () => {
    serveLocales({ ar: await messagesJson('ar') });
    expect(direction()).toBe('ltr');
    await setUiLanguage('ar');
    expect(textLanguage()).toBe('ar');
    expect(direction()).toBe('rtl');
    expect(locale()).toBe('ar');
  });

  it('follows the browser for `browser`, English when the browser’s language is not ours', async () => {
    await browserIn('fr');
    expect(textLanguage()).toBe('fr');
    expect(lookup('callControls.hangup')).toBe('Raccrocher');
    // A Japanese browser gets the default locale's file, English.
    fakeBrowser.i18n.getUILanguage = () => 'ja';
    await browserIn('en');
    fakeBrowser.i18n.getUILanguage = () => 'ja';
    expect(textLanguage()).toBe('en');
    expect(locale()).toBe('en');
  });

  it('keeps the browser’s region when it speaks the same language', () => {
    expect(formattingLocale('fr', 'fr-CA')).toBe('fr-CA');
    expect(formattingLocale('en', 'en-GB')).toBe('en-GB');
    expect(formattingLocale('de', 'en-US')).toBe('de');
    expect(formattingLocale('pt_BR', 'pt-PT')).toBe('pt-BR');
    expect(formattingLocale('pt_BR', 'pt-BR')).toBe('pt-BR');
    expect(formattingLocale('ar', undefined)).toBe('ar');
  });

  it('loads a language once, and a late answer never replaces a later choice', async () => {
    const files = { fr: await messagesJson('fr'), de: await messagesJson('de') };
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const fetched: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      fetched.push(url);
      if (url.includes('/fr/')) await held;
      const language = url.includes('/fr/') ? 'fr' : 'de';
      return new Response(JSON.stringify(files[language]), { status: 200 });
    });
    const changes: string[] = [];
    const stop = onUiLanguageChange(() => changes.push(activeUiLanguage()));
    const french = setUiLanguage('fr');
    await setUiLanguage('de');
    release();
    await french;
    expect(activeUiLanguage()).toBe('de');
    expect(lookup('callControls.hangup')).toBe('Auflegen');
    await setUiLanguage('fr');
    await setUiLanguage('de');
    expect(fetched.filter((u) => u.includes('/fr/'))).toHaveLength(1);
    expect(changes).toEqual(['de', 'fr', 'de']);
    expect(isUiLanguageActive('de')).toBe(true);
    expect(isUiLanguageActive(undefined)).toBe(false);
    stop();
  });

  it('shows the browser’s language when a language cannot be loaded, and does not ask again', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const fetched = serveLocales({});
    await setUiLanguage('it');
    expect(activeUiLanguage()).toBe('it');
    expect(lookup('callControls.hangup')).toBe('Hang up');
    await setUiLanguage('browser');
    await setUiLanguage('it');
    expect(fetched).toHaveLength(1);
  });
});
