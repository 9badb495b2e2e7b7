/**
 * A burst of new content (a 10,000-row table rendered in small batches) is not scanned node by
 * node: past a limit the scheduler's queue is dropped for one rescan of the document once the
 * page has been quiet for a moment, and never later than a maximum wait.
 */
import type { Timers } from './timers';

export interface BurstOptions {
  signal: AbortSignal;
  timers: Timers;
  /** New nodes in one window, or queued jobs, past which a burst begins. */
  limit: number;
  /** Drops the queued scans: the rescan will cover them. */
  drop(): void;
  /** Rescans the whole document; it ends the burst (`stop`). */
  rescan(): void;
}

export interface BurstGuard {
  /** True from a burst's start until its rescan begins: new content is not queued meanwhile. */
  readonly active: boolean;
  /** `count` nodes were added with `queued` jobs waiting: starts or prolongs a burst if need be. */
  added(count: number, queued: number): void;
  /** Calls off the pending rescan: one is starting anyway, or everything stops. */
  stop(): void;
}

// A burst's rescan waits for this much quiet, and never longer than the maximum.
const BURST_QUIET_MS = 200;
const BURST_MAX_WAIT_MS = 1_000;
// Additions are counted over windows this long.
const BURST_WINDOW_MS = 200;

/** Its own timers and counts, so that the scheduler only asks whether a burst is on. */
export function createBurstGuard(options: BurstOptions): BurstGuard {
  const { signal, timers, limit } = options;
  let burst: { quiet: () => void; max: () => void } | undefined;
  let recent: { count: number } | undefined;

  signal.addEventListener('abort', stop);

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
      options.drop();
      burst = { quiet: () => {}, max: timers.timeout(() => options.rescan(), BURST_MAX_WAIT_MS) };
    }
    burst.quiet();
    burst.quiet = timers.timeout(() => options.rescan(), BURST_QUIET_MS);
  }

  function stop(): void {
    burst?.quiet();
    burst?.max();
    burst = undefined;
  }

  return {
    get active() {
      return burst !== undefined;
    },
    added(count, queued) {
      if (burst || countAdded(count) > limit || queued > limit) deferRescan();
    },
    stop,
  };
}
