import fc from 'fast-check';
import { getCountries, getExampleNumber, parsePhoneNumberFromString } from 'libphonenumber-js/min';
import examples from 'libphonenumber-js/mobile/examples';
import { beforeAll, describe, expect, it } from 'vitest';
import { localeMessages } from '../../tests/support/messages';
import { checkProperty } from '../../tests/support/property';
import { LANGUAGES, type Language } from '../i18n/languages';
import { formatCountry } from '../i18n/format';
import type { PreparedMessages } from '../i18n/messages';
import { resetUiLanguage, setMessages } from '../i18n/runtime';
import {
  checkDialInput,
  DEFAULT_INTERNAL_DIAL,
  isDialString,
  type DialInputRules,
} from './dial-input';
import { dialInputText } from './dial-input-text';

const FR: DialInputRules = { ...DEFAULT_INTERNAL_DIAL, country: 'FR' };
const NO_COUNTRY: DialInputRules = { ...DEFAULT_INTERNAL_DIAL };
const CODES: DialInputRules = { ...FR, serviceCodes: true };

describe('what the dial box accepts', () => {
  it('reads a number written nationally in the agent’s country', () => {
    expect(checkDialInput('01 23 45 67 89', FR)).toEqual({
      ok: true,
      kind: 'number',
      e164: '+33123456789',
    });
    expect(checkDialInput('06.11.22.33.44', FR)).toMatchObject({ e164: '+33611223344' });
    expect(checkDialInput('00 44 20 7946 0958', FR)).toMatchObject({ e164: '+442079460958' });
    expect(checkDialInput('(415) 555-2671', { ...FR, country: 'US' })).toMatchObject({
      e164: '+14155552671',
    });
  });

  it('reads a number with its country code in any country, or none', () => {
    for (const rules of [FR, NO_COUNTRY]) {
      expect(checkDialInput('+44 20 7946 0958', rules)).toMatchObject({ e164: '+442079460958' });
    }
  });

  it('takes internal extensions of the platform’s length, and codes only where it dials them', () => {
    expect(checkDialInput('1002', FR)).toEqual({ ok: true, kind: 'extension' });
    expect(checkDialInput('1002', NO_COUNTRY)).toEqual({ ok: true, kind: 'extension' });
    expect(checkDialInput('7', FR)).toMatchObject({ ok: false, problem: 'tooShort' });
    const long = { ...FR, extensionDigits: { min: 3, max: 8 } };
    expect(checkDialInput('12345678', long)).toEqual({ ok: true, kind: 'extension' });
    expect(checkDialInput('*98', CODES)).toEqual({ ok: true, kind: 'serviceCode' });
    expect(checkDialInput('#31#0123', CODES)).toEqual({ ok: true, kind: 'serviceCode' });
    expect(checkDialInput('*98', FR)).toMatchObject({ ok: false, problem: 'serviceCodes' });
  });

  it('says why anything else cannot be dialled', () => {
    expect(checkDialInput('   ', FR)).toMatchObject({ problem: 'empty' });
    expect(checkDialInput('hello', FR)).toMatchObject({ problem: 'characters' });
    expect(checkDialInput('0123 x45', FR)).toMatchObject({ problem: 'characters' });
    expect(checkDialInput('+33 1 23*', CODES)).toMatchObject({ problem: 'characters' });
    expect(checkDialInput('12+34', FR)).toMatchObject({ problem: 'characters' });
    expect(checkDialInput('01 23 45 67 89', NO_COUNTRY)).toMatchObject({ problem: 'noCountry' });
    expect(checkDialInput('0123 456', FR)).toMatchObject({ problem: 'tooShort' });
    expect(checkDialInput('01 23 45 67 89 01', FR)).toMatchObject({ problem: 'tooLong' });
    expect(checkDialInput('+33 1 23', FR)).toEqual({
      ok: false,
      problem: 'tooShort',
      international: true,
    });
    expect(checkDialInput('+999 1234 5678', FR)).toMatchObject({ problem: 'unknownCountryCode' });
    expect(checkDialInput('1'.repeat(65), FR)).toMatchObject({ problem: 'characters' });
  });

  it('words every reason as a sentence for the agent', () => {
    const context = { country: 'FR', platform: 'XiVO', international: false };
    expect(dialInputText('tooShort', context)).toBe('This number is too short for France');
    expect(dialInputText('tooShort', { ...context, international: true })).toBe(
      'This international number is too short',
    );
    expect(dialInputText('tooLong', { ...context, country: undefined })).toBe(
      'This international number is too long',
    );
    expect(dialInputText('serviceCodes', context)).toBe('XiVO cannot dial codes with * or #');
    expect(dialInputText('empty', context)).toBe('Enter a number to call');
    expect(dialInputText('characters', context)).toBe(
      'This is not a phone number: use digits, with spaces or + ( ) - . if you like',
    );
  });

  it('words it in the interface’s language, the country named in that language', async () => {
    const context = { country: 'NL', platform: 'XiVO', international: false };
    setMessages('fr', localeMessages('fr'));
    expect(dialInputText('tooShort', context)).toBe(
      'Ce numéro est trop court pour votre pays (Pays-Bas)',
    );
    expect(dialInputText('serviceCodes', context)).toBe(
      'XiVO ne peut pas composer de codes avec * ou #',
    );
    setMessages('de', localeMessages('de'));
    expect(dialInputText('wrongLength', context)).toBe(
      'Diese Nummer hat nicht die richtige Anzahl an Ziffern für Ihr Land (Niederlande)',
    );
    setMessages('ar', localeMessages('ar'));
    expect(dialInputText('tooLong', context)).toBe('هذا الرقم طويل جدًا بالنسبة إلى بلدك (هولندا)');
  });

  it('accepts every country’s example numbers, written nationally there and with + anywhere', () => {
    for (const country of getCountries()) {
      const example = getExampleNumber(country, examples);
      if (!example) continue;
      const rules = { ...DEFAULT_INTERNAL_DIAL, country };
      expect(checkDialInput(example.formatNational(), rules), country).toMatchObject({
        ok: true,
        e164: example.number,
      });
      expect(checkDialInput(example.formatInternational(), NO_COUNTRY), country).toMatchObject({
        ok: true,
        e164: example.number,
      });
    }
  });

  const messages = new Map<Language, PreparedMessages>();
  beforeAll(async () => {
    for (const language of LANGUAGES) messages.set(language, localeMessages(language));
  });

  it('answers for any text in every language, and whatever it accepts the background dials', () => {
    const typed = fc.oneof(
      fc.string({ maxLength: 70 }),
      fc.stringMatching(/^\+?[0-9 ().\-*#]{0,24}$/),
    );
    const rules = fc.record({
      country: fc.option(fc.constantFrom(...getCountries()), { nil: undefined }),
      extensionDigits: fc.constantFrom({ min: 2, max: 6 }, { min: 3, max: 8 }),
      serviceCodes: fc.boolean(),
    });
    checkProperty(
      'dial box input',
      fc.property(typed, rules, fc.constantFrom(...LANGUAGES), (input, r, language) => {
        const verdict = checkDialInput(input, r);
        // The background refuses only what no phone dials: never what the dial box sends.
        if (verdict.ok) expect(isDialString(input)).toBe(true);
        if (!verdict.ok && verdict.problem === 'characters')
          expect(isDialString(input)).toBe(false);
        if (verdict.ok && verdict.kind === 'number') {
          // The number is what the background makes of the same text (commands.ts gateDial).
          const parsed = parsePhoneNumberFromString(input.trim(), r.country);
          expect(parsed?.number).toBe(verdict.e164);
        }
        if (verdict.ok && verdict.kind === 'serviceCode') expect(r.serviceCodes).toBe(true);
        if (!verdict.ok) {
          const context = {
            country: r.country,
            platform: 'XiVO',
            international: verdict.international,
          };
          resetUiLanguage();
          const english = dialInputText(verdict.problem, context);
          setMessages(language, messages.get(language)!);
          const text = dialInputText(verdict.problem, context);
          // A whole sentence, every substitution made, in that language and not English's.
          expect(text.trim().length).toBeGreaterThan(0);
          expect(text).not.toMatch(/[{}]|\$\d/);
          if (language !== 'en') expect(text).not.toBe(english);
          if (verdict.problem === 'serviceCodes') expect(text).toContain('XiVO');
          const named = ['tooShort', 'tooLong', 'wrongLength'].includes(verdict.problem);
          if (named && r.country && !verdict.international)
            expect(text).toContain(formatCountry(r.country));
        }
      }),
      { numRuns: 3000 },
    );
  });
});
