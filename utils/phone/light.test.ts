import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import { describe, expect, it } from 'vitest';
import { libphonenumberMetadata } from '../../scripts/phone-plans';
import { random, samplesFor } from '../../tests/unit/numbering-samples';
import { toE164ByLibphonenumber } from './format';
import { formatAsWritten, toE164ByNumberingPlans } from './light';
import { parsePhoneValue } from './scan';

describe('formatAsWritten', () => {
  it('writes the number in international form with the grouping of the page', () => {
    expect(formatAsWritten('+33123456789', '01 23 45 67 89')).toBe('+33 1 23 45 67 89');
    expect(formatAsWritten('+33123456789', '01.23.45.67.89')).toBe('+33 1 23 45 67 89');
    expect(formatAsWritten('+12125550123', '(212) 555-0123')).toBe('+1 212 555 0123');
    expect(formatAsWritten('+12125550123', '+1 (212) 555-0123')).toBe('+1 212 555 0123');
    expect(formatAsWritten('+442079460958', '+44 (0)20 7946 0958')).toBe('+44 20 7946 0958');
    expect(formatAsWritten('+49301234567', '0049 30 1234567')).toBe('+49 30 1234567');
    expect(formatAsWritten('+33123456789', '０１ ２３ ４５ ６７ ８９')).toBe('+33 1 23 45 67 89');
  });

  it('leaves out a written extension, and the trunk prefix even inside a group', () => {
    expect(formatAsWritten('+12125550123', '212-555-0123 ext. 45', '45')).toBe('+1 212 555 0123');
    expect(formatAsWritten('+33612345678', '06 1234 5678')).toBe('+33 6 1234 5678');
    expect(formatAsWritten('+33612345678', '061 234 5678')).toBe('+33 61 234 5678');
  });

  it('groups simply what it cannot read from the page', () => {
    expect(formatAsWritten('+33123456789')).toBe('+33 123 456 789');
    expect(formatAsWritten('+33123456789', 'Call us')).toBe('+33 123 456 789');
    expect(formatAsWritten('+33123456789', '01 23 45 67 88')).toBe('+33 123 456 789');
    expect(formatAsWritten('+33612345678', '0612345678')).toBe('+33 612 345 678');
    expect(formatAsWritten('+12125550123', '212-555-0123 x45')).toBe('+1 212 555 0123');
    expect(formatAsWritten('+4930123456')).toBe('+49 3012 3456');
    expect(formatAsWritten('+5511987654321')).toBe('+55 119 8765 4321');
  });

  it('gives back what is no E.164 number', () => {
    expect(formatAsWritten('1001')).toBe('1001');
    expect(formatAsWritten('+999123456789')).toBe('+999123456789');
  });
});

// Numbers as pages and links write them, from the oracle test's seeded samples.
const { metadata } = libphonenumberMetadata();
const next = random(7);
const SEPARATORS = [' ', '-', '.', ' ', '', '/', ' - '];
const written = ['US', 'FR', 'GB', 'DE', 'BR', 'IN', 'AR', 'JP', 'IT', 'RU'].flatMap((country) =>
  samplesFor(metadata, country, 400, next).map(({ digits }) => {
    let text = '';
    for (let i = 0; i < digits.length; i++) {
      const separator = SEPARATORS[Math.floor(next() * SEPARATORS.length)]!;
      text += (i > 0 && i % 2 === 0 && digits[i - 1] !== '+' ? separator : '') + digits[i];
    }
    if (next() < 0.2 && text.length > 6) text = `(${text.slice(0, 3)}) ${text.slice(3)}`;
    return { country: country as CountryCode, text };
  }),
);

describe('toE164 (light) against format.ts', () => {
  it('gives the same E.164 for every written sample, and the same refusals', () => {
    const differences = written
      .map(({ country, text }) => ({ text, country, want: toE164ByLibphonenumber(text, country) }))
      .filter(({ text, country, want }) => toE164ByNumberingPlans(text, country) !== want);
    expect(written.length).toBeGreaterThan(3_000);
    expect(differences).toEqual([]);
    expect(toE164ByNumberingPlans('+44 20 7946 0958')).toBe('+442079460958');
    expect(toE164ByNumberingPlans('hello', 'US')).toBeUndefined();
    expect(toE164ByNumberingPlans('12', 'US')).toBeUndefined();
  });
});

// scan.ts's phone field reader as it was on libphonenumber.
const VALUE = /^\+?[\d\s().\-/]{7,40}(?:\s*(?:ext\.?|x|#)\s*\d{1,8})?$/i;
function oracleValue(value: string, defaultCountry: CountryCode) {
  const text = value.trim();
  if (!VALUE.test(text)) return undefined;
  const parsed = parsePhoneNumberFromString(text, { defaultCountry, extract: false });
  if (!parsed?.isValid() || !/^\+[1-9]\d{6,14}$/.test(parsed.number)) return undefined;
  return parsed.ext ? { e164: parsed.number, extension: parsed.ext } : { e164: parsed.number };
}

describe('parsePhoneValue against libphonenumber', () => {
  it('reads the same number and extension from every field value', () => {
    const EXTENSIONS = ['', ' ext. 45', ' x12', '#7', ' EXT 12345678', ' x 123456789', ' note'];
    const values = written.map(({ country, text }, i) => ({
      country,
      value: ` ${text}${EXTENSIONS[i % EXTENSIONS.length]} `,
    }));
    const differences = values.filter(
      ({ country, value }) =>
        JSON.stringify(parsePhoneValue(value, country)) !==
        JSON.stringify(oracleValue(value, country)),
    );
    expect(values.filter(({ country, value }) => parsePhoneValue(value, country)).length).toBe(
      values.filter(({ country, value }) => oracleValue(value, country)).length,
    );
    expect(differences).toEqual([]);
  });
});
