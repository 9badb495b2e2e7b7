/**
 * The numbers currently on the page, each with the live Range that the highlighter paints and
 * the hover logic hit-tests. Ranges follow the page's own edits; nodes that leave the document
 * are dropped by `sweep()`.
 */
import type { LinkHit, PhoneHit, TextHit } from '../phone/scan';
import type { Highlighter } from './highlight';

export interface Mark {
  hit: PhoneHit;
  range: Range;
}

export interface Marks {
  /** Replaces the marks of one text node (an empty list removes them). */
  setText(node: Text, hits: readonly TextHit[]): void;
  setLink(hit: LinkHit): void;
  /** Drops marks whose node left the document. */
  sweep(): void;
  /** The marks that can be under the pointer when `element` is the event target. */
  near(element: Element): Mark[];
  readonly size: number;
  clear(): void;
}

// A link's content may nest a few elements deep (<a><span><b>…</b></span></a>).
const LINK_DEPTH = 6;

export function createMarks(highlighter: Highlighter): Marks {
  const texts = new Map<Text, Mark[]>();
  const links = new Map<Element, Mark>();

  const drop = (marks: readonly Mark[]) => {
    for (const mark of marks) highlighter.delete(mark.range);
  };
  const add = (hit: PhoneHit, range: Range): Mark => {
    highlighter.add(range);
    return { hit, range };
  };

  return {
    setText(node, hits) {
      drop(texts.get(node) ?? []);
      texts.delete(node);
      // A scan that resumed after the node left the page must not bring it back.
      if (hits.length === 0 || !node.isConnected) return;
      texts.set(
        node,
        hits.map((hit) => {
          const range = node.ownerDocument.createRange();
          range.setStart(node, hit.start);
          range.setEnd(node, hit.end);
          return add(hit, range);
        }),
      );
    },
    setLink(hit) {
      const old = links.get(hit.element);
      if (old) drop([old]);
      links.delete(hit.element);
      if (!hit.element.isConnected) return;
      const range = hit.element.ownerDocument.createRange();
      range.selectNodeContents(hit.element);
      links.set(hit.element, add(hit, range));
    },
    sweep() {
      for (const [node, marks] of texts) {
        if (!node.isConnected) {
          drop(marks);
          texts.delete(node);
        }
      }
      for (const [element, mark] of links) {
        if (!element.isConnected) {
          drop([mark]);
          links.delete(element);
        }
      }
    },
    near(element) {
      const found: Mark[] = [];
      for (const child of element.childNodes) {
        const marks = child.nodeType === 3 ? texts.get(child as Text) : undefined;
        if (marks) found.push(...marks);
      }
      let at: Element | null = element;
      for (let depth = 0; at && depth < LINK_DEPTH; depth++, at = at.parentElement) {
        const link = links.get(at);
        if (link) {
          found.push(link);
          break;
        }
      }
      return found;
    },
    get size() {
      let count = links.size;
      for (const marks of texts.values()) count += marks.length;
      return count;
    },
    clear() {
      for (const marks of texts.values()) drop(marks);
      for (const mark of links.values()) drop([mark]);
      texts.clear();
      links.clear();
    },
  };
}
