// @vitest-environment happy-dom
/**
 * The content script's wiring (entrypoints/content.ts): settings turn the feature on and off
 * live, the site list is honoured, and ctx invalidation stops everything.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import contentScript from '../../entrypoints/content';
import { h } from '../../tests/fixtures/phone/dom';
import { USER_SETTINGS_KEY } from '../settings/storage';
import { HIGHLIGHT_NAME } from './highlight';

const registry = new Map<string, Set<Range>>();
const view = document.defaultView as unknown as { Highlight?: unknown; CSS?: unknown };
let ctx: ContentScriptContext | undefined;

async function run(settings?: Record<string, unknown>): Promise<void> {
  if (settings) await fakeBrowser.storage.local.set({ [USER_SETTINGS_KEY]: settings });
  ctx = new ContentScriptContext('content');
  await contentScript.main(ctx);
}

const marked = () => [...(registry.get(HIGHLIGHT_NAME) ?? [])].map((range) => range.toString());

beforeEach(() => {
  view.Highlight = class extends Set<Range> {};
  Object.defineProperty(view, 'CSS', { value: { highlights: registry }, configurable: true });
  registry.clear();
  document.body.append(h('p', {}, 'Call 212-555-0123'));
});
afterEach(() => {
  ctx?.abort();
  ctx = undefined;
  document.body.replaceChildren();
  delete view.Highlight;
  delete view.CSS;
});

describe('content script', () => {
  it('declares where it runs', () => {
    expect(contentScript).toMatchObject({
      matches: ['<all_urls>'],
      runAt: 'document_idle',
      allFrames: false,
    });
  });

  it('marks numbers with the default settings', async () => {
    await run();
    await vi.waitFor(() => expect(marked()).toEqual(['212-555-0123']));
  });

  it('follows the settings live', async () => {
    await run();
    await vi.waitFor(() => expect(marked()).toHaveLength(1));
    await fakeBrowser.storage.local.set({
      [USER_SETTINGS_KEY]: { clickToDial: { enabled: false } },
    });
    await vi.waitFor(() => expect(registry.has(HIGHLIGHT_NAME)).toBe(false));
    await fakeBrowser.storage.local.set({
      [USER_SETTINGS_KEY]: { clickToDial: { enabled: true, defaultCountry: 'FR' } },
    });
    document.body.append(h('p', {}, 'Tél. 01 23 45 67 89'));
    await vi.waitFor(() => expect(marked()).toContain('01 23 45 67 89'));
  });

  it('stays off on a site outside the allow-list', async () => {
    await run({ clickToDial: { sites: { mode: 'allow', patterns: ['crm.example.com'] } } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(registry.has(HIGHLIGHT_NAME)).toBe(false);
  });

  it('sends the dial request to the background on a trusted click', async () => {
    const attachShadow = vi.spyOn(Element.prototype, 'attachShadow');
    const sendMessage = vi
      .spyOn(browser.runtime, 'sendMessage')
      .mockImplementation(async () => ({ ok: true }));
    vi.spyOn(Range.prototype, 'getClientRects').mockReturnValue([
      new DOMRect(0, 0, 100, 20),
    ] as unknown as DOMRectList);
    await run();
    await vi.waitFor(() => expect(marked()).toHaveLength(1));
    const paragraph = document.querySelector('p')!;
    paragraph.dispatchEvent(
      new PointerEvent('pointermove', { clientX: 10, clientY: 10, bubbles: true }),
    );
    await vi.waitFor(() =>
      expect(document.querySelector('switchboard-call-button')).not.toBeNull(),
    );
    const shadow = attachShadow.mock.results.at(-1)!.value as ShadowRoot;
    const click = new MouseEvent('click', { bubbles: true, composed: true });
    Object.defineProperty(click, 'isTrusted', { value: true });
    shadow.querySelector('button')!.dispatchEvent(click);
    expect(sendMessage).toHaveBeenCalledWith({ type: 'content/dial', e164: '+12125550123' });
  });

  it('leaves nothing behind when the extension context goes away', async () => {
    await run();
    await vi.waitFor(() => expect(marked()).toHaveLength(1));
    ctx!.abort();
    expect(registry.has(HIGHLIGHT_NAME)).toBe(false);
  });
});
