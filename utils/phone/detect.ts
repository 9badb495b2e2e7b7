/**
 * Finds phone numbers in plain text (DESIGN.md "Click-to-dial"). Pure: no DOM, no browser APIs.
 *
 * libphonenumber-js does the parsing and validation, but its matcher costs ~20 µs per call even
 * on text without digits and grows badly on long digit streams (PRACTICES.md), so a cheap
 * prefilter runs first: texts with fewer than 7 digits are dropped at once, and the matcher only
 * sees candidate windows (runs of digits and phone punctuation); everything else is blanked out
 * with newlines, which libphonenumber treats as a hard break, so offsets stay those of `text`.
 *
 * The matcher alone accepts too much (in Germany "2024-01-15" or "1234 5678 9012" are valid
 * numbers), so every hit then passes the filters below: a national prefix where the country
 * always writes one, and no look of a date, IP address, card number, amount, postal code, ISBN,
 * version string or order/tracking id.
 */
import {
  Metadata,
  PhoneNumberMatcher,
  type CountryCode,
  type PhoneNumber,
} from 'libphonenumber-js/min';

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
  defaultCountry: CountryCode;
}

const MIN_DIGITS = 7;
/** Longest text examined per call; a huge text node is only scanned this far. */
const MAX_TEXT = 100_000;
/** Most candidate windows per call: bounds the matcher's work on digit-heavy text. */
const MAX_WINDOWS = 300;
/** A run with more digits than this is a data dump (a table, a hash), not phone numbers. */
const MAX_RUN_DIGITS = 32;
/** E.164 allows 15 digits: a longer run is an id or a card, or a list of numbers. */
const MAX_NUMBER_DIGITS = 15;

