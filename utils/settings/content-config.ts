/**
 * What content scripts know of the settings. The background resolves the settings (user values
 * under managed policy, validated with zod) and publishes this small object in `storage.local`
 * (`STORAGE.local.contentConfig`); content scripts read and watch that key. They never import the
 * settings schema: zod alone would weigh more than the whole click-to-dial script (its budget is
 * 45 KB gzipped), and it runs in every frame of every page.
 *
 * The object is checked here by hand. A missing or malformed value (an older or newer background,
 * a corrupted profile) leaves click-to-dial off on the page, which is the safe failure.
 */
import type { SitesSetting } from '../phone/sites';

/** A postMessage payload is an event when its property `key` holds one of `values`. */
export interface PageEventRule {
  key: string;
  values: string[];
}

export const CONTENT_CONFIG_VERSION = 1;

export interface ContentConfig {
  version: typeof CONTENT_CONFIG_VERSION;
  clickToDial: {
    enabled: boolean;
    /**
     * ISO 3166 alpha-2; absent while the agent's country is unknown: only numbers written with
     * their country code are found then.
     */
    defaultCountry?: string;
    sites: SitesSetting;
    /** E.164 prefixes never offered for dialling ("+1900"). */
    blockedPrefixes: string[];
    confirmInternational: boolean;
    /** Trusted clicks on tel:, callto: and sip: links dial through Switchboard. */
    telLinks: boolean;
  };
  /**
   * The vendor's own page that reports call events (`VendorDescriptor.pageEvents`, uContact's
   * agent portal): its http(s) origin ('' for none) and which postMessage payloads are events.
   */
  portal: { origin: string; events?: PageEventRule[] };
}

// The same bounds as the settings schema, so that anything the background publishes passes.
const MAX_PATTERNS = 500;
const MAX_PATTERN_LENGTH = 500;
const MAX_PREFIXES = 200;
const COUNTRY = /^[A-Z]{2}$/;
const PREFIX = /^\+[0-9]{1,15}$/;
const ORIGIN = /^https?:\/\/[^\s/?#]+$/;
const SITE_MODES: readonly string[] = ['all', 'allow', 'block'];
const MAX_EVENT_RULES = 10;
const MAX_EVENT_NAMES = 100;
const MAX_NAME_LENGTH = 100;
const isName = (s: string) => s.length > 0 && s.length <= MAX_NAME_LENGTH;

type Obj = Record<string, unknown>;
const isObj = (value: unknown): value is Obj =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function strings(value: unknown, max: number, valid: (item: string) => boolean): string[] | null {
  if (!Array.isArray(value) || value.length > max) return null;
  return value.every((item) => typeof item === 'string' && valid(item))
    ? (value as string[])
    : null;
}

/**
 * The config, or a short reason why `value` is not one. Only the fields of `ContentConfig` are
 * kept: nothing else a stored object carries reaches the page.
 */
export function parseContentConfig(
  value: unknown,
): { ok: true; config: ContentConfig } | { ok: false; reason: string } {
  const fail = (reason: string) => ({ ok: false as const, reason });
  if (value === undefined) return fail('not published yet');
  if (!isObj(value)) return fail('not an object');
  if (value.version !== CONTENT_CONFIG_VERSION)
    return fail(`unknown version ${String(value.version)}`);
  const click = value.clickToDial;
  if (!isObj(click)) return fail('clickToDial is not an object');
  const { enabled, defaultCountry, sites, confirmInternational, telLinks } = click;
  if (typeof enabled !== 'boolean') return fail('clickToDial.enabled');
  if (
    defaultCountry !== undefined &&
    (typeof defaultCountry !== 'string' || !COUNTRY.test(defaultCountry))
  )
    return fail('clickToDial.defaultCountry');
  if (!isObj(sites) || typeof sites.mode !== 'string' || !SITE_MODES.includes(sites.mode))
    return fail('clickToDial.sites.mode');
  const patterns = strings(
    sites.patterns,
    MAX_PATTERNS,
    (p) => p.length > 0 && p.length <= MAX_PATTERN_LENGTH,
  );
  if (!patterns) return fail('clickToDial.sites.patterns');
  const blockedPrefixes = strings(click.blockedPrefixes, MAX_PREFIXES, (p) => PREFIX.test(p));
  if (!blockedPrefixes) return fail('clickToDial.blockedPrefixes');
  if (typeof confirmInternational !== 'boolean') return fail('clickToDial.confirmInternational');
  if (typeof telLinks !== 'boolean') return fail('clickToDial.telLinks');
  const portal = value.portal;
  if (!isObj(portal) || typeof portal.origin !== 'string') return fail('portal.origin');
  if (portal.origin !== '' && !ORIGIN.test(portal.origin)) return fail('portal.origin');
  // Absent: no page events are forwarded.
  const events = portal.events === undefined ? undefined : eventRules(portal.events);
  if (events === null) return fail('portal.events');
  return {
    ok: true,
    config: {
      version: CONTENT_CONFIG_VERSION,
      clickToDial: {
        enabled,
        ...(defaultCountry !== undefined ? { defaultCountry } : {}),
        sites: { mode: sites.mode as SitesSetting['mode'], patterns: [...patterns] },
        blockedPrefixes: [...blockedPrefixes],
        confirmInternational,
        telLinks,
      },
      portal: events ? { origin: portal.origin, events } : { origin: portal.origin },
    },
  };
}

function eventRules(value: unknown): PageEventRule[] | null {
  if (!Array.isArray(value) || value.length > MAX_EVENT_RULES) return null;
  const rules: PageEventRule[] = [];
  for (const rule of value) {
    if (!isObj(rule) || typeof rule.key !== 'string' || !isName(rule.key)) return null;
    const values = strings(rule.values, MAX_EVENT_NAMES, isName);
    if (!values) return null;
    rules.push({ key: rule.key, values: [...values] });
  }
  return rules;
}
