/**
 * Keeps the marks in step with the page: scans the initial document and whatever a
 * MutationObserver reports later, in idle tasks with a time budget each, so that a CRM that
 * renders thousands of rows never janks because of us (DESIGN.md "Click-to-dial").
 *
 * A burst of new content (a 10,000-row table rendered in small batches) is not scanned node by
 * node: past a threshold the queue is dropped for one rescan of the document once the page has
 * been quiet for a moment. Phone fields are re-read on the page's `input` and `change` events,
 * which a MutationObserver does not see.
 */
import { OWN_ELEMENTS, scan, TEL_INPUT, type ScanItem, type ScanOptions } from '../phone/scan';
import type { Highlighter } from './highlight';
import type { Marks } from './marks';
import { OPT_OUT_ATTRIBUTE } from '../phone/opt-out';
import type { Timers } from './timers';

export interface SchedulerOptions {
  doc: Document;
  scan: ScanOptions;
  signal: AbortSignal;
  timers: Timers;
  marks: Marks;
  /** Styles `::highlight()` in the open shadow roots the scan meets. */
  highlighter: Pick<Highlighter, 'styleRoot'>;
  /** Numbers never offered (settings `blockedPrefixes`): they are not marked. */
  blocked(e164: string): boolean;
  /** Longest run of one task, in ms. */
  budgetMs?: number;
  /** New nodes in one window, or queued ones, past which a burst becomes one deferred rescan. */
  burstLimit?: number;
}

export interface Scheduler {
  /** Scans `node` (and what is below it) in a coming idle task. */
  enqueue(node: Node): void;
  /** Watches `root` for new, changed and removed nodes, and for parts that opt out. */
  observe(root: Document | ShadowRoot): void;
  /**
   * Scans `root` (the whole document when omitted) again in idle tasks, then drops the marks in
   * it that the scan did not find again. Marks stay meanwhile: nothing flickers, nothing doubles.
   */
  rescan(root?: Node): void;
  /** True while work is queued: tests and callers that want to wait for a quiet page. */
  readonly busy: boolean;
}

interface Job {
  /** Undefined: the document, looked up when the job starts (a SPA may swap its body). */
  node: Node | undefined;
  /** A rescan's pass (see Marks): its end drops what the rescan did not see. */
  pass?: number;
}

const DEFAULT_BUDGET_MS = 8;
// requestIdleCallback's own deadline may be 0 when its timeout forced the call: still do a bit.
const MIN_SLICE_MS = 3;
// New content is marked within 100 ms even when the page never idles.
const IDLE_TIMEOUT_MS = 50;
const DEFAULT_BURST_LIMIT = 2_000;
// A burst's rescan waits for this much quiet, and never longer than the maximum.
const BURST_QUIET_MS = 200;
const BURST_MAX_WAIT_MS = 1_000;
// Additions are counted over windows this long.
const BURST_WINDOW_MS = 200;
const FIELD_EVENTS = ['input', 'change', 'focusout'] as const;

