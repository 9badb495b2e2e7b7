/**
 * libphonenumber-js decides whether a candidate's digits are a valid number. Only its parser is
 * used (the text matcher would double the bundle, PRACTICES.md). A parse costs ~10 µs because
 * the library compiles regexes on every call, so results are memoized per (country, digits):
 * CRM pages repeat the same numbers in lists, headers and signatures.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';

/** Past this many entries the memo starts over: it must not grow with a long-lived page. */
const MEMO_LIMIT = 4000;
const memo = new Map<string, string | null>();
const NANP = /^1?[2-9]\d\d[2-9]\d{6}$/;
const IDD = /^(?:011|00(?!0))/;
const E164 = /^\+[1-9]\d{6,14}$/;
const NON_DIGIT = /\D/g;

/**
 * E.164 for the digits of a candidate (with a leading "+" when one was written), or undefined
 * when they are no valid number, or a number written without the trunk prefix its country
 * always writes. Each call into libphonenumber spends one of `budget.parses`.
 */
export function validate(
  digits: string,
  country: CountryCode,
  budget: { parses: number },
): string | undefined {
  const key = country + digits;
  const known = memo.get(key);
  if (known !== undefined || budget.parses <= 0) return known ?? undefined;
  budget.parses--;
  // North American numbers are [2-9]XX [2-9]XX XXXX. Ruling the rest out here spares
  // libphonenumber's slow path, which tries each of the 25 countries sharing +1 in turn.
  const national =
    (country !== 'US' && country !== 'CA') || digits.startsWith('+') || NANP.test(digits);
  // "00 44 …" and "011 44 …" written where that is not the local international prefix.
  const idd = IDD.exec(digits)?.[0];
  const e164 =
    (national ? parse(digits, country) : undefined) ??
    (idd ? parse(`+${digits.slice(idd.length)}`) : undefined);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, e164 ?? null);
  return e164;
}

function parse(digits: string, country?: CountryCode): string | undefined {
  const number = parsePhoneNumberFromString(digits, { defaultCountry: country, extract: false });
  if (!number?.isValid() || !E164.test(number.number)) return undefined;
  // Written in national form without the trunk prefix ("30 1234567" in Germany, "2024 0115" in
  // a date) where the country's format always has it: not how anyone writes a phone number.
  // Countries where the prefix is optional or absent (US, Spain, Brazil, Indian mobiles…) pass;
  // a number no format fits ("1234 5678 9012" in Germany) does not. Formatting costs a few
  // µs, so the commonest case, North America (prefix "1", optional), skips it.
  if (digits !== number.nationalNumber || number.countryCallingCode === '1') return number.number;
  const national = number.formatNational({ nationalPrefix: false });
  return national === digits || national.replace(NON_DIGIT, '') !== digits
    ? undefined
    : number.number;
}
