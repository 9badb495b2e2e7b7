/**
 * Marks numbers with the CSS Custom Highlight API: ranges are painted by the browser, so the
 * page's DOM is never rewritten (DESIGN.md "Click-to-dial"). Where the API is missing, nothing is
 * painted and the hover button still works from the same ranges.
 *
 * Only the ranges near the viewport are handed to the browser. Chromium revalidates every range
 * of a highlight in the frame after any change to the page: on a 10,000-row page, one text edit
 * cost a ~35 ms frame with no highlight, ~150-250 ms with 10,000 ranges in it, and ~40 ms when
 * an IntersectionObserver kept only the ~60 near the viewport in it (Chromium, this machine).
 */

export const HIGHLIGHT_NAME = 'switchboard-phone';

const STYLE = `::highlight(${HIGHLIGHT_NAME}) {
  text-decoration-line: underline;
  text-decoration-style: dotted;
  text-decoration-color: #1a73e8;
  text-decoration-thickness: 1px;
  text-underline-offset: 2px;
}`;

export interface Highlighter {
  /** Paints `range` while `anchor` (the element holding it; null: none) is near the viewport. */
  add(range: Range, anchor: Element | null): void;
  delete(range: Range, anchor: Element | null): void;
  /**
   * `::highlight()` rules apply per tree: a number inside a shadow root needs the rule in that
   * shadow root too.
   */
  styleRoot(root: Document | ShadowRoot): void;
  readonly supported: boolean;
}

export function createHighlighter(doc: Document, signal: AbortSignal): Highlighter {
  const view = doc.defaultView;
  const registry = view?.CSS?.highlights;
  if (!view || typeof view.Highlight !== 'function' || !registry) {
    return { add() {}, delete() {}, styleRoot() {}, supported: false };
  }
  const highlight = new view.Highlight();
  registry.set(HIGHLIGHT_NAME, highlight);
  const unstyle: (() => void)[] = [];
  const styled = new WeakSet<Document | ShadowRoot>();
  const nearby = createNearby(view, highlight);

  signal.addEventListener('abort', () => {
    nearby.stop();
    highlight.clear();
    if (registry.get(HIGHLIGHT_NAME) === highlight) registry.delete(HIGHLIGHT_NAME);
    for (const undo of unstyle) undo();
  });

  return {
    supported: true,
    add: (range, anchor) => (signal.aborted ? undefined : nearby.add(range, anchor)),
    delete: (range, anchor) => nearby.delete(range, anchor),
    styleRoot(root) {
      if (signal.aborted || styled.has(root)) return;
      styled.add(root);
      unstyle.push(retainHighlightStyle(root, view));
    },
  };
}

// Painted before the observer has reported on their anchor (it does within a frame), so that a
// page with a few numbers shows them at once. Past this many, unreported ones wait for it.
const EAGER_LIMIT = 200;
// One screen above and below: scrolling finds the numbers painted already.
const NEAR_VIEWPORT = '100% 0px';

interface Nearby {
  add(range: Range, anchor: Element | null): void;
  delete(range: Range, anchor: Element | null): void;
  stop(): void;
}

/** Keeps in `highlight` the ranges whose anchor is near the viewport. */
function createNearby(view: Window & typeof globalThis, highlight: Highlight): Nearby {
  if (typeof view.IntersectionObserver !== 'function') {
    return {
      add: (range) => highlight.add(range),
      delete: (range) => highlight.delete(range),
      stop() {},
    };
  }
  const ranges = new Map<Element, Set<Range>>();
  const near = new Map<Element, boolean>();
  let tracked = 0;
  const observer = new view.IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        const own = ranges.get(entry.target);
        if (!own) continue;
        near.set(entry.target, entry.isIntersecting);
        for (const range of own) {
          if (entry.isIntersecting) highlight.add(range);
          else highlight.delete(range);
        }
      }
    },
    { rootMargin: NEAR_VIEWPORT },
  );
  return {
    add(range, anchor) {
      if (!anchor) {
        highlight.add(range);
        return;
      }
      let own = ranges.get(anchor);
      if (!own) {
        own = new Set();
        ranges.set(anchor, own);
        observer.observe(anchor);
      }
      if (!own.has(range)) tracked++;
      own.add(range);
      if (near.get(anchor) ?? tracked <= EAGER_LIMIT) highlight.add(range);
    },
    delete(range, anchor) {
      highlight.delete(range);
      const own = anchor ? ranges.get(anchor) : undefined;
      if (!anchor || !own?.delete(range)) return;
      tracked--;
      if (own.size > 0) return;
      ranges.delete(anchor);
      near.delete(anchor);
      observer.unobserve(anchor);
    },
    stop: () => observer.disconnect(),
  };
}

const retained = new WeakMap<Document | ShadowRoot, { count: number; release: () => void }>();

/**
 * Puts the `::highlight()` rule in `root` until every holder has called the function returned.
 * The rule's subject is every element, so adding it to a finished page restyles the whole page
 * (~60–110 ms for 10,000 nodes in Chromium, docs/benchmarks.md), while a rule present from the
 * start costs nothing noticeable: the content script takes a hold at document_start, as soon as
 * it knows click-to-dial runs here, and the highlighter takes its own.
 */
export function retainHighlightStyle(
  root: Document | ShadowRoot,
  view: Window & typeof globalThis,
): () => void {
  let entry = retained.get(root);
  if (!entry) {
    entry = { count: 0, release: addStyle(root, view) };
    retained.set(root, entry);
  }
  entry.count++;
  let held = true;
  return () => {
    if (!held || !entry) return;
    held = false;
    if (--entry.count > 0) return;
    retained.delete(root);
    entry.release();
  };
}

/** Adopts a constructed sheet (no node in the page); falls back to a <style> element. */
function addStyle(root: Document | ShadowRoot, view: Window & typeof globalThis): () => void {
  try {
    const sheet = new view.CSSStyleSheet();
    sheet.replaceSync(STYLE);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    // Firefox content scripts may drop a sheet made in their own compartment without a word.
    if (root.adoptedStyleSheets.includes(sheet)) {
      return () => {
        root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== sheet);
      };
    }
  } catch {
    // Fall through to a <style> element.
  }
  // nodeType rather than instanceof: wrappers differ between the page and the content script.
  const isDocument = (node: Document | ShadowRoot): node is Document => node.nodeType === 9;
  const doc = isDocument(root) ? root : root.ownerDocument;
  const style = doc.createElement('style');
  style.setAttribute('data-switchboard', '');
  style.textContent = STYLE;
  const place = () => (isDocument(root) ? (root.head ?? root.documentElement) : root);
  const target = place();
  let removed = false;
  if (target) {
    target.append(style);
  } else {
    // At document_start the document may not have its root element yet.
    const late = () => removed || place()?.append(style);
    doc.addEventListener('DOMContentLoaded', late, { once: true });
  }
  return () => {
    removed = true;
    style.remove();
  };
}
