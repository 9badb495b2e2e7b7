/**
 * The scheduler's idle batch loop: a queue of scan jobs worked through in idle tasks, each within
 * a time budget, so that a CRM that renders thousands of rows never janks because of us. What a
 * scan finds goes to `apply`; what to queue, and when to rescan, the scheduler decides.
 */
import { scan, type ScanItem, type ScanOptions } from '../phone/scan';
import type { Marks } from './marks';
import type { Timers } from './timers';

export interface Job {
  /** Undefined: the document, looked up when the job starts (a SPA may swap its body). */
  node: Node | undefined;
  /** A rescan's pass (see Marks): its end drops what the rescan did not see. */
  pass?: number;
}

export interface ScanLoopOptions {
  doc: Document;
  scan: ScanOptions;
  signal: AbortSignal;
  timers: Timers;
  marks: Pick<Marks, 'sweep' | 'endPass'>;
  /** Longest run of one task, in ms. */
  budgetMs: number;
  /** Takes one finding of the scan (a number to mark, a shadow root to watch). */
  apply(item: ScanItem): void;
}

export interface ScanLoop {
  /** Scans `node` (and what is below it) in a coming idle task, unless it is queued already. */
  enqueue(node: Node): void;
  /** Runs `job`, a rescan, before everything queued. */
  first(job: Job): void;
  /** Drops the queue and the scan under way, except a rescan of the document that has begun. */
  drop(): void;
  /** Nodes left the page: a coming task sweeps the marks. */
  sweep(): void;
  /** Jobs waiting, the one under way not counted. */
  readonly queued: number;
  /** True while a job is queued or under way, or a sweep is due. */
  readonly busy: boolean;
}

// requestIdleCallback's own deadline may be 0 when its timeout forced the call: still do a bit.
const MIN_SLICE_MS = 3;
// New content is marked within 100 ms even when the page never idles.
const IDLE_TIMEOUT_MS = 50;

/** One queue and one idle task at a time, however many callers ask for scans. */
export function createScanLoop(options: ScanLoopOptions): ScanLoop {
  const { doc, signal, timers, marks, apply } = options;
  const budget = options.budgetMs;
  const queue: Job[] = [];
  const queued = new Set<Node>();
  let current: { job: Job; steps: Generator<ScanItem | null, void, undefined> } | undefined;
  let cancelTask: (() => void) | undefined;
  let needsSweep = false;

  signal.addEventListener('abort', () => {
    cancelTask?.();
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
        const node = job.node ?? documentRoot(doc);
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

  return {
    enqueue,
    first(job) {
      queue.unshift(job);
      schedule();
    },
    drop() {
      queue.length = 0;
      queued.clear();
      if (current && !isWholeRescan(current.job)) {
        current.steps.return();
        current = undefined;
      }
    },
    sweep() {
      needsSweep = true;
      schedule();
    },
    get queued() {
      return queue.length;
    },
    get busy() {
      return current !== undefined || queue.length > 0 || needsSweep;
    },
  };
}

/** What a job without a node scans: the document as it is now. */
export function documentRoot(doc: Document): Element | null {
  return doc.body ?? doc.documentElement;
}

/** A rescan of the whole document: dropping the queue lets it run on (see `drop`). */
function isWholeRescan(job: Job): boolean {
  return job.node === undefined && job.pass !== undefined;
}
