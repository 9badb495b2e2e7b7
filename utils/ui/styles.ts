/**
 * A page's styles, put in place by its own script before it renders (entrypoints/*\/main.tsx):
 * the CSS comes inside the script (`?inline` imports) instead of as a stylesheet the page must
 * fetch before it paints, which cost the panel a fifth of its first paint
 * (docs/benchmarks.md, `panel`). Extension pages allow inline styles (no `style-src` in their
 * content security policy).
 */
export function addStyles(doc: Document, ...sheets: string[]): void {
  for (const css of sheets) {
    const style = doc.createElement('style');
    style.textContent = css;
    doc.head.append(style);
  }
}
