/**
 * Panel first-paint benchmark (not part of `npm test`):
 * `npm run bench:panel [-- --runs 30 --fresh-runs 6 --no-build --extension <dir> --no-report]`
 * (`--no-build`: the build in .output/chrome-mv3; `--extension`: another build, e.g. an older
 * commit's, to compare).
 *
 * Opens the extension's pages in headless Chromium with the built extension, each in a new tab,
 * and reads back the marks the page sets on its own timeline (utils/ui/first-paint.ts): the first
 * meaningful paint (the sign-in form or the agent's state, from the snapshot or the background;
 * the options page's settings form) and, for the panels, the first render of the background's
 * live state. Times are from the page's navigation start (`performance.timeOrigin`).
 *
 * Next to each, in the same run, a blank extension page: a trivial HTML page with a one-line
 * module script that sets the same mark, added to a copy of the build for the benchmark only.
 * Kinds:
 * - fresh profile: a new browser on a new profile per open; the page is the first one opened,
 *   right after the extension's service worker registers (the popup, or the blank page in every
 *   other launch);
 * - warm: one browser, the agent signed in against an in-process XiVO simulator, the worker
 *   running and every page opened once before: blank page, popup, side panel and options page in
 *   turn, one of each per round, so that drift on a shared machine hits all alike.
 *
 * The results go to docs/benchmarks.md, section `panel`, unless `--no-report`.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from '@playwright/test';
import { build } from 'esbuild';
import {
  BENCHMARKS_FILE,
  describeMachine,
  markdownTable,
  wrapProse,
  writeBenchSection,
} from '../../scripts/bench-report';
import { FIRST_PAINT_MARK, LIVE_STATE_MARK } from '../../utils/ui/first-paint';
import { startXivoSimulator } from '../simulators/xivo';
import { launchWithExtension, type ExtensionBrowser } from '../support/chromium';
import { buildExtension } from './content-script';
import { ms, ratio, summarize } from './stats';

const DEFAULTS = { runs: '30', 'fresh-runs': '6' };
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: DEFAULTS.runs },
    'fresh-runs': { type: 'string', default: DEFAULTS['fresh-runs'] },
    'no-build': { type: 'boolean', default: false },
    extension: { type: 'string' },
    'no-report': { type: 'boolean', default: false },
  },
});
const whole = (key: keyof typeof DEFAULTS, max: number) => {
  const value = Number(values[key]);
  if (!Number.isInteger(value) || value < 1 || value > max)
    throw new Error(`--${key} must be a whole number from 1 to ${max}`);
  return value;
};
const RUNS = whole('runs', 500);
const FRESH_RUNS = whole('fresh-runs', 50);
/** A mark not set by then counts as "never". */
const GIVE_UP_MS = 30_000;
const BLANK = 'bench-blank.html';
const log = (line: string) => process.stdout.write(`${line}\n`);

/**
 * Pages that load one of the libraries the panel's code carries and nothing else, bundled from
 * the sources as they are (minified like the build): what each costs a page by itself.
 */
const LIBRARY_PAGES = [
  {
    kind: 'lib model',
    label: 'zod, building the model’s schemas (utils/cti/model.ts, features.ts)',
    code: `export * from './utils/cti/model';\nexport * from './utils/cti/features';`,
  },
  {
    kind: 'lib phone',
    label: 'libphonenumber-js/min (utils/phone/format.ts)',
    code: `export * from './utils/phone/format';`,
  },
  { kind: 'lib preact', label: 'preact and its hooks', code: `export * from 'preact/hooks';` },
];

/** Writes `<name>.html` and its module script, which sets the first-paint mark once it has run. */
function benchPage(dir: string, name: string, script: string): void {
  writeFileSync(
    join(dir, `${name}.html`),
    `<!doctype html>\n<html lang="en"><head><meta charset="UTF-8"><title>${name}</title>` +
      `<script type="module" src="/${name}.js"></script></head></html>\n`,
  );
  writeFileSync(
    join(dir, `${name}.js`),
    `${script}\ndocument.body.append(${JSON.stringify(name)});\n` +
      `performance.mark(${JSON.stringify(FIRST_PAINT_MARK)}, { detail: { source: 'blank' } });\n`,
  );
}

