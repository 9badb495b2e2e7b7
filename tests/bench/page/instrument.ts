/**
 * Measures the main-thread time of click-to-dial's own tasks without changing what it does. It
 * schedules all its work through a few page APIs (requestIdleCallback, setTimeout,
 * requestAnimationFrame, MutationObserver, IntersectionObserver callbacks): these are wrapped so
 * that each callback is timed, before the code under test is started. Its synchronous start is
 * timed with `task()`. What the browser does on our behalf outside those callbacks (style and
 * paint of the highlight) is not in these numbers.
 *
 * `Highlight.prototype.add` is wrapped too, so that the moment a number reaches the highlight
 * registry (the moment it can be painted) is seen exactly, without polling.
 */
import type { TaskStats } from '../protocol';

export interface Instrument {
  readonly log: Readonly<TaskStats>;
  reset(): void;
  /** Runs `fn` as one of our tasks. */
  task<T>(fn: () => T): T;
  /** Called after each of our tasks ends, outside the timing. */
  onTaskEnd: (() => void) | undefined;
  /** Called with every range added to a highlight (inside the timing: keep it cheap). */
  onHighlight: ((range: AbstractRange) => void) | undefined;
  /** The page's own functions, for the harness's waiting, which must not count as ours. */
  raw: {
    setTimeout(callback: () => void, ms: number): number;
    clearTimeout(id: number): void;
    requestAnimationFrame(callback: () => void): number;
  };
}

type Win = Window & typeof globalThis;

export function instrument(win: Win): Instrument {
  const log: TaskStats = { totalMs: 0, longestMs: 0, tasks: 0 };
  let depth = 0;
  const raw = {
    setTimeout: win.setTimeout.bind(win),
    clearTimeout: win.clearTimeout.bind(win),
    requestAnimationFrame: win.requestAnimationFrame.bind(win),
    requestIdleCallback: win.requestIdleCallback.bind(win),
  };

  const inst: Instrument = {
    log,
    reset() {
      log.totalMs = 0;
      log.longestMs = 0;
      log.tasks = 0;
    },
    task(fn) {
      // A callback that runs inside another of ours (none should) is part of that task.
      if (depth > 0) return fn();
      depth++;
      const start = win.performance.now();
      try {
        return fn();
      } finally {
        const ms = win.performance.now() - start;
        depth--;
        log.totalMs += ms;
        log.longestMs = Math.max(log.longestMs, ms);
        log.tasks++;
        inst.onTaskEnd?.();
      }
    },
    onTaskEnd: undefined,
    onHighlight: undefined,
    raw,
  };

  function wrap<A extends unknown[]>(callback: (...args: A) => void): (...args: A) => void {
    return function (this: unknown, ...args: A) {
      inst.task(() => callback.apply(this, args));
    };
  }

  win.requestIdleCallback = (callback, options) => raw.requestIdleCallback(wrap(callback), options);
  win.requestAnimationFrame = (callback) => raw.requestAnimationFrame(wrap(callback));
  // A string handler (code to evaluate) is passed through untimed; our code never uses one.
  win.setTimeout = ((handler: TimerHandler, ms?: number, ...rest: unknown[]) =>
    raw.setTimeout(
      typeof handler === 'function' ? wrap(handler as (...args: unknown[]) => void) : handler,
      ms,
      ...rest,
    )) as Win['setTimeout'];

  const Mutation = win.MutationObserver;
  win.MutationObserver = class extends Mutation {
    constructor(callback: MutationCallback) {
      super(wrap(callback));
    }
  };
  const Intersection = win.IntersectionObserver;
  win.IntersectionObserver = class extends Intersection {
    constructor(callback: IntersectionObserverCallback, options?: IntersectionObserverInit) {
      super(wrap(callback), options);
    }
  };

  const add = win.Highlight.prototype.add;
  win.Highlight.prototype.add = function (this: Highlight, range: AbstractRange) {
    inst.onHighlight?.(range);
    return add.call(this, range);
  };
  return inst;
}
