/**
 * The two baselines of `npm run bench:detect`, run in the page in one synchronous pass each:
 *
 * - the floor: a bare TreeWalker over the body's text nodes that reads every node's data, the
 *   least any scanner must do;
 * - the naive detector: libphonenumber's own text finder on every text node, what a typical
 *   click-to-dial extension does.
 */
import { findPhoneNumbersInText, type CountryCode } from 'libphonenumber-js/min';
import type { FloorResult, PassResult } from '../protocol';

export function floor(): FloorResult {
  const start = performance.now();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let nodes = 0;
  let chars = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    nodes++;
    // Summed and returned, so that the engine cannot skip the read.
    chars += (node as Text).data.length;
  }
  const ms = performance.now() - start;
  if (chars === 0) throw new Error('floor: the page has no text');
  return { ms, nodes, isolated: globalThis.crossOriginIsolated };
}

export function naive(country: string): PassResult {
  const start = performance.now();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const foundIndexes: number[] = [];
  let found = 0;
  let index = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode(), index++) {
    const numbers = findPhoneNumbersInText((node as Text).data, country as CountryCode);
    if (numbers.length > 0) {
      found += numbers.length;
      foundIndexes.push(index);
    }
  }
  return { ms: performance.now() - start, found, foundIndexes };
}
