/**
 * Phone number validation without libphonenumber's code: the same verdicts as libphonenumber-js's
 * `parsePhoneNumberFromString(digits, country)?.isValid()` with its min metadata, from the plans
 * generated out of that metadata (plans.generated.ts, scripts/phone-plans.ts). The content
 * script runs in every frame of every page; libphonenumber would be two thirds of it, and its
 * parser compiles every regex on every call and tries each of the 25 countries sharing +1 in turn.
 * Here a plan is read from its line and its regexes compiled the first time it is needed.
 *
 * The steps, and their names in libphonenumber-js (es6/parse.js, es6/helpers/*), are those of
 * `parse`: the international prefix (stripIddPrefix), the calling code after "+"
 * (extractCountryCallingCode), a calling code written without "+"
 * (extractCountryCallingCodeFromInternationalNumberWithoutPlusSign), the national prefix and its
 * transform rule (extractNationalNumber, extractNationalNumberFromPossiblyIncompleteNumber), the
 * country among those sharing a calling code (getCountryByCallingCode), then `isValid` or
 * `isPossible`. tests/unit/numbering-oracle.test.ts holds the two to the same answers.
 */
import { PLANS } from './plans.generated';

interface Plan {
  callingCode: string;
  idd: RegExp | undefined;
  prefix: RegExp | undefined;
  transform: string;
  national: RegExp;
  lengths: number[];
  leading: RegExp | undefined;
  /** Written in national form without the trunk prefix: accept (0), reject (1), by format. */
  trunk: 0 | 1 | { leading: RegExp | undefined; min: number; max: number; reject: boolean }[];
  /** Only where libphonenumber validates by type: a valid number matches one of them. */
  types: { pattern: RegExp; lengths: number[] | undefined }[] | undefined;
}

/** A parsed number: calling code, national (significant) number and, when known, country. */
export interface ParsedNumber {
  callingCode: string;
  national: string;
  country: string | undefined;
}

/** libphonenumber's bounds on a national number (constants.js). */
const MIN_NATIONAL = 2;
const MAX_NATIONAL = 17;
const MAX_CALLING_CODE = 3;
const E164 = /^\+[1-9]\d{6,14}$/;
const NONE = '_';
const isCountry = (key: string) => /^[A-Z]{2}$/.test(key);

let lines: Map<string, string> | undefined;
let shared: Map<string, string[]> | undefined;
const plans = new Map<string, Plan>();

/** Indexes the generated text once: plan key → its line, calling code → countries in order. */
function index(): Map<string, string> {
  if (lines) return lines;
  lines = new Map();
  shared = new Map();
  for (const line of PLANS.split('\n')) {
    const space = line.indexOf(' ');
    if (space < 0) continue;
    const key = line.slice(0, space);
    lines.set(key, line);
    // Countries only (their keys are letters): a non-geographic plan has its code to itself.
    if (key.charCodeAt(0) > 57) {
      const code = line.slice(space + 1, line.indexOf(' ', space + 1));
      const list = shared.get(code);
      if (list) list.push(key);
      else shared.set(code, [key]);
    }
  }
  return lines;
}

const pattern = (source: string, whole: boolean) =>
  new RegExp(whole ? `^(?:${source})$` : `^(?:${source})`);
const optional = (source: string | undefined, whole: boolean) =>
  source && source !== NONE ? pattern(source, whole) : undefined;
const lengthList = (list: string) => list.split(',').map(Number);

/** The plan of a country ("FR") or of a non-geographic calling code ("800"), or undefined. */
function plan(key: string): Plan | undefined {
  const known = plans.get(key);
  if (known) return known;
  const line = index().get(key);
  if (!line) return undefined;
  const [, callingCode, idd, prefix, transform, national, lengths, leading, trunk, types] =
    line.split(' ') as string[];
  const made: Plan = {
    callingCode: callingCode!,
    idd: optional(idd, false),
    prefix: optional(prefix, false),
    transform: transform === NONE ? '' : transform!,
    national: pattern(national!, true),
    lengths: lengthList(lengths!),
    leading: optional(leading, false),
    trunk:
      trunk === '0' || trunk === '1'
        ? (Number(trunk) as 0 | 1)
        : trunk!.split(';').map((format) => {
            const [lead, lengths, verdict] = format.split('/') as [string, string, string];
            const [min, max = min] = lengths.split('-').map(Number) as [number, number?];
            return { leading: optional(lead, false), min, max, reject: verdict === '1' };
          }),
    types:
      types === NONE
        ? undefined
        : types!.split(';').map((type) => {
            const [shape, list] = type.split('/') as [string, string];
            return { pattern: pattern(shape, true), lengths: list ? lengthList(list) : undefined };
          }),
  };
  plans.set(key, made);
  return made;
}

