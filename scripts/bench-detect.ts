/**
 * Click-to-dial benchmark (not part of `npm test`):
 * `npm run bench:detect [-- --runs 15 --warmup 3 --traced 5 --rows 10 --burst 2000 --loads 5
 * --frames 5 --no-build --strict --json <file> --profile <file.cpuprofile> --no-report]`.
 *
 * In one run, in headless Chromium, on a generated CRM-like page of 10,000 text nodes
 * (tests/bench/crm-page.ts): the floor (a bare TreeWalker pass), the naive baseline
 * (libphonenumber's findPhoneNumbersInText per text node), our scan alone, and our full
 * click-to-dial with new content (tests/bench/page/); then `--traced` more initial scans under a
 * Chromium trace, for the rendering work the browser does on our behalf (tests/bench/trace.ts).
 * Our code is bundled from utils/ with esbuild at run time, so it measures the source as it is
 * now. Then the content script of the
 * built extension: size and per-frame compile and evaluate time (tests/bench/content-script.ts).
 *
 * `--no-build` measures the extension already built in .output/chrome-mv3 instead of building
 * one into .output/bench. `--profile` adds one initial scan under V8's sampling profiler and
 * prints the functions with the most self time (tests/bench/profile.ts). Results go to
 * docs/benchmarks.md, section `detect`, unless `--no-report`. The exit code is 0 even when a
 * budget is missed (the numbers are the point), unless `--strict`.
 */
import { writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import { BENCHMARKS_FILE, writeBenchSection } from './bench-report';
import { bundlePageCode } from '../tests/bench/bundle';
import {
  buildExtension,
  contentScriptSize,
  type ContentScriptResult,
  framesPages,
  measureContentScript,
} from '../tests/bench/content-script';
import { CRM_COUNTRY, generateCrmPage, generateNewRows } from '../tests/bench/crm-page';
import { profile } from '../tests/bench/profile';
import type { BenchApi } from '../tests/bench/protocol';
import {
  analyse,
  toConsole,
  toMarkdown,
  type DetectInput,
  type DetectRuns,
} from '../tests/bench/report';
import { callBench, freshLoad, tracedInitialScan } from '../tests/bench/runner';
import { startBenchServer } from '../tests/bench/server';
import { chromiumPath } from '../tests/support/chromium';

const DEFAULTS = {
  runs: '15',
  warmup: '3',
  traced: '5',
  rows: '10',
  burst: '2000',
  loads: '5',
  frames: '5',
};
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: DEFAULTS.runs },
    warmup: { type: 'string', default: DEFAULTS.warmup },
    traced: { type: 'string', default: DEFAULTS.traced },
    rows: { type: 'string', default: DEFAULTS.rows },
    burst: { type: 'string', default: DEFAULTS.burst },
    loads: { type: 'string', default: DEFAULTS.loads },
    frames: { type: 'string', default: DEFAULTS.frames },
    'no-build': { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
    json: { type: 'string' },
    profile: { type: 'string' },
    'no-report': { type: 'boolean', default: false },
  },
});
const count = (key: keyof typeof DEFAULTS, min: number, max: number) => {
  const value = Number(values[key]);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`--${key} must be a whole number from ${min} to ${max}`);
  }
  return value;
};
const settings = {
  runs: count('runs', 1, 200),
  warmup: count('warmup', 0, 50),
  rows: count('rows', 1, 100),
  burst: count('burst', 1, 10_000),
};
const TRACED = count('traced', 1, 50);
const LOADS = count('loads', 1, 50);
const FRAMES = count('frames', 0, 20);
// A number not painted by then counts as never painted; the scan must finish well before.
const TIMEOUT_MS = 15_000;

const log = (line: string) => process.stdout.write(`${line}\n`);
const startedAt = new Date();
const loadAtStart = loadavg()[0] ?? 0;

const crm = generateCrmPage();
const newRows = generateNewRows(settings.rows + settings.burst);
const code = await bundlePageCode();
const server = await startBenchServer({ '/crm.html': crm.html, ...framesPages(FRAMES) });

const crmUrl = `${server.url}/crm.html`;
// Loads that start our click-to-dial also get its document_start part (tests/bench/page/entry.ts).
const crmStartUrl = `${crmUrl}?start`;
const fullInput = {
  country: CRM_COUNTRY,
  rows: newRows.slice(0, settings.rows),
  burst: newRows.slice(settings.rows),
  timeoutMs: TIMEOUT_MS,
};
log(`bench:detect: ${crm.description}`);

let measuredPage: { runs: DetectRuns; chromium: string };
let content: ContentScriptResult;
try {
  measuredPage = await measurePage();
  const extensionDir = values['no-build'] ? resolve('.output/chrome-mv3') : await buildExtension();
  log(`content script: measuring ${extensionDir}`);
  content = {
    ...(await contentScriptSize(extensionDir)),
    ...(await measureContentScript({ extensionDir, server, loads: LOADS, frames: FRAMES })),
  };
} finally {
  await server.close();
}

