/**
 * The generated CRM page as data: elements and typed text nodes. The benchmark serializes it to
 * HTML for the page itself (crm-page.ts) and builds new content from the same data with DOM calls
 * inside the page (page/dom.ts), so that both say exactly which text nodes hold a phone number.
 */

/** What a text node holds: a phone number, other digit-heavy data, or plain words. */
export type TextKind = 'phone' | 'data' | 'plain';

export interface TextSpec {
  text: string;
  kind: TextKind;
}

export interface ElementSpec {
  tag: string;
  attrs?: Record<string, string>;
  children: NodeSpec[];
}

export type NodeSpec = ElementSpec | TextSpec;

export const isText = (node: NodeSpec): node is TextSpec => 'text' in node;

export interface KindCounts {
  phone: number;
  data: number;
  plain: number;
}

/**
 * Counts the text nodes of `nodes` by kind, and lists the document-order indexes of those that
 * hold a phone number (the order a TreeWalker over SHOW_TEXT visits them).
 */
export function countTexts(nodes: readonly NodeSpec[]): KindCounts & { phoneIndexes: number[] } {
  const counts = { phone: 0, data: 0, plain: 0, phoneIndexes: [] as number[] };
  let index = 0;
  const visit = (node: NodeSpec) => {
    if (!isText(node)) {
      node.children.forEach(visit);
      return;
    }
    if (node.kind === 'phone') counts.phoneIndexes.push(index);
    counts[node.kind]++;
    index++;
  };
  nodes.forEach(visit);
  return counts;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
};
const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ESCAPES[c] ?? c);

/**
 * HTML for `nodes`, with no whitespace between tags: every text node of the parsed page is one
 * of the model's, so the counts hold for the DOM the browser builds.
 */
export function toHtml(nodes: readonly NodeSpec[]): string {
  return nodes
    .map((node) => {
      if (isText(node)) return escape(node.text);
      const attrs = Object.entries(node.attrs ?? {})
        .map(([name, value]) => ` ${name}="${escape(value)}"`)
        .join('');
      return `<${node.tag}${attrs}>${toHtml(node.children)}</${node.tag}>`;
    })
    .join('');
}