/** Countries by calling code, main country first; undefined for non-geographic codes. */
function countriesOf(callingCode: string): string[] | undefined {
  index();
  return shared!.get(callingCode);
}

/** The plan libphonenumber selects for a calling code: its main country's, or non-geographic. */
function mainPlan(callingCode: string): Plan | undefined {
  const countries = countriesOf(callingCode);
  return countries ? plan(countries[0]!) : /^\d/.test(callingCode) ? plan(callingCode) : undefined;
}

/** The calling code of a country ("33" for "FR"), or undefined for a country we do not know. */
export function callingCodeOf(country: string): string | undefined {
  return isCountry(country) ? plan(country)?.callingCode : undefined;
}

/** An E.164 number's calling code and national number, or undefined for an unknown code. */
export function splitE164(number: string): { callingCode: string; national: string } | undefined {
  if (!E164.test(number)) return undefined;
  // Calling codes are prefix-free: the first one that exists is the one.
  for (let end = 2; end <= 1 + MAX_CALLING_CODE; end++) {
    const callingCode = number.slice(1, end);
    if (mainPlan(callingCode)) return { callingCode, national: number.slice(end) };
  }
  return undefined;
}

/** E.164 for a number written in national form (digits only, no "+") in `country`. */
export function nationalToE164(digits: string, country: string): string | undefined {
  return e164(parseDigits(digits, country));
}

/** E.164 for the digits written after a "+", or undefined when they are no valid number. */
export function internationalToE164(digitsAfterPlus: string): string | undefined {
  return e164(parseDigits(`+${digitsAfterPlus}`));
}

/** E.164 for a parsed number that is valid, else undefined. */
export function e164(parsed: ParsedNumber | undefined): string | undefined {
  if (!parsed || !isValid(parsed)) return undefined;
  const number = `+${parsed.callingCode}${parsed.national}`;
  return E164.test(number) ? number : undefined;
}

/**
 * libphonenumber's `parse` for digits with an optional leading "+". An unknown `country` is
 * ignored, as libphonenumber ignores it: only "+" numbers parse then.
 */
export function parseDigits(digits: string, country?: string): ParsedNumber | undefined {
  const home = country && isCountry(country) ? plan(country) : undefined;
  let number = digits;
  let callingCode: string | undefined;
  let selected: Plan | undefined;
  let exact: string | undefined;
  if (number[0] !== '+') {
    if (!home) return undefined;
    const withoutIdd = stripIdd(number, home);
    if (withoutIdd && withoutIdd !== number) {
      number = `+${withoutIdd}`;
    } else {
      const shorter = withoutPlusSign(number, home);
      if (shorter !== undefined) {
        callingCode = home.callingCode;
        number = shorter;
        selected = mainPlan(callingCode);
      } else {
        callingCode = home.callingCode;
        selected = home;
        exact = country;
      }
    }
  }
  if (number[0] === '+') {
    if (number[1] === '0') return undefined;
    for (let end = 2; end - 1 <= MAX_CALLING_CODE && end <= number.length; end++) {
      const code = number.slice(1, end);
      selected = mainPlan(code);
      if (selected) {
        callingCode = code;
        number = number.slice(end);
        break;
      }
    }
    if (!callingCode) return undefined;
  }
  if (!number || !selected) return undefined;
  const national = extractNational(number, selected);
  const found = countryByCallingCode(callingCode!, national);
  if (found) exact = found;
  if (national.length < MIN_NATIONAL || national.length > MAX_NATIONAL) return undefined;
  return { callingCode: callingCode!, national, country: exact };
}

/** The digits after the country's international prefix, unless a 0 follows it (stripIddPrefix). */
function stripIdd(number: string, home: Plan): string | undefined {
  const idd = home.idd?.exec(number);
  if (!idd) return undefined;
  const rest = number.slice(idd[0].length);
  return rest[0] === '0' ? undefined : rest;
}

/**
 * "33 1 23 45 67 89" in France: the calling code written without "+". libphonenumber takes it
 * off when the number is invalid with it and valid without, or too long with it.
 */