export function createScheduler(options: SchedulerOptions): Scheduler {
  const { doc, signal, timers, marks } = options;
  const budget = options.budgetMs ?? DEFAULT_BUDGET_MS;
  const burstLimit = options.burstLimit ?? DEFAULT_BURST_LIMIT;
  const queue: Job[] = [];
  const queued = new Set<Node>();
  let current: { job: Job; steps: Generator<ScanItem | null, void, undefined> } | undefined;
  let cancelTask: (() => void) | undefined;
  let needsSweep = false;
  let burst: { quiet: () => void; max: () => void } | undefined;
  let recent: { count: number } | undefined;

  const observer = new MutationObserver((records) => {
    let added = 0;
    for (const record of records) {
      if (record.type === 'attributes') {
        optOutChanged(record.target as Element);
      } else if (record.type === 'characterData') {
        added++;
        if (!burst) enqueue(record.target);
      } else {
        for (const node of record.removedNodes) {
          if (!isOwn(node)) needsSweep = true;
        }
        for (const node of record.addedNodes) {
          if (node.nodeType !== 3 && (node.nodeType !== 1 || isOwn(node))) continue;
          added++;
          if (!burst) enqueue(node);
        }
      }
    }
    if (added > 0 && (burst || countAdded(added) > burstLimit || queue.length > burstLimit)) {
      deferRescan();
    }
    if (needsSweep) schedule();
  });

  // Passive and in the capture phase: we only read, and a page stopping propagation of its own
  // events must not keep a field's new value from us. Composed paths reach open shadow roots.
  for (const type of FIELD_EVENTS) {
    doc.addEventListener(
      type,
      (event) => {
        const target = event.composedPath()[0];
        if (isElement(target) && target.matches(TEL_INPUT)) enqueue(target);
      },
      { capture: true, passive: true, signal },
    );
  }

  signal.addEventListener('abort', () => {
    observer.disconnect();
    cancelTask?.();
    stopBurst();
    current?.steps.return();
    current = undefined;
    queue.length = 0;
    queued.clear();
  });

  function enqueue(node: Node): void {
    if (signal.aborted || queued.has(node)) return;
    queued.add(node);
    queue.push({ node });
    schedule();
  }

  function rescan(root?: Node): void {
    if (signal.aborted) return;
    const whole = root === undefined || root === doc || root === documentRoot();
    if (whole) {
      // The rescan covers everything queued or under way, except a rescan of the document that
      // has begun: on a page that never stops changing, restarting it would never let one end.
      stopBurst();
      dropQueue();
    }
    queue.unshift({ node: whole ? undefined : root, pass: marks.beginPass() });
    schedule();
  }

  function dropQueue(): void {
    queue.length = 0;
    queued.clear();
    if (current && !isWholeRescan(current.job)) {
      current.steps.return();
      current = undefined;
    }
  }

  /**
   * Nodes added in the current window. Scanning may keep up with each small batch, so the queue
   * alone would not show a page rendering thousands of rows a few dozen at a time.
   */
  function countAdded(count: number): number {
    if (!recent) {
      const counted = { count: 0 };
      recent = counted;
      timers.timeout(() => {
        if (recent === counted) recent = undefined;
      }, BURST_WINDOW_MS);
    }
    return (recent.count += count);
  }

  /** Too much came at once: drop the queue, and rescan the document once the burst is over. */
  function deferRescan(): void {
    if (!burst) {
      dropQueue();
      burst = { quiet: () => {}, max: timers.timeout(() => rescan(), BURST_MAX_WAIT_MS) };
    }
    burst.quiet();
    burst.quiet = timers.timeout(() => rescan(), BURST_QUIET_MS);
  }

  function stopBurst(): void {
    burst?.quiet();
    burst?.max();
    burst = undefined;
  }

  function optOutChanged(element: Element): void {
    // Marks that the page hid go at once; a part it gives back is scanned like new content.
    if (element.hasAttribute(OPT_OUT_ATTRIBUTE)) marks.dropWithin(element);
    else enqueue(element);
  }

  function schedule(): void {
    if (cancelTask || signal.aborted) return;
    cancelTask = timers.idle(run, IDLE_TIMEOUT_MS);
  }

  function run(timeRemaining: () => number): void {
    cancelTask = undefined;
    const deadline = performance.now() + Math.min(budget, Math.max(MIN_SLICE_MS, timeRemaining()));
    if (needsSweep) {
      // Once per task however many removals were reported: a sweep walks every mark.
      needsSweep = false;
      marks.sweep();
    }
    // At least one step per task, so that a busy main thread slows the scan but never stalls it.
    while (current || queue.length > 0) {
      if (!current) {
        const job = queue.shift()!;
        const node = job.node ?? documentRoot();
        if (job.node) queued.delete(job.node);
        if (!node?.isConnected) continue;
        current = { job, steps: scan(node, options.scan) };
      }
      const step = current.steps.next();
      if (step.done) {
        const { job } = current;
        current = undefined;
        if (job.pass !== undefined) marks.endPass(job.pass, job.node);
      } else if (step.value) {
        apply(step.value);
      }
      if (performance.now() >= deadline) break;
    }
    if (current || queue.length > 0) schedule();
  }

  function apply(item: ScanItem): void {
    const { blocked } = options;
    switch (item.kind) {
      case 'text':
        marks.setText(
          item.node,
          item.hits.filter((hit) => !blocked(hit.e164)),
        );
        break;
      case 'link':
        // A blocked link is left unmarked; a rescan's pass drops a mark it had before.
        if (!blocked(item.hit.e164)) marks.setLink(item.hit);
        break;
      case 'input':
        marks.setInput(item.element, item.hit && !blocked(item.hit.e164) ? item.hit : undefined);
        break;
      case 'shadow':
        observe(item.root);
        options.highlighter.styleRoot(item.root);
        break;
    }
  }

  function observe(root: Document | ShadowRoot): void {
    if (signal.aborted) return;
    observer.observe(root, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      attributeFilter: [OPT_OUT_ATTRIBUTE],
    });
  }

  function documentRoot(): Element | null {
    return doc.body ?? doc.documentElement;
  }

  return {
    enqueue,
    observe,
    rescan,
    get busy() {
      return current !== undefined || queue.length > 0 || burst !== undefined || needsSweep;
    },
  };
}

function isWholeRescan(job: Job): boolean {
  return job.node === undefined && job.pass !== undefined;
}

/** Our own button coming and going is no news. */
function isOwn(node: Node): boolean {
  return node.nodeType === 1 && (node as Element).matches(OWN_ELEMENTS);
}

function isElement(target: EventTarget | undefined): target is Element {
  return (target as Node | undefined)?.nodeType === 1;
}
