/**
 * Digits that are something other than a phone number, recognized from how they are written:
 * dates, times, IP addresses, versions, ISBNs, coordinates, tax ids, card numbers and postal
 * codes. Each test reads one token (digits joined by dots, dashes or slashes, no space) or one
 * segment.
 */

const DATE = /^(\d{1,4})([-./\u2010\u2011])(\d{1,2})\2(\d{1,4})$/;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/\d\d?)?$/;
// The next two are read only for numbers written in national form ("+33 1.23.45.67.89" is fine).
// A time range ("10.30-11.45"), an ISBN-10 ("0-306-40615-2"), a Brazilian CPF or CNPJ (on every
// customer record there), an id that starts with a year ("2024-000123", "2024/0042").
const SHAPE =
  /^(?:(?:[01]?\d|2[0-4])[.:h][0-5]\d[-–][01]?\d[.:h][0-5]\d|\d{1,5}-\d{1,7}-\d{1,7}-\d|\d{3}\.\d{3}\.\d{3}-\d\d|\d\d\.\d{3}\.\d{3}\/\d{4}-\d\d|(?:19|20)\d\d[-/.]\d+(?:[-/.]\d+)?)$/;
// A decimal ("40.712776", a coordinate), or a version ("10.0.19041.1234", "2.14.1234567"): a
// dotted token with a one-digit or a very long group after the first.
const DOTS = /^[1-9]\d{0,2}\.\d{4,}$|^(?=\d+\.\d+\.)\d+(?:\.\d+)*\.(?:\d|\d{6,})(?:\.\d+)*$/;
const POSTAL = /^\d{5}-\d{3,4}$/;
const ISBN13 = /^97[89]\d{10}$/;
const YEAR = /^(?:19|20)\d\d$/;
const NON_DIGIT = /\D/g;
const CARD = /^(?:\d{4}(?:[ -]\d{4}){2,4}(?:[ -]\d{1,3})?|\d{4}[ -]\d{6}[ -]\d{4,5}|\d{15,16})$/;

/**
 * Whether `token` is written like something else than a phone number's groups. `international`
 * is set when the number starts with "+" or an international prefix.
 */
export function isOtherToken(token: string, international: boolean): boolean {
  const ip = IPV4.exec(token);
  if (ip?.slice(1, 5).every((part) => Number(part) <= 255)) return true;
  if (isDate(token)) return true;
  // "15.01.2024-20.01.2024", "2024-01-15/2024-02-15"
  for (let at = 5; token.length > 12 && at < token.length - 5; at++) {
    if ('-–/'.includes(token[at]!) && isDate(token.slice(0, at)) && isDate(token.slice(at + 1))) {
      return true;
    }
  }
  return !international && (SHAPE.test(token) || DOTS.test(token));
}

const isYear = (value: string) => value.length === 2 || YEAR.test(value);
const isDay = (value: number) => value >= 1 && value <= 31;
const isMonth = (value: number) => value >= 1 && value <= 12;

function isDate(token: string): boolean {
  const date = DATE.exec(token);
  if (!date) return false;
  const [a, b, c] = [date[1]!, Number(date[3]), date[4]!];
  if (a.length === 4) return isYear(a) && isMonth(b) && isDay(Number(c));
  return isYear(c) && ((isDay(+a) && isMonth(b)) || (isMonth(+a) && isDay(b)));
}

/** A whole segment that is a card number (Luhn-checked), a ZIP+4 or CEP, or an ISBN-13. */
export function isOtherSegment(segment: string, digitCount: number): boolean {
  const digits = segment.replace(NON_DIGIT, '');
  if (POSTAL.test(segment) || ISBN13.test(digits)) return true;
  if (digitCount < 13 || digitCount > 19 || !CARD.test(segment)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const digit = (digits.charCodeAt(digits.length - 1 - i) - 48) * (i % 2 ? 2 : 1);
    sum += digit > 9 ? digit - 9 : digit;
  }
  return sum % 10 === 0;
}