function withoutPlusSign(number: string, home: Plan): string | undefined {
  if (!number.startsWith(home.callingCode)) return undefined;
  const shorter = number.slice(home.callingCode.length);
  const full = extractNational(number, home);
  return (!home.national.test(full) && home.national.test(extractNational(shorter, home))) ||
    lengthCheck(full, home.lengths) === TOO_LONG
    ? shorter
    : undefined;
}

/**
 * The national significant number: without the national prefix (or carrier code) the plan's
 * rule strips or rewrites, unless stripping makes a valid number invalid or too short.
 */
function extractNational(number: string, selected: Plan): string {
  const national = stripNationalPrefix(number, selected);
  if (national === number) return number;
  if (selected.national.test(number) && !selected.national.test(national)) return number;
  const country = countryByCallingCode(selected.callingCode, national);
  const lengths = (country ? plan(country) : undefined)?.lengths ?? selected.lengths;
  const verdict = lengthCheck(national, lengths);
  return verdict === TOO_SHORT || verdict === INVALID_LENGTH ? number : national;
}

function stripNationalPrefix(number: string, selected: Plan): string {
  const match = selected.prefix?.exec(number);
  if (!match) return number;
  // The last capturing group decides whether the transform rule applies, as in libphonenumber.
  const captured = match.length > 1 && match[match.length - 1];
  return selected.transform && captured
    ? number.replace(selected.prefix!, selected.transform)
    : number.slice(match[0].length);
}

/** The country of a national number among those sharing its calling code (libphonenumber's). */
function countryByCallingCode(callingCode: string, national: string): string | undefined {
  const countries = countriesOf(callingCode);
  if (!countries) return undefined;
  if (countries.length === 1) return countries[0];
  for (const country of countries) {
    const candidate = plan(country)!;
    if (candidate.leading) {
      if (national && candidate.leading.test(national)) return country;
    } else if (matchesType(national, candidate)) {
      return country;
    }
  }
  return undefined;
}

function matchesType(national: string, candidate: Plan): boolean {
  return (
    candidate.national.test(national) &&
    (candidate.types ?? []).some(
      (type) =>
        (type.lengths ?? candidate.lengths).includes(national.length) &&
        type.pattern.test(national),
    )
  );
}

function planOf(parsed: ParsedNumber): Plan | undefined {
  return parsed.country ? plan(parsed.country) : mainPlan(parsed.callingCode);
}

/** libphonenumber's `isValid`: by type where the plan has types, else by the national pattern. */
export function isValid(parsed: ParsedNumber): boolean {
  const selected = planOf(parsed);
  if (!selected) return false;
  return selected.types
    ? matchesType(parsed.national, selected)
    : selected.national.test(parsed.national);
}

/** libphonenumber's `isPossible`: the length alone. */
export function isPossible(parsed: ParsedNumber): boolean {
  const selected = planOf(parsed);
  return !!selected && lengthCheck(parsed.national, selected.lengths) === IS_POSSIBLE;
}

/**
 * True when a valid national number written without its trunk prefix ("30 1234567" in Germany)
 * is written in a way its country never writes it: the format that fits it writes the prefix (or
 * nothing but its digits), or no format fits it. What libphonenumber's
 * `formatNational({ nationalPrefix: false })` tells, exactly for valid numbers: the generator
 * lists formats (leading digits, lengths) only for countries whose numbers get both verdicts.
 */
export function trunkPrefixMissing(parsed: ParsedNumber): boolean {
  const selected = planOf(parsed);
  if (!selected) return true;
  const { trunk } = selected;
  if (typeof trunk === 'number') return trunk === 1;
  const { national } = parsed;
  const { length } = national;
  const format = trunk.find(
    (candidate) =>
      candidate.min <= length &&
      length <= candidate.max &&
      (!candidate.leading || candidate.leading.test(national)),
  );
  return !format || format.reject;
}

const IS_POSSIBLE = 0;
const TOO_SHORT = 1;
const TOO_LONG = 2;
const INVALID_LENGTH = 3;

/** checkNumberLength.js: possible lengths are sorted, the shortest first. */
function lengthCheck(national: string, lengths: number[]): number {
  const length = national.length;
  if (lengths[0] === length) return IS_POSSIBLE;
  if (lengths[0]! > length) return TOO_SHORT;
  if (lengths[lengths.length - 1]! < length) return TOO_LONG;
  return lengths.indexOf(length, 1) >= 0 ? IS_POSSIBLE : INVALID_LENGTH;
}
