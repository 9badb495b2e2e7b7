/**
 * Worker-stop benchmark (not part of `npm test`):
 * `npm run bench:wake [-- --runs 7 --watchdog-runs 4 --no-build --no-report]`.
 *
 * Signs an agent in against an in-process XiVO simulator in headless Chromium with the built
 * extension, no panel open, then stops the extension's service worker the way Chrome does
 * (chrome://serviceworker-internals) and measures, from the Stop click:
 * - wake: until the session is connected again (the simulator receives the resync request), with
 *   the offscreen document (utils/background/wake.ts) restarting the worker;
 * - wake, call: until the screen-pop of a call that rings right after the stop;
 * - baseline, popup: the wake disabled, a popup opened as soon as the worker is down, until the
 *   session is connected again: how long a worker woken by an event takes to come back;
 * - baseline, watchdog: the wake disabled and nothing else, until the screen-pop of a call ringing
 *   right after the stop: what happened before the offscreen document (the 30 s watchdog alarm).
 * The kinds are interleaved, one of each per round, so that drift on a shared machine hits all
 * alike. The wake is disabled for a baseline round from outside, in the running worker: its
 * `chrome.offscreen.createDocument` is replaced by a no-op and the document closed; the worker
 * that starts next is fresh and opens the document again. All clocks are this process's: the
 * simulator runs in it.
 *
 * The results go to docs/benchmarks.md, section `wake`, unless `--no-report`.
 */
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from '@playwright/test';
import {
  BENCHMARKS_FILE,
  describeMachine,
  markdownTable,
  wrapProse,
  writeBenchSection,
} from '../../scripts/bench-report';
import { startXivoSimulator, type XivoSimulator } from '../simulators/xivo';
import { launchWithExtension, type ExtensionBrowser } from '../support/chromium';
import { restartAlarms, stopServiceWorker } from '../support/service-worker';
import { startStaticServer } from '../support/static-server';
import { buildExtension } from './content-script';
import { ms, summarize, type Summary } from './stats';

const DEFAULTS = { runs: '7', 'watchdog-runs': '4' };
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: DEFAULTS.runs },
    'watchdog-runs': { type: 'string', default: DEFAULTS['watchdog-runs'] },
    'no-build': { type: 'boolean', default: false },
    'no-report': { type: 'boolean', default: false },
  },
});
const whole = (key: keyof typeof DEFAULTS, max: number) => {
  const value = Number(values[key]);
  if (!Number.isInteger(value) || value < 0 || value > max)
    throw new Error(`--${key} must be a whole number from 0 to ${max}`);
  return value;
};
const RUNS = Math.max(1, whole('runs', 100));
const WATCHDOG_RUNS = whole('watchdog-runs', 20);
/** A wait longer than this counts as "never" (the watchdog alarm fires every 30 s). */
const GIVE_UP_MS = 45_000;
const log = (line: string) => process.stdout.write(`${line}\n`);

interface ChromeInWorker {
  chrome: {
    offscreen: { createDocument(): Promise<void>; closeDocument(): Promise<void> };
    runtime: { getContexts(filter: { contextTypes: string[] }): Promise<unknown[]> };
  };
}

const sleep = (msToWait: number) => new Promise((done) => setTimeout(done, msToWait));

/** Polls `probe` every 10 ms until it gives a number (a time); NaN after GIVE_UP_MS. */
async function until(probe: () => number | undefined): Promise<number> {
  const limit = Date.now() + GIVE_UP_MS;
  while (Date.now() < limit) {
    const found = probe();
    if (found !== undefined) return found;
    await sleep(10);
  }
  return Number.NaN;
}

/** When the simulator got the session's resync request after `since`. */
const resyncAfter = (sim: XivoSimulator, since: number) =>
  until(
    () =>
      sim.received.find((r) => r.at >= since && r.frame.command === 'getCurrentCallsPhoneEvents')
        ?.at,
  );

async function signIn(ext: ExtensionBrowser, sim: XivoSimulator): Promise<void> {
  const popup = await ext.context.newPage();
  await popup.goto(`chrome-extension://${ext.extensionId}/popup.html`);
  await popup.getByLabel('Username').waitFor();
  const server = popup.getByLabel('Server');
  if (await server.isVisible()) await server.fill(sim.url);
  await popup.getByLabel('Username').fill('alice');
  await popup.getByLabel('Password').fill('secret');
  await popup.getByLabel('Phone number').fill('1001');
  await popup.getByRole('button', { name: 'Sign in' }).click();
  await popup.getByText('Connected', { exact: true }).waitFor();
  await popup.close();
}

