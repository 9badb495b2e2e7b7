/**
 * The content script's cost of being there: its size (raw and gzipped) and the main-thread time
 * V8 spends compiling and evaluating it in each frame, read from a Chromium trace of page loads
 * with one top frame and several same-origin iframes, with the built extension loaded.
 *
 * The trace's `EvaluateScript` event (category devtools.timeline) covers one frame's
 * compile-and-run of the script; `v8.compile` and `v8.run` inside it split the two. `tdur` is
 * the thread's CPU time, which a busy machine inflates far less than wall time (`dur`).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext } from '@playwright/test';
import { chromiumPath } from '../support/chromium';
import type { BenchServer } from './server';
import { recordTrace, type TraceEvent } from './trace';

export const CONTENT_SCRIPT = 'content-scripts/content.js';

export interface FrameCost {
  /** EvaluateScript: thread time and wall time, compile (v8.compile) and run (v8.run). */
  cpuMs: number;
  wallMs: number;
  compileMs: number;
  runMs: number;
}

export interface ContentScriptResult {
  rawBytes: number;
  gzipBytes: number;
  loads: number;
  framesPerLoad: number;
  /** The first frame of each load: the only one that compiles, unless V8's cache has it. */
  first: FrameCost[];
  /** Every other frame of each load. */
  others: FrameCost[];
}

export async function contentScriptSize(extensionDir: string) {
  const code = await readFile(join(extensionDir, CONTENT_SCRIPT));
  return { rawBytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length };
}

/** The page: a top frame and `frames` same-origin iframes, each with a little CRM text. */
export function framesPages(frames: number): Record<string, string> {
  const doc = (body: string) => `<!doctype html><meta charset="utf-8"><body>${body}</body>`;
  const iframes = Array.from(
    { length: frames },
    (_, i) => `<iframe src="/frame.html?${i}"></iframe>`,
  );
  return {
    '/frames.html': doc(`<h1>Account</h1><p>Main line (212) 555-0147</p>${iframes.join('')}`),
    '/frame.html': doc('<p>Support line +44 20 7946 0958, order ORD-2024-004817</p>'),
  };
}

const scriptOf = (event: TraceEvent) => event.args?.data?.url ?? event.args?.fileName ?? '';

export async function measureContentScript(options: {
  extensionDir: string;
  server: BenchServer;
  loads: number;
  frames: number;
}): Promise<Omit<ContentScriptResult, 'rawBytes' | 'gzipBytes'>> {
  const { extensionDir, server, loads, frames } = options;
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension in ${extensionDir}: build it or drop --no-build.`);
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'switchboard-bench-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: true,
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
  const first: FrameCost[] = [];
  const others: FrameCost[] = [];
  try {
    // The background publishes the content scripts' settings when it starts.
    if (context.serviceWorkers().length === 0) await context.waitForEvent('serviceworker');
    let incomplete = 0;
    while (first.length < loads) {
      const costs = await tracedLoad(context, `${server.url}/frames.html`);
      if (costs.length !== frames + 1) {
        // Each load opens a tab whose page gets a new renderer process, and a trace sometimes
        // starts in that process only after its first frame has run the script: load again.
        if (++incomplete > loads) {
          throw new Error(
            `content script trace: ${incomplete} loads traced fewer than ${frames + 1} frames`,
          );
        }
        continue;
      }
      first.push(costs[0]!);
      others.push(...costs.slice(1));
    }
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
  return { loads, framesPerLoad: frames + 1, first, others };
}

/** Opens `url` in a new tab under a trace: the content script's cost in each of its frames. */
async function tracedLoad(context: BrowserContext, url: string): Promise<FrameCost[]> {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    const events = await recordTrace(cdp, ['devtools.timeline', 'v8'], () =>
      page.goto(url, { waitUntil: 'load' }),
    );
    return frameCosts(events.filter((e) => scriptOf(e).endsWith(`/${CONTENT_SCRIPT}`)));
  } finally {
    await page.close();
  }
}

/** One cost per EvaluateScript event, in time order, with the V8 events nested in it. */
function frameCosts(events: TraceEvent[]): FrameCost[] {
  const complete = events.filter((e) => e.ph === 'X');
  const within = (outer: TraceEvent, name: string) =>
    complete
      .filter(
        (e) =>
          e.name === name &&
          e.tid === outer.tid &&
          e.ts >= outer.ts &&
          e.ts + (e.dur ?? 0) <= outer.ts + (outer.dur ?? 0),
      )
      .reduce((sum, e) => sum + (e.tdur ?? e.dur ?? 0), 0) / 1000;
  return complete
    .filter((e) => e.name === 'EvaluateScript')
    .sort((a, b) => a.ts - b.ts)
    .map((e) => ({
      cpuMs: (e.tdur ?? e.dur ?? 0) / 1000,
      wallMs: (e.dur ?? 0) / 1000,
      compileMs: within(e, 'v8.compile'),
      runMs: within(e, 'v8.run'),
    }));
}

/** Where the benchmark builds the extension: not .output/chrome-mv3, which e2e runs load. */
export const BENCH_OUT_DIR = '.output/bench';

/**
 * `wxt build -b chrome` into BENCH_OUT_DIR. The same configuration as the real build, only
 * written elsewhere: WXT empties its output folder first, and an end-to-end run in progress
 * elsewhere on the machine must not lose its extension under it.
 */
export async function buildExtension(): Promise<string> {
  const { build } = await import('wxt');
  await build({ browser: 'chrome', outDir: BENCH_OUT_DIR });
  return resolve(BENCH_OUT_DIR, 'chrome-mv3');
}
