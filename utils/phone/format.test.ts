import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { getCountries, getExampleNumber, parsePhoneNumberFromString } from 'libphonenumber-js/min';
import examples from 'libphonenumber-js/mobile/examples';
import { checkProperty } from '../../tests/support/property';
import {
  formatForCountry,
  formatForDial,
  formatInternational,
  formatNational,
  nationalDigits,
  toE164AsDialed,
  toE164ByLibphonenumber,
} from './format';

describe('toE164ByLibphonenumber', () => {
  it('normalizes national and international numbers', () => {
    expect(toE164ByLibphonenumber('(415) 555-2671', 'US')).toBe('+14155552671');
    expect(toE164ByLibphonenumber('01 23 45 67 89', 'FR')).toBe('+33123456789');
    expect(toE164ByLibphonenumber('+44 20 7946 0958')).toBe('+442079460958');
  });
  it('rejects what is not a phone number', () => {
    expect(toE164ByLibphonenumber('12', 'US')).toBeUndefined();
    expect(toE164ByLibphonenumber('hello', 'US')).toBeUndefined();
  });
});

describe('toE164AsDialed', () => {
  it('reads back what the digits dial format wrote, whatever the default country', () => {
    const numbers = ['+33123456789', '+442079460958', '+14155552671', '+34912345678'];
    for (const e164 of numbers) {
      for (const defaultCountry of ['US', 'FR', 'GB', 'DE', undefined]) {
        const written = formatForDial(e164, { format: 'digits', prefix: '', defaultCountry });
        expect(toE164AsDialed(written, defaultCountry), `${e164} in ${defaultCountry}`).toBe(e164);
      }
    }
  });
  it('keeps a national number national', () => {
    expect(toE164AsDialed('01 23 45 67 89', 'FR')).toBe('+33123456789');
    expect(toE164AsDialed('(415) 555-2671', 'US')).toBe('+14155552671');
    expect(toE164AsDialed('4155552671', 'US')).toBe('+14155552671');
    expect(toE164AsDialed('0301234567', 'DE')).toBe('+49301234567');
    expect(toE164AsDialed('+44 20 7946 0958', 'FR')).toBe('+442079460958');
  });
  it('rejects what is not a phone number', () => {
    expect(toE164AsDialed('12', 'US')).toBeUndefined();
    expect(toE164AsDialed('hello', 'FR')).toBeUndefined();
    expect(toE164AsDialed('99999999999', 'US')).toBeUndefined();
  });
});

describe('formatForDial', () => {
  const fr = { prefix: '', defaultCountry: 'FR' } as const;
  it('writes numbers as the dial plan wants', () => {
    expect(formatForDial('+33 1 23 45 67 89', { ...fr, format: 'e164' })).toBe('+33123456789');
    expect(formatForDial('+33 1 23 45 67 89', { ...fr, format: 'national' })).toBe('0123456789');
    expect(formatForDial('+33 1 23 45 67 89', { ...fr, format: 'digits' })).toBe('33123456789');
    expect(
      formatForDial('01 23 45 67 89', { format: 'national', prefix: '0', defaultCountry: 'FR' }),
    ).toBe('00123456789');
  });
  it('leaves internal extensions alone', () => {
    expect(formatForDial('1001', { ...fr, format: 'e164', prefix: '9' })).toBe('1001');
  });
});

describe('formatInternational and formatNational', () => {
  it('write an E.164 number the way people read it', () => {
    expect(formatInternational('+33123456789')).toBe('+33 1 23 45 67 89');
    expect(formatNational('+33123456789')).toBe('01 23 45 67 89');
    expect(formatNational('+12125550123')).toBe('(212) 555-0123');
    expect(formatInternational('+81312345678')).toBe('+81 3 1234 5678');
  });
  it('give back what does not parse', () => {
    expect(formatInternational('1001')).toBe('1001');
    expect(formatNational('not a number')).toBe('not a number');
  });
});

describe('formatForCountry', () => {
  it('writes the agent’s own numbers nationally and the rest internationally', () => {
    expect(formatForCountry('+33123456789', 'FR')).toBe('01 23 45 67 89');
    expect(formatForCountry('+33123456789', 'US')).toBe('+33 1 23 45 67 89');
    expect(formatForCountry('+33123456789', undefined)).toBe('+33 1 23 45 67 89');
    expect(formatForCountry('+14155552671', 'US')).toBe('(415) 555-2671');
    // Canada shares +1 with the US, but is another country.
    expect(formatForCountry('+14165550123', 'US')).toBe('+1 416 555 0123');
    expect(formatForCountry('not a number', 'FR')).toBe('not a number');
  });

  it('is national only for the number’s own country, and always reads back as the number', () => {
    const withExample = getCountries().filter((c) => getExampleNumber(c, examples));
    checkProperty(
      'number display',
      fc.property(fc.constantFrom(...withExample), fc.constantFrom(...withExample), (of, agent) => {
        const e164 = getExampleNumber(of, examples)!.number;
        const shown = formatForCountry(e164, agent);
        // The number's country as libphonenumber places it: Saint-Martin's numbers read as
        // Guadeloupe's, which shares its plan (+590).
        const home = parsePhoneNumberFromString(e164)?.country;
        expect(shown.startsWith('+')).toBe(home !== agent);
        // Read in the agent's country, what is shown is the same number.
        expect(toE164ByLibphonenumber(shown, agent)).toBe(e164);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('nationalDigits', () => {
  it('is the national number libphonenumber reads, for every country’s example', () => {
    for (const country of getCountries()) {
      const example = getExampleNumber(country, examples);
      if (example) expect(nationalDigits(example.number), country).toBe(example.nationalNumber);
    }
    expect(nationalDigits('+80012345678')).toBe('80012345678');
    expect(nationalDigits('0612345678')).toBe('0612345678');
  });
});
