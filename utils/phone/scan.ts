/**
 * DOM → phone numbers (DESIGN.md "Click-to-dial"). Reads the page and never writes to it: CRMs
 * built on React or Angular break when an extension replaces their text nodes, so matches are
 * reported as (text node, offsets) and marked elsewhere with ranges.
 *
 * The scan is a generator so that the caller can spread a big page over several idle tasks: it
 * yields `null` every few nodes as a chance to stop, and resumes where it left off.
 */
import type { CountryCode } from 'libphonenumber-js/min';
import { findPhoneNumbers } from './detect';
import { toE164 } from './format';

/** A number inside a text node. Offsets are UTF-16 offsets into `node.data`. */
export interface TextHit {
  kind: 'text';
  node: Text;
  start: number;
  end: number;
  e164: string;
  extension?: string;
}

/** A `tel:` or `callto:` link: its href names the number, whatever its text says. */
export interface LinkHit {
  kind: 'link';
  element: Element;
  e164: string;
  extension?: string;
}

export type PhoneHit = TextHit | LinkHit;

export type ScanItem =
  /** All numbers of one text node (none: the node had some before and lost them). */
  | { kind: 'text'; node: Text; hits: TextHit[] }
  | { kind: 'link'; hit: LinkHit }
  /** An open shadow root met on the way; its content follows. */
  | { kind: 'shadow'; root: ShadowRoot };

export interface ScanOptions {
  defaultCountry: CountryCode;
}

/** Our own UI. Its shadow root is closed, so this only keeps its host out of the way. */
export const OWN_ELEMENTS = 'switchboard-call-button, [data-switchboard]';
const TEL_LINK = 'a[href^="tel:" i], a[href^="callto:" i]';
// Code, editable text and form fields hold numbers nobody wants to call from, and marking
// editable text would get in the way of typing.
const SKIP_CONTEXT = `script, style, textarea, noscript, code, pre, template, input, select, [contenteditable], ${OWN_ELEMENTS}`;
// Text inside a tel: link is the link's business: it is reported once, as a link.
const SKIP_TEXT = `${SKIP_CONTEXT}, ${TEL_LINK}`;
const HEARTBEAT_EVERY = 32;
const MIN_DIGITS = 7;

/**
 * Scans `root` (an element, a text node, a document or a shadow root): text nodes first, then
 * tel: links, then open shadow roots inside it.
 */
export function* scan(
  root: Node,
  options: ScanOptions,
): Generator<ScanItem | null, void, undefined> {
  if (isText(root)) {
    yield { kind: 'text', node: root, hits: scanText(root, options) };
    return;
  }
  const doc = root.ownerDocument ?? (root as Document);
  if (root instanceof Element && isSkipped(root, SKIP_CONTEXT)) return;

  // NodeFilter.SHOW_TEXT with no filter callback: the walk stays in native code, and the digit
  // test below rejects most nodes before any JS object is made.
  const texts = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  const resume = resumer(root, texts);
  let visited = 0;
  for (let node = texts.nextNode(); node; node = texts.nextNode()) {
    if (++visited % HEARTBEAT_EVERY === 0) {
      yield null;
      resume(node);
    }
    const hits = scanText(node as Text, options);
    if (hits.length > 0) {
      yield { kind: 'text', node: node as Text, hits };
      resume(node);
    }
  }

  for (const element of linksIn(root)) {
    const hit = linkHit(element, options);
    if (hit) yield { kind: 'link', hit };
  }

  const elements = doc.createTreeWalker(root, 1 /* NodeFilter.SHOW_ELEMENT */);
  const resumeElements = resumer(root, elements);
  for (let node = elements.nextNode(); node; node = elements.nextNode()) {
    if (++visited % HEARTBEAT_EVERY === 0) {
      yield null;
      resumeElements(node);
    }
    // Closed shadow roots read as null here: they are their owner's business, ours included.
    const shadow = (node as Element).shadowRoot;
    if (shadow) {
      yield { kind: 'shadow', root: shadow };
      yield* scan(shadow, options);
      resumeElements(node);
    }
  }
}

