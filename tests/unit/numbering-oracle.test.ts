/**
 * utils/phone/plans.ts answers for libphonenumber in the content script; libphonenumber stays the
 * oracle here. Seeded samples (numbering-samples.ts) for every country of the detection corpus,
 * and fewer for every other country, go through both; the verdicts must be the same, number for
 * number: E.164 and validity (what the detector asks), and possibility (what `tel:` links ask).
 * detect/validate.ts as a whole, with its trunk-prefix rule, is compared with the rule it replaces:
 * libphonenumber's `isValid` and `formatNational` test (legacyParse below).
 */
import {
  getCountries,
  getCountryCallingCode,
  parsePhoneNumberFromString,
  type CountryCode,
} from 'libphonenumber-js/min';
import { describe, expect, it } from 'vitest';
import { libphonenumberMetadata } from '../../scripts/phone-plans';
import { positives } from '../fixtures/phone/corpus';
import {
  callingCodeOf,
  internationalToE164,
  isPossible,
  isValid,
  nationalToE164,
  parseDigits,
} from '../../utils/phone/plans';
import { validate } from '../../utils/phone/detect/validate';
import { random, samplesFor, type Sample } from './numbering-samples';

const SEED = 20_240_115;
const PER_CORPUS_COUNTRY = 1_500;
const PER_OTHER_COUNTRY = 80;
const MIN_SAMPLES = 20_000;

/** Disagreements we accept, each with its reason. Empty: the two agree on every sample. */
const ALLOWED: Record<string, string> = {};

const { metadata } = libphonenumberMetadata();
const corpusCountries = [...new Set(positives.map((p) => p.country))].sort();
const next = random(SEED);
const corpusSamples = corpusCountries.flatMap((country) =>
  samplesFor(metadata, country, PER_CORPUS_COUNTRY, next),
);
const otherSamples = Object.keys(metadata.countries)
  .filter((country) => !corpusCountries.includes(country as CountryCode))
  .flatMap((country) => samplesFor(metadata, country, PER_OTHER_COUNTRY, next));
const samples = [...corpusSamples, ...otherSamples];

const oracle = (sample: Sample) =>
  parsePhoneNumberFromString(sample.digits, sample.country as CountryCode);

function ours(sample: Sample, check: typeof isValid): string | undefined {
  const parsed = parseDigits(sample.digits, sample.country);
  return parsed && check(parsed) ? `+${parsed.callingCode}${parsed.national}` : undefined;
}

function compare(check: 'isValid' | 'isPossible') {
  const disagreements: string[] = [];
  let valid = 0;
  for (const sample of samples) {
    const number = oracle(sample);
    const want = number?.[check]() ? number.number : undefined;
    const got = ours(sample, check === 'isValid' ? isValid : isPossible);
    if (want) valid++;
    const key = `${sample.country} ${sample.digits}`;
    if (want !== got && !ALLOWED[key])
      disagreements.push(`${key}: libphonenumber ${want}, ours ${got}`);
  }
  const agreement = 1 - disagreements.length / samples.length;
  console.log(
    `numbering plans vs libphonenumber (${check}): ${samples.length} samples ` +
      `(${corpusSamples.length} for the corpus countries ${corpusCountries.join(' ')}), ` +
      `${valid} ${check === 'isValid' ? 'valid' : 'possible'}, agreement ${(agreement * 100).toFixed(3)}%`,
  );
  return { disagreements, valid };
}

