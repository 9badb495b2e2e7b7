/**
 * Screen-pop URL templates (DESIGN.md "Screen-pop"). A template is a URL with `{variable}`
 * placeholders filled from the call. Caller names and vendor data are attacker-controlled (any
 * caller can set a caller-ID name), so every value is percent-encoded and the rendered URL must
 * stay on the template's own origin or one the admin allowed: a value can never send the agent's
 * browser somewhere else.
 *
 * A rule whose whole URL is `{vendorUrl}` opens the page the platform itself sent for the call
 * (`Call.popUrl`, XiVO's `Sheet`). That URL is the vendor's, and a vendor's data is no more
 * trusted than a caller's: it opens only on an origin the admin allowed.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import type { Call } from '../cti/model';
import { digitsOnly, formatNational, toE164ByLibphonenumber } from '../phone/format';

export type RenderResult = { ok: true; url: string } | { ok: false; reason: string };

export interface RenderOptions {
  /** ISO 3166 alpha-2, for remote numbers the vendor did not send in E.164. */
  defaultCountry: string | undefined;
  /** Origins a rendered URL may point to beyond the template's own; `https://*.example.com` allows subdomains. */
  allowedOrigins: string[];
}

export const TEMPLATE_VARIABLES = [
  'e164',
  'national',
  'digits',
  'extension',
  'name',
  'queue',
  'callId',
  'direction',
] as const;

/** The template of a rule that opens the page the platform sent (`Call.popUrl`). */
export const VENDOR_URL = '{vendorUrl}';

/** The rule opens the platform's own page: its URL is `{vendorUrl}` and nothing else. */
export const isVendorUrlTemplate = (template: string): boolean => template.trim() === VENDOR_URL;

const PLACEHOLDER = /\{([^{}]*)\}/g;
/** Keys of vendor user data, as `{data.KEY}`. */
const DATA_KEY = /^data\.([A-Za-z0-9_.-]{1,100})$/;
/** Hosts where plain http is acceptable: the agent's own machine (local CRM, demo). */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The raw (not yet encoded) value of each variable, or undefined for an unknown variable. */
function valueOf(name: string, call: Call, defaultCountry: string | undefined): string | undefined {
  const raw = call.remote.raw.trim();
  const e164 = call.remote.e164 ?? toE164ByLibphonenumber(raw, defaultCountry);
  switch (name) {
    case 'e164':
      return e164 ?? '';
    case 'national':
      // Without a parsable number, the digits are the best a CRM search can use; "anonymous" is not.
      return e164 ? formatNational(e164) : digitsOnly(raw);
    case 'digits':
      return digitsOnly(e164 ?? raw);
    case 'extension':
      return extensionOf(raw, e164, defaultCountry);
    case 'name':
      return call.remote.name ?? '';
    case 'queue':
      return call.queue ?? '';
    case 'callId':
      // The vendor's id: the one a CRM integration or a recording link knows.
      return call.vendorCallId;
    case 'direction':
      return call.direction;
  }
  const data = DATA_KEY.exec(name);
  if (data?.[1] !== undefined) return call.data[data[1]] ?? '';
  return undefined;
}

/**
 * The extension of the remote party: the `ext.` part of a phone number ("+1 555 0100 x12"), or
 * the whole number for an internal call, where the remote is a short extension, not a phone number.
 */
function extensionOf(
  raw: string,
  e164: string | undefined,
  defaultCountry: string | undefined,
): string {
  const parsed = parsePhoneNumberFromString(raw, defaultCountry as CountryCode);
  if (parsed?.ext) return parsed.ext;
  if (!e164 && /^[0-9*#]{2,8}$/.test(raw)) return raw;
  return '';
}

/** Fill every placeholder with `fill(name)`; a name `fill` rejects makes the whole render fail. */
function substitute(template: string, fill: (name: string) => string | undefined): RenderResult {
  let unknown: string | undefined;
  const out = template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = fill(name);
    if (value === undefined) {
      unknown ??= whole;
      return '';
    }
    return value;
  });
  if (unknown !== undefined) return { ok: false, reason: `Unknown variable ${unknown}` };
  // A stray brace is almost always a typo in a variable name; refuse rather than guess.
  if (/[{}]/.test(out)) return { ok: false, reason: 'Unbalanced { or } in the URL template' };
  return { ok: true, url: out };
}

