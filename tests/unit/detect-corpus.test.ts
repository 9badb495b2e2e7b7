/**
 * The whole detection corpus at once: precision, recall and the negative categories, printed per
 * country and per category so that a change to the detector shows what it costs. Per-case tests
 * with exact offsets live beside the detector (utils/phone/detect.test.ts).
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { negatives, positives, type Found } from '../fixtures/phone/corpus';
import { findPhoneNumbers, type PhoneMatch } from '../../utils/phone/detect';

const MIN_PRECISION = 0.99;
const MIN_RECALL = 0.97;
const MIN_CASES = 600;

interface Tally {
  cases: number;
  expected: number;
  found: number;
  correct: number;
}

const same = (text: string, match: PhoneMatch, want: Found) =>
  text.slice(match.start, match.end) === want.text &&
  match.e164 === want.e164 &&
  match.extension === want.extension;

function score(): { rows: Map<string, Tally>; total: Tally } {
  const rows = new Map<string, Tally>();
  const total: Tally = { cases: 0, expected: 0, found: 0, correct: 0 };
  for (const { group, country, text, found } of positives) {
    const matches = findPhoneNumbers(text, { defaultCountry: country });
    const correct = matches.filter((match) => found.some((want) => same(text, match, want)));
    const row = rows.get(group) ?? { cases: 0, expected: 0, found: 0, correct: 0 };
    for (const tally of [row, total]) {
      tally.cases++;
      tally.expected += found.length;
      tally.found += matches.length;
      tally.correct += correct.length;
    }
    rows.set(group, row);
  }
  return { rows, total };
}

const ratio = (part: number, whole: number) => (whole === 0 ? 1 : part / whole);

describe('detection corpus', () => {
  it('is well formed: every marked number is valid and written as marked', () => {
    const cases = positives.length + Object.values(negatives).flat().length;
    expect(cases).toBeGreaterThanOrEqual(MIN_CASES);
    for (const { country, text, found } of positives) {
      for (const want of found) {
        expect(text, want.text).toContain(want.text);
        // libphonenumber reads neither narrow nor ideographic spaces as punctuation.
        const written = want.text.replace(/[\u2000-\u200A\u202F\u3000]/gu, ' ');
        const main = want.extension
          ? written.slice(0, written.lastIndexOf(want.extension)).replace(/[^\d)]+$/u, '')
          : written;
        const parsed = parsePhoneNumberFromString(main, country);
        expect(parsed?.isValid(), `${main} (${country})`).toBe(true);
        expect(parsed?.number, `${main} (${country})`).toBe(want.e164);
      }
    }
  });

  it('finds the positives with precision ≥ 0.99 and recall ≥ 0.97', () => {
    const { rows, total } = score();
    const table = [...rows].map(([group, row]) => ({
      group,
      cases: row.cases,
      numbers: row.expected,
      precision: ratio(row.correct, row.found).toFixed(3),
      recall: ratio(row.correct, row.expected).toFixed(3),
    }));
    const precision = ratio(total.correct, total.found);
    const recall = ratio(total.correct, total.expected);
    table.push({
      group: 'all',
      cases: total.cases,
      numbers: total.expected,
      precision: precision.toFixed(3),
      recall: recall.toFixed(3),
    });
    console.log('Phone detection, positives by country:');
    console.table(table);
    expect(precision).toBeGreaterThanOrEqual(MIN_PRECISION);
    expect(recall).toBeGreaterThanOrEqual(MIN_RECALL);
  });

  it('finds nothing at all in the negative categories', () => {
    const table = Object.entries(negatives).map(([category, cases]) => {
      const hits = cases.flatMap(({ country, text }) =>
        findPhoneNumbers(text, { defaultCountry: country }).map(
          (match) => `${text.slice(match.start, match.end)} (${country})`,
        ),
      );
      return { category, cases: cases.length, matches: hits.length, examples: hits.slice(0, 3) };
    });
    console.log('Phone detection, negatives by category:');
    console.table(table.map(({ examples: _, ...row }) => row));
    for (const { category, examples } of table) expect(examples, category).toEqual([]);
  });
});
