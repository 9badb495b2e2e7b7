/**
 * The caller in a broker event's `ani` (vendors/README.md §2.6: "The caller's phone number"). The
 * broker is a Teams/Skype contact center, so a number may come as a URI: `tel:+31880000000`,
 * `sip:+31880000000@example.com;user=phone`. Internal extensions are short digit strings.
 */
import type { RemoteParty } from '../../model';
import { toE164ByLibphonenumber } from '../../../phone/format';

/** A dialable number as written: digits, an optional leading "+", visual separators. */
const NUMBER = /^\+?[\d ().\u00a0-]*\d[\d ().\u00a0-]*$/;
const MIN_DIGITS = 2;
const MAX_DIGITS = 20;

/**
 * `ani` as the panel's remote party. A number keeps what the broker wrote (without a URI scheme,
 * domain or parameters) and gets its E.164 form when it parses: in `defaultCountry` (the agent's
 * country), or, while that is unknown, only when written with its country code. Anything else — empty,
 * "anonymous", a SIP address with a name, garbage — is no number: `raw` is empty and the panel
 * shows "Unknown number", never the field as it came.
 */
export function callerOf(ani: string | null | undefined, defaultCountry?: string): RemoteParty {
  const text = (ani ?? '').trim();
  const scheme = /^(tel|sips?):/i.exec(text)?.[1]?.toLowerCase();
  const rest = scheme ? text.slice(scheme.length + 1) : text;
  const user = safeDecode(userPart(rest, scheme)).trim();
  if (!isNumber(user)) return { raw: '' };
  const e164 = toE164ByLibphonenumber(user, defaultCountry);
  return { raw: user, ...(e164 ? { e164 } : {}) };
}

/** Whether `ani` gives the caller's number: what a later event without one must not replace. */
export function hasCaller(ani: string | null | undefined): boolean {
  return callerOf(ani).raw !== '';
}

function isNumber(s: string): boolean {
  if (!NUMBER.test(s)) return false;
  const digits = s.replace(/\D/g, '').length;
  return digits >= MIN_DIGITS && digits <= MAX_DIGITS;
}

/** The number part: "user@host;params?headers" for SIP, "number;params" for tel. */
function userPart(rest: string, scheme: string | undefined): string {
  const at = scheme === 'tel' ? -1 : rest.lastIndexOf('@');
  return (at < 0 ? rest : rest.slice(0, at)).split(/[;?]/)[0] ?? '';
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
