// @vitest-environment happy-dom
/**
 * The content script's wiring (entrypoints/content.ts): the published ContentConfig turns the
 * feature on and off live, the site list and the page's opt-out are honoured, SPA navigations
 * rescan, the background's tab messages get their answers, and ctx invalidation stops it all.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import contentScript from '../../entrypoints/content';
import { h } from '../../tests/fixtures/phone/dom';
import type { ContentConfig } from '../settings/content-config';
import { HIGHLIGHT_NAME } from './highlight';
import type { ClickToDial } from './index';

// Every feature the script starts, to look at what the page cannot see.
const started = vi.hoisted(() => [] as ClickToDial[]);
vi.mock('./index', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./index')>();
  return {
    ...actual,
    initClickToDial: (...args: Parameters<typeof actual.initClickToDial>) => {
      const feature = actual.initClickToDial(...args);
      started.push(feature);
      return feature;
    },
  };
});

const registry = new Map<string, Set<Range>>();
const view = document.defaultView as unknown as { Highlight?: unknown; CSS?: unknown };
let ctx: ContentScriptContext | undefined;

type ClickToDialPatch = Partial<ContentConfig['clickToDial']>;

function config(click: ClickToDialPatch = {}): ContentConfig {
  return {
    version: 1,
    clickToDial: {
      enabled: true,
      defaultCountry: 'US',
      sites: { mode: 'all', patterns: [] },
      blockedPrefixes: [],
      confirmInternational: false,
      telLinks: false,
      ...click,
    },
    portal: { origin: '' },
  };
}

/** What the background answers `content/config` with; undefined: it has nothing yet. */
let published: unknown;

/** The background's answer to the content script's messages (`content/config`, else ok). */
async function background(message: unknown): Promise<unknown> {
  const type = (message as { type?: unknown }).type;
  if (type !== 'content/config') return { ok: true };
  return published === undefined
    ? { ok: false, error: 'Not ready' }
    : { ok: true, value: published };
}

/** The background publishes `value`: the answer to `content/config`, and `tab/config` to frames. */
async function publish(value: unknown): Promise<void> {
  published = value;
  if (ctx) await fakeBrowser.runtime.onMessage.trigger({ type: 'tab/config', config: value }, {});
}

/** Starts the script, after publishing `value` unless it is 'unpublished'. */
async function run(value: unknown = config()): Promise<void> {
  if (value !== 'unpublished') await publish(value);
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation(background);
  ctx = new ContentScriptContext('content');
  await contentScript.main(ctx);
}

