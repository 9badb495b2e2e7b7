/**
 * Candidate extraction for the phone detector. A run is a stretch of digits and the punctuation
 * phone numbers are written with (spaces of all widths, dots, dashes, slashes, brackets, and
 * their full-width forms) holding at least 7 digits; the regex only allocates when it finds one.
 * A run is cut into segments at list breaks (" / ", two spaces, a tab, " – "), and a segment into
 * tokens: digit groups joined without a space ("0221/1234567", "(0)20", "+44").
 */

export const MIN_DIGITS = 7;
/** A segment with more digits than this is a data dump (a table, a hash), not phone numbers. */
const MAX_SEGMENT_DIGITS = 120;

export interface Token {
  /** First character: the first digit, or a "(", "+" or "(+" written right before it. */
  start: number;
  /** Just past the last digit. */
  end: number;
  /** All its digits in ASCII. */
  digits: string;
  plus: boolean;
  /** Opens with a bracket: "(0)", "(212)". */
  paren: boolean;
  /** One group of digits and nothing else: "2125550123". */
  plain: boolean;
}

const DIGIT = '0-9\\uFF10-\\uFF19';
const SPACE = ' \\t\\u00A0\\u2000-\\u200A\\u202F\\u205F\\u3000';
// "-./()[]", dashes, the minus sign, the katakana long mark Japanese writes as a dash, and the
// full-width forms.
const PUNCT = '\\-./()[\\]\\u2010-\\u2015\\u2212\\u30FC\\uFF08\\uFF09\\uFF0D-\\uFF0F\\uFF3B\\uFF3D';
const LEAD = '(?:[([\\uFF08]?[+\\uFF0B])?[([\\uFF08]?';
const RUN = new RegExp(
  `${LEAD}[${DIGIT}](?:[${SPACE}${PUNCT}]*[${DIGIT}]){${MIN_DIGITS - 1},}`,
  'g',
);
const GROUP = new RegExp(`${LEAD}[${DIGIT}]+`, 'g');
const HAS_SPACE = new RegExp(`[${SPACE}]`);
// Two spaces, a tab, or a slash beside a space, between two digit groups.
const BREAK = `\\t|[${SPACE}][^${DIGIT}]*[${SPACE}]|[/\\uFF0F][^${DIGIT}]*[${SPACE}]|[${SPACE}][^${DIGIT}]*[/\\uFF0F]`;
const LIST_BREAK = new RegExp(BREAK);
const NEXT_BREAK = new RegExp(BREAK, 'g');
const FULL_WIDTH = /[\uFF10-\uFF19]/g;

const ascii = (digits: string) =>
  digits.replace(FULL_WIDTH, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0));

const isDigit = (code: number) => (code >= 48 && code <= 57) || (code >= 0xff10 && code <= 0xff19);

/** Whether `text` holds at least `wanted` digits among its first `limit` characters. */
export function hasDigits(text: string, wanted: number, limit: number): boolean {
  for (let i = 0; i < limit; i++) if (isDigit(text.charCodeAt(i)) && --wanted === 0) return true;
  return false;
}

/**
 * Calls `visit` with the tokens of every segment of MIN_DIGITS to MAX_SEGMENT_DIGITS digits in
 * `text` (read up to `limit`). Stops when `visit` returns false.
 */
export function forEachSegment(
  text: string,
  limit: number,
  visit: (tokens: Token[], digitCount: number) => boolean,
): void {
  const head = limit < text.length ? text.slice(0, limit) : text;
  RUN.lastIndex = 0;
  for (let run: RegExpExecArray | null; (run = RUN.exec(head));) {
    let tokens: Token[] = [];
    let count = 0;
    let previous = -1;
    const flush = () => {
      const go = count < MIN_DIGITS || count > MAX_SEGMENT_DIGITS || visit(tokens, count);
      tokens = [];
      count = 0;
      return go;
    };
    GROUP.lastIndex = 0;
    for (let group: RegExpExecArray | null; (group = GROUP.exec(run[0]));) {
      const written = group[0];
      // The "(", "+" or "(+" GROUP takes in front of the digits.
      let lead = 0;
      let plus = false;
      let paren = false;
      for (let code = written.charCodeAt(0); !isDigit(code); code = written.charCodeAt(++lead)) {
        if (code === 43 || code === 0xff0b) plus = true;
        else paren = true;
      }
      const start = run.index + group.index;
      const end = start + written.length;
      const separator = previous < 0 ? '' : text.slice(previous, start);
      previous = end;
      // A break only ends a segment that could hold a number: "030 / 1234567" is one number.
      if (count >= MIN_DIGITS && LIST_BREAK.test(separator) && !flush()) return;
      const digits = ascii(written.slice(lead));
      count += digits.length;
      if (count > MAX_SEGMENT_DIGITS) {
        // A data dump: skip to the next list break, or past the run when there is none.
        NEXT_BREAK.lastIndex = GROUP.lastIndex;
        const next = NEXT_BREAK.exec(run[0]);
        if (!next) break;
        previous = run.index + next.index;
        GROUP.lastIndex = next.index;
        continue;
      }
      const last = tokens[tokens.length - 1];
      if (last && !HAS_SPACE.test(separator)) {
        last.end = end;
        last.digits += digits;
        last.plain = false;
      } else {
        tokens.push({ start, end, digits, plus, paren, plain: lead === 0 });
      }
    }
    if (!flush()) return;
  }
}
