// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildContactPage, h } from '../../tests/fixtures/phone/dom';
import { HIGHLIGHT_NAME } from './highlight';
import { initClickToDial, type ClickToDial, type ClickToDialConfig } from './index';

// happy-dom has no CSS Custom Highlight API: a registry of Sets behaves the same for our use.
class FakeHighlight extends Set<Range> {}
const registry = new Map<string, FakeHighlight>();
const view = document.defaultView as unknown as { Highlight?: unknown; CSS?: unknown };

function installHighlightApi(): void {
  view.Highlight = FakeHighlight;
  // happy-dom makes a new CSS object on every read; ours must stay put.
  Object.defineProperty(view, 'CSS', { value: { highlights: registry }, configurable: true });
}

function removeHighlightApi(): void {
  delete view.Highlight;
  delete view.CSS;
}

const config: ClickToDialConfig = {
  defaultCountry: 'US',
  blockedPrefixes: [],
  confirmInternational: false,
};
let controller: AbortController;

function start(overrides: Partial<ClickToDialConfig> = {}): ClickToDial {
  return initClickToDial({ ...config, ...overrides }, { dial: vi.fn() }, controller.signal);
}

async function settled(feature: ClickToDial): Promise<void> {
  // Mutation records arrive in a microtask, the scan in later tasks.
  await new Promise((resolve) => setTimeout(resolve, 0));
  await vi.waitFor(() => expect(feature.scheduler.busy).toBe(false));
}

function markedTexts(): string[] {
  return [...(registry.get(HIGHLIGHT_NAME) ?? [])].map((range) => range.toString()).sort();
}

beforeEach(() => {
  controller = new AbortController();
  installHighlightApi();
  registry.clear();
});
afterEach(() => {
  controller.abort();
  document.body.replaceChildren();
  removeHighlightApi();
});

describe('click-to-dial', () => {
  it('marks the numbers of the page without touching its text', async () => {
    buildContactPage();
    const main = document.getElementById('main')!;
    const text = main.firstChild as Text;
    const feature = start();
    await settled(feature);
    expect(feature.marks.size).toBe(5);
    expect(markedTexts()).toEqual([
      '(212) 555-0123',
      '(212) 555-0199',
      '+44 20 7946 0958',
      'Berlin',
      'Paris office',
    ]);
    expect(main.firstChild).toBe(text);
    expect(main.childNodes).toHaveLength(1);
  });

  it('styles the highlight in the document and in open shadow roots', async () => {
    // happy-dom's CSS parser drops ::highlight() rules: check what we hand it instead.
    const replaceSync = vi.spyOn(CSSStyleSheet.prototype, 'replaceSync');
    const { shadowHost } = buildContactPage();
    await settled(start());
    expect(replaceSync.mock.calls[0]?.[0]).toMatch(
      new RegExp(`::highlight\\(${HIGHLIGHT_NAME}\\) \\{[^}]*dotted`),
    );
    expect(document.adoptedStyleSheets).toHaveLength(1);
    expect(shadowHost.shadowRoot!.adoptedStyleSheets).toHaveLength(1);
    controller.abort();
    expect(shadowHost.shadowRoot!.adoptedStyleSheets).toHaveLength(0);
  });

  it('follows new, changed and removed content', async () => {
    buildContactPage();
    const feature = start();
    await settled(feature);
    const added = h('p', {}, 'New lead: 202-555-0199');
    document.body.append(added);
    await settled(feature);
    expect(feature.marks.size).toBe(6);

    (document.getElementById('main')!.firstChild as Text).data = 'Main line moved';
    await settled(feature);
    expect(feature.marks.size).toBe(4);

    added.remove();
    document.getElementById('tel')!.remove();
    await settled(feature);
    expect(feature.marks.size).toBe(2);
    expect(markedTexts()).toEqual(['+44 20 7946 0958', 'Berlin']);
  });

  it('scans a large page over several tasks', async () => {
    for (let i = 0; i < 500; i++)
      document.body.append(h('p', {}, `Row ${i}: call 212-555-${String(1000 + i)}`));
    const feature = start();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(feature.scheduler.busy).toBe(true);
    await vi.waitFor(() => expect(feature.scheduler.busy).toBe(false), {
      timeout: 30_000,
      interval: 20,
    });
    expect(feature.marks.size).toBe(500);
  }, 40_000);

  it('offers no blocked number', async () => {
    document.body.append(h('p', {}, 'Premium 1-900-555-0123, office 212-555-0123'));
    const feature = start({ blockedPrefixes: ['+1900'] });
    await settled(feature);
    expect(markedTexts()).toEqual(['212-555-0123']);
  });

  it('still finds numbers where the Highlight API is missing', async () => {
    removeHighlightApi();
    buildContactPage();
    const feature = start();
    await settled(feature);
    expect(feature.marks.size).toBe(5);
    expect(registry.size).toBe(0);
  });

  it('stops everything when aborted', async () => {
    buildContactPage();
    const feature = start();
    await settled(feature);
    feature.button.show({ e164: '+12125550123' }, new DOMRect(0, 0, 10, 10));
    controller.abort();
    expect(registry.has(HIGHLIGHT_NAME)).toBe(false);
    expect(document.adoptedStyleSheets).toHaveLength(0);
    expect(document.querySelector('switchboard-call-button')).toBeNull();
    expect(feature.marks.size).toBe(0);
    document.body.append(h('p', {}, 'Later: 202-555-0199'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(feature.marks.size).toBe(0);
  });
});