/** The offscreen document is open (the worker opened it at sign-in or at its start). */
async function documentOpen(ext: ExtensionBrowser): Promise<void> {
  const limit = Date.now() + GIVE_UP_MS;
  while (Date.now() < limit) {
    const open = await (
      await ext.serviceWorker()
    ).evaluate(async () => {
      const { runtime } = (globalThis as unknown as ChromeInWorker).chrome;
      return (await runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] })).length > 0;
    });
    if (open) return;
    await sleep(50);
  }
  throw new Error('the offscreen document did not open');
}

/** In the running worker only: no document any more, and none opened until it restarts. */
async function disableWake(ext: ExtensionBrowser): Promise<void> {
  await (
    await ext.serviceWorker()
  ).evaluate(async () => {
    const { offscreen } = (globalThis as unknown as ChromeInWorker).chrome;
    const close = offscreen.closeDocument.bind(offscreen);
    offscreen.createDocument = async () => undefined;
    await close();
  });
}

interface Rig {
  ext: ExtensionBrowser;
  sim: XivoSimulator;
  crm: string;
  calls: number;
  /** Popup baseline: from the popup's opening (not the stop) to connected again. */
  popupOpen: number[];
}

/** Rings a call now; resolves with the time its screen-pop tab appeared, then cleans up. */
async function ringAndWaitForPop(rig: Rig): Promise<number> {
  rig.calls++;
  const from = `+3312345${String(6700 + rig.calls).padStart(4, '0')}`;
  const call = rig.sim.inboundCall({ from, name: 'Bench Caller', queue: 'support' });
  const popped = (page: Page) => page.url().startsWith(rig.crm) && page.url().includes('%2B33');
  const at = await until(() => (rig.ext.context.pages().some(popped) ? Date.now() : undefined));
  call.hangup();
  for (const page of rig.ext.context.pages().filter(popped)) await page.close();
  return at;
}

/** Waits until the session is connected again after a round, so rounds do not overlap. */
async function settle(rig: Rig): Promise<void> {
  await documentOpen(rig.ext);
  await until(() => (rig.sim.connections() === 1 ? 0 : undefined));
  await sleep(500);
}

const kinds = {
  async wake(rig: Rig) {
    await restartAlarms(rig.ext);
    const stopped = await stopServiceWorker(rig.ext);
    return (await resyncAfter(rig.sim, stopped)) - stopped;
  },
  async wakeCall(rig: Rig) {
    await restartAlarms(rig.ext);
    const stopped = await stopServiceWorker(rig.ext);
    return (await ringAndWaitForPop(rig)) - stopped;
  },
  async popup(rig: Rig) {
    await disableWake(rig.ext);
    await restartAlarms(rig.ext);
    const stopped = await stopServiceWorker(rig.ext);
    const popup = await rig.ext.context.newPage();
    const opened = Date.now();
    await popup.goto(`chrome-extension://${rig.ext.extensionId}/popup.html`);
    const back = await resyncAfter(rig.sim, stopped);
    await popup.close();
    rig.popupOpen.push(back - opened);
    return back - stopped;
  },
  async watchdog(rig: Rig) {
    await disableWake(rig.ext);
    const stopped = await stopServiceWorker(rig.ext);
    return (await ringAndWaitForPop(rig)) - stopped;
  },
};
type Kind = keyof typeof kinds;

interface Measured {
  results: Record<Kind, number[]>;
  popupOpen: number[];
  chromium: string;
}

async function measure(): Promise<Measured> {
  const extensionDir = values['no-build'] ? resolve('.output/chrome-mv3') : await buildExtension();
  const sim = await startXivoSimulator();
  const pages = await startStaticServer();
  const ext = await launchWithExtension({ extensionDir });
  const results: Record<Kind, number[]> = { wake: [], wakeCall: [], popup: [], watchdog: [] };
  try {
    const crm = `${pages.url}/contacts`;
    const rule = { id: 'crm', trigger: 'ringing', direction: 'inbound', url: `${crm}?p={e164}` };
    await ext.setUserSettings({ screenPop: { rules: [rule] } });
    await signIn(ext, sim);
    const rig: Rig = { ext, sim, crm, calls: 0, popupOpen: [] };
    for (let round = 0; round < RUNS; round++) {
      const order: Kind[] = ['wake', 'wakeCall', 'popup'];
      if (round < WATCHDOG_RUNS) order.push('watchdog');
      for (const kind of order) {
        await settle(rig);
        const value = await kinds[kind](rig);
        results[kind].push(value);
        log(`round ${round + 1}/${RUNS} ${kind}: ${ms(value)}`);
      }
    }
    const agent = await (await ext.serviceWorker()).evaluate(() => navigator.userAgent);
    const chromium = /Chrome\/([\d.]+)/.exec(agent)?.[1] ?? 'unknown';
    return {
      results,
      popupOpen: rig.popupOpen,
      chromium: `Chromium ${chromium}`,
    };
  } finally {
    await ext.close();
    await pages.close();
    await sim.close();
  }
}