// Each comparison runs every sample through both (about 1.5 s alone, 5.8 s seen on a loaded
// two-core machine); the samples are drawn once, above, when the file loads.
describe('numbering plans against libphonenumber', { timeout: 60_000 }, () => {
  it('draw enough samples, valid and invalid, in every form', () => {
    expect(corpusSamples.length).toBeGreaterThanOrEqual(MIN_SAMPLES);
    expect(corpusCountries.length).toBeGreaterThanOrEqual(15);
    const forms = new Set(samples.map((s) => (s.digits.startsWith('+') ? '+' : s.digits[0])));
    expect(forms.has('+') && forms.has('0')).toBe(true);
  });

  it('give the same E.164 to the same numbers, and find the same ones valid', () => {
    const { disagreements, valid } = compare('isValid');
    expect(disagreements).toEqual([]);
    // Half-random samples: a good share must be valid, or the comparison proves little.
    expect(valid / samples.length).toBeGreaterThan(0.1);
  });

  it('find the same numbers possible (tel: links and phone fields)', () => {
    expect(compare('isPossible').disagreements).toEqual([]);
  });

  it('read "+" numbers and national ones like libphonenumber', () => {
    expect(nationalToE164('0123456789', 'FR')).toBe('+33123456789');
    expect(nationalToE164('33123456789', 'FR')).toBe('+33123456789');
    expect(nationalToE164('0033123456789', 'FR')).toBe('+33123456789');
    expect(nationalToE164('2125550123', 'US')).toBe('+12125550123');
    expect(nationalToE164('01112125550123', 'US')).toBe('+12125550123');
    expect(nationalToE164('2125550123', 'ZZ')).toBeUndefined();
    expect(internationalToE164('442079460958')).toBe('+442079460958');
    expect(internationalToE164('4402079460958')).toBe('+442079460958');
    // Jersey shares +44 with Great Britain: its leading digits choose it.
    expect(parseDigits('+447797123456')?.country).toBe('JE');
    // Non-geographic: International Freephone.
    expect(internationalToE164('80012345678')).toBe('+80012345678');
    expect(internationalToE164('0123456')).toBeUndefined();
  });

  it('know the calling code of every country libphonenumber knows, and no other', () => {
    for (const country of getCountries()) {
      expect(callingCodeOf(country), country).toBe(getCountryCallingCode(country));
    }
    expect(callingCodeOf('ZZ')).toBeUndefined();
    expect(callingCodeOf('800')).toBeUndefined();
  });

  it('keep the trunk-prefix rule of formatNational: validate() decides as it did with libphonenumber', () => {
    const { disagreements, bare, rejected, unchanged } = compareValidate(samples);
    console.log(
      `validate() vs the libphonenumber rule: ${samples.length} samples, ${bare} valid national ` +
        `numbers written without trunk prefix, ${rejected} of them rejected, ${unchanged} of ` +
        `those because formatNational writes them unchanged (no fitting format); agreement ` +
        `${((1 - disagreements.length / samples.length) * 100).toFixed(3)}%`,
    );
    expect(disagreements).toEqual([]);
    expect(bare).toBeGreaterThan(1_000);
    // Both verdicts, and the numbers no format fits (BT, CL, CZ, HK, LU…), must be in the draw.
    expect(rejected).toBeGreaterThan(100);
    expect(bare - rejected).toBeGreaterThan(100);
    expect(unchanged).toBeGreaterThan(10);
  });
});

/**
 * detect/validate.ts's `parse` as it was with libphonenumber: a valid number, unless written in
 * national form without its trunk prefix (outside North America) and
 * `formatNational({ nationalPrefix: false })` writes it unchanged (no format fits it, or the one
 * that does adds nothing) or with other digits (the prefix that format always writes).
 */
function legacyParse(digits: string, country?: CountryCode) {
  const number = parsePhoneNumberFromString(digits, country);
  // validate() returns E.164 or nothing (plans.ts `e164`): libphonenumber finds some numbers of
  // 16 and more digits, or of 6 and fewer, valid ("+4914003285332682", "+431116").
  if (!number?.isValid() || !E164.test(number.number)) return { number: undefined };
  if (digits !== number.nationalNumber || number.countryCallingCode === '1') {
    return { number: number.number };
  }
  const national = number.formatNational({ nationalPrefix: false });
  const missing = national === digits || national.replace(/\D/g, '') !== digits;
  return {
    number: missing ? undefined : number.number,
    bare: true,
    unchanged: missing && national === digits,
  };
}

const E164 = /^\+[1-9]\d{6,14}$/;
const NANP = /^1?[2-9]\d\d[2-9]\d{6}$/;
const IDD = /^(?:011|00(?!0))/;

/** validate()'s steps around `legacyParse`: North American digits, foreign "00" and "011". */
function legacyValidate(digits: string, country: CountryCode) {
  const national =
    (country !== 'US' && country !== 'CA') || digits.startsWith('+') || NANP.test(digits);
  const idd = IDD.exec(digits)?.[0];
  const first = national ? legacyParse(digits, country) : { number: undefined };
  return first.number || !idd ? first : legacyParse(`+${digits.slice(idd.length)}`);
}

/** validate() against `legacyValidate`, sample for sample. */
function compareValidate(list: Sample[]) {
  const disagreements: string[] = [];
  let bare = 0;
  let rejected = 0;
  let unchanged = 0;
  for (const sample of list) {
    const country = sample.country as CountryCode;
    const want = legacyValidate(sample.digits, country);
    if (want.bare) {
      bare++;
      if (!want.number) rejected++;
      if (want.unchanged) unchanged++;
    }
    const got = validate(sample.digits, country, { parses: 1 });
    const key = `${sample.country} ${sample.digits}`;
    if (got !== want.number && !ALLOWED[key]) {
      disagreements.push(`${key}: libphonenumber rule ${want.number}, validate() ${got}`);
    }
  }
  return { disagreements, bare, rejected, unchanged };
}
