/**
 * What the agent types in the dial box, judged before anything is sent: a phone number that is
 * possible for the agent's country (or, with "+" or the country's international prefix, for its
 * own), an internal extension of the platform's length, or a code with * and # where the platform
 * dials them. Anything else gets a reason the agent can act on (dial-input-text.ts words it).
 * The background refuses only what is no dial string at all (`isDialString`): directory and
 * speed-dial entries are the admin's and the platform's, not the agent's typing.
 */
import {
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
  type CountryCode,
} from 'libphonenumber-js/min';

/** What a platform dials besides public numbers (`Capabilities.internalDial`). */
export interface InternalDial {
  /** How many digits the platform's internal extensions have. */
  extensionDigits: { min: number; max: number };
  /** The platform dials codes with * and # (voicemail, call pick-up, feature codes). */
  serviceCodes: boolean;
}

/** For a platform that says nothing: short extensions, no codes. */
export const DEFAULT_INTERNAL_DIAL: InternalDial = {
  extensionDigits: { min: 2, max: 6 },
  serviceCodes: false,
};

export type DialInputProblem =
  /** Nothing typed. */
  | 'empty'
  /** Letters or signs no phone dials. */
  | 'characters'
  /** * or # where the platform dials no codes. */
  | 'serviceCodes'
  /** A number without its country code while the agent's country is unknown. */
  | 'noCountry'
  | 'tooShort'
  | 'tooLong'
  /** A length between the shortest and longest numbers that no number has. */
  | 'wrongLength'
  /** "+" followed by no calling code that exists. */
  | 'unknownCountryCode';

export type DialInput =
  | { ok: true; kind: 'number'; e164: string }
  | { ok: true; kind: 'extension' | 'serviceCode' }
  /** `international`: the number was written with its country code (the reason says so). */
  | { ok: false; problem: DialInputProblem; international: boolean };

export interface DialInputRules extends InternalDial {
  /** The agent's country (ISO 3166 alpha-2); undefined while unknown. */
  country?: string | undefined;
}

/** Longer than the `dial` command's own limit is nothing a phone dials. */
const MAX_LENGTH = 64;
/** Written between digits and dropped: spaces, brackets, dashes, dots, slashes. */
const SEPARATORS = /[\s().\-/\u00A0\u2010-\u2015]/g;
const DIAL_STRING = /^\+?[0-9*#]+$/;
const CODE = /[*#]/;

/** The typed text without separators, or undefined when it holds anything else. */
function compactOf(input: string): string | undefined {
  const compact = input.trim().replace(SEPARATORS, '');
  return DIAL_STRING.test(compact) && !/^\+.*[*#]/.test(compact) ? compact : undefined;
}

/** True for digits, * and # with separators and a leading "+": something a phone can dial. */
export const isDialString = (input: string): boolean =>
  input.trim().length > 0 && input.length <= MAX_LENGTH && compactOf(input) !== undefined;

const LENGTH_PROBLEMS: Readonly<Record<string, DialInputProblem>> = {
  TOO_SHORT: 'tooShort',
  TOO_LONG: 'tooLong',
  INVALID_LENGTH: 'wrongLength',
  INVALID_COUNTRY: 'unknownCountryCode',
};

function lengthProblem(compact: string, country: CountryCode | undefined): DialInputProblem {
  const verdict = validatePhoneNumberLength(compact, country);
  return (verdict && LENGTH_PROBLEMS[verdict]) ?? 'wrongLength';
}

/** Whether `input` can be dialled under `rules`, and as what. */
export function checkDialInput(input: string, rules: DialInputRules): DialInput {
  const fail = (problem: DialInputProblem, international = false): DialInput => ({
    ok: false,
    problem,
    international,
  });
  if (input.trim() === '') return fail('empty');
  const compact = input.length <= MAX_LENGTH ? compactOf(input) : undefined;
  if (compact === undefined) return fail('characters');
  if (CODE.test(compact)) {
    return rules.serviceCodes ? { ok: true, kind: 'serviceCode' } : fail('serviceCodes');
  }
  if (compact.startsWith('+')) {
    const parsed = parsePhoneNumberFromString(compact);
    if (parsed?.isPossible()) return { ok: true, kind: 'number', e164: parsed.number };
    return fail(lengthProblem(compact, undefined), true);
  }
  const { min, max } = rules.extensionDigits;
  const extension = compact.length >= min && compact.length <= max;
  const country = rules.country as CountryCode | undefined;
  if (country) {
    const parsed = parsePhoneNumberFromString(compact, country);
    if (parsed?.isPossible()) return { ok: true, kind: 'number', e164: parsed.number };
  }
  if (extension) return { ok: true, kind: 'extension' };
  return country ? fail(lengthProblem(compact, country)) : fail('noCountry');
}
