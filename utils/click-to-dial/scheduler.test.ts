// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildScanningPage, h } from '../../tests/fixtures/phone/dom';
import type { Highlighter } from './highlight';
import { createMarks, type Marks } from './marks';
import { createScheduler, type Scheduler, type SchedulerOptions } from './scheduler';
import type { Timers } from './timers';

/**
 * Timers run by hand: idle tasks when the test says so, timeouts on a clock it moves. The
 * scheduler's work is then a function of what the page did, not of how fast this machine is.
 */
function manualTimers() {
  let now = 0;
  let idles: ((timeRemaining: () => number) => void)[] = [];
  let timeouts: { at: number; callback: () => void }[] = [];
  const timers: Timers = {
    timeout(callback, ms) {
      const entry = { at: now + ms, callback };
      timeouts.push(entry);
      return () => {
        timeouts = timeouts.filter((t) => t !== entry);
      };
    },
    idle(callback) {
      idles.push(callback);
      return () => {
        idles = idles.filter((c) => c !== callback);
      };
    },
    frame(callback) {
      callback();
      return () => {};
    },
  };
  return {
    timers,
    /** Runs idle tasks until none is left; returns how many ran. */
    idle(): number {
      let count = 0;
      while (idles.length > 0) {
        const next = idles.shift()!;
        count++;
        next(() => 50);
      }
      return count;
    },
    /** Runs the idle tasks that are due now, not the ones they schedule. */
    idleOnce(): void {
      const due = idles;
      idles = [];
      for (const next of due) next(() => 50);
    },
    advance(ms: number): void {
      now += ms;
      const due = timeouts.filter((t) => t.at <= now);
      timeouts = timeouts.filter((t) => t.at > now);
      for (const t of due) t.callback();
    },
  };
}

// Mutation records are delivered in a microtask.
const records = () => new Promise((resolve) => setTimeout(resolve, 0));

let clock: ReturnType<typeof manualTimers>;
let controller: AbortController;
let marks: Marks;
let scheduler: Scheduler;
let painted: Set<Range>;

const highlighter: Highlighter = {
  add: (range) => painted.add(range),
  delete: (range) => painted.delete(range),
  styleRoot() {},
  supported: true,
};

function start(overrides: Partial<SchedulerOptions> = {}): Scheduler {
  scheduler = createScheduler({
    doc: document,
    scan: { defaultCountry: 'US' },
    signal: controller.signal,
    timers: clock.timers,
    marks,
    highlighter,
    blocked: (e164) => e164.startsWith('+1900'),
    ...overrides,
  });
  scheduler.observe(document);
  scheduler.enqueue(document.body);
  clock.idle();
  return scheduler;
}

const marked = () => [...painted].map((range) => range.toString()).sort();
const row = (i: number) => h('p', {}, `Row ${i}: call 212-555-${String(1000 + i)}`);

beforeEach(() => {
  clock = manualTimers();
  controller = new AbortController();
  painted = new Set();
  marks = createMarks(highlighter);
});
afterEach(() => {
  controller.abort();
  document.body.replaceChildren();
  document.body.removeAttribute('data-switchboard-off');
});

