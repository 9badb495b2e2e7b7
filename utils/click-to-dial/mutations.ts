/**
 * The scheduler's MutationObserver: new and edited nodes are queued for a scan (or, in a burst,
 * left to the coming rescan), removals sweep the marks, and a part the page opts out drops its
 * marks at once. Our own button coming and going is no news.
 */
import { OPT_OUT_ATTRIBUTE } from '../phone/opt-out';
import { OWN_ELEMENTS } from '../phone/scan';
import type { BurstGuard } from './burst';
import type { Marks } from './marks';
import type { ScanLoop } from './scan-loop';

export interface MutationOptions {
  signal: AbortSignal;
  marks: Pick<Marks, 'dropWithin'>;
  loop: Pick<ScanLoop, 'enqueue' | 'sweep' | 'queued'>;
  burst: Pick<BurstGuard, 'active' | 'added'>;
}

/** Starts the observer; the function it returns adds a root (the document, a shadow root) to it. */
export function watchMutations(options: MutationOptions): (root: Document | ShadowRoot) => void {
  const { signal, marks, loop, burst } = options;
  const { enqueue } = loop;

  const observer = new MutationObserver((records) => {
    // Read once: only the check after the loop can start a burst.
    const deferred = burst.active;
    let added = 0;
    let removed = false;
    for (const record of records) {
      if (record.type === 'attributes') {
        optOutChanged(record.target as Element);
      } else if (record.type === 'characterData') {
        added++;
        if (!deferred) enqueue(record.target);
      } else {
        for (const node of record.removedNodes) {
          if (!isOwn(node)) removed = true;
        }
        for (const node of record.addedNodes) {
          if (node.nodeType !== 3 && (node.nodeType !== 1 || isOwn(node))) continue;
          added++;
          if (!deferred) enqueue(node);
        }
      }
    }
    if (added > 0) burst.added(added, loop.queued);
    if (removed) loop.sweep();
  });
  signal.addEventListener('abort', () => observer.disconnect());

  function optOutChanged(element: Element): void {
    // Marks that the page hid go at once; a part it gives back is scanned like new content.
    if (element.hasAttribute(OPT_OUT_ATTRIBUTE)) marks.dropWithin(element);
    else enqueue(element);
  }

  return (root) => {
    if (signal.aborted) return;
    observer.observe(root, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      attributeFilter: [OPT_OUT_ATTRIBUTE],
    });
  };
}

/** Our own button coming and going is no news. */
function isOwn(node: Node): boolean {
  return node.nodeType === 1 && (node as Element).matches(OWN_ELEMENTS);
}
