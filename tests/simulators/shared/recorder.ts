/**
 * A list that tests can wait on without sleeping: simulators record the frames they receive,
 * test contexts record the events adapters emit.
 */
interface Waiter<T> {
  pred: (item: T) => boolean;
  resolve: (item: T) => void;
}

export class Recorder<T> {
  readonly items: T[] = [];
  /** Items already handed to a waiter: each item satisfies one waitFor() at most. */
  private readonly taken = new Set<T>();
  private readonly waiters = new Set<Waiter<T>>();

  constructor(private readonly describe: (item: T) => string = (item) => JSON.stringify(item)) {}

  record(item: T): void {
    this.items.push(item);
    for (const waiter of this.waiters) {
      if (waiter.pred(item)) {
        this.taken.add(item);
        this.waiters.delete(waiter);
        waiter.resolve(item);
        return;
      }
    }
  }

  /**
   * The first item, recorded before or after this call, that matches and that no earlier
   * waitFor() returned. Rejects after `timeoutMs` (a guard against hanging, not a performance
   * threshold) listing the last items, so that failures read well. The default leaves room on a
   * loaded two-core machine and stays under vitest's test timeout (vitest.config.ts), so that a
   * failure shows this list rather than a bare timeout.
   */
  waitFor(pred: (item: T) => boolean, timeoutMs = 15_000): Promise<T> {
    const found = this.items.find((item) => !this.taken.has(item) && pred(item));
    if (found !== undefined) {
      this.taken.add(found);
      return Promise.resolve(found);
    }
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = {
        pred,
        resolve: (item) => {
          clearTimeout(timer);
          resolve(item);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const seen = this.items.slice(-12).map(this.describe);
        reject(
          new Error(
            `Nothing matching arrived within ${timeoutMs} ms. Last items:\n${seen.join('\n')}`,
          ),
        );
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Marks everything recorded so far as seen: later waitFor() calls only match newer items. */
  skipPast(): void {
    for (const item of this.items) this.taken.add(item);
  }

  clear(): void {
    this.items.length = 0;
    this.taken.clear();
  }
}