// Runs of digits with the punctuation phone numbers are written with.
const RUN = /[+\uFF0B]?[([]?\d(?:[\d.\-/()[\]\u2010-\u2015\uFF0D \u00A0\u202F\t]*\d)?/g;
// Extension written after a number. libphonenumber knows "ext", "x", "#", "anexo"; the other
// labels are the French, German, Portuguese and Dutch words it lacks.
const EXT_TAIL =
  /[ \u00A0\t,]*(?:(?:e?xt(?:ension|ensión)?|x|#|poste|durchwahl|dw|anexo|ramal|toestel|tst)\.?[ \u00A0\t]*[:.]?[ \u00A0\t-]*|,,|;)(\d{1,8})#?(?!\d)/iy;

// "Phone", "Tel", "Mobile", "Cell", "Fax", "Call" in English, French, Spanish, German, Dutch and
// Portuguese, optionally followed by "(work)", "number", "no.", "us at"... and a colon.
const LABEL_CUE = new RegExp(
  '(?<![\\p{L}\\d])(?:phone|telephone|tel|ph|mobile|mob|cell|cellphone|fax|call' +
    '|t[ée]l[ée]phone|t[ée]l|portable|t[ée]l[ée]copie|appeler|appelez' +
    '|tel[ée]fono|m[óo]vil|celular|cel|llamar|llame|ll[áa]menos|ll[áa]manos' +
    '|telefon|rufnummer|handy|mobil|mobiltelefon|telefax|anrufen' +
    '|telefoon|mobiel|gsm|bel|bellen|telefone|telem[óo]vel|ligar|ligue)(?:nummer|nr)?' +
    '(?:\\s+(?:us|me|nous|nos|uns|ons))?(?:\\s+(?:at|on|au|al|unter|op|para|pelo|no|em))?' +
    '\\s*(?:\\([^)]{0,20}\\))?\\.?\\s*(?:number|no\\.?|nr\\.?|n[°º]\\.?|num(?:ber|[ée]ro)?\\.?|#)?\\s*[:：\\-–—]?\\s*$',
  'iu',
);
// Words that introduce order, invoice, tracking and other ids rather than phone numbers.
const ID_CUE = new RegExp(
  '(?<![\\p{L}\\d])(?:order|invoice|tracking|track|ref|reference|ticket|case|sku|account|acct' +
    '|transaction|txn|confirmation|booking|serial|s/n|commande|facture|suivi|r[ée]f|r[ée]f[ée]rence' +
    '|dossier|pedido|factura|seguimiento|referencia|bestell\\p{L}*|rechnung\\p{L}*|sendung\\p{L}*' +
    '|auftrag\\p{L}*|kundennummer|bestelling|factuur|zending|encomenda|fatura|rastreio|rastreamento' +
    '|protocolo)(?:[ -]?(?:number|no\\.?|nr\\.?|n[°º]\\.?|num(?:ber|[ée]ro)?\\.?|id|code))?' +
    '\\s*[:#.]?\\s*#?\\s*$',
  'iu',
);
const VERSION_CUE = /(?<![\p{L}\d])(?:v|ver|version|build|release|firmware|rev)\.?\s*$/iu;
const ISBN_CUE = /ISBN(?:-1[03])?:?\s*$/i;
const CURRENCY_BEFORE =
  /(?:[$€£¥₹₩₽¢]|R\$|(?<![\p{L}])(?:USD|EUR|GBP|CHF|JPY|CAD|AUD|BRL|MXN|INR|CNY|SEK|NOK|DKK|PLN|kr)\.?)\s*$/iu;
const CURRENCY_AFTER =
  /^(?:[.,]\d{1,2}(?!\d)|\s*(?:[$€£¥₹₩₽¢%]|(?:USD|EUR|GBP|CHF|BRL|kr)(?![\p{L}])))/iu;
// Glued to an identifier: "INV-2125550123", "abc_…", "https://x.example/2125550123".
const GLUED_BEFORE = /(?:[\p{L}\d_][-_]|\p{L}\/|[\p{L}_])$/u;
const GLUED_AFTER = /^(?:[-_][\p{L}\d]|\/\p{L}|[\p{L}_])/u;
// What may separate two numbers of a list inside one run: "… / …", "…  …", "… - …".
const LIST_BREAK = /^(?:\s*[/|]\s*|\s{2,}|\s[-–—]\s)$/;

const TOKEN = /\d(?:[\d.\-/\u2010-\u2015]*\d)?/g;
const DATE = /^(\d{1,4})([-./])(\d{1,2})\2(\d{1,4})$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const TIME_RANGE = /^\d{1,2}[.:]\d{2}[-–]\d{1,2}[.:]\d{2}$/;
const POSTAL = /^\d{5}-\d{3,4}$/;
const CARD_GROUPS =
  /^(?:\d{4}(?:[ -]\d{4}){2,4}(?:[ -]\d{1,3})?|\d{4}[ -]\d{6}[ -]\d{4,5}|\d{13,19})$/;

interface Candidate {
  start: number;
  /** End of the digit run itself. */
  runEnd: number;
  /** End including a written extension. */
  end: number;
}

// The options libphonenumber's matcher accepts; its typings list only the first two.
interface MatcherOptions {
  defaultCountry: CountryCode;
  v2: true;
  leniency: 'VALID';
  maxTries: number;
}

// Internals of libphonenumber's Metadata class that its typings omit (stable since 1.x; the
// library's own Leniency code relies on them).
interface NumberFormatInternals {
  pattern(): string;
  leadingDigitsPatterns(): string[];
  nationalPrefixIsMandatoryWhenFormattingInNationalFormat(): boolean;
}
interface MetadataInternals {
  selectNumberingPlan(callingCode: string): void;
  numberingPlan: {
    formats(): NumberFormatInternals[];
    nationalPrefix(): string | undefined;
    nationalPrefixIsOptionalWhenFormattingInNationalFormat(): boolean;
  };
}

export function findPhoneNumbers(text: string, options: FindOptions): PhoneMatch[] {
  if (!hasDigits(text, MIN_DIGITS)) return [];
  const candidates = findWindows(text);
  if (candidates.length === 0) return [];
  const matcherOptions: MatcherOptions = {
    defaultCountry: options.defaultCountry,
    v2: true,
    leniency: 'VALID',
    // Each window may cost a few tries (libphonenumber retries inner groups); this bounds the rest.
    maxTries: candidates.length * 4 + 8,
  };
  const matcher = new PhoneNumberMatcher(maskOutside(text, candidates), matcherOptions);
  const matches: PhoneMatch[] = [];
  let w = 0;
  while (matcher.hasNext()) {
    const found = matcher.next();
    if (!found) break;
    while (w < candidates.length - 1 && candidates[w]!.end <= found.startsAt) w++;
    const candidate = candidates[w];
    if (!candidate) break;
    const match = accept(text, candidate, found.startsAt, found.endsAt, found.number);
    if (match) matches.push(match);
  }
  return matches;
}

function hasDigits(text: string, wanted: number): boolean {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57 && ++count >= wanted) return true;
  }
  return false;
}

function countDigits(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) count++;
  }
  return count;
}