const marked = () => [...(registry.get(HIGHLIGHT_NAME) ?? [])].map((range) => range.toString());
const isOn = () => registry.has(HIGHLIGHT_NAME);
/** Long enough for the config read, the idle start and a scan; only used to show nothing came. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 100));
const tabMessage = async (message: unknown) =>
  (await fakeBrowser.runtime.onMessage.trigger(message, {})).filter((r) => r !== undefined);

beforeEach(() => {
  view.Highlight = class extends Set<Range> {};
  Object.defineProperty(view, 'CSS', { value: { highlights: registry }, configurable: true });
  registry.clear();
  started.length = 0;
  document.body.append(h('p', {}, 'Call 212-555-0123'));
});
afterEach(() => {
  ctx?.abort();
  ctx = undefined;
  published = undefined;
  document.body.replaceChildren();
  document.body.removeAttribute('data-switchboard-off');
  document.documentElement.removeAttribute('data-switchboard-off');
  document.getSelection()?.removeAllRanges();
  delete view.Highlight;
  delete view.CSS;
});

describe('content script', () => {
  it('declares one script for every frame, from document start', () => {
    expect(contentScript).toMatchObject({
      matches: ['<all_urls>'],
      runAt: 'document_start',
      allFrames: true,
      matchAboutBlank: true,
      matchOriginAsFallback: { chrome: true, edge: true },
    });
  });

  it('marks numbers with the published settings', async () => {
    await run();
    await vi.waitFor(() => expect(marked()).toEqual(['212-555-0123']));
  });

  it('stays off until the background publishes its settings, then starts', async () => {
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => {});
    await run('unpublished');
    await settle();
    expect(isOn()).toBe(false);
    expect(debug).toHaveBeenCalledWith(expect.stringContaining('not published yet'));
    await publish(config());
    await vi.waitFor(() => expect(marked()).toEqual(['212-555-0123']));
  });

  it('takes its settings from the background alone, never from storage', async () => {
    vi.spyOn(console, 'debug').mockImplementation(() => {});
    // What another frame's content script could write where Switchboard 0.3 published them.
    await fakeBrowser.storage.local.set({ 'switchboard.contentConfig': config() });
    await run('unpublished');
    await settle();
    expect(isOn()).toBe(false);
    expect(browser.runtime.sendMessage).toHaveBeenCalledWith({ type: 'content/config' });
    await publish(config());
    await vi.waitFor(() => expect(marked()).toEqual(['212-555-0123']));
  });

  it('stays off, and says why, with settings it cannot read', async () => {
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => {});
    await run({ ...config(), version: 2 });
    await settle();
    expect(isOn()).toBe(false);
    expect(debug).toHaveBeenCalledWith(expect.stringContaining('unknown version 2'));
  });

  it('follows the settings live', async () => {
    await run();
    await vi.waitFor(() => expect(marked()).toHaveLength(1));
    await publish(config({ enabled: false }));
    await vi.waitFor(() => expect(isOn()).toBe(false));
    await publish(config({ defaultCountry: 'FR' }));
    document.body.append(h('p', {}, 'Tél. 01 23 45 67 89'));
    await vi.waitFor(() => expect(marked()).toContain('01 23 45 67 89'));
    // A broken update turns it off rather than keeping stale rules.
    vi.spyOn(console, 'debug').mockImplementation(() => {});
    await publish({ version: 1 });
    await vi.waitFor(() => expect(isOn()).toBe(false));
  });

  it('stays off on a site outside the allow-list', async () => {
    await run(config({ sites: { mode: 'allow', patterns: ['crm.example.com'] } }));
    await settle();
    expect(isOn()).toBe(false);
  });

  it('does nothing on a page that opts out, and stops when it opts out later', async () => {
    document.body.setAttribute('data-switchboard-off', '');
    await run();
    await settle();
    expect(isOn()).toBe(false);
    expect(started).toHaveLength(0);

    document.body.removeAttribute('data-switchboard-off');
    await vi.waitFor(() => expect(marked()).toHaveLength(1));
    document.documentElement.setAttribute('data-switchboard-off', 'true');
    await vi.waitFor(() => expect(isOn()).toBe(false));
  });

  it('rescans after a single-page-app navigation, and re-checks the site rules', async () => {
    const sites = { mode: 'allow' as const, patterns: ['localhost:3000/app/*'] };
    history.replaceState(null, '', '/app/1');
    await run(config({ sites }));
    await vi.waitFor(() => expect(started).toHaveLength(1));
    const rescan = vi.spyOn(started[0]!, 'rescan');
    history.pushState(null, '', '/app/2');
    // WXT notices the new URL with the Navigation API or, here, by polling every second.
    await vi.waitFor(() => expect(rescan).toHaveBeenCalledTimes(1), { timeout: 20_000 });
    await vi.waitFor(() => expect(started[0]!.scheduler.busy).toBe(false));
    expect(marked()).toEqual(['212-555-0123']);
    history.pushState(null, '', '/settings');
    await vi.waitFor(() => expect(isOn()).toBe(false), { timeout: 20_000 });
    history.replaceState(null, '', '/');
  });

  it('sends the dial request to the background on a trusted click', async () => {
    const attachShadow = vi.spyOn(Element.prototype, 'attachShadow');
    vi.spyOn(Range.prototype, 'getClientRects').mockReturnValue([
      new DOMRect(0, 0, 100, 20),
    ] as unknown as DOMRectList);
    await run();
    const sendMessage = vi.mocked(browser.runtime.sendMessage);
    await vi.waitFor(() => expect(marked()).toHaveLength(1));
    const paragraph = document.querySelector('p')!;
    const move = new PointerEvent('pointermove', { clientX: 10, clientY: 10, bubbles: true });
    // The agent's pointer: the hover logic ignores pointer events a page dispatches.
    Object.defineProperty(move, 'isTrusted', { value: true });
    paragraph.dispatchEvent(move);
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
    expect(isOn()).toBe(false);
    expect(await tabMessage({ type: 'tab/selection' })).toEqual([]);
  });
});

describe('tab messages', () => {
  function select(node: Node): void {
    const range = document.createRange();
    range.selectNodeContents(node);
    document.getSelection()!.removeAllRanges();
    document.getSelection()!.addRange(range);
  }

  it('answer tab/selection with the selected text, and stay silent without one', async () => {
    await run();
    await vi.waitFor(() => expect(started).toHaveLength(1));
    expect(await tabMessage({ type: 'tab/selection' })).toEqual([]);
    select(document.querySelector('p')!);
    expect(await tabMessage({ type: 'tab/selection' })).toEqual([{ text: 'Call 212-555-0123' }]);
  });

  it('keep a selection in an opted-out part or a whole page to themselves', async () => {
    await run();
    await vi.waitFor(() => expect(started).toHaveLength(1));
    const secret = h('p', { 'data-switchboard-off': '' }, 'Private line 212-555-0199');
    document.body.append(secret);
    select(secret);
    expect(await tabMessage({ type: 'tab/selection' })).toEqual([]);
    select(h('p', {}, 'x'.repeat(300)));
    expect(await tabMessage({ type: 'tab/selection' })).toEqual([]);
  });

  it('ignore anything that is not a tab message', async () => {
    await run();
    await vi.waitFor(() => expect(started).toHaveLength(1));
    select(document.querySelector('p')!);
    for (const message of [
      'tab/selection',
      { type: 'tab/confirmDial', e164: '0123' },
      { type: 'content/dial', e164: '+12125550123' },
    ]) {
      expect(await tabMessage(message)).toEqual([]);
    }
  });
});
