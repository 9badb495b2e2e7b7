/**
 * Who sent a message. Extension pages (popup, side panel, options) are told from content scripts
 * by the sender's URL origin, never by `sender.tab`: the popup or side panel may be open in a tab
 * (DESIGN.md "Security rules").
 */
import type { Browser } from 'wxt/browser';

export type SenderKind = 'extensionPage' | 'contentScript' | 'unknown';

/**
 * `scheme://host[:port]` of a URL; undefined when it has no host (about:, data:, file:…) or does
 * not parse. Not `URL.origin`: the URL standard gives schemes it does not list, such as
 * chrome-extension: and moz-extension:, an opaque origin ("null" in Node; browsers differ), and
 * two opaque origins must never count as the same.
 */
function originOf(url: string | undefined): { origin: string; protocol: string } | undefined {
  if (!url) return undefined;
  try {
    const { protocol, host } = new URL(url);
    return host ? { origin: `${protocol}//${host}`, protocol } : undefined;
  } catch {
    return undefined;
  }
}

export function classifySender(
  sender: Browser.runtime.MessageSender,
  extension: { id: string; origin: string },
): SenderKind {
  if (sender.id !== extension.id) return 'unknown';
  // An about:blank or srcdoc frame's URL has no host; the browser then reports its creator's
  // origin as `origin` (Chrome; Firefox leaves it out, and such a frame stays unknown).
  const from = originOf(sender.url) ?? originOf(sender.origin);
  if (!from) return 'unknown';
  if (from.origin === originOf(extension.origin)?.origin) return 'extensionPage';
  // A content script always runs in a tab (or a frame of one) on a web page.
  if (sender.tab?.id !== undefined && /^https?:$/.test(from.protocol)) return 'contentScript';
  return 'unknown';
}

/** The http(s) origin of a URL or origin setting, '' when it is not one (vendors/README.md §4.4). */
export function portalOriginOf(url: string): string {
  const from = originOf(url.trim());
  return from && /^https?:$/.test(from.protocol) ? from.origin : '';
}