const MAX_RESTARTS = 3;

/**
 * While the scan waits between tasks the page may remove the node the walker stands on; a walker
 * on a detached node would end early and miss the rest of the page. It restarts from the root
 * instead (marking is idempotent), a few times at most on pages that never stop changing; the
 * mutation observer reports what is added later anyway.
 */
function resumer(root: Node, walker: TreeWalker): (node: Node) => void {
  let restarts = 0;
  return (node) => {
    if (!node.isConnected && root.isConnected && restarts < MAX_RESTARTS) {
      restarts++;
      walker.currentNode = root;
    }
  };
}

/** The numbers of one text node, or none when it sits in code, a form field or our own UI. */
export function scanText(node: Text, options: ScanOptions): TextHit[] {
  const data = node.data;
  if (data.length < MIN_DIGITS || !/\d/.test(data)) return [];
  const parent = node.parentElement;
  if (parent && isSkipped(parent, SKIP_TEXT)) return [];
  return findPhoneNumbers(data, options).map((match) => ({ kind: 'text', node, ...match }));
}

/** The number a `tel:`/`callto:` link dials, or undefined for another link or a bad number. */
export function linkHit(element: Element, options: ScanOptions): LinkHit | undefined {
  const number = parseTelHref(element.getAttribute('href') ?? '', options.defaultCountry);
  return number && { kind: 'link', element, ...number };
}

/**
 * RFC 3966 `tel:` URIs ("tel:+1-212-555-0123;ext=45", "tel:0612345678;phone-context=+33") and
 * Skype-style `callto:` (with or without "//").
 */
export function parseTelHref(
  href: string,
  defaultCountry: CountryCode,
): { e164: string; extension?: string } | undefined {
  const uri = /^\s*(?:tel|callto):(?:\/\/)?([^?#]*)/i.exec(href);
  if (!uri) return undefined;
  let value: string;
  try {
    value = decodeURIComponent(uri[1]!);
  } catch {
    return undefined;
  }
  const [number = '', ...params] = value.split(';');
  const param = (name: string) =>
    params.find((p) => p.toLowerCase().startsWith(`${name}=`))?.slice(name.length + 1);
  const context = param('phone-context');
  const global =
    number.trim().startsWith('+') || !context?.startsWith('+') ? number : context + number;
  const e164 = toE164(global, defaultCountry);
  if (!e164 || !/^\+[1-9]\d{6,14}$/.test(e164)) return undefined;
  const ext = param('ext') ?? param('postd');
  const extension = ext?.replace(/[^\d]/g, '');
  return extension && /^\d{1,8}$/.test(extension) ? { e164, extension } : { e164 };
}

function linksIn(root: Node): Element[] {
  const links: Element[] = [];
  if (root instanceof Element && root.matches(TEL_LINK)) links.push(root);
  if ('querySelectorAll' in root) {
    for (const link of (root as ParentNode).querySelectorAll(TEL_LINK)) {
      if (!isSkipped(link, SKIP_CONTEXT)) links.push(link);
    }
  }
  return links;
}

/**
 * `closest` stops at a shadow root, so the hosts up the chain are asked too: a number inside a
 * shadow tree hosted by a skipped element (a web-component editor, say) is skipped as well.
 */
function isSkipped(element: Element, selector: string): boolean {
  for (let at: Element | null = element; at; at = hostOf(at)) {
    if (at.closest(selector) !== null) return true;
  }
  return false;
}

function hostOf(element: Element): Element | null {
  const root = element.getRootNode();
  return root.nodeType === 11 && 'host' in root ? (root as ShadowRoot).host : null;
}

function isText(node: Node): node is Text {
  return node.nodeType === 3;
}
