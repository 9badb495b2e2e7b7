/**
 * Where every user-facing text comes from: `t(key, …)` with the keys of `locales/en.yml`, typed
 * by @wxt-dev/i18n. The `ui.language` setting decides the language:
 *
 * - `browser` (the default): the browser's own i18n (`browser.i18n.getMessage` through
 *   @wxt-dev/i18n's `i18n.t`), which follows the browser's language and falls back to English;
 * - a language: its `_locales/<lang>/messages.json`, fetched from the extension once
 *   (`setUiLanguage`), read with the browser's own rules (messages.ts).
 *
 * Every context that shows text (panels, options page, background) calls `setUiLanguage` with the
 * setting before it renders and again when the setting changes; `onUiLanguageChange` tells it the
 * new language is in place.
 */
import { createI18n } from '@wxt-dev/i18n';
import { browser } from 'wxt/browser';
// Types only: `#i18n` is made by `wxt prepare`, which imports the entry points (and so this
// module) before it writes it, on a fresh clone as on every install.
import type { GeneratedI18nStructure } from '#i18n';
import {
  formattingLocale,
  isLanguage,
  isRightToLeft,
  type Language,
  type UiLanguage,
} from './languages';
import { getMessage, prepareMessages, translate, type PreparedMessages } from './messages';

/** A language loaded from its messages.json, in place of the browser's. */
interface Loaded {
  language: Language;
  messages: PreparedMessages;
}

const i18n = createI18n<GeneratedI18nStructure>();

let active: { setting: UiLanguage; loaded?: Loaded } = { setting: 'browser' };
/** The setting asked for last: a slower load of an earlier choice does not replace it. */
let wanted: UiLanguage = 'browser';
const loads = new Map<Language, Promise<Loaded | undefined>>();
const listeners = new Set<() => void>();

/** The text of `key` in the current language (same arguments as @wxt-dev/i18n's `i18n.t`). */
export const t: typeof i18n.t = ((key: string, ...args: unknown[]) => {
  const loaded = active.loaded;
  if (!loaded) return (i18n.t as (key: string, ...args: unknown[]) => string)(key, ...args);
  return translate((name, subs) => getMessage(loaded.messages, name, subs), key, args);
}) as typeof i18n.t;

/** The setting whose language is in place now. */
export const activeUiLanguage = (): UiLanguage => active.setting;

/**
 * The language the text is in: the chosen one, or the one the browser picked among ours
 * (`meta.language` holds each file's own code; English when the browser's is not ours).
 */
export function textLanguage(): Language {
  if (active.loaded) return active.loaded.language;
  const code = t('meta.language');
  return isLanguage(code) ? code : 'en';
}

function browserLocale(): string | undefined {
  try {
    return browser.i18n.getUILanguage();
  } catch {
    return globalThis.navigator?.language;
  }
}

/** The BCP 47 locale dates, times and numbers are formatted in (utils/i18n/format.ts). */
export const locale = (): string => formattingLocale(textLanguage(), browserLocale());

export const direction = (): 'ltr' | 'rtl' => (isRightToLeft(textLanguage()) ? 'rtl' : 'ltr');

/** Already in place: nothing to wait for before rendering in `setting`. */
export const isUiLanguageActive = (setting: UiLanguage | undefined): boolean =>
  active.setting === (setting ?? 'browser');

async function fetchLanguage(language: Language): Promise<Loaded | undefined> {
  try {
    const url = browser.runtime.getURL(`/_locales/${language}/messages.json` as '/');
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return { language, messages: prepareMessages(await response.json()) };
  } catch (error) {
    // The browser's language is still there: the agent reads the interface, in another language.
    // It is not tried again: a file missing from the extension does not appear later.
    console.warn(`[i18n] Could not load the ${language} messages`, error);
    return undefined;
  }
}

/**
 * Puts `setting`'s language in place (loading its messages the first time) and tells the
 * listeners. Never rejects: a language that cannot be loaded shows the browser's.
 */
export async function setUiLanguage(setting: UiLanguage | undefined): Promise<void> {
  const next = setting ?? 'browser';
  wanted = next;
  if (active.setting === next) return;
  let loaded: Loaded | undefined;
  if (next !== 'browser') {
    let load = loads.get(next);
    if (!load) loads.set(next, (load = fetchLanguage(next)));
    loaded = await load;
  }
  if (wanted !== next || active.setting === next) return;
  // Without its messages (they could not be loaded) the setting shows the browser's language.
  active = { setting: next, loaded };
  for (const listener of listeners) listener();
}

/** Called after each change of language; returns the unsubscribe. */
export function onUiLanguageChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Tests and previews: put a language's messages in place without fetching them (the unit tests'
 * messages come from locales/*.yml).
 */
export function setMessages(language: Language, messages: PreparedMessages): void {
  wanted = language;
  active = { setting: language, loaded: { language, messages } };
  for (const listener of listeners) listener();
}

/** Back to the browser's language (tests). */
export function resetUiLanguage(): void {
  wanted = 'browser';
  active = { setting: 'browser' };
  loads.clear();
  for (const listener of listeners) listener();
}
