/**
 * DOM → phone numbers (DESIGN.md "Click-to-dial"). Reads the page and never writes to it: CRMs
 * built on React or Angular break when an extension replaces their text nodes, so matches are
 * reported as (text node, offsets) and marked elsewhere with ranges.
 *
 * The scan is a generator so that the caller can spread a big page over several idle tasks: it
 * yields `null` every few nodes as a chance to stop, and resumes where it left off.
 *
 * It reads one document: the text, links and phone fields of `root`, and the open shadow roots
 * inside it. Frames are not entered; the content script runs in each frame and scans its own.
 */
import type { CountryCode } from 'libphonenumber-js/min';
import { OPT_OUT_ATTRIBUTE, pageOptedOut } from './opt-out';
import { findPhoneNumbers } from './detect';
import { toE164ByNumberingPlans } from './light';
import { e164 as validE164, parseDigits } from './plans';

/** A number inside a text node. Offsets are UTF-16 offsets into `node.data`. */
export interface TextHit {
  kind: 'text';
  node: Text;
  start: number;
  end: number;
  e164: string;
  extension?: string;
}

/** A `tel:`, `callto:` or `sip:` link: its href names the number, whatever its text says. */
export interface LinkHit {
  kind: 'link';
  element: Element;
  e164: string;
  extension?: string;
}

/**
 * A `type=tel` field showing a valid number. Nothing can be painted inside a field, so it is
 * marked as a whole, like a link, and only ever read.
 */
export interface InputHit {
  kind: 'input';
  element: HTMLInputElement;
  e164: string;
  extension?: string;
}

export type PhoneHit = TextHit | LinkHit | InputHit;

export type ScanItem =
  /** All numbers of one text node (none: the node had some before and lost them). */
  | { kind: 'text'; node: Text; hits: TextHit[] }
  | { kind: 'link'; hit: LinkHit }
  /** A phone field and the number it shows now; none when it is empty, invalid or being edited. */
  | { kind: 'input'; element: HTMLInputElement; hit: InputHit | undefined }
  /** An open shadow root met on the way; its content follows. */
  | { kind: 'shadow'; root: ShadowRoot };

export interface ScanOptions {
  defaultCountry: CountryCode | undefined;
}

/** Our own UI. Its shadow root is closed, so this only keeps its host out of the way. */
export const OWN_ELEMENTS = 'switchboard-call-button, [data-switchboard]';
export const TEL_INPUT = 'input[type="tel" i]';
const TEL_LINK = 'a[href^="tel:" i], a[href^="callto:" i], a[href^="sip:" i], a[href^="sips:" i]';
// Code, editable text and form fields hold numbers nobody wants to call from, and marking
// editable text would get in the way of typing. A page may hide any part of itself from us.
const SKIP_CONTEXT =
  'script, style, textarea, noscript, code, pre, template, input, select, [contenteditable], ' +
  `[${OPT_OUT_ATTRIBUTE}], ${OWN_ELEMENTS}`;
// Elements whose text is never shown as text, or only inside a control: a text node's parent
// tells, as they hold no elements. Inline scripts and styles can be 100 KB blobs full of digits.
const RAW_TEXT = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'textarea',
  'title',
  'select',
  'option',
]);
// What else may sit above a number's text node. Any link matches here, and only a tel-like one
// counts (its text is the link's business: it is reported once, as a link). This short selector
// and the tag lookup above cost a third of `closest()` with the whole SKIP_CONTEXT list
// (profiled in Chromium), which every text node with a number pays.
const SKIP_ABOVE_TEXT = `code, pre, [contenteditable], [${OPT_OUT_ATTRIBUTE}], ${OWN_ELEMENTS}, a[href]`;
const TEL_HREF = /^(?:tel|callto|sips?):/i;
const HEARTBEAT_EVERY = 32;
const LONG_TEXT = 512;
/** Returned when a node has no number, so that the common case allocates nothing. Do not mutate. */
const NONE: TextHit[] = Object.freeze([]) as unknown as TextHit[];
const MIN_DIGITS = 7;
const E164 = /^\+[1-9]\d{6,14}$/;
const MAX_WRITTEN = 64;

/**
 * Scans `root` (an element, a text node, a document or a shadow root): its text nodes and the
 * open shadow roots inside it in document order, then its links, then its phone fields.
 */