function findWindows(text: string): Candidate[] {
  const candidates: Candidate[] = [];
  // Offsets in the head are offsets in `text`; nothing past it is ever read by the regex.
  const head = text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
  const run = new RegExp(RUN.source, 'g');
  let found: RegExpExecArray | null;
  while (candidates.length < MAX_WINDOWS && (found = run.exec(head)) !== null) {
    const digits = countDigits(found[0]);
    if (digits < MIN_DIGITS || digits > MAX_RUN_DIGITS) continue;
    const runEnd = found.index + found[0].length;
    EXT_TAIL.lastIndex = runEnd;
    const tail = EXT_TAIL.exec(text);
    candidates.push({ start: found.index, runEnd, end: tail ? runEnd + tail[0].length : runEnd });
  }
  return candidates;
}

/**
 * `text` with everything but the candidate windows (and one character either side, which
 * libphonenumber reads to reject numbers glued to letters) replaced by newlines.
 */
function maskOutside(text: string, candidates: Candidate[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const { start, end } of candidates) {
    const from = Math.max(at, start - 1);
    if (from > at) parts.push('\n'.repeat(from - at));
    const to = Math.min(text.length, end + 1);
    parts.push(text.slice(from, to));
    at = to;
  }
  return parts.join('');
}

function accept(
  text: string,
  candidate: Candidate,
  start: number,
  end: number,
  number: PhoneNumber,
): PhoneMatch | undefined {
  const e164 = number.number;
  if (!/^\+[1-9]\d{6,14}$/.test(e164)) return undefined;
  const written = text.slice(start, end);
  const main = number.ext
    ? written.slice(0, written.lastIndexOf(number.ext)).replace(/[^\d)]+$/, '')
    : written;
  const mainEnd = start + main.length;
  const before = text.slice(Math.max(0, start - 48), start);
  const after = text.slice(mainEnd, mainEnd + 16);
  const labelled = LABEL_CUE.test(before);
  const formatted = /^[+\uFF0B([]/.test(main) || /\d\D+\d/.test(main);

  if (!formatted && !labelled) return undefined;
  if (!labelled && (ID_CUE.test(before) || /#\s*$/.test(before))) return undefined;
  if (GLUED_BEFORE.test(before) || GLUED_AFTER.test(text.slice(end, end + 2))) return undefined;
  if (lacksNationalPrefix(main, number)) return undefined;
  if (CURRENCY_BEFORE.test(before) || CURRENCY_AFTER.test(after)) return undefined;
  if (VERSION_CUE.test(before) || ISBN_CUE.test(before)) return undefined;
  if (looksLikeOtherData(text, candidate, start, mainEnd)) return undefined;

  const result: PhoneMatch = { start, end, e164 };
  if (number.ext) {
    if (/^\d{1,8}$/.test(number.ext)) result.extension = number.ext;
  } else {
    // Labels libphonenumber does not know ("poste 12", "Durchwahl 12").
    EXT_TAIL.lastIndex = end;
    const tail = EXT_TAIL.exec(text);
    if (tail?.[1] && end + tail[0].length <= candidate.end) {
      result.extension = tail[1];
      result.end = end + tail[0].length;
    }
  }
  return result;
}

// One instance: selectNumberingPlan just points it at another country's data.
let metadata: MetadataInternals | undefined;

/**
 * True for a number written in national form without the trunk prefix ("0" in France, Germany,
 * the UK…) where that country always writes it: "30 1234567" is not how a Berliner writes a
 * phone number, but "2024 0115" is how a date or an id looks. Countries where the prefix is
 * optional or absent (US, Spain, Brazil…) are unaffected.
 */
function lacksNationalPrefix(main: string, number: PhoneNumber): boolean {
  if (/^[+\uFF0B]/.test(main)) return false;
  const nationalNumber = number.nationalNumber;
  if (main.replace(/\D/g, '') !== nationalNumber) return false;
  metadata ??= new Metadata() as unknown as MetadataInternals;
  metadata.selectNumberingPlan(number.countryCallingCode);
  const format = metadata.numberingPlan.formats().find((candidate) => {
    const leading = candidate.leadingDigitsPatterns();
    const last = leading[leading.length - 1];
    if (last !== undefined && nationalNumber.search(last) !== 0) return false;
    return new RegExp(`^(?:${candidate.pattern()})$`).test(nationalNumber);
  });
  if (format) return format.nationalPrefixIsMandatoryWhenFormattingInNationalFormat();
  // Valid but without a display format (odd lengths): go by the country's habit.
  const plan = metadata.numberingPlan;
  return (
    Boolean(plan.nationalPrefix()) && !plan.nationalPrefixIsOptionalWhenFormattingInNationalFormat()
  );
}

/** Dates, IP addresses, versions, cards, postal codes, ISBNs and long ids sharing the run. */
function looksLikeOtherData(
  text: string,
  candidate: Candidate,
  start: number,
  mainEnd: number,
): boolean {
  const run = text.slice(candidate.start, candidate.runEnd);
  const runDigits = countDigits(run);
  if (
    POSTAL.test(run.trim()) ||
    (runDigits >= 13 && runDigits <= 19 && CARD_GROUPS.test(run) && luhn(run))
  ) {
    return true;
  }
  if (
    runDigits > MAX_NUMBER_DIGITS &&
    isPartOfLongerRun(run, start - candidate.start, mainEnd - candidate.start)
  ) {
    return true;
  }
  TOKEN.lastIndex = 0;
  let token: RegExpExecArray | null;
  while ((token = TOKEN.exec(run)) !== null) {
    const from = candidate.start + token.index;
    const to = from + token[0].length;
    if (to <= start || from >= mainEnd) continue;
    if (isOtherToken(token[0])) return true;
  }
  return false;
}

/** The number is only part of its run and not set apart as an item of a list. */
function isPartOfLongerRun(run: string, from: number, to: number): boolean {
  const head = run.slice(0, from);
  const tail = run.slice(to);
  const headGap = /\D*$/.exec(head)?.[0] ?? '';
  const tailGap = /^\D*/.exec(tail)?.[0] ?? '';
  const gluedHead = /\d/.test(head) && !LIST_BREAK.test(headGap);
  const gluedTail = /\d/.test(tail) && !LIST_BREAK.test(tailGap);
  return gluedHead || gluedTail;
}

function isOtherToken(token: string): boolean {
  if (IPV4.test(token) && token.split('.').every((part) => Number(part) <= 255)) return true;
  if (TIME_RANGE.test(token)) return true;
  const date = DATE.exec(token);
  if (date && isDate(date[1]!, date[3]!, date[4]!)) return true;
  const groups = token.split('.');
  // "10.0.19041.1234": a one-digit group inside a dotted run is a version, not a phone group.
  if (
    groups.length >= 3 &&
    /^[\d.]+$/.test(token) &&
    groups.slice(1).some((group) => group.length === 1)
  ) {
    return true;
  }
  const digits = token.replace(/\D/g, '');
  return digits.length === 13 && /^97[89]/.test(digits);
}

function isDate(a: string, b: string, c: string): boolean {
  const [x, y, z] = [Number(a), Number(b), Number(c)];
  const year = (value: string) =>
    value.length === 2 || (value.length === 4 && Number(value) >= 1900 && Number(value) <= 2099);
  const day = (value: number) => value >= 1 && value <= 31;
  const month = (value: number) => value >= 1 && value <= 12;
  if (a.length === 4) return year(a) && month(y) && day(z);
  if (c.length !== 2 && c.length !== 4) return false;
  return year(c) && ((day(x) && month(y)) || (month(x) && day(y)));
}

function luhn(value: string): boolean {
  const digits = value.replace(/\D/g, '');
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}
