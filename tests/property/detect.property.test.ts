/**
 * Number detection in page text (issue: "valid spans, no exception"). On arbitrary text, on
 * adversarial text built from the pieces the detector reacts to (digits, `+`, brackets, dashes,
 * extensions, full-width digits, dates, long digit runs) and on real numbers in running text:
 *
 * - `findPhoneNumbers` never throws;
 * - spans lie within the text, in order, without overlapping;
 * - each span's text, read by libphonenumber on its own, is the number reported (the extension
 *   excluded), and an extension is 1 to 8 digits that the span's text ends with.
 *
 * Time linear in input length is measured, not asserted (no timing in tests): `npm run
 * bench:detect-linear` (scripts/bench-detect-linear.ts, docs/benchmarks.md).
 */
import fc from 'fast-check';
import type { CountryCode } from 'libphonenumber-js/min';
import { describe, it } from 'vitest';
import { findPhoneNumbers } from '../../utils/phone/detect';
import { toE164ByLibphonenumber } from '../../utils/phone/format';
import { toE164ByNumberingPlans } from '../../utils/phone/light';
import { checkProperty } from '../support/property';
import { ADVERSARIAL_PIECES } from '../bench/adversarial-text';

const RUNS = 10_000;
const COUNTRIES: CountryCode[] = ['US', 'FR', 'GB', 'DE', 'JP', 'BR', 'IN', 'AU'];

const REAL = [
  '+33 1 42 68 53 00',
  '(212) 555-0123',
  '212-555-0123 x45',
  '+44 20 7946 0958',
  '030 1234567',
  '+1 415 555 0123 ext. 7',
  '01 23 45 67 89',
  '+49 (0)30 901820',
  '０３−１２３４−５６７８',
];

const text: fc.Arbitrary<string> = fc.oneof(
  { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  {
    weight: 4,
    arbitrary: fc
      .array(fc.oneof(fc.constantFrom(...ADVERSARIAL_PIECES), fc.constantFrom(...REAL)), {
        maxLength: 25,
      })
      .map((parts) => parts.join('')),
  },
  {
    weight: 2,
    arbitrary: fc
      .array(
        fc.oneof(
          fc.constantFrom(...REAL),
          fc.lorem({ maxCount: 3 }),
          fc.constantFrom(' ', ', ', '\n', ' / '),
        ),
        { maxLength: 10 },
      )
      .map((parts) => parts.join(' ')),
  },
);

describe('number detection', () => {
  it('reports valid spans and never throws, on arbitrary and adversarial text', () => {
    checkProperty(
      'number detection',
      fc.property(text, fc.constantFrom(...COUNTRIES), (t, country) => {
        const matches = findPhoneNumbers(t, { defaultCountry: country });
        let previousEnd = 0;
        for (const m of matches) {
          const span = JSON.stringify(t.slice(m.start, m.end));
          if (!(m.start >= previousEnd && m.start < m.end && m.end <= t.length))
            throw new Error(
              `span ${m.start}–${m.end} out of order or outside the text (${t.length})`,
            );
          previousEnd = m.end;
          const written = t.slice(m.start, m.end);
          if (m.extension !== undefined) {
            if (!/^[0-9]{1,8}$/.test(m.extension)) throw new Error(`extension ${m.extension}`);
            if (!written.replace(/\D/g, '').endsWith(m.extension))
              throw new Error(`${span} does not end with its extension ${m.extension}`);
          }
          // libphonenumber sets a written extension aside, as the detector does.
          // The number without its extension, full-width digits and plus read as ASCII (NFKC), as
          // the detector reads them; how the extension is written ("x", "ext..", "#") varies.
          let ascii = written.normalize('NFKC');
          if (m.extension !== undefined && ascii.endsWith(m.extension))
            ascii = ascii.slice(0, -m.extension.length).replace(/[^0-9)]+$/, '');
          // The detector reads a leading 00 or 011 as the international prefix in every country
          // (detect.ts INTERNATIONAL): "00 1 212…" on a US page is +1 212….
          const international = ascii.replace(/^[^0-9]*(?:011|00)/, '+');
          const readings = [ascii, international].flatMap((t) => [
            toE164ByLibphonenumber(t, country),
            toE164ByNumberingPlans(t, country),
          ]);
          const [parsed, planned] = readings;
          if (!readings.includes(m.e164))
            throw new Error(`${span} reported as ${m.e164}, reads as ${parsed} / ${planned}`);
        }
      }),
      { numRuns: RUNS, label: 'arbitrary, adversarial and real-number text' },
    );
  }, 120_000);
});
