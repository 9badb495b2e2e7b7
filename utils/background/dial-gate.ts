/**
 * The one gate every click-to-dial request passes in the background, whatever asked for it: the
 * content script's `content/dial` after a trusted click on our button, the "Call <number>"
 * context-menu item and the "Dial selected number" keyboard command. The settings decide;
 * each refusal is a sentence the agent can act on.
 */
import { getCountryCallingCode, isSupportedCountry } from 'libphonenumber-js/min';
import { isSiteEnabled } from '../phone/sites';
import type { Settings } from '../settings/schema';

export type ClickToDialSettings = Settings['clickToDial'];

/** Why click-to-dial may not dial from the page at `tabUrl`; undefined when it may. */
export function siteRefusal(click: ClickToDialSettings, tabUrl: string): string | undefined {
  if (!click.enabled) return 'Click-to-dial is turned off';
  if (!isSiteEnabled(tabUrl, click.sites)) return 'Click-to-dial is not enabled on this site';
  return undefined;
}

/** Why `e164` may not be dialled (settings `blockedPrefixes`); undefined when it may. */
export function numberRefusal(click: ClickToDialSettings, e164: string): string | undefined {
  return click.blockedPrefixes.some((prefix) => e164.startsWith(prefix))
    ? 'Your organization does not allow calls to this number'
    : undefined;
}

/** Both checks, site first: the reason for a refused dial, or undefined. */
export function dialRefusal(
  click: ClickToDialSettings,
  tabUrl: string,
  e164: string,
): string | undefined {
  return siteRefusal(click, tabUrl) ?? numberRefusal(click, e164);
}

/**
 * True when the agent must confirm before `e164` is dialled: `confirmInternational` is on and
 * the number is outside the default country. Calling codes are prefix-free, so a prefix test
 * tells home numbers from foreign ones; a country libphonenumber does not know makes every
 * number foreign (the content script's button decides the same way).
 */
export function needsConfirmation(click: ClickToDialSettings, e164: string): boolean {
  if (!click.confirmInternational) return false;
  const country = click.defaultCountry;
  return !isSupportedCountry(country) || !e164.startsWith(`+${getCountryCallingCode(country)}`);
}
