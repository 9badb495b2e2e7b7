/**
 * Marks numbers with the CSS Custom Highlight API: ranges are painted by the browser, so the
 * page's DOM is never rewritten (DESIGN.md "Click-to-dial"). Where the API is missing, nothing is
 * painted and the hover button still works from the same ranges.
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
  add(range: Range): void;
  delete(range: Range): void;
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

  signal.addEventListener('abort', () => {
    highlight.clear();
    if (registry.get(HIGHLIGHT_NAME) === highlight) registry.delete(HIGHLIGHT_NAME);
    for (const undo of unstyle) undo();
  });

  return {
    supported: true,
    add: (range) => highlight.add(range),
    delete: (range) => highlight.delete(range),
    styleRoot(root) {
      if (signal.aborted || styled.has(root)) return;
      styled.add(root);
      unstyle.push(addStyle(root, view));
    },
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
  (isDocument(root) ? (root.head ?? root.documentElement) : root).append(style);
  return () => style.remove();
}
