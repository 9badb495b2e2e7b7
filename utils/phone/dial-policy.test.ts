import fc from 'fast-check';
import { getCountries, getCountryCallingCode } from 'libphonenumber-js/min';
import { describe, expect, it } from 'vitest';
import { judgeDial, needsConfirmation, siteRefusal, type DialRules } from './dial-policy';

const RULES: DialRules = {
  enabled: true,
  defaultCountry: 'FR',
  sites: { mode: 'allow', patterns: ['crm.example.com'] },
  blockedPrefixes: ['+33899'],
  confirmInternational: true,
};
const CRM = 'https://crm.example.com/contacts/42';

describe('dial policy', () => {
  it('judges the frame that asks and, when known, its page', () => {
    expect(siteRefusal(RULES, { frameUrl: CRM })).toBeUndefined();
    expect(siteRefusal(RULES, { frameUrl: CRM, tabUrl: CRM })).toBeUndefined();
    expect(siteRefusal(RULES, { frameUrl: 'https://widget.example.net/', tabUrl: CRM })).toBe(
      'site',
    );
    expect(siteRefusal(RULES, { frameUrl: CRM, tabUrl: 'https://news.example.net/' })).toBe('site');
    expect(siteRefusal({ ...RULES, enabled: false }, { frameUrl: CRM })).toBe('off');
  });

  it('refuses blocked prefixes and asks to confirm numbers abroad', () => {
    const at = { frameUrl: CRM };
    expect(judgeDial(RULES, at, { e164: '+33899123456' })).toEqual({
      ok: false,
      refusal: 'blocked',
    });
    expect(judgeDial(RULES, at, { e164: '+33123456789' })).toEqual({ ok: true, confirm: false });
    expect(judgeDial(RULES, at, { e164: '+14155552671', extension: '12' })).toEqual({
      ok: true,
      confirm: true,
    });
  });

  it('knows every country’s calling code as libphonenumber does', () => {
    const seed = Date.now();
    const countries = getCountries();
    try {
      fc.assert(
        fc.property(
          fc.constantFrom(...countries),
          fc.stringMatching(/^\d{6,10}$/),
          (country, rest) => {
            const home = `+${getCountryCallingCode(country)}${rest}`;
            const rules = { confirmInternational: true, defaultCountry: country };
            expect(needsConfirmation(rules, home)).toBe(false);
            expect(needsConfirmation({ ...rules, confirmInternational: false }, '+999')).toBe(
              false,
            );
          },
        ),
        { seed, numRuns: 500 },
      );
    } catch (error) {
      throw new Error(`dial policy property failed (seed ${seed}): ${String(error)}`);
    }
    expect(needsConfirmation({ confirmInternational: true, defaultCountry: 'ZZ' }, '+33123')).toBe(
      true,
    );
  });
});
