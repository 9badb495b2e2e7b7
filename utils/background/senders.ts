/**
 * Who sent a message. Extension pages (popup, side panel, options) are told from content scripts
 * by the sender's URL origin, never by `sender.tab`: the popup or side panel may be open in a tab
 * (DESIGN.md "Security rules").
 */
import type { Browser } from 'wxt/browser';
import { originOf } from '../lib/origin';

export type SenderKind = 'extensionPage' | 'contentScript' | 'unknown';

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
