/**
 * The session's timing helpers (session.ts): reconnect backoff and waits that must not hang.
 */
import type { Clock } from './adapter';

export const BACKOFF = { baseMs: 500, capMs: 30_000, stableMs: 60_000 } as const;

/** Full jitter (AWS Architecture Blog, "Exponential Backoff and Jitter"): spreads reconnect storms. */
export function backoffDelay(attempt: number, random: () => number): number {
  return random() * Math.min(BACKOFF.capMs, BACKOFF.baseMs * 2 ** (attempt - 1));
}

/** Calls `fn` now; an adapter that throws instead of rejecting still ends up as a rejection. */
export function settled(fn: () => Promise<void>): Promise<void> {
  return new Promise((resolve) => resolve(fn()));
}

/** Resolves when `promise` settles or after `ms`, whichever is first: sign-out must not hang. */
export function bounded(clock: Clock, promise: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = clock.setTimeout(resolve, ms);
    void promise.finally(() => {
      clock.clearTimeout(timer);
      resolve();
    });
  });
}
