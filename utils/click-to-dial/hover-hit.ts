/**
 * Which mark the pointer is on, for the hover logic. Hit-testing uses the marks' own ranges
 * (`getClientRects`) for the element under the pointer: it works inside open shadow roots, where
 * caret-from-point APIs stop at the host. Pure functions of the pointer's position, so that the
 * per-frame evaluation allocates nothing more than it reads.
 */
import type { Mark, Marks } from './marks';

// Rects are fractional and a pointer on the edge of a glyph is still "on" it.
const SLOP_PX = 1;

/** The mark the pointer at (x, y) is on, when `element` is what it is over. */
export function markAt(
  marks: Pick<Marks, 'near'>,
  element: Element,
  x: number,
  y: number,
): Mark | undefined {
  const near = marks.near(element);
  const onText = near.find((mark) => pointerRect(mark, x, y) !== undefined);
  if (onText || near.length !== 1) return onText;
  // A field that holds nothing but the number (a table cell, a <dd>) is one target as a whole:
  // CRMs lay such fields out much wider than their text.
  const [only] = near;
  if (
    only &&
    element.textContent?.trim() === only.range.toString().trim() &&
    inside(element.getBoundingClientRect(), x, y)
  ) {
    return only;
  }
  return undefined;
}

/** The rect of `mark` that (x, y) is in, if any: the button goes beside that line of it. */
export function pointerRect(mark: Mark, x: number, y: number): DOMRect | undefined {
  for (const rect of mark.range.getClientRects()) {
    if (inside(rect, x, y)) return rect;
  }
  return undefined;
}

/** On `rect` or within the slop around it. */
function inside(rect: DOMRectReadOnly, x: number, y: number): boolean {
  return (
    x >= rect.left - SLOP_PX &&
    x <= rect.right + SLOP_PX &&
    y >= rect.top - SLOP_PX &&
    y <= rect.bottom + SLOP_PX
  );
}