const args = (Object.keys(DEFAULTS) as Array<keyof typeof DEFAULTS>)
  .filter((key) => values[key] !== DEFAULTS[key])
  .map((key) => `--${key} ${values[key]}`);
if (values['no-build']) args.push('--no-build');
const input: DetectInput = {
  date: startedAt,
  chromium: measuredPage.chromium,
  page: crm,
  settings,
  runs: measuredPage.runs,
  content,
  load: { start: loadAtStart, end: loadavg()[0] ?? 0 },
  command: `npm run bench:detect${args.length ? ` -- ${args.join(' ')}` : ''}`,
};
log(toConsole(input));
if (values.json) {
  await writeFile(
    values.json,
    JSON.stringify(
      {
        ...input,
        page: { description: crm.description, expectedPhones: crm.expectedPhones },
      },
      null,
      2,
    ),
  );
  log(`raw numbers written to ${values.json}`);
}
if (!values['no-report']) {
  await writeBenchSection(BENCHMARKS_FILE, 'detect', toMarkdown(input));
  log('results written to docs/benchmarks.md (section detect)');
}
const failed = analyse(input).budgets.some((b) => !b.pass);
process.exit(values.strict && failed ? 1 : 0);

/** The four measurements, interleaved, each on a fresh load of the CRM page. */
async function measurePage(): Promise<{ runs: DetectRuns; chromium: string }> {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  const runs: DetectRuns = { floor: [], naive: [], core: [], full: [], traced: [] };
  try {
    const page = await browser.newPage();
    page.on('pageerror', (error) => log(`page error: ${error.message}`));
    await page.addInitScript({ content: code });
    const onFreshLoad = async <K extends keyof BenchApi>(
      method: K,
      arg: Parameters<BenchApi[K]>[0],
    ) => {
      await freshLoad(page, method === 'full' ? crmStartUrl : crmUrl, code);
      return callBench(page, method, arg);
    };
    for (let i = 0; i < settings.warmup + settings.runs; i++) {
      const measured = i >= settings.warmup;
      // Interleaved: drift on a shared machine hits all four alike.
      const floor = await onFreshLoad('floor', undefined);
      if (floor.nodes !== crm.textNodes) {
        throw new Error(`the page has ${floor.nodes} text nodes, not ${crm.textNodes}`);
      }
      const naive = await onFreshLoad('naive', CRM_COUNTRY);
      const core = await onFreshLoad('core', CRM_COUNTRY);
      const full = await onFreshLoad('full', fullInput);
      if (measured) {
        runs.floor.push(floor);
        runs.naive.push(naive);
        runs.core.push(core);
        runs.full.push(full);
      }
      log(
        `${measured ? 'run' : 'warm-up'} ${measured ? i - settings.warmup + 1 : i + 1}: ` +
          `floor ${floor.ms.toFixed(2)} ms, naive ${naive.ms.toFixed(1)} ms, ` +
          `core ${core.ms.toFixed(1)} ms, full ${full.initial.totalMs.toFixed(1)} ms ` +
          `(longest ${full.initial.longestMs.toFixed(1)} ms, ${full.initial.marks} marks)`,
      );
    }
    for (let i = 0; i < TRACED; i++) {
      const traced = await tracedInitialScan(page, crmStartUrl, code, fullInput);
      runs.traced.push(traced);
      log(
        `traced ${i + 1}: main thread ${traced.busyMs.toFixed(1)} ms ` +
          `(CPU ${traced.busyCpuMs.toFixed(1)} ms, longest task ${traced.longestTaskMs.toFixed(1)} ms), ` +
          `rendering ${traced.renderingMs.toFixed(1)} ms, ` +
          `ours ${traced.ourMs.toFixed(1)} ms`,
      );
    }
    if (values.profile) await profileOnce(page, values.profile);
    return { runs, chromium: browser.version() };
  } finally {
    await browser.close();
  }
}

async function profileOnce(page: Page, file: string): Promise<void> {
  await freshLoad(page, crmStartUrl, code);
  const run = () => callBench(page, 'full', { ...fullInput, rows: [], burst: [] });
  const { spots, jsMs, programMs, idleMs } = await profile(page, run, file);
  log(
    `profile of one initial scan written to ${file}: ${jsMs.toFixed(1)} ms of JavaScript ` +
      `sampled, ${programMs.toFixed(1)} ms native (program), ${idleMs.toFixed(1)} ms idle. ` +
      'Most self time:',
  );
  for (const { selfMs, share, name } of spots) {
    log(`${selfMs.toFixed(1).padStart(8)} ms ${(100 * share).toFixed(1).padStart(5)}%  ${name}`);
  }
}
