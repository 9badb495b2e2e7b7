/**
 * The one way Switchboard writes a stored value that changes often (the call store's snapshot,
 * the saved session, an adapter's checkpoint): writes happen one at a time in the order they were
 * asked for, and the last value asked for is the one that stays. A value that is superseded while
 * another write is in flight is never written: the newest is written in its place.
 */
export interface OrderedWrites<T> {
  /**
   * Resolves once this value, or one asked for after it, is stored; rejects with the error of the
   * write that was to store it. Callers that do not wait must catch.
   */
  write(value: T): Promise<void>;
  /** Resolves when every write asked for so far has settled (never rejects). */
  flushed(): Promise<void>;
}

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

export function createOrderedWrites<T>(store: (value: T) => Promise<void>): OrderedWrites<T> {
  let next: { value: T; waiters: Waiter[] } | undefined;
  let draining: Promise<void> | undefined;

  async function drain(): Promise<void> {
    while (next) {
      const { value, waiters } = next;
      next = undefined;
      try {
        await store(value);
        for (const waiter of waiters) waiter.resolve();
      } catch (error) {
        for (const waiter of waiters) waiter.reject(error);
      }
    }
    draining = undefined;
  }

  return {
    write(value) {
      return new Promise<void>((resolve, reject) => {
        const waiter = { resolve, reject };
        if (next) next = { value, waiters: [...next.waiters, waiter] };
        else next = { value, waiters: [waiter] };
        draining ??= drain();
      });
    },
    flushed: () => draining ?? Promise.resolve(),
  };
}
