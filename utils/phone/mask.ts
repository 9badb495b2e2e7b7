/**
 * Phone numbers masked in text that leaves the agent's browser (the diagnostics export): every
 * digit of a number is replaced by `•` except its last two and, for an international number, its
 * country calling code and the digit after it: "+33 1 23 45 67 89" → "+33 1 •• •• •• 89",
 * "+33123456789" → "+331••••••89", "01 23 45 67 89" → "•• •• •• •• 89". Separators stay, so
 * the shape of what was written stays readable.
 *
 * A number is found without knowing its country or format: it is any run of digits joined by
 * separators a number is written with (spaces, `.`, `-`, `/`, parentheses, `+`, and
 * percent-escapes, so a number inside a URL is found as well), with five digits or more in all.
 * That masks more than phone numbers (a long id, an IP address, a date written with dashes), which
 * is the safe side: no five digits of a number in a row survive, whatever its format.
 */
import { getCountries, getCountryCallingCode } from 'libphonenumber-js/min';

export const MASK = '•';
/** Runs with fewer digits are left as they are (extensions, counts, times). */
export const MIN_DIGITS = 5;
/** Digits of a number left visible at its end. */
const KEEP_LAST = 2;
/** The calling code and its next digit are shown only when at least this many digits are masked. */
const MIN_MASKED = 4;

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** A percent-escape (`%2B`, `%20`) at `i`: its length, else 0. */
function escapeAt(text: string, i: number): number {
  return text[i] === '%' && /^%[0-9A-Fa-f]{2}/.test(text.slice(i, i + 3)) ? 3 : 0;
}

const SEPARATOR_CHARS = new Set([
  ' ',
  '\u00a0',
  '\u202f',
  '\u2009',
  '.',
  '-',
  '\u2010',
  '\u2011',
  '\u2012',
  '\u2013',
  '\u2014',
  '/',
  '(',
  ')',
  '+',
]);

/** The length of the separator at `i`, else 0. */
const separatorAt = (text: string, i: number): number =>
  escapeAt(text, i) || (SEPARATOR_CHARS.has(text[i]!) ? 1 : 0);

let callingCodes: Set<string> | undefined;

/** The length of the country calling code `digits` starts with, else 0 (codes are prefix-free). */
function callingCodeLength(digits: string): number {
  callingCodes ??= new Set(getCountries().map((country) => getCountryCallingCode(country)));
  for (let length = 1; length <= 3; length++) {
    if (callingCodes.has(digits.slice(0, length))) return length;
  }
  return 0;
}

/** The end of the run of digits and separators that starts with the digit at `start`. */
function runEnd(text: string, start: number): number {
  let end = start;
  let i = start;
  for (;;) {
    while (isDigit(text[i])) i++;
    end = i;
    let after = i;
    for (let sep = separatorAt(text, after); sep > 0; sep = separatorAt(text, after)) after += sep;
    if (after === i || !isDigit(text[after])) return end;
    i = after;
  }
}

/** The digits of `run` from its start, skipping those inside percent-escapes. */
function digitsOf(run: string): string {
  let digits = '';
  for (let i = 0; i < run.length; i++) {
    const escape = escapeAt(run, i);
    if (escape) i += escape - 1;
    else if (isDigit(run[i])) digits += run[i];
  }
  return digits;
}

/** `run` with its digits masked; `international`: a `+` came right before it. */
function maskRun(run: string, international: boolean): string {
  const digits = digitsOf(run);
  const head = international ? callingCodeLength(digits) + 1 : 0;
  const keepHead = head > 1 && digits.length - head - KEEP_LAST >= MIN_MASKED ? head : 0;
  let seen = 0;
  let out = '';
  for (let i = 0; i < run.length; i++) {
    const escape = escapeAt(run, i);
    if (escape) {
      out += run.slice(i, i + escape);
      i += escape - 1;
      continue;
    }
    const c = run[i]!;
    if (!isDigit(c)) {
      out += c;
      continue;
    }
    const keep = seen < keepHead || seen >= digits.length - KEEP_LAST;
    out += keep ? c : MASK;
    seen++;
  }
  return out;
}

/** A `+`, written or escaped, right before `i`. */
const plusBefore = (text: string, i: number): boolean =>
  text[i - 1] === '+' || /^%2[Bb]$/.test(text.slice(Math.max(0, i - 3), i));

/** `text` with every phone number in it masked (see the file comment). */
export function maskPhoneNumbers(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    // An escape's own digits (`%20`) are never the start of a number.
    const escape = escapeAt(text, i);
    if (escape || !isDigit(text[i])) {
      const step = escape || 1;
      out += text.slice(i, i + step);
      i += step;
      continue;
    }
    const end = runEnd(text, i);
    const run = text.slice(i, end);
    out += digitsOf(run).length >= MIN_DIGITS ? maskRun(run, plusBefore(text, i)) : run;
    i = end;
  }
  return out;
}
