/** Node-side calls into the in-page measurement code (tests/bench/page/entry.ts). */
import type { Page } from '@playwright/test';
import { BENCH_GLOBAL, type BenchApi, type FullInput } from './protocol';
import { MAIN_THREAD_CATEGORIES, mainThreadTime, recordTrace, type MainThreadTime } from './trace';

/**
 * Loads `url` afresh and adds the measurement code `code`, then lets the first frames render
 * and the bundle's compile settle, so that each measurement starts on a quiet page.
 */
export async function freshLoad(page: Page, url: string, code: string): Promise<void> {
  await page.goto(url, { waitUntil: 'load' });
  // Pages that have it as an init script already ran it at document start.
  const present = await page.evaluate(`typeof globalThis[${JSON.stringify(BENCH_GLOBAL)}]`);
  if (present === 'undefined') await page.addScriptTag({ content: code });
  // A string, not a function: tsx would add helpers to a function that the page does not have.
  await page.evaluate(
    'new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 100))))',
  );
}

/** Runs one method of the page's BenchApi. */
export function callBench<K extends keyof BenchApi>(
  page: Page,
  method: K,
  arg: Parameters<BenchApi[K]>[0],
): Promise<Awaited<ReturnType<BenchApi[K]>>> {
  return page.evaluate(
    ([name, key, value]) =>
      (globalThis as unknown as Record<string, Record<string, (x: unknown) => unknown>>)[name]![
        key
      ]!(value),
    [BENCH_GLOBAL, method, arg] as const,
  ) as Promise<Awaited<ReturnType<BenchApi[K]>>>;
}

export interface TracedScan extends MainThreadTime {
  /** Our own tasks in the same run, timed in the page. */
  ourMs: number;
}

/**
 * One initial scan (no new content) on a fresh load, under a trace of the main thread: our own
 * tasks and what the browser did for them (style, layout, paint of the marks), together.
 */
export async function tracedInitialScan(
  page: Page,
  url: string,
  code: string,
  input: FullInput,
): Promise<TracedScan> {
  await freshLoad(page, url, code);
  const cdp = await page.context().newCDPSession(page);
  let ourMs = Number.NaN;
  try {
    const events = await recordTrace(cdp, MAIN_THREAD_CATEGORIES, async () => {
      const result = await callBench(page, 'full', { ...input, rows: [], burst: [] });
      ourMs = result.initial.totalMs;
    });
    return { ...mainThreadTime(events), ourMs };
  } finally {
    await cdp.detach();
  }
}