export function* scan(
  root: Node,
  options: ScanOptions,
): Generator<ScanItem | null, void, undefined> {
  if (isText(root)) {
    yield { kind: 'text', node: root, hits: scanText(root, options) };
    return;
  }
  if (isElement(root) && root.matches(TEL_INPUT)) {
    const input = root as HTMLInputElement;
    yield { kind: 'input', element: input, hit: inputHit(input, options) };
    return;
  }
  if (isSkippedRoot(root)) return;
  const doc = root.ownerDocument ?? (root as Document);

  // Text and elements in one walk, with no filter callback: the walk stays in native code, and
  // the detector's digit count rejects most text nodes before any work is done. Elements are
  // only asked for an open shadow root (closed ones read as null: their owner's business).
  const walker = doc.createTreeWalker(root, 5 /* NodeFilter.SHOW_ELEMENT | SHOW_TEXT */);
  const resume = resumer(root, walker);
  let visited = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (++visited % HEARTBEAT_EVERY === 0) {
      yield null;
      resume(node);
    }
    if (isText(node)) {
      const hits = scanText(node, options);
      if (hits.length === 0) continue;
      yield { kind: 'text', node, hits };
      resume(node);
      continue;
    }
    const shadow = (node as Element).shadowRoot;
    // A shadow tree is as skipped as its host: a web-component editor, an opted-out widget.
    if (shadow && !isSkipped(node as Element, SKIP_CONTEXT)) {
      yield { kind: 'shadow', root: shadow };
      yield* scan(shadow, options);
      resume(node);
    }
  }

  // Static lists: each element is checked when its turn comes, so that what changed during a
  // pause (a subtree opted out, a link removed) is seen.
  for (const element of within(root, TEL_LINK)) {
    if (++visited % HEARTBEAT_EVERY === 0) yield null;
    if (!element.isConnected && root.isConnected) continue;
    const hit = isSkipped(element, SKIP_CONTEXT) ? undefined : linkHit(element, options);
    if (hit) yield { kind: 'link', hit };
  }
  for (const element of within(root, TEL_INPUT)) {
    if (++visited % HEARTBEAT_EVERY === 0) yield null;
    if (!element.isConnected && root.isConnected) continue;
    const input = element as HTMLInputElement;
    yield { kind: 'input', element: input, hit: inputHit(input, options) };
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
  if (data.length < MIN_DIGITS) return NONE;
  if (data.length > LONG_TEXT && RAW_TEXT.has(node.parentElement?.localName ?? '')) return NONE;
  // Numbers are rare, and the context test costs more than the detector's digit count: it runs
  // only for the few nodes that hold one.
  const matches = findPhoneNumbers(data, options);
  if (matches.length === 0 || isTextSkipped(node)) return NONE;
  return matches.map((match) => ({ kind: 'text', node, ...match }));
}

/** The number a `tel:`/`callto:`/`sip:` link dials, or undefined for another link or a bad number. */
export function linkHit(element: Element, options: ScanOptions): LinkHit | undefined {
  const number = parseTelHref(element.getAttribute('href') ?? '', options.defaultCountry);
  return number && { kind: 'link', element, ...number };
}

/**
 * The number a `type=tel` field shows, or undefined when it shows none, sits where we do not
 * look, or has the focus: a field being edited holds a number in the making.
 */
export function inputHit(element: HTMLInputElement, options: ScanOptions): InputHit | undefined {
  if (element.hasAttribute(OPT_OUT_ATTRIBUTE) || isFocused(element)) return undefined;
  // `closest` would match the field itself (inputs are skipped contexts for text): start above.
  const above = element.parentElement ?? hostOf(element);
  if (above && isSkipped(above, SKIP_CONTEXT)) return undefined;
  const number = parsePhoneValue(element.value, options.defaultCountry);
  return number && { kind: 'input', element, ...number };
}

type Parsed = { e164: string; extension?: string };

/**
 * RFC 3966 `tel:` URIs ("tel:+1-212-555-0123;ext=45", "tel:0612345678;phone-context=+33"),
 * Skype-style `callto:` (with or without "//"), and RFC 3261 `sip:`/`sips:` URIs whose user part
 * is a telephone number ("sip:+14155550100@pbx.example.com;user=phone"); "sip:alice@example.com"
 * names a person, not a number.
 */
