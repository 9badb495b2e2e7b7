/**
 * Our click-to-dial, measured in the page. The code is bundled from utils/ when the benchmark
 * starts, so it measures whatever the source says now.
 *
 * - `core`: the scan generator of utils/phone/scan.ts run to completion in one go, no
 *   scheduling, no marking: detection and DOM reading alone, to compare with the floor.
 * - `full`: initClickToDial as the content script starts it (stub dial), then new content:
 *   single activity items, then one burst of many, inserted at the top of the activity feed.
 */
import { initClickToDial, type ClickToDial } from '../../../utils/click-to-dial/index';
import { HIGHLIGHT_NAME } from '../../../utils/click-to-dial/highlight';
import { scan } from '../../../utils/phone/scan';
import type { CountryCode } from 'libphonenumber-js/min';
import { FEED_ID } from '../crm-page';
import type { BurstResult, FullInput, FullResult, PassResult, TaskStats } from '../protocol';
import { build, indexesOf, textsOf } from './dom';
import { instrument, type Instrument } from './instrument';

export function core(country: string): PassResult {
  const hits: Node[] = [];
  let found = 0;
  const start = performance.now();
  for (const item of scan(document.body, { defaultCountry: country as CountryCode })) {
    if (item?.kind === 'text' && item.hits.length > 0) {
      found += item.hits.length;
      hits.push(item.node);
    } else if (item?.kind === 'link') {
      found++;
      hits.push(item.hit.element);
    }
  }
  const ms = performance.now() - start;
  // A link's number is reported on the link: its text counts as the node where it was found.
  const nodes = hits.flatMap((node) => (node.nodeType === 3 ? [node] : textsOf(node as Element)));
  return { ms, found, foundIndexes: indexesOf(document.body, nodes) };
}

export async function full(input: FullInput): Promise<FullResult> {
  const inst = instrument(window);
  const wait = waiter(inst, input.timeoutMs);
  await wait.frames(2);

  const controller = new AbortController();
  const start = performance.now();
  const feature = inst.task(() =>
    initClickToDial(
      {
        defaultCountry: input.country,
        blockedPrefixes: [],
        confirmInternational: false,
        telLinks: false,
      },
      { dial: () => Promise.resolve({ ok: true }) },
      controller.signal,
    ),
  );
  const initMs = inst.log.totalMs;
  const idleAt = await wait.idle(feature);
  const scanned = { ...inst.log };
  const marks = feature.marks.size;
  await wait.frames(3);
  const initial = {
    ...scanned,
    wallMs: idleAt - start,
    initMs,
    marks,
    tailMs: inst.log.totalMs - scanned.totalMs,
    painted: CSS.highlights.get(HIGHLIGHT_NAME)?.size ?? 0,
  };

  const feed = document.getElementById(FEED_ID);
  if (!feed) throw new Error(`the page has no #${FEED_ID}`);
  const rows: Array<number | null> = [];
  const rowTasks: TaskStats[] = [];
  for (const spec of input.rows) {
    await wait.quiet(feature);
    const phones: Text[] = [];
    const row = build(document, spec, phones);
    inst.reset();
    const painted = wait.painted(phones[0]);
    const inserted = performance.now();
    feed.prepend(row);
    const at = await painted;
    rows.push(at === null ? null : at - inserted);
    await wait.idle(feature);
    rowTasks.push({ ...inst.log });
  }

  const burst =
    input.burst.length > 0 ? await insertBurst(input.burst, feed, feature, inst, wait) : undefined;
  controller.abort();
  return { initial, rows, rowTasks, burst };
}

/** Inserts all of `burst` at once at the top of the feed, and waits for it to be marked. */
async function insertBurst(
  burst: FullInput['burst'],
  feed: Element,
  feature: ClickToDial,
  inst: Instrument,
  wait: ReturnType<typeof waiter>,
): Promise<BurstResult> {
  await wait.quiet(feature);
  const phones: Text[] = [];
  const fragment = document.createDocumentFragment();
  for (const spec of burst) fragment.append(build(document, spec, phones));
  const before = feature.marks.size;
  inst.reset();
  const firstPainted = wait.painted(phones[0]);
  const inserted = performance.now();
  feed.prepend(fragment);
  // The mutation observer's callback is a microtask queued by the insertion: let it run first.
  await Promise.resolve();
  const doneAt = await wait.idle(feature);
  const stats = { ...inst.log };
  const marked = feature.marks.size - before;
  const firstAt = await firstPainted;
  return {
    ...stats,
    firstMs: firstAt === null ? null : firstAt - inserted,
    doneMs: doneAt - inserted,
    marked,
  };
}

function waiter(inst: Instrument, timeoutMs: number) {
  const { raw } = inst;
  const frames = async (count: number) => {
    for (let i = 0; i < count; i++)
      await new Promise<void>((done) => raw.requestAnimationFrame(() => done()));
  };
  /** Now if the scheduler is idle, else when one of our tasks ends with it idle. */
  const idle = (feature: ClickToDial) =>
    new Promise<number>((resolve, reject) => {
      if (!feature.scheduler.busy) {
        resolve(performance.now());
        return;
      }
      const timer = raw.setTimeout(() => {
        inst.onTaskEnd = undefined;
        reject(new Error(`click-to-dial was still busy after ${timeoutMs} ms`));
      }, timeoutMs);
      inst.onTaskEnd = () => {
        if (feature.scheduler.busy) return;
        const at = performance.now();
        raw.clearTimeout(timer);
        inst.onTaskEnd = undefined;
        resolve(at);
      };
    });
  return {
    frames,
    idle,
    /** Idle, then two frames: the next measurement starts on a quiet page. */
    async quiet(feature: ClickToDial) {
      if (feature.scheduler.busy) await idle(feature);
      await frames(2);
    },
    /** When a range in `node` is added to a highlight; null when not within `timeoutMs`. */
    painted: (node: Node | undefined) =>
      new Promise<number | null>((resolve) => {
        if (!node) throw new Error('the new content holds no phone number');
        const timer = raw.setTimeout(() => {
          inst.onHighlight = undefined;
          resolve(null);
        }, timeoutMs);
        inst.onHighlight = (range) => {
          if (range.startContainer !== node) return;
          const at = performance.now();
          raw.clearTimeout(timer);
          inst.onHighlight = undefined;
          resolve(at);
        };
      }),
  };
}
