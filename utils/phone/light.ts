/**
 * The content script's counterparts of utils/phone/format.ts, on the numbering plans
 * (plans.ts) instead of libphonenumber, which stays out of the script that runs in every frame.
 * The background, the panel and the adapters keep format.ts.
 */
import { isPossible, parseDigits, splitE164 } from './plans';

/** libphonenumber reads no longer input (parse.js MAX_INPUT_STRING_LENGTH). */
const MAX_INPUT = 250;
const FULL_WIDTH = /[\uFF10-\uFF19]/g;
const START = /[+\uFF0B\d]/;
const TRAILING = /[^\d#]+$/;
// Digits with the punctuation libphonenumber allows between them (constants.js).
const VIABLE =
  /^[+\uFF0B]?[\d\s\u00A0\u00AD\u200B\u2060\u3000().\-/\u2010-\u2015\u2212\u30FC\uFF0D\uFF0F\uFF0E\uFF08\uFF09\uFF3B\uFF3D[\]~\u2053\u223C\uFF5E]*$/;
const NON_DIGIT = /\D/g;
// A written extension, which libphonenumber sets aside (helpers/extension): "x45", "ext. 45", "#45".
const EXTENSION = /(?:;\s*ext=|\s*(?:ext\.?|extn|extension|x|#))\s*\d{1,20}#?$/i;
const DIGIT_RUN = /\d+/g;

const ascii = (text: string) =>
  text.replace(FULL_WIDTH, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0));

/**
 * format.ts's `toE164ByLibphonenumber` (libphonenumber's parse + isPossible) for the content script: E.164 for
 * `raw`, written with or without "+" and with any phone punctuation, when its length is possible
 * for its country; undefined otherwise. Text around the number is cut off as libphonenumber does.
 */
export function toE164ByNumberingPlans(raw: string, defaultCountry?: string): string | undefined {
  if (raw.length > MAX_INPUT) return undefined;
  const all = ascii(raw);
  const start = all.search(START);
  if (start < 0) return undefined;
  const text = all.slice(start).replace(TRAILING, '').replace(EXTENSION, '');
  if (!VIABLE.test(text)) return undefined;
  // libphonenumber finds a number by a full-width plus but reads only "+" as one.
  const plus = text[0] === '+';
  const digits = (plus ? '+' : '') + text.replace(NON_DIGIT, '');
  const parsed = parseDigits(digits, defaultCountry);
  // Like format.ts, no E.164 length check here: callers that need one make it.
  return parsed && isPossible(parsed) ? `+${parsed.callingCode}${parsed.national}` : undefined;
}

/**
 * How the Call button names a number: in international form, grouped the way the page wrote it
 * ("01 23 45 67 89" in France → "+33 1 23 45 67 89", "(212) 555-0123" → "+1 212 555 0123"),
 * without its trunk prefix and with punctuation as single spaces. libphonenumber's formats are
 * 50 KB of metadata; the page's own grouping is right by definition. When the written form is
 * unknown, does not end with the number's digits, or is one unbroken run, the national number
 * is grouped simply ("+1 212 555 0123").
 */
export function formatAsWritten(e164: string, written?: string, extension?: string): string {
  const split = splitE164(e164);
  if (!split) return e164;
  const groups = (written && writtenGroups(ascii(written), split.national, extension)) || undefined;
  return `+${split.callingCode} ${(groups ?? simpleGroups(split.national)).join(' ')}`;
}

/** The page's groups of the national number, or undefined when they cannot be told. */
function writtenGroups(
  written: string,
  national: string,
  extension?: string,
): string[] | undefined {
  const runs = written.match(DIGIT_RUN);
  if (!runs) return undefined;
  const digits = runs.join('');
  // The written form may end with the extension ("212-555-0123 ext. 45").
  let end = digits.length;
  if (extension && digits.endsWith(national + extension)) end -= extension.length;
  const start = end - national.length;
  if (start < 0 || digits.slice(start, end) !== national) return undefined;
  // Whatever comes before the national number (calling code, international or trunk prefix,
  // "(0)") is dropped; a group it shares with the number keeps the number's part.
  const groups: string[] = [];
  let at = 0;
  for (const run of runs) {
    const from = Math.max(start, at);
    const to = Math.min(end, at + run.length);
    if (to > from) groups.push(run.slice(from - at, to - at));
    at += run.length;
  }
  return groups.length > 1 ? groups : undefined;
}

/** Groups of 2 to 4 digits, as even as can be, the longer ones last: "212 555 0123". */
function simpleGroups(national: string): string[] {
  const count = Math.ceil(national.length / 4);
  const size = Math.floor(national.length / count);
  const longer = national.length % count;
  const groups: string[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    const length = size + (i >= count - longer ? 1 : 0);
    groups.push(national.slice(at, at + length));
    at += length;
  }
  return groups;
}