/** A copy of the build with the bench's pages added: the real build stays as it is. */
async function withBenchPages(extensionDir: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-bench-panel-'));
  cpSync(extensionDir, dir, { recursive: true });
  benchPage(dir, BLANK.replace(/\.html$/, ''), '');
  for (const { kind, code } of LIBRARY_PAGES) {
    const bundled = await build({
      stdin: { contents: code, resolveDir: resolve('.'), loader: 'ts' },
      bundle: true,
      write: false,
      format: 'esm',
      target: 'chrome120',
      minify: true,
      logLevel: 'silent',
    });
    benchPage(dir, pageName(kind), bundled.outputFiles[0]?.text ?? '');
  }
  return dir;
}

const pageName = (kind: string) => `bench-${kind.replace(/\W+/g, '-')}`;

interface Opened {
  /** First meaningful paint, ms from navigation start; NaN: never. */
  paint: number;
  /** First render of the live state (panels); NaN: never or not a panel. */
  live: number;
  /**
   * The page's scripts loaded and run: `DOMContentLoaded`, which waits for the module scripts.
   * Before it, the page's own code; after it, waiting for data and rendering.
   */
  scripts: number;
  /** What the first paint showed: `snapshot`, `provisional`, `live`, `form` or `blank`. */
  source: string;
}

/**
 * The page's marks, once set. No inner functions: the transpiler running this file would wrap
 * them in a helper the page lacks (and the page's CSP forbids evaluating strings).
 */
function readMarks({ paint, live }: { paint: string; live: string | null }): Opened | undefined {
  const first = performance.getEntriesByName(paint, 'mark')[0] as PerformanceMark | undefined;
  const second = live ? performance.getEntriesByName(live, 'mark')[0] : undefined;
  if (!first || (live && !second)) return undefined;
  const source = (first.detail as { source?: string } | null)?.source ?? 'unknown';
  const navigation = performance.getEntriesByType('navigation')[0] as
    PerformanceNavigationTiming | undefined;
  const scripts = navigation?.domContentLoadedEventStart || Number.NaN;
  return { paint: first.startTime, live: second?.startTime ?? Number.NaN, scripts, source };
}

const sleep = (wait: number) => new Promise((done) => setTimeout(done, wait));

/** Polls the page for its marks every 10 ms; undefined after GIVE_UP_MS. */
async function marksOf(page: Page, live: string | null): Promise<Opened | undefined> {
  const limit = Date.now() + GIVE_UP_MS;
  while (Date.now() < limit) {
    // A page still navigating has no context to evaluate in for a moment: ask again.
    const found = await page
      .evaluate(readMarks, { paint: FIRST_PAINT_MARK, live })
      .catch(() => undefined);
    if (found) return found;
    await sleep(10);
  }
  return undefined;
}

/** Opens `path` in a new tab and waits for its marks. */
async function open(ext: ExtensionBrowser, path: string, waitForLive: boolean): Promise<Opened> {
  const page = await ext.context.newPage();
  try {
    await page.goto(`chrome-extension://${ext.extensionId}/${path}`, { waitUntil: 'commit' });
    const found = await marksOf(page, waitForLive ? LIVE_STATE_MARK : null);
    return found ?? { paint: Number.NaN, live: Number.NaN, scripts: Number.NaN, source: 'never' };
  } finally {
    await page.close();
  }
}

type Results = Record<string, Opened[]>;
const add = (results: Results, kind: string, opened: Opened) => (results[kind] ??= []).push(opened);

/** Each launch on a new profile opens one page first: the popup, or the blank page. */
async function freshProfile(extensionDir: string, results: Results): Promise<void> {
  for (let run = 0; run < FRESH_RUNS * 2; run++) {
    const popup = run % 2 === 0;
    const ext = await launchWithExtension({ extensionDir });
    try {
      const opened = await open(ext, popup ? 'popup.html' : BLANK, popup);
      add(results, popup ? 'fresh popup' : 'fresh blank', opened);
      log(`fresh ${popup ? 'popup' : 'blank'}: ${ms(opened.paint)} (${opened.source})`);
    } finally {
      await ext.close();
    }
  }
}

interface ChromeInPage {
  chrome: { runtime: { sendMessage(message: unknown): Promise<{ ok: boolean; error?: string }> } };
}

