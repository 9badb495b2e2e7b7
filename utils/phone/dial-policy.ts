/**
 * The one dial policy: whether a number found on a page may be dialled, and whether the agent
 * must confirm it first. The content script applies it before it offers a number and before it
 * sends a dial request; the background applies it again to every request, whatever asked (the
 * call button, a tel: link, the context menu, the keyboard command), because the background is
 * the authority. Pure and light: it runs in every frame (numbering plans, no libphonenumber).
 */
import { callingCodeOf } from './plans';
import { isSiteEnabled, type SitesSetting } from './sites';

/** The click-to-dial settings the policy reads (`settings.clickToDial`, `ContentConfig`). */
export interface DialRules {
  enabled: boolean;
  /**
   * ISO 3166 alpha-2 of numbers written without a country code; absent while the agent's
   * country is unknown (utils/background/default-country.ts).
   */
  defaultCountry?: string | undefined;
  sites: SitesSetting;
  /** E.164 prefixes never dialled ("+1900"). */
  blockedPrefixes: readonly string[];
  /** Ask the agent before dialling a number outside the default country. */
  confirmInternational: boolean;
}

/** Where a dial request comes from. */
export interface DialSite {
  /** The URL of the frame that asked (for a frame without one of its own: its page's). */
  frameUrl: string;
  /** The top-level page of its tab, when known: a frame inside a page obeys that page's rules too. */
  tabUrl?: string;
}

/** A number to dial, with the extension written after it, if any (`PhoneMatch.extension`). */
export interface DialTarget {
  e164: string;
  extension?: string;
}

export type DialRefusal =
  /** Click-to-dial is turned off. */
  | 'off'
  /** The frame's site, or its page's, is not one click-to-dial runs on. */
  | 'site'
  /** The number starts with a blocked prefix. */
  | 'blocked';

/** Why nothing may be dialled from `site` at all; undefined when it may. */
export function siteRefusal(rules: DialRules, site: DialSite): DialRefusal | undefined {
  if (!rules.enabled) return 'off';
  if (!isSiteEnabled(site.frameUrl, rules.sites)) return 'site';
  if (site.tabUrl !== undefined && !isSiteEnabled(site.tabUrl, rules.sites)) return 'site';
  return undefined;
}

/** Whether `e164` starts with one of the blocked prefixes. */
export function isBlocked(rules: Pick<DialRules, 'blockedPrefixes'>, e164: string): boolean {
  return rules.blockedPrefixes.some((prefix) => e164.startsWith(prefix));
}

/**
 * True when the agent must confirm before `e164` is dialled: `confirmInternational` is on and
 * the number is outside the default country. Calling codes are prefix-free, so a prefix test
 * tells home numbers from foreign ones; a country the numbering plans do not know, or none,
 * makes every number foreign.
 */
export function needsConfirmation(
  rules: Pick<DialRules, 'confirmInternational' | 'defaultCountry'>,
  e164: string,
): boolean {
  if (!rules.confirmInternational) return false;
  const code = rules.defaultCountry && callingCodeOf(rules.defaultCountry);
  return code === undefined || !e164.startsWith(`+${code}`);
}

export type DialVerdict =
  | { ok: false; refusal: DialRefusal }
  /** `confirm`: the agent must confirm first (`needsConfirmation`). */
  | { ok: true; confirm: boolean };

/** The whole policy for one request, site first. */
export function judgeDial(rules: DialRules, site: DialSite, target: DialTarget): DialVerdict {
  const refusal =
    siteRefusal(rules, site) ?? (isBlocked(rules, target.e164) ? 'blocked' : undefined);
  if (refusal) return { ok: false, refusal };
  return { ok: true, confirm: needsConfirmation(rules, target.e164) };
}
