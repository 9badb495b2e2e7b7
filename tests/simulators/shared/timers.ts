/**
 * The pending timeouts of a simulated platform (answers after a delay, demo hang-ups, wrap-ups),
 * kept so that a restart or close cancels them all instead of letting them fire into a fresh
 * state or keep the process alive.
 */
export class Timers {
  private readonly pending = new Set<ReturnType<typeof setTimeout>>();

  /** Runs `fn` after `ms` unless cleared first. */
  later(fn: () => void, ms: number): void {
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      fn();
    }, ms);
    this.pending.add(timer);
  }

  /** Cancels everything still pending. */
  clear(): void {
    for (const timer of this.pending) clearTimeout(timer);
    this.pending.clear();
  }
}
