/**
 * What the content script asks of the frame it runs in: which URL the site rules apply to, and
 * what the agent selected there (for the "Dial selected number" command).
 */
import { OPT_OUT_ATTRIBUTE } from '../phone/opt-out';

// Plenty for any way of writing one number with an extension; a whole selected page is not one.
const MAX_SELECTION = 256;

/**
 * The frame's URL for the site rules. An about:blank, srcdoc or blob: frame shares its creator's
 * origin and is part of its page, so the first ancestor with a real URL stands for it.
 */
export function siteUrl(win: Window): string {
  let at = win;
  for (;;) {
    let href: string;
    try {
      href = at.location.href;
    } catch {
      // A cross-origin ancestor: no real URL can be read, and the frame's own is what we have.
      return win.location.href;
    }
    if (!/^(?:about|blob|data):/i.test(href) || at === at.parent) return href;
    at = at.parent;
  }
}

/**
 * Where the site rules look from this frame: its own URL and, when the browser lets us read it
 * (the same origin), its tab's page. The background checks the page in any case.
 */
export function dialSiteOf(win: Window): { frameUrl: string; tabUrl?: string } {
  const frameUrl = siteUrl(win);
  try {
    const tabUrl = win.top?.location.href;
    return tabUrl && win.top !== win ? { frameUrl, tabUrl } : { frameUrl };
  } catch {
    return { frameUrl };
  }
}

/** The selected text, or '' when there is none or it lies in a part the page opted out. */
export function selectedText(doc: Document): string {
  const selection = doc.getSelection();
  const text = selection?.toString().trim() ?? '';
  const node = selection?.anchorNode;
  if (!text || !node) return '';
  const element = node.nodeType === 1 ? (node as Element) : node.parentElement;
  if (element?.closest(`[${OPT_OUT_ATTRIBUTE}]`)) return '';
  return text.length > MAX_SELECTION ? '' : text;
}
