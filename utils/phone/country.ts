/**
 * The agent's country as the browser's language preferences tell it: the region of a language
 * tag ("fr-FR" → FR, "es-MX" → MX), or, for a tag without one, the country of a language spoken
 * as a first language almost only there (`LANGUAGE_COUNTRIES`). Pure and light (numbering plans,
 * no libphonenumber): the background calls it with `navigator.languages`.
 */
import { callingCodeOf } from './plans';

/** An ISO 3166 alpha-2 code the numbering plans know ("FR"; not "ZZ", "EU" or "419"). */
export const isKnownCountry = (code: string): boolean => callingCodeOf(code) !== undefined;

/**
 * Languages whose speakers live overwhelmingly in one country, so that a tag without a region
 * ("it", "ja") still says where the agent dials from. Deliberately small: a language spoken in
 * several of our markets maps to none of them, and the agent is asked instead. English (US, GB,
 * IE, AU…), French (FR, BE, CH, CA), Spanish (ES and Latin America), Portuguese (BR, PT), German
 * (DE, AT, CH), Dutch (NL, BE), Arabic, Chinese and Russian are therefore absent.
 */
export const LANGUAGE_COUNTRIES: Readonly<Record<string, string>> = {
  bg: 'BG',
  cs: 'CZ',
  da: 'DK',
  et: 'EE',
  fi: 'FI',
  he: 'IL',
  hr: 'HR',
  hu: 'HU',
  is: 'IS',
  it: 'IT',
  ja: 'JP',
  ko: 'KR',
  lt: 'LT',
  lv: 'LV',
  nb: 'NO',
  nn: 'NO',
  pl: 'PL',
  sk: 'SK',
  sl: 'SI',
  th: 'TH',
  tr: 'TR',
  uk: 'UA',
  vi: 'VN',
};

/** BCP 47: a language, then optional script, region and variants ("sr-Latn-RS", "es-419"). */
const TAG = /^([a-z]{2,3})(?:-[a-z]{4})?(?:-([a-z]{2}|\d{3}))?(?:-[a-z\d]{5,8}|-\d[a-z\d]{3})*$/i;

/** The country one language tag names, or undefined ("en", "es-419", "fr-ZZ", "hello"). */
export function countryOfLocale(tag: string): string | undefined {
  // Some browsers and systems write "fr_FR".
  const match = TAG.exec(tag.trim().replace(/_/g, '-'));
  if (!match) return undefined;
  const [, language, region] = match as unknown as [string, string, string | undefined];
  if (region !== undefined) {
    const country = region.toUpperCase();
    return isKnownCountry(country) ? country : undefined;
  }
  return LANGUAGE_COUNTRIES[language.toLowerCase()];
}

/** The country of the first tag, most preferred first, that names one. */
export function countryOfLocales(tags: readonly string[]): string | undefined {
  for (const tag of tags) {
    const country = countryOfLocale(tag);
    if (country) return country;
  }
  return undefined;
}
