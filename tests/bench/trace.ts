/**
 * Chromium traces through the DevTools protocol: what the renderer's main thread did while a
 * measurement ran, including the work the browser did on our behalf (style, layout, paint),
 * which the in-page timing of our own callbacks cannot see.
 */
import type { CDPSession } from '@playwright/test';

export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  /** Wall time, µs. */
  dur?: number;
  /** Thread (CPU) time, µs: a busy machine inflates it far less than `dur`. */
  tdur?: number;
  args?: { name?: string; data?: { url?: string }; fileName?: string };
}

/** Traces `run` with the given categories and returns every event. */
export async function recordTrace(
  cdp: CDPSession,
  categories: string[],
  run: () => Promise<unknown>,
): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) =>
    events.push(...(value as unknown as TraceEvent[])),
  );
  const complete = new Promise((done) => cdp.once('Tracing.tracingComplete', done));
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: categories },
    transferMode: 'ReportEvents',
  });
  try {
    await run();
  } finally {
    await cdp.send('Tracing.end');
    await complete;
  }
  return events;
}

export const MAIN_THREAD_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
];

export interface MainThreadTime {
  /** Tasks on the renderer's main thread: wall and CPU time, and the longest one (wall). */
  busyMs: number;
  busyCpuMs: number;
  longestTaskMs: number;
  /** Of which rendering (style, layout, pre-paint, paint, commit, intersections). */
  renderingMs: number;
  renderingCpuMs: number;
  /** Of which style recalculation alone. */
  styleMs: number;
  styleCpuMs: number;
}

const STYLE = ['UpdateLayoutTree'];
const RENDERING = [
  ...STYLE,
  'Layout',
  'PrePaint',
  'Paint',
  'Layerize',
  'Commit',
  'IntersectionObserverController::computeIntersections',
];

/** Sums the tasks and rendering work of the (only) page's main thread in `events`. */
export function mainThreadTime(events: TraceEvent[]): MainThreadTime {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) throw new Error('trace: no renderer main thread');
  const onMain = events
    .filter((e) => e.ph === 'X' && e.pid === main.pid && e.tid === main.tid)
    .sort((a, b) => a.ts - b.ts);
  const sum = (names: string[]) => {
    // Only outermost events count: an event may nest in another of the list (or of its name).
    let wall = 0;
    let cpu = 0;
    let longest = 0;
    let end = -1;
    for (const e of onMain) {
      if (!names.includes(e.name) || e.ts < end) continue;
      end = e.ts + (e.dur ?? 0);
      wall += e.dur ?? 0;
      cpu += e.tdur ?? 0;
      longest = Math.max(longest, e.dur ?? 0);
    }
    return [wall / 1000, cpu / 1000, longest / 1000] as const;
  };
  const [busyMs, busyCpuMs, longestTaskMs] = sum(['RunTask']);
  const [renderingMs, renderingCpuMs] = sum(RENDERING);
  const [styleMs, styleCpuMs] = sum(STYLE);
  return { busyMs, busyCpuMs, longestTaskMs, renderingMs, renderingCpuMs, styleMs, styleCpuMs };
}
