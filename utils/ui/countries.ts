/**
 * Countries by name for the panel, in its language: the agent's country prompt lists them (the
 * dial box names a country with utils/i18n/format.ts `formatCountry`, the same Intl names).
 */
import { getCountries } from 'libphonenumber-js/min';
import { formatCountry } from '../i18n/format';
import { locale as currentLocale } from '../i18n/runtime';

export interface CountryChoice {
  code: string;
  name: string;
}

/** Every country the numbering plans know, by name in `locale`'s order. */
export function countryChoices(locale: string = currentLocale()): CountryChoice[] {
  const collator = new Intl.Collator([locale]);
  return getCountries()
    .map((code) => ({ code, name: formatCountry(code, locale) }))
    .sort((a, b) => collator.compare(a.name, b.name));
}