describe('scheduler', () => {
  it('marks the page, leaving out blocked numbers', () => {
    document.body.append(h('p', {}, 'Premium 1-900-555-0123, office 212-555-0123'));
    start();
    expect(marked()).toEqual(['212-555-0123']);
    expect(scheduler.busy).toBe(false);
  });

  it('spreads a page over several tasks, one budget each', () => {
    for (let i = 0; i < 100; i++) document.body.append(row(i));
    scheduler = createScheduler({
      doc: document,
      scan: { defaultCountry: 'US' },
      signal: controller.signal,
      timers: clock.timers,
      marks,
      highlighter,
      blocked: () => false,
      // No time at all: each task takes the one step it always takes.
      budgetMs: 0,
    });
    scheduler.enqueue(document.body);
    expect(clock.idle()).toBeGreaterThan(100);
    expect(marks.size).toBe(100);
  });

  it('marks new content, and only it, in the next idle task', async () => {
    document.body.append(row(0));
    start();
    const setText = vi.spyOn(marks, 'setText');
    document.body.append(row(1));
    await records();
    clock.idle();
    expect(marks.size).toBe(2);
    expect(setText).toHaveBeenCalledTimes(1);
  });

  it('rescans just the text node whose data changed', async () => {
    const rows = [row(0), row(1), row(2)];
    document.body.append(...rows);
    start();
    const setText = vi.spyOn(marks, 'setText');
    (rows[1]!.firstChild as Text).data = 'Row 1: moved';
    await records();
    clock.idle();
    expect(setText.mock.calls.map(([node]) => node)).toEqual([rows[1]!.firstChild]);
    expect(marked()).toEqual(['212-555-1000', '212-555-1002']);
  });

  it('turns a burst into one rescan once the page is quiet', async () => {
    start({ burstLimit: 10 });
    const setText = vi.spyOn(marks, 'setText');
    // Batches of 20 rows, 150 ms apart: each one past the limit, none 200 ms after the last.
    for (let batch = 0; batch < 3; batch++) {
      for (let i = 0; i < 20; i++) document.body.append(row(batch * 20 + i));
      await records();
      clock.idle();
      expect(marks.size).toBe(0);
      clock.advance(150);
    }
    expect(marks.size).toBe(0);
    expect(scheduler.busy).toBe(true);
    clock.advance(50);
    clock.idle();
    expect(marks.size).toBe(60);
    expect(setText).toHaveBeenCalledTimes(60);
    expect(scheduler.busy).toBe(false);
  });

  it('sees a burst in small batches that are each scanned in time', async () => {
    start({ burstLimit: 10 });
    const setText = vi.spyOn(marks, 'setText');
    for (let batch = 0; batch < 4; batch++) {
      for (let i = 0; i < 4; i++) document.body.append(row(batch * 4 + i));
      await records();
      clock.idle();
      clock.advance(40);
    }
    // The third batch made 12 nodes within one window: from there on, one rescan.
    expect(setText).toHaveBeenCalledTimes(8);
    clock.advance(200);
    clock.idle();
    expect(marks.size).toBe(16);
    expect(setText).toHaveBeenCalledTimes(8 + 16);
  });

  it('scans content that comes slowly as it comes', async () => {
    start({ burstLimit: 10 });
    for (let batch = 0; batch < 6; batch++) {
      for (let i = 0; i < 4; i++) document.body.append(row(batch * 4 + i));
      await records();
      clock.idle();
      expect(marks.size).toBe(batch * 4 + 4);
      clock.advance(250);
    }
    expect(scheduler.busy).toBe(false);
  });

  it('lets a rescan of the document finish on a page that keeps bursting', async () => {
    const link = h('a', { href: 'tel:+33123456789' }, 'Paris');
    for (let i = 0; i < 100; i++) document.body.append(row(i));
    document.body.append(link);
    start({ burstLimit: 5, budgetMs: 0 });
    // Only a rescan that reaches its end drops the mark of a link that is no longer one.
    link.setAttribute('href', '#');
    scheduler.rescan();
    // 10 rows every 200 ms, each time a burst, and 15 steps of scanning in between: a rescan
    // that started over at every burst would never reach the end of the page.
    for (let burst = 0; burst < 60 && marked().includes('Paris'); burst++) {
      for (let step = 0; step < 15; step++) clock.idleOnce();
      for (let i = 0; i < 10; i++) document.body.append(row(1000 + burst * 10 + i));
      await records();
      clock.advance(200);
    }
    expect(marked()).not.toContain('Paris');
  });

  it('rescans a page that never stops rendering after at most a second', async () => {
    start({ burstLimit: 10 });
    for (let batch = 0; batch < 7; batch++) {
      for (let i = 0; i < 20; i++) document.body.append(row(batch * 20 + i));
      await records();
      clock.advance(150);
    }
    clock.idle();
    expect(marks.size).toBe(140);
  });

  it('rescans without losing, doubling or repainting a mark, and drops stale ones', () => {
    const link = h('a', { href: 'tel:+33123456789' }, 'Paris');
    document.body.append(row(0), row(1), link);
    start();
    const ranges = [...painted];
    const add = vi.spyOn(highlighter, 'add');
    // An href change is not observed: only a rescan finds out.
    link.setAttribute('href', 'https://example.com/');
    scheduler.rescan();
    expect(marks.size).toBe(3);
    clock.idle();
    expect(marked()).toEqual(['212-555-1000', '212-555-1001']);
    expect([...painted]).toEqual(ranges.slice(0, 2));
    expect(add).not.toHaveBeenCalled();
    scheduler.rescan();
    scheduler.rescan();
    clock.idle();
    expect(marks.size).toBe(2);
  });

  it('rescans one part of the page', () => {
    const part = h('div', {}, row(0), h('a', { id: 'a', href: 'tel:+33123456789' }, 'Paris'));
    const other = h('a', { href: 'tel:+33123456780' }, 'Lyon');
    document.body.append(part, other);
    start();
    for (const link of document.querySelectorAll('a')) link.setAttribute('href', '#');
    scheduler.rescan(part);
    clock.idle();
    expect(marked()).toEqual(['212-555-1000', 'Lyon']);
  });

  it('drops the marks of a part that opts out later, and brings them back', async () => {
    const { optedOut } = buildScanningPage();
    const part = h('section', {}, row(0), h('a', { href: 'tel:+33123456789' }, 'Paris'));
    document.body.append(part);
    start();
    expect(marks.size).toBe(4);
    part.setAttribute('data-switchboard-off', '');
    await records();
    expect(marks.size).toBe(2);
    optedOut.removeAttribute('data-switchboard-off');
    part.removeAttribute('data-switchboard-off');
    await records();
    clock.idle();
    // The given-back part now shows its text, link, field and shadow-root numbers too.
    expect(marked()).toEqual([
      '(212) 555-0177',
      '+44 20 7946 0958',
      '212-555-1000',
      'PBX',
      'Paris',
      'Paris',
    ]);
    expect(marks.size).toBe(8);
  });

  it('drops everything when the whole page opts out', async () => {
    buildScanningPage();
    start();
    document.body.setAttribute('data-switchboard-off', '');
    await records();
    expect(marks.size).toBe(0);
  });

  it('re-reads a phone field on input, change and focus loss', () => {
    const { field } = buildScanningPage();
    start();
    const number = () => marks.near(field)[0]?.hit.e164;
    expect(number()).toBe('+12125550123');
    field.focus();
    field.value = '+1 212 555 01';
    field.dispatchEvent(new Event('input', { bubbles: true }));
    clock.idle();
    expect(number()).toBeUndefined();
    field.value = '+1 212 555 0199';
    field.dispatchEvent(new Event('input', { bubbles: true }));
    clock.idle();
    // Still being edited.
    expect(number()).toBeUndefined();
    field.blur();
    clock.idle();
    expect(number()).toBe('+12125550199');
    field.value = '';
    field.dispatchEvent(new Event('change', { bubbles: true }));
    clock.idle();
    expect(number()).toBeUndefined();
  });

  it('follows content added inside open shadow roots', async () => {
    const host = h('contact-card');
    const shadow = host.attachShadow({ mode: 'open' });
    document.body.append(host);
    start();
    shadow.append(row(0));
    await records();
    clock.idle();
    expect(marked()).toEqual(['212-555-1000']);
  });

  it('sweeps removed content once per task', async () => {
    const rows = [row(0), row(1), row(2)];
    document.body.append(...rows);
    start();
    const sweep = vi.spyOn(marks, 'sweep');
    rows[0]!.remove();
    await records();
    rows[1]!.remove();
    await records();
    clock.idle();
    expect(sweep).toHaveBeenCalledTimes(1);
    expect(marked()).toEqual(['212-555-1002']);
  });

  it('stops everything when aborted', async () => {
    start({ burstLimit: 10 });
    for (let i = 0; i < 20; i++) document.body.append(row(i));
    await records();
    controller.abort();
    clock.advance(5_000);
    clock.idle();
    document.body.append(row(99));
    await records();
    clock.idle();
    expect(marks.size).toBe(0);
    expect(scheduler.busy).toBe(false);
  });
});
