/**
 * Who sent a message. Extension pages (popup, side panel, options) are told from content scripts
 * by the sender's URL origin, never by `sender.tab`: the popup or side panel may be open in a tab
 * (DESIGN.md "Security rules").
 */
import type { Browser } from 'wxt/browser';

export type SenderKind = 'extensionPage' | 'contentScript' | 'unknown';

export function classifySender(
  sender: Browser.runtime.MessageSender,
  extension: { id: string; origin: string },
): SenderKind {
  if (sender.id !== extension.id) return 'unknown';
  const url = sender.url ?? '';
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    return 'unknown';
  }
  if (origin === extension.origin) return 'extensionPage';
  // A content script always runs in a tab (or a frame of one) on a web page.
  if (sender.tab?.id !== undefined && /^https?:$/.test(new URL(url).protocol)) {
    return 'contentScript';
  }
  return 'unknown';
}
