/**
 * `--profile <file>`: one more initial scan under V8's sampling profiler, to see where ours
 * spends its time. Writes a .cpuprofile (open it in Chromium DevTools' Performance panel) and
 * returns the functions with the most self time. The bundle keeps function names, so they read
 * as in the source.
 */
import { writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';

interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  }>;
  samples?: number[];
  timeDeltas?: number[];
}

export interface Hotspot {
  name: string;
  selfMs: number;
  /** Share of the sampled JavaScript time (garbage collection included). */
  share: number;
}

export async function profile(page: Page, run: () => Promise<unknown>, file: string) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await run();
  const { profile: result } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
  await cdp.detach();
  await writeFile(file, JSON.stringify(result));
  return hotspots(result);
}

/**
 * Self time per function; a sample lasts until the next one. `(program)` (the browser's native
 * work: style, layout, paint, parsing) and `(idle)` are totals apart: they are not ours alone.
 */
export function hotspots(result: CpuProfile, top = 12) {
  const byId = new Map(result.nodes.map((node) => [node.id, node.callFrame]));
  const samples = result.samples ?? [];
  const deltas = result.timeDeltas ?? [];
  const self = new Map<string, number>();
  const apart = { '(program)': 0, '(idle)': 0 };
  let js = 0;
  samples.forEach((id, i) => {
    const frame = byId.get(id);
    const us = deltas[i + 1] ?? 0;
    if (!frame) return;
    if (frame.functionName === '(program)' || frame.functionName === '(idle)') {
      apart[frame.functionName] += us;
      return;
    }
    const where = frame.url ? ` ${frame.url.split('/').pop()}` : '';
    const name = `${frame.functionName || '(anonymous)'}${where}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`;
    self.set(name, (self.get(name) ?? 0) + us);
    js += us;
  });
  const spots: Hotspot[] = [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, us]) => ({ name, selfMs: us / 1000, share: js > 0 ? us / js : 0 }));
  return {
    spots,
    jsMs: js / 1000,
    programMs: apart['(program)'] / 1000,
    idleMs: apart['(idle)'] / 1000,
  };
}
