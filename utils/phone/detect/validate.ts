/**
 * Decides whether a candidate's digits are a valid number, with the numbering plans of
 * utils/phone/plans.ts: libphonenumber's verdicts from its own metadata, without its code (the
 * content script's size) or its per-call regex compilation (its speed). Each plan's regexes are
 * compiled once, on first use. Results are still memoized per (country, digits): CRM pages
 * repeat the same numbers in lists, headers and signatures.
 */
import type { CountryCode } from 'libphonenumber-js/min';
import { e164, parseDigits, trunkPrefixMissing } from '../plans';

/** Past this many entries the memo starts over: it must not grow with a long-lived page. */
const MEMO_LIMIT = 4000;
const memo = new Map<string, string | null>();
const NANP = /^1?[2-9]\d\d[2-9]\d{6}$/;
const IDD = /^(?:011|00(?!0))/;

/**
 * E.164 for the digits of a candidate (with a leading "+" when one was written), or undefined
 * when they are no valid number, or a number written without the trunk prefix its country
 * always writes. Each validation that is not memoized spends one of `budget.parses`.
 */
export function validate(
  digits: string,
  country: CountryCode | undefined,
  budget: { parses: number },
): string | undefined {
  const key = (country ?? '') + digits;
  const known = memo.get(key);
  if (known !== undefined || budget.parses <= 0) return known ?? undefined;
  budget.parses--;
  // North American numbers are [2-9]XX [2-9]XX XXXX: in the US and Canada, other digits
  // written without "+" are only read as an international number below.
  const national =
    (country !== 'US' && country !== 'CA') || digits.startsWith('+') || NANP.test(digits);
  // "00 44 …" and "011 44 …" written where that is not the local international prefix.
  const idd = IDD.exec(digits)?.[0];
  const result =
    (national ? parse(digits, country) : undefined) ??
    (idd ? parse(`+${digits.slice(idd.length)}`) : undefined);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, result ?? null);
  return result;
}

function parse(digits: string, country?: CountryCode): string | undefined {
  const parsed = parseDigits(digits, country);
  const number = e164(parsed);
  // Written in national form without the trunk prefix ("30 1234567" in Germany, "2024 0115" in
  // a date) where the country's format always has it: not how anyone writes a phone number.
  // Countries where the prefix is optional or absent (US, Spain, Brazil, Indian mobiles…) pass;
  // so does North America, where the prefix "1" is optional.
  if (!number || digits !== parsed!.national || parsed!.callingCode === '1') return number;
  return trunkPrefixMissing(parsed!) ? undefined : number;
}
