/**
 * The numbers currently on the page, each with the live Range that the highlighter paints and
 * the hover logic hit-tests. Ranges follow the page's own edits; nodes that leave the document
 * are dropped by `sweep()`.
 *
 * Setting the same hits again keeps the existing marks (no new Range, no highlight churn), so a
 * rescan costs little and never makes a mark flicker. Each mark remembers the last pass that saw
 * it: a rescan opens a pass and, once it has walked its root, drops what it did not see again.
 */
import type { InputHit, LinkHit, PhoneHit, TextHit } from '../phone/scan';
import type { Highlighter } from './highlight';

export interface Mark {
  hit: PhoneHit;
  range: Range;
}

export interface Marks {
  /** Replaces the marks of one text node (an empty list removes them). */
  setText(node: Text, hits: readonly TextHit[]): void;
  setLink(hit: LinkHit): void;
  /** Marks a phone field, or unmarks it (`undefined`: it shows no number now). */
  setInput(element: HTMLInputElement, hit: InputHit | undefined): void;
  /** Drops marks whose node left the document. */
  sweep(): void;
  /** Drops every mark inside `root`, shadow trees included (the page opted that part out). */
  dropWithin(root: Node): void;
  /** Starts a pass: marks set from now on belong to it. */
  beginPass(): number;
  /**
   * Ends `pass`: drops the marks inside `root` (the whole document when omitted) that were not
   * set since the pass began.
   */
  endPass(pass: number, root?: Node): void;
  /** The marks that can be under the pointer when `element` is the event target. */
  near(element: Element): Mark[];
  readonly size: number;
  clear(): void;
}

interface Entry {
  marks: Mark[];
  /** Where the highlighter looks for the marks' visibility. */
  anchor: Element | null;
  pass: number;
}

// A link's content may nest a few elements deep (<a><span><b>…</b></span></a>).
const LINK_DEPTH = 6;

export function createMarks(highlighter: Highlighter): Marks {
  const texts = new Map<Text, Entry>();
  // Links and phone fields: one mark each, on the element itself.
  const elements = new Map<Element, Entry>();
  let pass = 0;

  const drop = (entry: Entry) => {
    for (const mark of entry.marks) {
      // Fields are not painted (nothing shows inside a form control): only text and links are.
      if (mark.hit.kind !== 'input') highlighter.delete(mark.range, entry.anchor);
    }
  };
  const paint = (entry: Entry): Entry => {
    for (const mark of entry.marks) {
      if (mark.hit.kind !== 'input') highlighter.add(mark.range, entry.anchor);
    }
    return entry;
  };
  const setElement = (element: Element, hit: LinkHit | InputHit | undefined) => {
    const old = elements.get(element);
    if (old && hit && element.isConnected && sameHit(old.marks[0]!.hit, hit)) {
      old.pass = pass;
      // The same Range object stays in the highlight; only its bounds catch up with new children.
      select(old.marks[0]!.range, hit);
      return;
    }
    if (old) drop(old);
    elements.delete(element);
    if (!hit || !element.isConnected) return;
    const range = element.ownerDocument.createRange();
    select(range, hit);
    elements.set(element, paint({ marks: [{ hit, range }], anchor: element, pass }));
  };
  const forget = <K>(map: Map<K, Entry>, key: K, entry: Entry) => {
    drop(entry);
    map.delete(key);
  };
  const filter = (keep: (node: Node, entry: Entry) => boolean) => {
    for (const [node, entry] of texts) if (!keep(node, entry)) forget(texts, node, entry);
    for (const [node, entry] of elements) if (!keep(node, entry)) forget(elements, node, entry);
  };

  return {
    setText(node, hits) {
      const old = texts.get(node);
      const connected = node.isConnected;
      if (old && connected && unchanged(old.marks, hits)) {
        old.pass = pass;
        return;
      }
      if (old) forget(texts, node, old);
      // A scan that resumed after the node left the page must not bring it back.
      if (hits.length === 0 || !connected) return;
      const marks = hits.map((hit) => {
        const range = node.ownerDocument.createRange();
        range.setStart(node, hit.start);
        range.setEnd(node, hit.end);
        return { hit, range };
      });
      texts.set(
        node,
        paint({ marks, anchor: node.parentElement ?? hostOf(node.parentNode), pass }),
      );
    },
    setLink: (hit) => setElement(hit.element, hit),
    setInput: (element, hit) => setElement(element, hit),
    sweep: () => filter((node) => node.isConnected),
    dropWithin: (root) => filter((node) => !composedContains(root, node)),
    beginPass: () => ++pass,
    endPass(since, root) {
      filter(
        (node, entry) => entry.pass >= since || (root ? !composedContains(root, node) : false),
      );
    },
    near(element) {
      const found: Mark[] = [];
      for (const child of element.childNodes) {
        const entry = child.nodeType === 3 ? texts.get(child as Text) : undefined;
        if (entry) found.push(...entry.marks);
      }
      let at: Element | null = element;
      for (let depth = 0; at && depth < LINK_DEPTH; depth++, at = at.parentElement) {
        const entry = elements.get(at);
        if (entry) {
          found.push(...entry.marks);
          break;
        }
      }
      return found;
    },
    get size() {
      let count = elements.size;
      for (const entry of texts.values()) count += entry.marks.length;
      return count;
    },
    clear() {
      for (const entry of texts.values()) drop(entry);
      for (const entry of elements.values()) drop(entry);
      texts.clear();
      elements.clear();
    },
  };
}

function sameHit(a: PhoneHit, b: PhoneHit): boolean {
  if (a.kind !== b.kind || a.e164 !== b.e164 || a.extension !== b.extension) return false;
  return a.kind !== 'text' || b.kind !== 'text' || (a.start === b.start && a.end === b.end);
}

/**
 * The node's marks already say what `hits` say. Their ranges are checked too: replacing a text
 * node's data (even with the same text) collapses the live ranges inside it.
 */
function unchanged(marks: readonly Mark[], hits: readonly TextHit[]): boolean {
  if (marks.length !== hits.length) return false;
  return marks.every((mark, i) => {
    const hit = hits[i]!;
    const { range } = mark;
    return (
      sameHit(mark.hit, hit) &&
      range.startContainer === hit.node &&
      range.startOffset === hit.start &&
      range.endContainer === hit.node &&
      range.endOffset === hit.end
    );
  });
}

/** A field's range covers the field; a link's covers its content, which is what gets painted. */
function select(range: Range, hit: LinkHit | InputHit): void {
  if (hit.kind === 'input') range.selectNode(hit.element);
  else range.selectNodeContents(hit.element);
}

/** `node` is `root` or below it, across shadow-root boundaries. */
function composedContains(root: Node, node: Node): boolean {
  for (let at: Node | null = node; at; at = at.parentNode ?? hostOf(at)) {
    if (at === root) return true;
  }
  return false;
}

function hostOf(node: Node | null): Element | null {
  return node?.nodeType === 11 && 'host' in node ? (node as ShadowRoot).host : null;
}
