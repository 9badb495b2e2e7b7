/**
 * The background's side of the dial policy (utils/phone/dial-policy.ts): every click-to-dial
 * request passes it, whatever asked for it: the content script's `content/dial` after a trusted
 * click on our button, the "Call <number>" context-menu item and the "Dial selected number"
 * keyboard command. The settings decide; each refusal is a sentence the agent can act on.
 */
import type { Browser } from 'wxt/browser';
import {
  isBlocked,
  needsConfirmation as policyNeedsConfirmation,
  siteRefusal as policySiteRefusal,
  type DialRefusal,
  type DialSite,
} from '../phone/dial-policy';
import type { Settings } from '../settings/schema';
import { t } from '../i18n/runtime';

export type ClickToDialSettings = Settings['clickToDial'];

const REFUSAL_MESSAGES = {
  off: 'dialGate.off',
  site: 'dialGate.site',
  blocked: 'dialGate.blocked',
} as const satisfies Record<DialRefusal, string>;

/** Why click-to-dial may not dial from `site`; undefined when it may. */
export function siteRefusal(click: ClickToDialSettings, site: DialSite): string | undefined {
  const refusal = policySiteRefusal(click, site);
  return refusal && t(REFUSAL_MESSAGES[refusal]);
}

/** Why `e164` may not be dialled (settings `blockedPrefixes`); undefined when it may. */
export function numberRefusal(click: ClickToDialSettings, e164: string): string | undefined {
  return isBlocked(click, e164) ? t(REFUSAL_MESSAGES.blocked) : undefined;
}

/** Both checks, site first: the reason for a refused dial, or undefined. */
export function dialRefusal(
  click: ClickToDialSettings,
  site: DialSite,
  e164: string,
): string | undefined {
  return siteRefusal(click, site) ?? numberRefusal(click, e164);
}

/** True when the agent must confirm before `e164` is dialled (dial-policy.ts). */
export const needsConfirmation = (click: ClickToDialSettings, e164: string): boolean =>
  policyNeedsConfirmation(click, e164);

/**
 * The site of a content script's request: the frame that sent it, as the browser reports it
 * (`sender.url`: a page cannot forge it), and its tab's page. A frame without a URL of its own
 * (about:blank, srcdoc) is judged by the origin of the document that made it (`sender.origin`,
 * Chrome), which may be another site's frame inside the page; only where the browser gives no
 * other origin, or the page's own, is it judged as its page.
 */
export function senderSite(sender: Browser.runtime.MessageSender): DialSite {
  const own = sender.url && /^https?:/i.test(sender.url) ? sender.url : undefined;
  const tabUrl = sender.tab?.url;
  const creator = sender.origin && /^https?:/i.test(sender.origin) ? sender.origin : undefined;
  const foreign = !own && creator && creator !== originOf(tabUrl) ? `${creator}/` : undefined;
  return {
    frameUrl: own ?? foreign ?? tabUrl ?? '',
    ...(tabUrl !== undefined ? { tabUrl } : {}),
  };
}

function originOf(url: string | undefined): string | undefined {
  try {
    return url === undefined ? undefined : new URL(url).origin;
  } catch {
    return undefined;
  }
}
