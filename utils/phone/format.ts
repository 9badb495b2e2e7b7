/**
 * Number normalization shared by the adapters, the panel and click-to-dial. Backed by
 * libphonenumber-js's small metadata build.
 */
import {
  getCountries,
  getCountryCallingCode,
  parsePhoneNumberFromString,
  type CountryCode,
} from 'libphonenumber-js/min';

export type { CountryCode };

/** How a PBX dial plan wants numbers written: +33123456789, 0123456789 or 33123456789. */
export const DIAL_FORMATS = ['e164', 'national', 'digits'] as const;
export type DialFormat = (typeof DIAL_FORMATS)[number];

/** E.164 for `raw`, or undefined when it is not a plausible phone number. */
export function toE164ByLibphonenumber(raw: string, defaultCountry?: string): string | undefined {
  const parsed = parsePhoneNumberFromString(raw, defaultCountry as CountryCode | undefined);
  return parsed?.isPossible() ? parsed.number : undefined;
}

/**
 * E.164 for a number as a platform writes the numbers it dials in the `digits` format (country
 * code and national number, no "+": uContact's dialer). A bare run of digits that is a valid
 * number once given its "+" is read so (national numbers start with a trunk "0" in most plans, or
 * are no valid international number); anything else is read in the default country.
 */
export function toE164AsDialed(raw: string, defaultCountry?: string): string | undefined {
  const trimmed = raw.trim();
  if (/^[1-9]\d{7,14}$/.test(trimmed)) {
    const international = parsePhoneNumberFromString(`+${trimmed}`);
    if (international?.isValid()) return international.number;
  }
  return toE164ByLibphonenumber(trimmed, defaultCountry);
}

/** "+33 1 23 45 67 89" style, or `e164` itself when it does not parse. */
export function formatInternational(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

/**
 * How the agent reads a number: in national format when it is a number of `country`, the agent's
 * own ("01 23 45 67 89" for a French agent), else in international format ("+44 20 7946 0958");
 * `e164` itself when it does not parse.
 */
export function formatForCountry(e164: string, country: string | undefined): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return country && parsed.country === country
    ? parsed.formatNational()
    : parsed.formatInternational();
}

let callingCodes: ReadonlySet<string> | undefined;

/**
 * The digits of an E.164 number after its country calling code ("612345678" for +33612345678),
 * without parsing it: fast enough to run over thousands of history entries per keystroke.
 * Calling codes are prefix-free, so the first known one is the one. A number whose code belongs
 * to no country (+800, +882…) or that is no E.164 gives its digits whole.
 */
export function nationalDigits(e164: string): string {
  const digits = e164.replace(/\D/g, '');
  if (!e164.startsWith('+')) return digits;
  callingCodes ??= new Set(getCountries().map((c) => getCountryCallingCode(c)));
  for (let length = 1; length <= 3; length++) {
    if (callingCodes.has(digits.slice(0, length))) return digits.slice(length);
  }
  return digits;
}

/** The national significant form for templates and CRMs ("01 23 45 67 89"). */
export function formatNational(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatNational() ?? e164;
}

export function digitsOnly(value: string): string {
  return value.replace(/\D/g, '');
}

/**
 * The string to send to the PBX for a number the agent chose. Internal extensions (short digit
 * runs that are not phone numbers) go out untouched; phone numbers are written as the admin's
 * dial plan wants, behind the optional outside-line prefix.
 */
export function formatForDial(
  number: string,
  options: { format: DialFormat; prefix: string; defaultCountry?: string },
): string {
  const trimmed = number.trim();
  const parsed = parsePhoneNumberFromString(
    trimmed,
    options.defaultCountry as CountryCode | undefined,
  );
  if (!parsed?.isPossible()) return trimmed.replace(/[\s().-]/g, '');
  const body =
    options.format === 'e164'
      ? parsed.number
      : options.format === 'national'
        ? digitsOnly(parsed.formatNational())
        : digitsOnly(parsed.number);
  return options.prefix + body;
}
