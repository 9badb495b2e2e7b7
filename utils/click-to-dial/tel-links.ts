/**
 * Setting `clickToDial.telLinks`: the agent's click on a `tel:`, `callto:` or `sip:` link dials
 * through Switchboard instead of the computer's default app. Only a trusted, plain primary click
 * counts (a page can dispatch clicks on its links, but they never carry `isTrusted`), and the
 * click's default action is prevented only when the link names a number we will actually offer:
 * any other link, a blocked number or a modified click (new tab, download…) is left to the page
 * and the browser.
 */
import type { CountryCode } from 'libphonenumber-js/min';
import { parseTelHref } from '../phone/scan';
import type { DialTarget } from './button';
import { OPT_OUT_ATTRIBUTE } from '../phone/opt-out';

export interface TelLinkOptions {
  doc: Document;
  signal: AbortSignal;
  defaultCountry: CountryCode | undefined;
  blocked(e164: string): boolean;
  /** Dial `target` (or ask first), with feedback by the link. */
  dial(target: DialTarget, anchor: DOMRectReadOnly): void;
}

const TEL_HREF = /^\s*(?:tel|callto|sips?):/i;
const LINK = 'a[href], area[href]';

export function handleTelLinkClicks(options: TelLinkOptions): void {
  const { doc, signal } = options;
  // Capture on the window: we decide before the page's own handlers run, and never stop them.
  (doc.defaultView ?? doc).addEventListener(
    'click',
    (event) => {
      if (!(event instanceof MouseEvent) || !plainTrustedClick(event)) return;
      const link = linkOf(event);
      if (!link || optedOut(link)) return;
      const target = parseTelHref(link.getAttribute('href') ?? '', options.defaultCountry);
      if (!target || options.blocked(target.e164)) return;
      event.preventDefault();
      const rects = link.getClientRects();
      options.dial(target, rects[rects.length - 1] ?? link.getBoundingClientRect());
    },
    { capture: true, signal },
  );
}

function plainTrustedClick(event: MouseEvent): boolean {
  return (
    event.isTrusted &&
    event.button === 0 &&
    !event.defaultPrevented &&
    !event.ctrlKey &&
    !event.metaKey &&
    !event.shiftKey &&
    !event.altKey
  );
}

/** The tel-like link the click is in, looked up through open shadow roots. */
function linkOf(event: MouseEvent): Element | undefined {
  for (const node of event.composedPath()) {
    if (!(node instanceof Element) || !node.matches(LINK)) continue;
    return TEL_HREF.test(node.getAttribute('href') ?? '') ? node : undefined;
  }
  return undefined;
}

/** Inside an element marked `data-switchboard-off`, across shadow-root boundaries. */
function optedOut(element: Element): boolean {
  for (let at: Element | null = element; at;) {
    const marked = at.closest(`[${OPT_OUT_ATTRIBUTE}]`);
    if (marked) return true;
    const root = at.getRootNode();
    at = root.nodeType === 11 && 'host' in root ? (root as ShadowRoot).host : null;
  }
  return false;
}