export function parseTelHref(
  href: string,
  defaultCountry: CountryCode | undefined,
): Parsed | undefined {
  const uri = /^\s*(tel|callto|sips?):(?:\/\/)?([^?#]*)/i.exec(href);
  if (!uri) return undefined;
  const sip = /^sips?$/i.test(uri[1]!);
  let body = uri[2]!;
  if (sip) {
    // userinfo is "user[:password]@": without it the URI names a host, not a subscriber.
    const at = body.indexOf('@');
    if (at <= 0) return undefined;
    body = body.slice(0, at).split(':')[0]!;
  }
  let value: string;
  try {
    value = decodeURIComponent(body);
  } catch {
    return undefined;
  }
  const [number = '', ...params] = value.split(';');
  // A SIP user part is any name; only digits and RFC 3966 visual separators make a number.
  if (sip && !/^\s*\+?[\d\s().-]+$/.test(number)) return undefined;
  const param = (name: string) =>
    params.find((p) => p.toLowerCase().startsWith(`${name}=`))?.slice(name.length + 1);
  const context = param('phone-context');
  const global =
    number.trim().startsWith('+') || !context?.startsWith('+') ? number : context + number;
  const e164 = toE164ByNumberingPlans(global, defaultCountry);
  if (!e164 || !E164.test(e164)) return undefined;
  const ext = param('ext') ?? param('postd');
  const extension = ext?.replace(/[^\d]/g, '');
  return extension && /^\d{1,8}$/.test(extension) ? { e164, extension } : { e164 };
}

// Digits and the usual separators, with an optional written extension ("x12", "ext. 12", "#12"):
// a field holding anything else (a name, a note) is not read as a number.
const PHONE_VALUE = /^(\+?[\d\s().\-/]{7,40})(?:\s*(?:ext\.?|x|#)\s*(\d{1,8}))?$/i;
const NON_DIGIT = /\D/g;

/** A phone field's value as a valid number (not merely a plausible one), or undefined. */
export function parsePhoneValue(
  value: string,
  defaultCountry: CountryCode | undefined,
): Parsed | undefined {
  const parts = PHONE_VALUE.exec(value.trim());
  if (!parts) return undefined;
  const main = parts[1]!;
  const digits = (main.startsWith('+') ? '+' : '') + main.replace(NON_DIGIT, '');
  const e164 = validE164(parseDigits(digits, defaultCountry));
  if (!e164) return undefined;
  const extension = parts[2];
  return extension ? { e164, extension } : { e164 };
}

/** How the page writes a hit's number, for the Call button's label: "01 23 45 67 89". */
export function writtenForm(hit: PhoneHit): string | undefined {
  if (hit.kind === 'text') return hit.node.data.slice(hit.start, hit.end);
  const text = hit.kind === 'input' ? hit.element.value : hit.element.textContent;
  // A link may wrap a whole card: only a short text can be the number as written.
  return text && text.length <= MAX_WRITTEN ? text : undefined;
}

function within(root: Node, selector: string): Element[] {
  const found: Element[] = [];
  if (isElement(root) && root.matches(selector)) found.push(root);
  if ('querySelectorAll' in root) found.push(...(root as ParentNode).querySelectorAll(selector));
  return found;
}

/** A root that lies in a skipped context, or a document that opted out as a whole. */
function isSkippedRoot(root: Node): boolean {
  if (isElement(root)) return isSkipped(root, SKIP_CONTEXT);
  if (root.nodeType === 9) return pageOptedOut(root as Document);
  return (
    root.nodeType === 11 && 'host' in root && isSkipped((root as ShadowRoot).host, SKIP_CONTEXT)
  );
}

/** True when a text node sits where SKIP_CONTEXT or a tel-like link says not to look. */
function isTextSkipped(node: Text): boolean {
  const parent = node.parentElement;
  if (parent && RAW_TEXT.has(parent.localName)) return true;
  for (let at = parent ?? hostOf(node); at;) {
    const found = at.closest(SKIP_ABOVE_TEXT);
    if (!found) {
      at = hostOf(at);
    } else if (found.localName === 'a' && !TEL_HREF.test(found.getAttribute('href') ?? '')) {
      at = found.parentElement ?? hostOf(found);
    } else {
      return true;
    }
  }
  return false;
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

function hostOf(node: Node): Element | null {
  const root = node.getRootNode();
  return root.nodeType === 11 && 'host' in root ? (root as ShadowRoot).host : null;
}

function isFocused(element: Element): boolean {
  // A document or shadow root knows its own focused element; a detached tree has none.
  const root = element.getRootNode() as Partial<DocumentOrShadowRoot>;
  return root.activeElement === element;
}

function isText(node: Node): node is Text {
  return node.nodeType === 3;
}

// nodeType rather than instanceof: the page's and the content script's wrappers may differ.
function isElement(node: Node): node is Element {
  return node.nodeType === 1;
}
