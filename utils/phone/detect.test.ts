import { describe, expect, it } from 'vitest';
import { negatives, positives } from '../../tests/fixtures/phone/corpus';
import { findPhoneNumbers } from './detect';

describe('findPhoneNumbers', () => {
  describe.each(positives)('finds numbers in $country text "$text"', ({ country, text, found }) => {
    it('with exact offsets, E.164 and extension', () => {
      const matches = findPhoneNumbers(text, { defaultCountry: country });
      expect(
        matches.map((m) => ({
          text: text.slice(m.start, m.end),
          e164: m.e164,
          extension: m.extension,
        })),
      ).toEqual(found.map((f) => ({ extension: undefined, ...f })));
    });
  });

  for (const [category, cases] of Object.entries(negatives)) {
    describe(`ignores ${category}`, () => {
      it.each(cases)('$country "$text"', ({ country, text }) => {
        expect(findPhoneNumbers(text, { defaultCountry: country })).toEqual([]);
      });
    });
  }

  it('returns nothing for text with fewer than 7 digits', () => {
    expect(findPhoneNumbers('Room 12, floor 3, 555-01', { defaultCountry: 'US' })).toEqual([]);
    expect(findPhoneNumbers('', { defaultCountry: 'US' })).toEqual([]);
  });

  it('finds international numbers whatever the default country', () => {
    for (const country of ['US', 'FR', 'DE', 'BR', 'JP'] as const) {
      expect(findPhoneNumbers('+44 20 7946 0958', { defaultCountry: country })[0]?.e164).toBe(
        '+442079460958',
      );
    }
  });

  it('reads label cues in six languages', () => {
    const cues = [
      'Phone:',
      'Tel.',
      'Fax',
      'Téléphone :',
      'Portable',
      'Teléfono:',
      'Móvil',
      'Telefon:',
      'Handy:',
      'Telefoon',
      'Mobiel:',
      'Telefone:',
      'Celular',
    ];
    for (const cue of cues) {
      expect(findPhoneNumbers(`${cue} 2125550123`, { defaultCountry: 'US' }), cue).toHaveLength(1);
    }
  });

  it('keeps offsets of the original text', () => {
    const text = 'Ünïcödé 🎉 text then (212) 555-0123';
    const [match] = findPhoneNumbers(text, { defaultCountry: 'US' });
    expect(match && text.slice(match.start, match.end)).toBe('(212) 555-0123');
  });

  it('bounds the work on huge inputs', () => {
    const digits = '1234 5678 '.repeat(20_000);
    const started = performance.now();
    findPhoneNumbers(digits, { defaultCountry: 'DE' });
    const numbers = 'Call 212-555-0123 or 212-555-0199. '.repeat(5_000);
    const found = findPhoneNumbers(numbers, { defaultCountry: 'US' });
    // Generous: the point is that it ends, not how fast this shared machine is.
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(found.length).toBeGreaterThan(0);
    expect(found.length).toBeLessThanOrEqual(300);
  });
});
