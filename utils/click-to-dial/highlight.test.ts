// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { h } from '../../tests/fixtures/phone/dom';
import { createHighlighter, HIGHLIGHT_NAME, type Highlighter } from './highlight';

// happy-dom has neither the Highlight API nor a working IntersectionObserver: a Set stands for
// the first, and the second is driven by hand.
class FakeHighlight extends Set<Range> {}
const registry = new Map<string, FakeHighlight>();

class FakeObserver {
  static current: FakeObserver | undefined;
  readonly targets = new Set<Element>();
  constructor(
    readonly callback: (entries: { target: Element; isIntersecting: boolean }[]) => void,
  ) {
    FakeObserver.current = this;
  }
  observe(target: Element) {
    this.targets.add(target);
  }
  unobserve(target: Element) {
    this.targets.delete(target);
  }
  disconnect() {
    this.targets.clear();
  }
  report(target: Element, isIntersecting: boolean) {
    this.callback([{ target, isIntersecting }]);
  }
}

const view = document.defaultView as unknown as Record<string, unknown>;
const realObserver = view.IntersectionObserver;
let controller: AbortController;
let highlighter: Highlighter;

function rangeOver(element: Element): Range {
  const range = document.createRange();
  range.selectNodeContents(element);
  return range;
}

const painted = () => [...(registry.get(HIGHLIGHT_NAME) ?? [])].map((r) => r.toString()).sort();

beforeEach(() => {
  view.Highlight = FakeHighlight;
  Object.defineProperty(view, 'CSS', { value: { highlights: registry }, configurable: true });
  view.IntersectionObserver = FakeObserver;
  registry.clear();
  controller = new AbortController();
  highlighter = createHighlighter(document, controller.signal);
});
afterEach(() => {
  controller.abort();
  document.body.replaceChildren();
  delete view.Highlight;
  delete view.CSS;
  view.IntersectionObserver = realObserver;
});

describe('highlighter', () => {
  it('paints a range only while its element is near the viewport', () => {
    const p = h('p', {}, '212-555-0123');
    document.body.append(p);
    const range = rangeOver(p);
    highlighter.add(range, p);
    // Few marks: painted before the observer's first report.
    expect(painted()).toEqual(['212-555-0123']);
    FakeObserver.current!.report(p, false);
    expect(painted()).toEqual([]);
    FakeObserver.current!.report(p, true);
    expect(painted()).toEqual(['212-555-0123']);
  });

  it('waits for the observer on pages with many marks', () => {
    const rows = Array.from({ length: 250 }, (_, i) => h('p', {}, `row ${i}`));
    document.body.append(...rows);
    for (const row of rows) highlighter.add(rangeOver(row), row);
    expect(painted()).toHaveLength(200);
    FakeObserver.current!.report(rows[249]!, true);
    expect(painted()).toContain('row 249');
  });

  it('observes each element once, and lets go with its last range', () => {
    const p = h('p', {}, h('span', {}, '212-555-0123'), ' ', h('span', {}, '212-555-0199'));
    document.body.append(p);
    const [a, b] = [rangeOver(p.children[0]!), rangeOver(p.children[1]!)];
    highlighter.add(a, p);
    highlighter.add(b, p);
    expect([...FakeObserver.current!.targets]).toEqual([p]);
    highlighter.delete(a, p);
    expect(painted()).toEqual(['212-555-0199']);
    expect([...FakeObserver.current!.targets]).toEqual([p]);
    highlighter.delete(b, p);
    expect(painted()).toEqual([]);
    expect(FakeObserver.current!.targets.size).toBe(0);
    // A late report about an element it let go of changes nothing.
    FakeObserver.current!.report(p, true);
    expect(painted()).toEqual([]);
  });

  it('paints ranges without an element at once', () => {
    const p = h('p', {}, '212-555-0123');
    document.body.append(p);
    highlighter.add(rangeOver(p), null);
    expect(painted()).toEqual(['212-555-0123']);
  });

  it('paints everything where IntersectionObserver is missing', () => {
    controller.abort();
    delete view.IntersectionObserver;
    controller = new AbortController();
    highlighter = createHighlighter(document, controller.signal);
    const rows = Array.from({ length: 250 }, (_, i) => h('p', {}, `row ${i}`));
    document.body.append(...rows);
    for (const row of rows) highlighter.add(rangeOver(row), row);
    expect(painted()).toHaveLength(250);
  });

  it('stops observing and painting when aborted', () => {
    const p = h('p', {}, '212-555-0123');
    document.body.append(p);
    highlighter.add(rangeOver(p), p);
    const observer = FakeObserver.current!;
    controller.abort();
    expect(observer.targets.size).toBe(0);
    expect(registry.has(HIGHLIGHT_NAME)).toBe(false);
  });
});
