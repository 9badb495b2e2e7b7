/**
 * Finds phone numbers in plain text (DESIGN.md "Click-to-dial"). Pure: no DOM, no browser APIs.
 *
 * libphonenumber's text matcher and parser are too big for the content script and too slow per
 * call (PRACTICES.md), so candidates are found here and validated against numbering plans
 * generated from libphonenumber's metadata (utils/phone/plans.ts; its verdicts, without its code):
 *
 * 1. A digit count drops texts with fewer than 7 digits without allocating anything.
 * 2. detect/runs.ts finds runs of digits and phone punctuation, splits them at list breaks into
 *    segments, and each segment into tokens (digit groups joined without a space).
 * 3. In each segment the longest token spans of 7–17 digits are tried first, left to right, so a
 *    run holding two numbers ("+1 212 555 0123 / +1 212 555 0124", "01 23 45 67 89 01 23 45 67
 *    90") yields both. A span never cuts a token: "2024-01-15" is taken whole or not at all.
 * 4. Each span is validated first (detect/validate.ts: memoised, about a microsecond), which
 *    turns most spans down; a valid one then passes the context tests: label and id cues,
 *    currencies, glued letters (detect/context.ts); dates, IP addresses, versions, ISBNs,
 *    cards, postal codes (data.ts).
 *
 * The work per call is bounded (text length, parses, matches), so any input answers quickly.
 */
import type { CountryCode } from 'libphonenumber-js/min';
import { cueWindow, extensionAt, isIdCue, isLabelled, isRuledOutByContext } from './detect/context';
import { isOtherSegment, isOtherToken } from './detect/data';
import { forEachSegment, hasDigits, MIN_DIGITS, type Token } from './detect/runs';
import { validate } from './detect/validate';

export interface PhoneMatch {
  /** UTF-16 offset of the first character of the number in the text. */
  start: number;
  /** UTF-16 offset just past the number (and its extension, when one is written). */
  end: number;
  e164: string;
  /** Digits only; the messaging contract allows 1 to 8 of them. */
  extension?: string;
}

export interface FindOptions {
  /** Undefined: the agent's country is unknown, and only numbers with a country code are found. */
  defaultCountry: CountryCode | undefined;
}

/** Longest text examined per call; a huge text node is only scanned this far. */
const MAX_TEXT = 100_000;
/** Most numbers reported per call. */
const MAX_MATCHES = 300;
/** Most validations per call (memo hits are free): about a microsecond each (detect/validate.ts). */
const MAX_PARSES = 1_000;
/** Most candidate spans examined per call: bounds the work on digit-heavy text. */
const MAX_TRIES = 2_000;
/** The longest number as written: "0011 44 20 7946 0958" has 16 digits. */
const MAX_SPAN_DIGITS = 17;
/** E.164 allows 15 digits: a longer segment is an id or a card, or a list of numbers. */
const MAX_NUMBER_DIGITS = 15;
/** Digits before a bracketed token that may still belong to the same number ("+44 (0)20…"). */
const MAX_DIGITS_BEFORE_BRACKET = 5;

const INTERNATIONAL = /^(?:00|011)/;
/** A bracketed trunk zero: "(0)", "(0) ", "(０)". */
const TRUNK_ZERO = /^\([0\uFF10]+\)/;
const NON_DIGITS = /[^0-9\uFF10-\uFF19]+/;

/** Returned when nothing is found, so that the common case allocates nothing. Do not mutate. */
const NONE: PhoneMatch[] = Object.freeze([]) as unknown as PhoneMatch[];

interface Search {
  text: string;
  country: CountryCode | undefined;
  budget: { parses: number; tries: number };
  matches: PhoneMatch[];
}

export function findPhoneNumbers(text: string, options: FindOptions): PhoneMatch[] {
  const limit = Math.min(text.length, MAX_TEXT);
  if (!hasDigits(text, MIN_DIGITS, limit)) return NONE;
  const search: Search = {
    text,
    country: options.defaultCountry,
    budget: { parses: MAX_PARSES, tries: MAX_TRIES },
    matches: [],
  };
  forEachSegment(text, limit, (tokens, digitCount) => {
    searchSegment(search, tokens, digitCount);
    return search.budget.tries > 0 && search.matches.length < MAX_MATCHES;
  });
  return search.matches.length > 0 ? search.matches : NONE;
}

