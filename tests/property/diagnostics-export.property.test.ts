/**
 * The diagnostics export (components/diagnostics/export.ts, utils/phone/mask.ts), for reports
 * whose every free field holds phone numbers written any usual way (E.164, national, grouped with
 * spaces, dots, dashes, non-breaking spaces, parentheses, 00-prefixed, percent-encoded in URLs,
 * form-encoded) among arbitrary text:
 *
 * - masked, no run of five digits of any of those numbers is left in any string or key of the
 *   export, separators and percent-escapes ignored; in fact no five digits in a row at all;
 * - masked or not, the structure is the report's: the same keys in the same places, arrays of the
 *   same lengths, every number, boolean and null unchanged; `about` is never masked;
 * - with the numbers included, the export holds the report exactly.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { exportJson } from '../../components/diagnostics/export';
import type { DiagnosticsReport } from '../../utils/messaging';
import { checkProperty } from '../support/property';

const RUNS = 2_000;

const CALLING_CODES = ['1', '7', '31', '33', '34', '39', '44', '49', '52', '55', '351', '972'];
const SEPARATORS = [' ', '.', '-', '\u00a0', '\u202f', ' - ', '/'];

interface Phone {
  cc: string;
  /** The national significant number. */
  nsn: string;
}

const phone: fc.Arbitrary<Phone> = fc.record({
  cc: fc.constantFrom(...CALLING_CODES),
  nsn: fc
    .tuple(
      fc.integer({ min: 1, max: 9 }),
      fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 5, maxLength: 11 }),
    )
    .map(([first, rest]) => `${first}${rest.join('')}`),
});

/** `digits` cut into groups of 1 to 4, joined by one separator. */
const grouped = (digits: string): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 12 }),
      fc.constantFrom(...SEPARATORS),
    )
    .map(([sizes, sep]) => {
      const groups: string[] = [];
      let i = 0;
      for (const size of sizes) {
        if (i >= digits.length) break;
        groups.push(digits.slice(i, i + size));
        i += size;
      }
      if (i < digits.length) groups.push(digits.slice(i));
      return groups.join(sep);
    });

/** One way an agent, a CRM or a vendor writes `p`. */
const written = (p: Phone): fc.Arbitrary<string> => {
  const plain = fc.oneof(
    fc.constant(`+${p.cc}${p.nsn}`),
    grouped(p.nsn).map((g) => `+${p.cc} ${g}`),
    grouped(`0${p.nsn}`),
    grouped(p.nsn).map((g) => `(0${g.slice(0, 2)}) ${g.slice(2)}`),
    fc.constant(`00${p.cc}${p.nsn}`),
    fc.constant(p.nsn),
  );
  return fc.oneof(
    { weight: 3, arbitrary: plain },
    { weight: 1, arbitrary: plain.map((s) => encodeURIComponent(s)) },
    { weight: 1, arbitrary: plain.map((s) => new URLSearchParams({ q: s }).toString().slice(2)) },
  );
};

