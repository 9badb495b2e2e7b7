/**
 * Timers that die with an AbortSignal. Content scripts outlive their extension on update
 * (PRACTICES.md habit 2): every timer of click-to-dial goes through here so that aborting the
 * feature's signal leaves nothing scheduled.
 */

export interface Timers {
  timeout(callback: () => void, ms: number): () => void;
  /** An idle task (a timeout where requestIdleCallback is missing) with the time it may take. */
  idle(callback: (timeRemaining: () => number) => void, timeoutMs: number): () => void;
  frame(callback: () => void): () => void;
}

export function createTimers(signal: AbortSignal, win: Window = window): Timers {
  const cancels = new Set<() => void>();
  signal.addEventListener('abort', () => {
    for (const cancel of cancels) cancel();
    cancels.clear();
  });

  function track(start: (done: () => void) => () => void): () => void {
    if (signal.aborted) return () => {};
    let cancel = () => {};
    const done = () => cancels.delete(cancel);
    const stop = start(done);
    cancel = () => {
      stop();
      done();
    };
    cancels.add(cancel);
    return cancel;
  }

  return {
    timeout: (callback, ms) =>
      track((done) => {
        const id = win.setTimeout(() => {
          done();
          callback();
        }, ms);
        return () => win.clearTimeout(id);
      }),
    idle: (callback, timeoutMs) =>
      track((done) => {
        if (typeof win.requestIdleCallback === 'function') {
          const id = win.requestIdleCallback(
            (deadline) => {
              done();
              callback(() => deadline.timeRemaining());
            },
            { timeout: timeoutMs },
          );
          return () => win.cancelIdleCallback(id);
        }
        const id = win.setTimeout(() => {
          done();
          const started = performance.now();
          callback(() => Math.max(0, 16 - (performance.now() - started)));
        }, 16);
        return () => win.clearTimeout(id);
      }),
    frame: (callback) =>
      track((done) => {
        const id = win.requestAnimationFrame(() => {
          done();
          callback();
        });
        return () => win.cancelAnimationFrame(id);
      }),
  };
}
