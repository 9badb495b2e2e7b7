/** DOM helpers of the in-page benchmark code (runs in Chromium, bundled by esbuild). */
import { isText, type NodeSpec } from '../page-model';

/** Builds `spec` with DOM calls (no HTML parsing) and collects its phone-number text nodes. */
export function build(doc: Document, spec: NodeSpec, phones: Text[]): Node {
  if (isText(spec)) {
    const node = doc.createTextNode(spec.text);
    if (spec.kind === 'phone') phones.push(node);
    return node;
  }
  const element = doc.createElement(spec.tag);
  for (const [name, value] of Object.entries(spec.attrs ?? {})) element.setAttribute(name, value);
  for (const child of spec.children) element.append(build(doc, child, phones));
  return element;
}

/** Document-order indexes of `nodes` among the text nodes of `root`, sorted, each once. */
export function indexesOf(root: Node, nodes: Iterable<Node>): number[] {
  const wanted = new Set(nodes);
  const found: number[] = [];
  const walker = (root.ownerDocument ?? (root as Document)).createTreeWalker(root, 4);
  let index = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode(), index++) {
    if (wanted.has(node)) found.push(index);
  }
  return found;
}

/** The text nodes inside `element`, for a number reported on an element (a tel: link). */
export function textsOf(element: Element): Text[] {
  const texts: Text[] = [];
  const walker = element.ownerDocument.createTreeWalker(element, 4);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node as Text);
  return texts;
}
