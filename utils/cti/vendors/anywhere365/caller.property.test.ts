/**
 * Property: the Anywhere365 `ani` parser (caller.ts). Arbitrary and number-like strings, bare or
 * in tel:/sip: URIs, never throw; a number shown is always one the field carried (no invented
 * digits, no letters), and a number wrapped in any of the broker's forms reads as the same
 * number. 10,000 cases for the target "Anywhere365 caller".
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkProperty } from '../../../../tests/support/property';
import { callerOf, hasCaller } from './caller';

const TARGET = 'Anywhere365 caller';
const digitsOf = (s: string) => s.replace(/\D/g, '');

const number = fc
  .tuple(fc.boolean(), fc.stringMatching(/^[1-9]\d{1,14}$/))
  .map(([plus, digits]) => `${plus ? '+' : ''}${digits}`);
const host = fc.constantFrom('example.com', 'ucc.contoso.net', '10.0.0.7:5061');
const wrapped = fc.oneof(
  number.map((n) => ({ n, ani: n })),
  number.map((n) => ({ n, ani: `tel:${n}` })),
  fc.tuple(number, host).map(([n, h]) => ({ n, ani: `sip:${n}@${h};user=phone` })),
  fc.tuple(number, host).map(([n, h]) => ({ n, ani: ` SIP:${n}@${h} ` })),
);
const anything = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc
    .tuple(fc.constantFrom('tel:', 'sip:', 'sips:', 'SIP:', ''), fc.string({ maxLength: 30 }))
    .map(([scheme, rest]) => scheme + rest),
  fc.constantFrom(null, undefined, 'anonymous', 'garbage', '%E0%A4%A', 'sip:@', 'tel:;x'),
);

describe('Anywhere365 caller (property)', () => {
  it('shows only what the field carried, never throwing', () => {
    checkProperty(
      TARGET,
      fc.property(anything, fc.constantFrom('FR', 'US', 'GB'), (ani, country) => {
        const remote = callerOf(ani, country);
        if (remote.raw !== '') {
          expect(remote.raw).toMatch(/^\+?[\d ().\u00a0-]+$/);
          const digits = digitsOf(remote.raw).length;
          expect(digits).toBeGreaterThanOrEqual(2);
          expect(digits).toBeLessThanOrEqual(20);
        }
        expect(remote.name).toBeUndefined();
        if (remote.e164 !== undefined) {
          expect(remote.raw).not.toBe('');
          expect(remote.e164).toMatch(/^\+\d{2,15}$/);
        }
        expect(hasCaller(ani)).toBe(remote.raw !== '');
      }),
      { numRuns: 6_000, label: 'arbitrary fields' },
    );
  });

  it('reads a number the same bare, as tel: or as sip:', () => {
    checkProperty(
      TARGET,
      fc.property(wrapped, ({ n, ani }) => {
        const remote = callerOf(ani, 'FR');
        expect(remote.raw).toBe(n);
        expect(remote.e164).toEqual(callerOf(n, 'FR').e164);
      }),
      { numRuns: 4_000, label: 'numbers in the broker’s forms' },
    );
  });
});
