/**
 * utils/phone/plans.ts answers for libphonenumber in the content script; libphonenumber stays the
 * oracle here. Seeded samples (numbering-samples.ts) for every country of the detection corpus,
 * and fewer for every other country, go through both; the verdicts must be the same, number for
 * number: E.164 and validity (what the detector asks), and possibility (what `tel:` links ask).
 * The trunk-prefix rule of detect/validate.ts, which libphonenumber does not have, is compared
 * with the `formatNational` test it replaces in its own case.
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
  trunkPrefixMissing,
} from '../../utils/phone/plans';
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

describe('numbering plans against libphonenumber', () => {
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

  /**
   * detect/validate.ts used `formatNational({ nationalPrefix: false })`: a number written in
   * national form without its trunk prefix is rejected when the format fitting it writes the
   * prefix, or when no format fits. The plans keep per format only where a country's formats
   * disagree (the budget of the generated module); where they agree that the prefix is not
   * written, a valid number no format fits is accepted. That case is the one difference allowed.
   */
  it('keep the trunk-prefix rule of formatNational, but for unformatted numbers where no format writes the prefix', () => {
    const corpus = trunkRule(corpusSamples);
    const others = trunkRule(otherSamples);
    const compared = corpus.compared + others.compared;
    const unformatted = corpus.unformatted.length + others.unformatted.length;
    console.log(
      `trunk-prefix rule vs formatNational: ${compared} valid national numbers written without ` +
        `prefix, ${unformatted} accepted for want of a format ` +
        `(${((unformatted / compared) * 100).toFixed(2)}%, ${others.unformatted.slice(0, 3).join(', ')}…)`,
    );
    expect(compared).toBeGreaterThan(1_000);
    expect([...corpus.disagreements, ...others.disagreements]).toEqual([]);
    // Not one in the countries of the corpus, where pages would show it.
    expect(corpus.unformatted).toEqual([]);
  });
});

/** Our trunk-prefix verdicts against the old one, for valid numbers written as the bare national number. */
function trunkRule(list: Sample[]) {
  let compared = 0;
  const unformatted: string[] = [];
  const disagreements: string[] = [];
  for (const sample of list) {
    const number = oracle(sample);
    if (!number?.isValid() || number.nationalNumber !== sample.digits) continue;
    if (number.countryCallingCode === '1') continue;
    compared++;
    const national = number.formatNational({ nationalPrefix: false });
    const want = national === sample.digits || national.replace(/\D/g, '') !== sample.digits;
    const got = trunkPrefixMissing(parseDigits(sample.digits, sample.country)!);
    if (want === got) continue;
    const key = `${sample.country} ${sample.digits}`;
    if (!got && national === sample.digits) unformatted.push(key);
    else disagreements.push(`${key}: formatNational ${national}`);
  }
  return { compared, unformatted, disagreements };
}
