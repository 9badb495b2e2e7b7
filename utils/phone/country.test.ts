import fc from 'fast-check';
import { getCountries } from 'libphonenumber-js/min';
import { describe, expect, it } from 'vitest';
import { checkProperty } from '../../tests/support/property';
import { countryOfLocale, countryOfLocales, isKnownCountry, LANGUAGE_COUNTRIES } from './country';

const COUNTRIES = getCountries();

describe('the country of a language tag', () => {
  it('is the region the tag names, in any case or spelling', () => {
    expect(countryOfLocale('fr-FR')).toBe('FR');
    expect(countryOfLocale('es-MX')).toBe('MX');
    expect(countryOfLocale('pt_BR')).toBe('BR');
    expect(countryOfLocale('EN-gb')).toBe('GB');
    expect(countryOfLocale('sr-Latn-RS')).toBe('RS');
    expect(countryOfLocale(' nl-BE ')).toBe('BE');
    expect(countryOfLocale('de-CH-1996')).toBe('CH');
  });

  it('is none for a language spoken in several countries, a region that is no country, or no tag', () => {
    for (const tag of ['en', 'fr', 'es', 'pt', 'de', 'nl', 'ar', 'zh', 'es-419', 'en-001']) {
      expect(countryOfLocale(tag), tag).toBeUndefined();
    }
    for (const tag of ['fr-ZZ', 'en-EU', 'hello world', '', '-FR', 'fr-FRA', 'x-FR']) {
      expect(countryOfLocale(tag), tag).toBeUndefined();
    }
  });

  it('maps a bare language only through the documented table, to a country the plans know', () => {
    expect(countryOfLocale('it')).toBe('IT');
    expect(countryOfLocale('ja')).toBe('JP');
    for (const [language, country] of Object.entries(LANGUAGE_COUNTRIES)) {
      expect(isKnownCountry(country), language).toBe(true);
      expect(countryOfLocale(language)).toBe(country);
    }
  });

  it('takes the first preferred language that names a country', () => {
    expect(countryOfLocales(['fr-FR', 'fr', 'en-US', 'en'])).toBe('FR');
    expect(countryOfLocales(['en', 'fr-BE'])).toBe('BE');
    expect(countryOfLocales(['es-419', 'es', 'it'])).toBe('IT');
    expect(countryOfLocales(['en'])).toBeUndefined();
    expect(countryOfLocales([])).toBeUndefined();
  });

  it('knows exactly the countries libphonenumber knows', () => {
    for (const code of COUNTRIES) expect(isKnownCountry(code), code).toBe(true);
    expect(isKnownCountry('ZZ')).toBe(false);
    expect(isKnownCountry('fr')).toBe(false);
  });

  it('reads a region from any language tag with one, and nothing else from random text', () => {
    const language = fc.stringMatching(/^[a-z]{2,3}$/);
    const script = fc.option(fc.constantFrom('Latn', 'Cyrl', 'Hant'), { nil: undefined });
    checkProperty(
      'locale regions',
      fc.property(language, script, fc.constantFrom(...COUNTRIES), (lang, s, country) => {
        const tag = [lang, s, country].filter(Boolean).join('-');
        expect(countryOfLocale(tag)).toBe(country);
        expect(countryOfLocale(tag.toLowerCase())).toBe(country);
      }),
      { numRuns: 500 },
    );
    checkProperty(
      'locale tags of any text',
      fc.property(fc.string({ maxLength: 30 }), (text) => {
        const country = countryOfLocale(text);
        // Whatever the text, the answer is a country the numbering plans know, or nothing.
        if (country !== undefined) expect(isKnownCountry(country)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
