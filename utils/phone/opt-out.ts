/**
 * A page opts out of click-to-dial with `data-switchboard-off`. On any element it hides that
 * element's subtree from us (the scanner skips it); on `<html>` or `<body>` it turns click-to-dial
 * off for the whole page, now or whenever the attribute appears later, and back on if it goes.
 * (`data-switchboard`, without suffix, marks our own UI.)
 */

export const OPT_OUT_ATTRIBUTE = 'data-switchboard-off';

export function pageOptedOut(doc: Document): boolean {
  return (
    doc.documentElement?.hasAttribute(OPT_OUT_ATTRIBUTE) === true ||
    doc.body?.hasAttribute(OPT_OUT_ATTRIBUTE) === true
  );
}

/** Calls `onChange` whenever the page's opt-out may have changed. */
export function watchPageOptOut(doc: Document, signal: AbortSignal, onChange: () => void): void {
  const root = doc.documentElement;
  if (!root || signal.aborted) return;
  // The filter keeps the observer silent for everything else the page does; the subtree covers
  // a <body> created after we started. A second observer sees a <body> swapped for another.
  const attributes = new MutationObserver((records) => {
    if (records.some((r) => r.target === doc.documentElement || r.target === doc.body)) onChange();
  });
  attributes.observe(root, {
    attributes: true,
    attributeFilter: [OPT_OUT_ATTRIBUTE],
    subtree: true,
  });
  const children = new MutationObserver(onChange);
  children.observe(root, { childList: true });
  signal.addEventListener('abort', () => {
    attributes.disconnect();
    children.disconnect();
  });
}