/** Free text: arbitrary strings around numbers of `phones`. */
const text = (phones: Phone[]): fc.Arbitrary<string> =>
  fc
    .array(
      fc.oneof(
        { weight: 2, arbitrary: fc.string({ maxLength: 6 }) },
        { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
        { weight: 1, arbitrary: fc.constantFrom(' ', '+', '%20', 'tel:', '?q=', '&n=', 'Call ') },
        { weight: 3, arbitrary: fc.constantFrom(...phones).chain(written) },
      ),
      { maxLength: 6 },
    )
    .map((pieces) => pieces.join(''));

const time = fc.integer({ min: 0, max: 4_102_444_800_000 });

function reportOf(phones: Phone[]): fc.Arbitrary<DiagnosticsReport> {
  const t = text(phones);
  const e164 = fc.constantFrom(...phones).map((p) => `+${p.cc}${p.nsn}`);
  const anyNumber = fc.constantFrom(...phones).chain(written);
  const event = fc.record({
    type: fc.constant('callUpsert'),
    call: fc.record({
      id: t,
      remote: fc.record({ raw: anyNumber, e164, name: t }),
      data: fc.dictionary(t, t, { maxKeys: 4 }),
      startedAt: time,
    }),
  });
  return fc.record({
    at: time,
    about: fc.record({
      version: fc.constant('1.23.4567'),
      browser: fc.constant('Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0.6099.109 Safari/537.36'),
    }),
    vendor: fc.record({ id: fc.constant('xivo'), label: t }),
    signedIn: fc.boolean(),
    connection: fc.record({
      status: fc.constant('reconnecting' as const),
      attempt: fc.nat(),
      retryAt: time,
      reason: t,
    }),
    timeline: fc.array(
      fc.record({
        at: time,
        kind: fc.constantFrom('lost' as const, 'retry' as const),
        reason: t,
        attempt: fc.nat(),
      }),
      { maxLength: 4 },
    ),
    events: fc.array(fc.record({ at: time, type: fc.constant('callUpsert' as const), event }), {
      maxLength: 3,
    }),
    pops: fc.array(
      fc.record({
        at: time,
        callId: t,
        outcome: fc.constantFrom('popped' as const, 'noRule' as const, 'badTemplate' as const),
        url: t.map((q) => `https://crm.example.com/contacts?phone=${q}`),
        detail: t,
        call: fc.record({
          direction: fc.constant('inbound' as const),
          number: anyNumber,
          queue: t,
        }),
      }),
      { maxLength: 3 },
    ),
    outbox: fc.array(
      fc.record({
        key: t,
        kind: fc.constant('dispose' as const),
        status: fc.constant('waiting' as const),
        vendorLabel: t,
        reason: t,
        attempts: fc.nat(),
        createdAt: time,
        notes: t,
        remote: fc.record({ raw: anyNumber, e164 }),
      }),
      { maxLength: 2 },
    ),
    settings: fc.array(
      fc.record({
        path: fc.constant('directory.speedDial'),
        value: fc.array(fc.record({ label: t, number: anyNumber }), { maxLength: 3 }),
        source: fc.constantFrom('policy' as const, 'agent' as const, 'default' as const),
      }),
      { maxLength: 2 },
    ),
    problems: fc.array(fc.record({ source: fc.constant('user' as const), path: t, message: t }), {
      maxLength: 2,
    }),
    limits: fc.constant({ timeline: 100, events: 150, pops: 50 }),
  }) as fc.Arbitrary<DiagnosticsReport>;
}

/** What an export hides: separators and percent-escapes go, so digits they split join up. */
const joined = (s: string): string =>
  s.replace(/%[0-9A-Fa-f]{2}/g, '').replace(/[ .\-/()+\u00a0\u202f]/g, '');

/** Every string and key of `value`, except `about` and the times the export adds. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) strings(item, out);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'about' || key === 'time' || key === 'generatedAt') continue;
      out.push(key);
      strings(item, out);
    }
  }
  return out;
}

/** The shape of a JSON value: keys' names left out, everything but strings kept. */
function shape(value: unknown): unknown {
  if (typeof value === 'string') return 'string';
  if (Array.isArray(value)) return value.map(shape);
  if (typeof value === 'object' && value !== null) return Object.values(value).map(shape);
  return value;
}

function fail(message: string): never {
  throw new Error(message);
}

describe('diagnostics export', () => {
  it('masks every phone number unless included, and keeps the structure', () => {
    checkProperty(
      'diagnostics export masking',
      fc.property(
        fc
          .array(phone, { minLength: 1, maxLength: 4 })
          .chain((phones) => fc.tuple(fc.constant(phones), reportOf(phones))),
        ([phones, report]) => {
          const masked = JSON.parse(exportJson(report, false)) as Record<string, unknown>;
          const included = JSON.parse(exportJson(report, true)) as Record<string, unknown>;
          for (const s of strings(masked).map(joined)) {
            for (const p of phones) {
              const digits = `${p.cc}${p.nsn}`;
              for (let i = 0; i + 5 <= digits.length; i++) {
                if (s.includes(digits.slice(i, i + 5)))
                  fail(
                    `digits ${digits.slice(i, i + 5)} of ${digits} survive in ${JSON.stringify(s)}`,
                  );
              }
            }
            if (/\d{5}/.test(s)) fail(`five digits in a row survive in ${JSON.stringify(s)}`);
          }
          if (JSON.stringify(shape(masked)) !== JSON.stringify(shape(included)))
            fail('the masked export does not have the report’s structure');
          if (JSON.stringify(masked.about) !== JSON.stringify(report.about))
            fail('about was changed');
          const pop = report.pops[0];
          const exported = (included.pops as unknown[])[0];
          const expected = pop && { time: new Date(pop.at).toISOString(), ...pop };
          if (JSON.stringify(exported) !== JSON.stringify(expected))
            fail('with the numbers included, a pop is not as reported');
          for (const key of ['settings', 'outbox', 'problems', 'connection', 'vendor'] as const) {
            if (JSON.stringify(included[key]) !== JSON.stringify(report[key]))
              fail(`with the numbers included, ${key} is not as reported`);
          }
        },
      ),
      { numRuns: RUNS, label: 'reports with numbers in every free field' },
    );
  }, 120_000);
});
