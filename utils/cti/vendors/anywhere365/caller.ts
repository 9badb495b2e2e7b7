/**
 * The caller in a broker event's `ani` (vendors/README.md §2.6: "The caller's phone number"). The
 * broker is a Teams/Skype contact center, so a number may come as a URI: `tel:+31880000000`,
 * `sip:+31880000000@example.com;user=phone`. Internal extensions are short digit strings.
 */
import type { RemoteParty } from '../../model';
import { toE164ByLibphonenumber } from '../../../phone/format';

/** A dialable number as written: digits, an optional leading "+", visual separators. */
const NUMBER = /^\+?[\d\s().-]*\d[\d\s().-]*$/;
const MIN_DIGITS = 2;
const MAX_DIGITS = 20;
/** The user part of a SIP address that is not a number, as in an e-mail address. */
const SIP_USER = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,100}$/;
const SIP_HOST = /^[A-Za-z0-9.-]{1,200}(:\d{1,5})?$/;

/**
 * `ani` as the panel's remote party. A number keeps what the broker wrote (without a URI scheme
 * or domain) and gets its E.164 form when it parses. Anything else — empty, "anonymous", "garbage"
 * — is no number (`raw` empty: the panel shows "Unknown number"), never the field as it came.
 * // Assumed: a SIP address whose user part is not a number (a Teams user calling the contact
 * center, "sip:bob@example.com") names the caller; it is shown as the name, with no number.
 */
export function callerOf(ani: string | null | undefined, defaultCountry?: string): RemoteParty {
  const text = (ani ?? '').trim();
  const scheme = /^(tel|sips?):/i.exec(text)?.[1]?.toLowerCase();
  const rest = scheme ? text.slice(scheme.length + 1) : text;
  const [userPart = '', hostPart] = splitAddress(rest, scheme);
  const user = safeDecode(userPart).trim();
  if (isNumber(user)) {
    const e164 =
      defaultCountry === undefined ? undefined : toE164ByLibphonenumber(user, defaultCountry);
    return { raw: user, ...(e164 ? { e164 } : {}) };
  }
  if (scheme?.startsWith('sip') && hostPart && SIP_USER.test(user) && SIP_HOST.test(hostPart))
    return { raw: '', name: `${user}@${hostPart}` };
  return { raw: '' };
}

/** Whether `ani` gives a caller (a number, or a SIP address): what a later event should keep. */
export function hasCaller(ani: string | null | undefined): boolean {
  const remote = callerOf(ani);
  return remote.raw !== '' || remote.name !== undefined;
}

function isNumber(s: string): boolean {
  if (!NUMBER.test(s)) return false;
  const digits = s.replace(/\D/g, '').length;
  return digits >= MIN_DIGITS && digits <= MAX_DIGITS;
}

/** The user and host parts: "user@host;params?headers" for SIP, "number;params" for tel. */
function splitAddress(rest: string, scheme: string | undefined): [string, string | undefined] {
  const beforeParams = (s: string) => s.split(/[;?]/)[0] ?? '';
  if (scheme === 'tel') return [beforeParams(rest), undefined];
  const at = rest.lastIndexOf('@');
  if (at < 0) return [beforeParams(rest), undefined];
  return [beforeParams(rest.slice(0, at)), beforeParams(rest.slice(at + 1)).trim()];
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