const startedAt = new Date();
const loadAtStart = loadavg()[0] ?? 0;
const { results, popupOpen, chromium } = await measure();
const loadAtEnd = loadavg()[0] ?? 0;

const never = (list: number[]) => list.filter((v) => Number.isNaN(v)).length;
const stats = (list: number[]) => summarize(list.map((v) => (Number.isNaN(v) ? Infinity : v)));
const row = (name: string, list: number[]): string[] => {
  const s: Summary = stats(list);
  return [name, ms(s.median), ms(s.min), ms(s.p90), ms(s.max), String(s.n), String(never(list))];
};
const rows = [
  row('wake: stop → session connected again', results.wake),
  row('wake: stop → pop of a call ringing right after', results.wakeCall),
  row('baseline, popup opened at once: stop → connected again', results.popup),
  row('baseline, popup: popup opened → connected again', popupOpen),
  row(
    'baseline, watchdog only (worst phase): stop → pop of a call ringing right after',
    results.watchdog,
  ),
];
const median = (list: number[]) => stats(list).median;
const signedMs = (value: number) => (value < 0 ? `−${ms(-value)}` : `+${ms(value)}`);
const args = Object.entries(DEFAULTS)
  .filter(([key, value]) => values[key as keyof typeof DEFAULTS] !== value)
  .map(([key]) => `--${key} ${values[key as keyof typeof DEFAULTS]}`);
if (values['no-build']) args.push('--no-build');
const command = `npm run bench:wake${args.length ? ` -- ${args.join(' ')}` : ''}`;

const markdown = [
  '## Back after a worker stop',
  wrapProse(
    `\`tests/bench/wake.ts\` signs an agent in against an in-process XiVO simulator in headless
    Chromium with the built extension, no panel open, then stops the extension's service worker
    from chrome://serviceworker-internals, as Chrome does on updates, crashes or memory pressure.
    Times run from the Stop click. "Connected again" is the simulator receiving the session's
    resync request, the last step of a reconnection (the new socket already carries call events
    before it, which is why a pop can come first); "pop" is the screen-pop tab appearing for a
    call that rings right after the stop. The wake is the offscreen document (utils/background/wake.ts). The baselines run in the
    same rounds with the wake disabled in the running worker: a popup opened as soon as the
    worker is down (how fast a worker woken by an event comes back), and nothing at all (the
    watchdog alarm, every 30 s, is then the only restart). The rounds before it restart the
    alarm's period, so the watchdog baseline shows its worst phase, close to 30 s; a stop at a
    random moment waits anywhere from 0 to 30 s for it, 15 s on average. One round measures
    each kind once; the watchdog baseline runs in the first rounds only. "never"
    counts waits given up after ${GIVE_UP_MS / 1000} s.`,
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
      ['rounds', `${RUNS} (watchdog baseline in ${Math.min(RUNS, WATCHDOG_RUNS)})`],
    ],
  ),
  markdownTable(['measure', 'median', 'min', 'p90', 'max', 'n', 'never'], rows),
  markdownTable(
    ['comparison (medians)', 'value'],
    [
      [
        'stop → connected again: wake minus popup baseline',
        signedMs(median(results.wake) - median(results.popup)),
      ],
      [
        'watchdog baseline ÷ wake, call pop',
        `${(median(results.watchdog) / median(results.wakeCall)).toFixed(1)}×`,
      ],
    ],
  ),
].join('\n\n');

log(markdown);
if (!values['no-report']) {
  await writeBenchSection(BENCHMARKS_FILE, 'wake', markdown);
  log('results written to docs/benchmarks.md (section wake)');
}
const failed = never(results.wake) + never(results.wakeCall) + never(results.popup) > 0;
process.exit(failed ? 1 : 0);
