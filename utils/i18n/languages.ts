/**
 * The languages Switchboard's interface is translated into: one `locales/<code>.yml` each, built
 * into `_locales/<code>/messages.json` (docs/architecture.md "Languages"). Codes are the
 * browser's `_locales` folder names; `intlTag` turns them into BCP 47 tags for `Intl`.
 */

export const LANGUAGES = ['en', 'fr', 'es', 'de', 'nl', 'pt_BR', 'it', 'ar'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The `ui.language` setting: one of the languages, or whatever the browser's language gives. */
export const UI_LANGUAGES = ['browser', ...LANGUAGES] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

/** The languages written right to left: their pages get `dir="rtl"` and a mirrored layout. */
const RIGHT_TO_LEFT: ReadonlySet<Language> = new Set(['ar']);

/**
 * Each language in its own words, as a language menu shows them (an agent who cannot read the
 * current language still finds their own).
 */
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  fr: 'Français',
  es: 'Español',
  de: 'Deutsch',
  nl: 'Nederlands',
  pt_BR: 'Português (Brasil)',
  it: 'Italiano',
  ar: 'العربية',
};

export const isLanguage = (value: unknown): value is Language =>
  (LANGUAGES as readonly unknown[]).includes(value);

/** "pt_BR" → "pt-BR": the `_locales` name as a BCP 47 tag. */
export const intlTag = (language: Language): string => language.replace('_', '-');

export const isRightToLeft = (language: Language): boolean => RIGHT_TO_LEFT.has(language);

/**
 * The locale dates and numbers are formatted in: the browser's own locale when it speaks the
 * same language as the text (an fr-CA browser keeps its Canadian conventions in French), the
 * language's tag otherwise (a page in German from an English browser formats the German way).
 */
export function formattingLocale(language: Language, browserLocale: string | undefined): string {
  const tag = intlTag(language);
  const base = (locale: string) => locale.toLowerCase().split(/[-_]/)[0];
  if (!browserLocale || base(browserLocale) !== base(tag)) return tag;
  // pt-BR text in a pt-PT browser keeps Brazilian conventions: the region is part of the text.
  if (tag.includes('-') && browserLocale.replace('_', '-').toLowerCase() !== tag.toLowerCase())
    return tag;
  try {
    return Intl.getCanonicalLocales(browserLocale.replace('_', '-'))[0] ?? tag;
  } catch {
    return tag;
  }
}
