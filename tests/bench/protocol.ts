/**
 * What scripts/bench-detect.ts and the in-page measurement code (tests/bench/page/) pass each
 * other through Playwright's `evaluate`: plain JSON both ways. Times are milliseconds of the
 * page's `performance.now()`.
 */
import type { ElementSpec } from './page-model';

/** The page global the in-page bundle sets. */
export const BENCH_GLOBAL = '__switchboardBench';

/** Main-thread time of our own tasks (callbacks of timers and observers that our code set). */
export interface TaskStats {
  totalMs: number;
  longestMs: number;
  tasks: number;
}

/** A bare TreeWalker pass over the body's text nodes, reading each one's data. */
export interface FloorResult {
  ms: number;
  nodes: number;
  /** Whether the page is cross-origin isolated, which gives performance.now() 5 µs steps. */
  isolated: boolean;
}

/** A detector run over the page in one synchronous pass. */
export interface PassResult {
  ms: number;
  /** Numbers reported. */
  found: number;
  /** Document-order indexes of the text nodes in which it found a number. */
  foundIndexes: number[];
}

export interface FullInput {
  country: string;
  /** New activity items inserted one at a time, each with one number. */
  rows: ElementSpec[];
  /** Items inserted at once, in one task, after the single rows (none: no burst). */
  burst: ElementSpec[];
  /** How long to wait for a number to be painted before counting it as never painted. */
  timeoutMs: number;
}

export interface InitialScan extends TaskStats {
  /** From initClickToDial's call to the end of the task after which the scheduler was idle. */
  wallMs: number;
  /** The synchronous initClickToDial call alone (also counted in totalMs). */
  initMs: number;
  marks: number;
  /** Our observer callbacks in the three frames after the scan (painting what is in view). */
  tailMs: number;
  /** Ranges in the highlight registry then: only those near the viewport are handed over. */
  painted: number;
}

export interface BurstResult extends TaskStats {
  /** From the insertion to the first new number (at the top of the viewport) being painted. */
  firstMs: number | null;
  /** From the insertion to the scheduler being idle again. */
  doneMs: number;
  /** Marks added by the burst (it holds one number per item). */
  marked: number;
}

export interface FullResult {
  initial: InitialScan;
  /** Insertion → the row's number in the highlight registry; null: not within timeoutMs. */
  rows: Array<number | null>;
  /** Our main-thread time per single-row insertion, from the insertion to idle again. */
  rowTasks: TaskStats[];
  burst: BurstResult | undefined;
}

export interface BenchApi {
  floor(): FloorResult;
  naive(country: string): PassResult;
  core(country: string): PassResult;
  full(input: FullInput): Promise<FullResult>;
}
