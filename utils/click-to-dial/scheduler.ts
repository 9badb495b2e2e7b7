/**
 * Keeps the marks in step with the page: scans the initial document and whatever a
 * MutationObserver reports later, in idle tasks with a time budget each, so that a CRM that
 * renders thousands of rows never janks because of us (DESIGN.md "Click-to-dial").
 */
import { OWN_ELEMENTS, scan, type ScanItem, type ScanOptions } from '../phone/scan';
import type { Timers } from './timers';

export interface SchedulerOptions {
  scan: ScanOptions;
  signal: AbortSignal;
  timers: Timers;
  onItem(item: ScanItem): void;
  /** Some nodes left a tree we watch: their marks must go. */
  onRemoved(): void;
  /** Longest run of one task, in ms. */
  budgetMs?: number;
}

export interface Scheduler {
  /** Scans `node` (and what is below it) in a coming idle task. */
  enqueue(node: Node): void;
  /** Watches `root` for new, changed and removed nodes. */
  observe(root: Document | ShadowRoot): void;
  /** True while work is queued: tests and callers that want to wait for a quiet page. */
  readonly busy: boolean;
}

const DEFAULT_BUDGET_MS = 8;
// requestIdleCallback's own deadline may be 0 when its timeout forced the call: still do a bit.
const MIN_SLICE_MS = 3;
const IDLE_TIMEOUT_MS = 500;

export function createScheduler(options: SchedulerOptions): Scheduler {
  const { signal, timers } = options;
  const budget = options.budgetMs ?? DEFAULT_BUDGET_MS;
  const queue: Node[] = [];
  const queued = new Set<Node>();
  let current: Generator<ScanItem | null, void, undefined> | undefined;
  let cancelTask: (() => void) | undefined;

  const observer = new MutationObserver((records) => {
    let removed = false;
    for (const record of records) {
      if (record.type === 'characterData') {
        enqueue(record.target);
        continue;
      }
      for (const node of record.removedNodes) {
        if (!isOwn(node)) removed = true;
      }
      for (const node of record.addedNodes) {
        if (node.nodeType === 3 || (node.nodeType === 1 && !isOwn(node))) enqueue(node);
      }
    }
    if (removed) options.onRemoved();
  });
  signal.addEventListener('abort', () => {
    observer.disconnect();
    cancelTask?.();
    current?.return();
    queue.length = 0;
    queued.clear();
  });

  function enqueue(node: Node): void {
    if (signal.aborted || queued.has(node)) return;
    queued.add(node);
    queue.push(node);
    schedule();
  }

  function schedule(): void {
    if (cancelTask || signal.aborted) return;
    cancelTask = timers.idle(run, IDLE_TIMEOUT_MS);
  }

  function run(timeRemaining: () => number): void {
    cancelTask = undefined;
    const deadline = performance.now() + Math.min(budget, Math.max(MIN_SLICE_MS, timeRemaining()));
    // At least one step per task, so that a busy main thread slows the scan but never stalls it.
    do {
      if (!current) {
        const next = queue.shift();
        if (!next) return;
        queued.delete(next);
        if (!next.isConnected) continue;
        current = scan(next, options.scan);
      }
      const step = current.next();
      if (step.done) {
        current = undefined;
      } else if (step.value) {
        if (step.value.kind === 'shadow') observe(step.value.root);
        options.onItem(step.value);
      }
    } while (performance.now() < deadline);
    if (current || queue.length > 0) schedule();
  }

  function observe(root: Document | ShadowRoot): void {
    if (signal.aborted) return;
    observer.observe(root, { childList: true, subtree: true, characterData: true });
  }

  return {
    enqueue,
    observe,
    get busy() {
      return current !== undefined || queue.length > 0;
    },
  };
}

/** Our own button coming and going is no news. */
function isOwn(node: Node): boolean {
  return node.nodeType === 1 && (node as Element).matches(OWN_ELEMENTS);
}
