import { describe, expect, it } from 'vitest';
import { negatives, positives } from '../../tests/fixtures/phone/corpus';
import { findPhoneNumbers, type PhoneMatch } from './detect';

const marked = (text: string, matches: PhoneMatch[]) =>
  matches.map((m) => ({ text: text.slice(m.start, m.end), e164: m.e164, extension: m.extension }));

const find = (
  text: string,
  defaultCountry: Parameters<typeof findPhoneNumbers>[1]['defaultCountry'],
) => marked(text, findPhoneNumbers(text, { defaultCountry }));

describe('findPhoneNumbers', () => {
  // Known misses count in the corpus totals (tests/unit/detect-corpus.test.ts) only.
  const cases = positives.filter((c) => !c.knownMiss);
  describe.each(cases)('finds numbers in $country text "$text"', ({ country, text, found }) => {
    it('with exact offsets, E.164 and extension', () => {
      expect(find(text, country)).toEqual(found.map((f) => ({ extension: undefined, ...f })));
    });
  });

  for (const [category, list] of Object.entries(negatives)) {
    describe(`ignores ${category}`, () => {
      it.each(list)('$country "$text"', ({ country, text }) => {
        expect(findPhoneNumbers(text, { defaultCountry: country })).toEqual([]);
      });
    });
  }

  it('returns nothing for text with fewer than 7 digits', () => {
    expect(findPhoneNumbers('Room 12, floor 3, 555-01', { defaultCountry: 'US' })).toEqual([]);
    expect(findPhoneNumbers('', { defaultCountry: 'US' })).toEqual([]);
  });

  it('finds international numbers whatever the default country', () => {
    for (const country of ['US', 'FR', 'DE', 'BR', 'JP', 'IN', 'ZA'] as const) {
      expect(find('+44 20 7946 0958', country)).toEqual([
        { text: '+44 20 7946 0958', e164: '+442079460958', extension: undefined },
      ]);
    }
  });

  it('reads 00 and 011 as international prefixes, local or not', () => {
    for (const country of ['US', 'FR', 'DE', 'GB'] as const) {
      expect(find('00 33 1 23 45 67 89', country)[0]?.e164, country).toBe('+33123456789');
      expect(find('011 44 20 7946 0958', country)[0]?.e164, country).toBe('+442079460958');
    }
    expect(find('0011 44 20 7946 0958', 'AU')[0]?.e164).toBe('+442079460958');
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
      'Call us at',
      'Appelez-nous au',
      'Bel ons op',
    ];
    for (const cue of cues) {
      expect(findPhoneNumbers(`${cue} 2125550123`, { defaultCountry: 'US' }), cue).toHaveLength(1);
    }
    expect(findPhoneNumbers('Order 2125550123', { defaultCountry: 'US' })).toEqual([]);
  });

  it('reads extensions written x, ext., #, ;ext= and in other languages', () => {
    const written = [
      '212-555-0123 x12',
      '212-555-0123 ext. 12',
      '212-555-0123 #12',
      '212-555-0123;ext=12',
      '212-555-0123 poste 12',
      '212-555-0123 ramal 12',
    ];
    for (const text of written) {
      expect(find(`Call ${text}, thanks`, 'US'), text).toEqual([
        { text, e164: '+12125550123', extension: '12' },
      ]);
    }
  });

  it('reads full-width digits and punctuation, keeping offsets into the original text', () => {
    const text = '代表：＋８１ ３－１２３４－５６７８（平日）';
    expect(find(text, 'JP')).toEqual([
      { text: '＋８１ ３－１２３４－５６７８', e164: '+81312345678', extension: undefined },
    ]);
    expect(find('電話 ０３（１２３４）５６７８', 'JP')[0]?.e164).toBe('+81312345678');
  });

  it('reads no-break and thin spaces as spaces', () => {
    for (const space of ['\u00A0', '\u202F', '\u2009', '\u3000']) {
      const number = `01${space}23${space}45${space}67${space}89`;
      expect(find(`Tél. ${number}`, 'FR'), escape(space)).toEqual([
        { text: number, e164: '+33123456789', extension: undefined },
      ]);
    }
  });

  it('splits a run that holds several numbers', () => {
    expect(find('+1 212 555 0123 / +1 212 555 0124', 'US').map((m) => m.e164)).toEqual([
      '+12125550123',
      '+12125550124',
    ]);
    expect(find('Tel 01 23 45 67 89 Fax 01 23 45 67 90', 'FR').map((m) => m.text)).toEqual([
      '01 23 45 67 89',
      '01 23 45 67 90',
    ]);
    expect(find('01 23 45 67 89 06 12 34 56 78', 'FR').map((m) => m.text)).toEqual([
      '01 23 45 67 89',
      '06 12 34 56 78',
    ]);
  });

  it('keeps offsets of the original text', () => {
    const text = 'Ünïcödé 🎉 text then (212) 555-0123';
    const [match] = findPhoneNumbers(text, { defaultCountry: 'US' });
    expect(match && text.slice(match.start, match.end)).toBe('(212) 555-0123');
  });

  it('answers huge inputs with a correct, bounded result', () => {
    expect(findPhoneNumbers('1234 5678 '.repeat(20_000), { defaultCountry: 'DE' })).toEqual([]);
    expect(findPhoneNumbers('9'.repeat(100_000), { defaultCountry: 'US' })).toEqual([]);
    const numbers = 'Call 212-555-0123 or 212-555-0199. '.repeat(5_000);
    const found = findPhoneNumbers(numbers, { defaultCountry: 'US' });
    expect(found.length).toBe(300);
    expect(marked(numbers, found.slice(0, 2))).toEqual([
      { text: '212-555-0123', e164: '+12125550123', extension: undefined },
      { text: '212-555-0199', e164: '+12125550199', extension: undefined },
    ]);
    expect(found.every((m) => /^\+121255501(23|99)$/.test(m.e164))).toBe(true);
  });
});

describe('findPhoneNumbers on adversarial text (found by tests/property/detect.property.test.ts)', () => {
  it('never reports overlapping spans when an extension runs into the next number', () => {
    const text = '+1 415 555 0123 ext. 7(212) 555-0123';
    const matches = findPhoneNumbers(text, { defaultCountry: 'BR' });
    for (let i = 1; i < matches.length; i++) {
      expect(matches[i]!.start).toBeGreaterThanOrEqual(matches[i - 1]!.end);
    }
    expect(matches[0]).toMatchObject({ start: 0, e164: '+14155550123', extension: '7' });
  });

  it('does not read a bracketed trunk zero and a following 0 as an international prefix', () => {
    const text = '(0)011212-555-0123 x45';
    const found = findPhoneNumbers(text, { defaultCountry: 'US' });
    // Before: one span from the "(0)", read as 00 + 1 212…; now no span starts at the bracket.
    expect(found.map((m) => m.start)).not.toContain(0);
    for (const m of found) expect(text.slice(m.start, m.end)).not.toMatch(/^\(0\)/);
  });
});