/** Signs the agent in through the background, the way the panel's form does. */
async function signIn(ext: ExtensionBrowser, server: string): Promise<void> {
  const page = await ext.context.newPage();
  try {
    await page.goto(`chrome-extension://${ext.extensionId}/${BLANK}`);
    const reply = await page.evaluate(
      (url) =>
        (globalThis as unknown as ChromeInPage).chrome.runtime.sendMessage({
          type: 'panel/signIn',
          credentials: { username: 'alice', password: 'secret', phoneNumber: '1001' },
          connection: { server: url },
        }),
      server,
    );
    if (!reply.ok) throw new Error(`sign-in failed: ${reply.error}`);
  } finally {
    await page.close();
  }
}

const WARM_PAGES = [
  { kind: 'warm blank', path: BLANK, live: false },
  { kind: 'warm popup', path: 'popup.html', live: true },
  { kind: 'warm side panel', path: 'sidepanel.html', live: true },
  { kind: 'warm options', path: 'options.html', live: false },
  ...LIBRARY_PAGES.map(({ kind }) => ({ kind, path: `${pageName(kind)}.html`, live: false })),
];

async function warm(extensionDir: string, results: Results): Promise<string> {
  const sim = await startXivoSimulator();
  const ext = await launchWithExtension({ extensionDir });
  try {
    await signIn(ext, sim.url);
    // Once each before measuring: the code cache and the worker are warm, the agent connected.
    for (const { path, live } of WARM_PAGES) await open(ext, path, live);
    for (let round = 0; round < RUNS; round++) {
      for (const { kind, path, live } of WARM_PAGES)
        add(results, kind, await open(ext, path, live));
      if ((round + 1) % 10 === 0) log(`warm: ${round + 1} of ${RUNS} rounds`);
    }
    const agent = await (await ext.serviceWorker()).evaluate(() => navigator.userAgent);
    return /Chrome\/([\d.]+)/.exec(agent)?.[1] ?? 'unknown';
  } finally {
    await ext.close();
    await sim.close();
  }
}

async function measure(): Promise<{ results: Results; chromium: string }> {
  const built = values.extension
    ? resolve(values.extension)
    : values['no-build']
      ? resolve('.output/chrome-mv3')
      : await buildExtension();
  const extensionDir = await withBenchPages(built);
  const results: Results = {};
  try {
    await freshProfile(extensionDir, results);
    const chromium = await warm(extensionDir, results);
    return { results, chromium: `Chromium ${chromium}` };
  } finally {
    rmSync(extensionDir, { recursive: true, force: true });
  }
}

const startedAt = new Date();
const loadAtStart = loadavg()[0] ?? 0;
const { results, chromium } = await measure();
const loadAtEnd = loadavg()[0] ?? 0;

const of = (kind: string) => results[kind] ?? [];
const never = (list: number[]) => list.filter((v) => Number.isNaN(v)).length;
const stats = (list: number[]) => summarize(list.map((v) => (Number.isNaN(v) ? Infinity : v)));
const paints = (kind: string) => of(kind).map((o) => o.paint);
const lives = (kind: string) => of(kind).map((o) => o.live);
const scripts = (kind: string) => of(kind).map((o) => o.scripts);
const sources = (kind: string) => {
  const counts = new Map<string, number>();
  for (const { source } of of(kind)) counts.set(source, (counts.get(source) ?? 0) + 1);
  return [...counts].map(([source, n]) => `${source} ${n}`).join(', ');
};
const row = (name: string, list: number[], source = ''): string[] => {
  const s = stats(list);
  return [
    name,
    ms(s.median),
    ms(s.p90),
    ms(s.min),
    ms(s.max),
    String(s.n),
    String(never(list)),
    source,
  ];
};
const LABELS: Record<string, string> = {
  'fresh blank': 'fresh profile, first open: blank page',
  'fresh popup': 'fresh profile, first open: popup',
  'warm blank': 'warm: blank page',
  'warm popup': 'warm: popup',
  'warm side panel': 'warm: side panel',
  'warm options': 'warm: options page',
};
const rows = Object.entries(LABELS).flatMap(([kind, label]) => {
  const loaded = row(`${label}, scripts run (DOMContentLoaded)`, scripts(kind));
  const paint = row(`${label}, first meaningful paint`, paints(kind), sources(kind));
  // Per open: what comes after the page's own code (waiting for the state, rendering it).
  const after = of(kind).map((o) => o.paint - o.scripts);
  const waited = row(`${label}, first meaningful paint after scripts run`, after);
  const live = lives(kind);
  if (kind.endsWith('blank')) return [loaded, paint];
  return live.some((v) => !Number.isNaN(v)) || kind === 'fresh popup'
    ? [loaded, paint, waited, row(`${label}, live state`, live)]
    : [loaded, paint, waited];
});
const median = (list: number[]) => stats(list).median;
const ratios = [
  ['fresh popup', 'fresh blank'],
  ['warm popup', 'warm blank'],
  ['warm side panel', 'warm blank'],
  ['warm options', 'warm blank'],
].map(([kind = '', blank = '']) => [
  `${LABELS[kind]} ÷ ${LABELS[blank]?.split(': ')[1]}`,
  ratio(median(paints(kind)), median(paints(blank))),
  `${ms(median(paints(kind)) - median(paints(blank)))}`,
]);