function parseWebUrl(text: string): URL | string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'not a valid URL';
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return url;
  return 'only https: URLs (or http: on localhost) can be opened';
}

/** Whether `origin` is one of the admin's `allowed` entries (exact origins or `*.` subdomain patterns). */
export function originAllowed(origin: string, allowed: readonly string[]): boolean {
  return allowed.some((entry) => {
    const wildcard = /^(https?):\/\/\*\.([a-z0-9.-]+)(:\d+)?\/?$/i.exec(entry.trim());
    if (wildcard) {
      const [, scheme, domain, port = ''] = wildcard;
      const url = new URL(origin);
      return (
        url.protocol === `${scheme?.toLowerCase()}:` &&
        url.hostname.endsWith(`.${domain?.toLowerCase()}`) &&
        (url.port ? `:${url.port}` : '') === port
      );
    }
    try {
      return new URL(entry.trim()).origin === origin;
    } catch {
      return false;
    }
  });
}

/** A lone UTF-16 surrogate, which has no UTF-8 form: encodeURIComponent throws on it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Percent-encodes a value; a lone surrogate (a broken caller name) becomes U+FFFD, not a throw. */
export function encodeValue(value: string): string {
  return encodeURIComponent(value.replace(LONE_SURROGATE, '\uFFFD'));
}

/** A path segment the URL parser resolves away: ".", "..", or either with "%2e" for a dot. */
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

/** How many dot segments the path of the URL text `text` has, before the URL parser resolves them. */
function dotSegments(text: string): number {
  const path = text.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/\\?#]*/i, '').split(/[?#]/, 1)[0] ?? '';
  return path.split(/[/\\]/).filter((segment) => DOT_SEGMENT.test(segment)).length;
}

/**
 * The platform's own page for the call. It has no template whose origin the admin wrote, so it
 * must be on an allowed origin; like a rendered template it must be a web URL without
 * credentials.
 */
function renderVendorUrl(call: Call, options: RenderOptions): RenderResult {
  if (!call.popUrl?.trim())
    return { ok: false, reason: 'The phone system sent no page for this call' };
  const url = parseWebUrl(call.popUrl.trim());
  if (typeof url === 'string') return { ok: false, reason: `The phone system's page is ${url}` };
  if (url.username || url.password)
    return { ok: false, reason: 'The URL must not contain a user name or password' };
  if (!originAllowed(url.origin, options.allowedOrigins)) {
    return {
      ok: false,
      reason: `${url.origin} (the phone system's page) is not an allowed origin`,
    };
  }
  return { ok: true, url: url.href };
}

/** Render `template` for `call`, or say why it cannot be opened. */
export function renderPopUrl(template: string, call: Call, options: RenderOptions): RenderResult {
  if (isVendorUrlTemplate(template)) return renderVendorUrl(call, options);
  if (template.includes(VENDOR_URL))
    return { ok: false, reason: `${VENDOR_URL} must be the whole URL of its rule` };
  // The template's own origin is what the admin wrote, with every variable left empty.
  const blank = substitute(template, (name) =>
    valueOf(name, call, options.defaultCountry) === undefined ? undefined : '',
  );
  if (!blank.ok) return blank;
  const own = parseWebUrl(blank.url);
  if (typeof own === 'string') return { ok: false, reason: `The URL template is ${own}` };

  const rendered = substitute(template, (name) => {
    const value = valueOf(name, call, options.defaultCountry);
    return value === undefined ? undefined : encodeValue(value);
  });
  if (!rendered.ok) return rendered;
  // encodeURIComponent keeps dots: a value "." or ".." filling a path segment would make the URL
  // parser drop that segment or the one before it, moving the page outside the template's path.
  if (dotSegments(rendered.url) !== dotSegments(blank.url))
    return { ok: false, reason: 'A value of the call would change the URL path ("." or "..")' };
  const url = parseWebUrl(rendered.url);
  if (typeof url === 'string') return { ok: false, reason: `The rendered URL is ${url}` };
  // Credentials in a URL are a phishing device and never needed for a CRM page.
  if (url.username || url.password)
    return { ok: false, reason: 'The URL must not contain a user name or password' };
  if (url.origin !== own.origin && !originAllowed(url.origin, options.allowedOrigins)) {
    return {
      ok: false,
      reason: `${url.origin} is neither the template's origin nor an allowed origin`,
    };
  }
  return { ok: true, url: url.href };
}
