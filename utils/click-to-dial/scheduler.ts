/**
 * Keeps the marks in step with the page: scans the initial document and whatever a
 * MutationObserver reports later, in idle tasks with a time budget each, so that a CRM that
 * renders thousands of rows never janks because of us (DESIGN.md "Click-to-dial").
 *
 * A burst of new content (a 10,000-row table rendered in small batches) is not scanned node by
 * node: past a threshold the queue is dropped for one rescan of the document once the page has
 * been quiet for a moment. Phone fields are re-read on the page's `input` and `change` events,
 * which a MutationObserver does not see.
 *
 * The idle batch loop is in scan-loop.ts, the burst's bookkeeping in burst.ts and the
 * MutationObserver in mutations.ts; this module ties them together and applies what scans find.
 */
import { TEL_INPUT, type ScanItem, type ScanOptions } from '../phone/scan';
import { createBurstGuard } from './burst';
import type { Highlighter } from './highlight';
import type { Marks } from './marks';
import { watchMutations } from './mutations';
import { createScanLoop, documentRoot } from './scan-loop';
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

const DEFAULT_BUDGET_MS = 8;
const DEFAULT_BURST_LIMIT = 2_000;
const FIELD_EVENTS = ['input', 'change', 'focusout'] as const;

export function createScheduler(options: SchedulerOptions): Scheduler {
  const { doc, signal, timers, marks } = options;
  const loop = createScanLoop({
    doc,
    scan: options.scan,
    signal,
    timers,
    marks,
    budgetMs: options.budgetMs ?? DEFAULT_BUDGET_MS,
    apply,
  });
  const burst = createBurstGuard({
    signal,
    timers,
    limit: options.burstLimit ?? DEFAULT_BURST_LIMIT,
    drop: loop.drop,
    rescan: () => rescan(),
  });
  const observe = watchMutations({ signal, marks, loop, burst });
  watchFields(doc, signal, loop.enqueue);

  function rescan(root?: Node): void {
    if (signal.aborted) return;
    const whole = root === undefined || root === doc || root === documentRoot(doc);
    if (whole) {
      // The rescan covers everything queued or under way, except a rescan of the document that
      // has begun: on a page that never stops changing, restarting it would never let one end.
      burst.stop();
      loop.drop();
    }
    loop.first({ node: whole ? undefined : root, pass: marks.beginPass() });
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

  return {
    enqueue: loop.enqueue,
    observe,
    rescan,
    get busy() {
      return loop.busy || burst.active;
    },
  };
}

/** Phone fields change value without a DOM mutation: their own events have them scanned again. */
function watchFields(doc: Document, signal: AbortSignal, enqueue: (node: Node) => void): void {
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
}

function isElement(target: EventTarget | undefined): target is Element {
  return (target as Node | undefined)?.nodeType === 1;
}