const args = Object.entries(DEFAULTS)
  .filter(([key, value]) => values[key as keyof typeof DEFAULTS] !== value)
  .map(([key]) => `--${key} ${values[key as keyof typeof DEFAULTS]}`);
if (values['no-build']) args.push('--no-build');
if (values.extension) args.push(`--extension ${values.extension}`);
const command = `npm run bench:panel${args.length ? ` -- ${args.join(' ')}` : ''}`;

const markdown = [
  '## Panel: first meaningful paint',
  wrapProse(
    `\`tests/bench/panel.ts\` opens the extension's pages in headless Chromium with the built
    extension, each in a new tab (the popup's page in a tab: Playwright cannot open the toolbar
    popup), and reads back the marks the page sets (utils/ui/first-paint.ts). First meaningful
    paint: the first render of the sign-in form or the agent's state, whether from the snapshot
    the background keeps ("snapshot", or "provisional" before the policy could be read) or from
    the background itself ("live"); the options page: its settings form ("form"). Live state:
    the first render of the state the background sent. Scripts run: DOMContentLoaded, which
    waits for the page's module scripts; "after scripts run" is, per open, the first meaningful
    paint minus that: waiting for the state and rendering it. Times run from the page's
    navigation start. The blank page, measured in the same run, is a trivial HTML page with a
    one-line module script that sets the same mark, added to a copy of the build for the
    benchmark only: what any extension page costs on this machine. Fresh profile: a new browser
    on a new profile for each open, the page opened as soon as the extension's service worker
    is registered (the popup in one launch, the blank page in the next). Warm: one browser, the
    agent signed in to an in-process XiVO simulator, every page opened once before, then the
    blank page, popup, side panel, options page and the library pages in turn, one of each per
    round. "never" counts marks not set within ${GIVE_UP_MS / 1000} s.`,
  ),
  `Regenerate: \`${command}\``,
  markdownTable(
    ['setting', 'value'],
    [
      ['date', `${startedAt.toISOString().replace(/\.\d+Z$/, 'Z')} (UTC)`],
      ['machine', `${describeMachine()}, ${chromium}`],
      [
        'machine load',
        `1-minute load average ${loadAtStart.toFixed(1)} at the start, ${loadAtEnd.toFixed(1)} at the end`,
      ],
      ['opens', `${FRESH_RUNS} launches per fresh-profile kind, ${RUNS} warm rounds`],
    ],
  ),
  markdownTable(['measure', 'median', 'p90', 'min', 'max', 'n', 'never', 'first paint from'], rows),
  markdownTable(['first meaningful paint (medians)', 'ratio', 'difference'], ratios),
  wrapProse(
    `What the libraries in the panel's code cost a page by themselves: warm pages that load one
    of them, bundled from the sources, and set the mark once it has run, against the blank page
    of the same rounds.`,
  ),
  markdownTable(
    ['page loading only', 'median', 'p90', 'n', 'minus blank page (medians)'],
    LIBRARY_PAGES.map(({ kind, label }) => {
      const s = stats(paints(kind));
      return [
        label,
        ms(s.median),
        ms(s.p90),
        String(s.n),
        ms(s.median - median(paints('warm blank'))),
      ];
    }),
  ),
].join('\n\n');

log(markdown);
if (!values['no-report']) {
  await writeBenchSection(BENCHMARKS_FILE, 'panel', markdown);
  log('results written to docs/benchmarks.md (section panel)');
}
const failed = Object.keys(LABELS).some((kind) => never(paints(kind)) > 0);
process.exit(failed ? 1 : 0);