function searchSegment(search: Search, tokens: Token[], digitCount: number): void {
  const { text } = search;
  const count = tokens.length;
  if (isOtherSegment(text.slice(tokens[0]!.start, tokens[count - 1]!.end), digitCount)) return;
  const found: { match: PhoneMatch; from: number; to: number }[] = [];
  let a = 0;
  while (a < count && search.budget.tries > 0) {
    let b = a;
    let sum = tokens[a]!.digits.length;
    while (
      b + 1 < count &&
      sum + tokens[b + 1]!.digits.length <= MAX_SPAN_DIGITS &&
      !(tokens[b + 1]!.paren && sum > MAX_DIGITS_BEFORE_BRACKET)
    ) {
      sum += tokens[++b]!.digits.length;
    }
    let match: PhoneMatch | undefined;
    for (; b >= a && sum >= MIN_DIGITS; sum -= tokens[b--]!.digits.length) {
      if (sum <= MAX_SPAN_DIGITS && (match = tryCandidate(search, tokens, a, b))) break;
    }
    if (match) found.push({ match, from: a, to: b });
    a = match ? b + 1 : a + 1;
  }
  found.forEach(({ match, from, to }, i) => {
    const glued = (k: number) => {
      const token = tokens[k];
      if (!token || found[i - 1]?.to === k || found[i + 1]?.from === k) return false;
      // Plain digits beside it make the number a slice of a grouped id ("2024 0815 4711",
      // "1 85 05 78 006 084 36"); in a long segment anything but a date or time does
      // ("1234 5678 9012 3456 7890", but "call 212-555-0123 12/15/2024").
      if (token.plain && token.digits.length > 1) return true;
      return digitCount > MAX_NUMBER_DIGITS && !isOther(text, token, false);
    };
    // A written extension may run into the next segment ("ext. 7(212) 555-0123"): a span that
    // starts inside the one before it is not reported, so spans never overlap.
    const before = search.matches.at(-1);
    if (before && match.start < before.end) return;
    if (!glued(from - 1) && !glued(to + 1)) search.matches.push(match);
  });
}

function tryCandidate(search: Search, tokens: Token[], a: number, b: number) {
  const { text } = search;
  search.budget.tries--;
  const head = tokens[a]!;
  // "(0)" is the trunk prefix written after a country code ("+44 (0)20…"): a number cannot start
  // with it, and joined to a following 0 it would read as an international prefix ("(0)011…").
  const { start } = head;
  if (head.paren && !head.plus && TRUNK_ZERO.test(text.slice(start, head.end))) return undefined;
  const mainEnd = tokens[b]!.end;
  let digits = head.plus ? '+' : '';
  for (let k = a; k <= b; k++) digits += tokens[k]!.digits;
  // Validation first: memoised and about a microsecond, it turns down most spans of a segment
  // (ids, dates, amounts) before the context tests, which cost several regexes each.
  const e164 = validate(digits, search.country, search.budget);
  if (!e164 || !isNanpGrouping(e164, text.slice(start, mainEnd))) return undefined;
  const international = head.plus || INTERNATIONAL.test(digits);
  for (let k = a; k <= b; k++) if (isOther(text, tokens[k]!, international)) return undefined;
  const extension = extensionAt(text, mainEnd);
  const end = extension ? extension.end : mainEnd;
  const before = cueWindow(text, start);
  if (isRuledOutByContext(text, before, end)) return undefined;
  // A bare run of digits is a number only when a label says so; an id word wins over format.
  if (((a === b && head.plain) || isIdCue(before)) && !isLabelled(before)) return undefined;
  return extension ? { start, end, e164, extension: extension.digits } : { start, end, e164 };
}

function isOther(text: string, token: Token, international: boolean): boolean {
  return isOtherToken(text.slice(token.start, token.end), international);
}

/**
 * North American numbers are written 3-3-4 ("212-555-0123", "(212) 555 0123", "2125550123"); a
 * 10-digit id is not ("2024-000123", "2125 5501 23"). Other countries' habits vary too much to
 * hold them to their official grouping.
 */
function isNanpGrouping(e164: string, written: string): boolean {
  if (!e164.startsWith('+1')) return true;
  const groups = written.split(NON_DIGITS).filter(Boolean);
  let boundary = 10 - groups.join('').length;
  return groups.slice(0, -1).every((group) => {
    boundary += group.length;
    return boundary <= 0 || boundary === 3 || boundary === 6;
  });
}
