/**
 * Countries by name for the panel, in its language (Intl.DisplayNames): the agent's country
 * prompt lists them, the dial box names the country a number does not fit.
 */
import { getCountries } from 'libphonenumber-js/min';
import { panelLocale } from './locale';

const regionNames = (locale: string | undefined) =>
  new Intl.DisplayNames(locale ? [locale] : [], { type: 'region', fallback: 'code' });

/** "France" for "FR" in English, "Frankrijk" in Dutch; the code itself when Intl has no name. */
export function countryName(code: string, locale: string | undefined = panelLocale()): string {
  try {
    return regionNames(locale).of(code) ?? code;
  } catch {
    return code; // a malformed code or locale
  }
}

export interface CountryChoice {
  code: string;
  name: string;
}

/** Every country the numbering plans know, by name in `locale`'s order. */
export function countryChoices(locale: string | undefined = panelLocale()): CountryChoice[] {
  const collator = new Intl.Collator(locale ? [locale] : []);
  const names = regionNames(locale);
  return getCountries()
    .map((code) => ({ code, name: names.of(code) ?? code }))
    .sort((a, b) => collator.compare(a.name, b.name));
}
