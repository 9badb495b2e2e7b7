/**
 * The one content script, in every frame of every page. Wiring only: it reads the settings the
 * background publishes for content scripts (`ContentConfig`, never the zod schema: this code is
 * parsed in every frame), runs click-to-dial where they say so, answers the background's tab
 * messages, and in top frames bridges the events of the vendor's own web page.
 *
 * It starts at document_start so that the page-event bridge hears a softphone's first messages;
 * click-to-dial waits for the DOM and an idle moment. Every run of click-to-dial gets its own
 * AbortController, aborted when the settings, the site rules or the page's opt-out turn it off,
 * and by `ctx` when the extension is updated or removed.
 */
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { initClickToDial, type ClickToDial, type ClickToDialConfig } from '../utils/click-to-dial';
import { dialSiteOf, selectedText } from '../utils/click-to-dial/frame';
import { retainHighlightStyle } from '../utils/click-to-dial/highlight';
import { pageOptedOut, watchPageOptOut } from '../utils/phone/opt-out';
import { createTimers } from '../utils/click-to-dial/timers';
import {
  isTabMessage,
  type ConfirmShown,
  type ContentMessage,
  type TabSelection,
} from '../utils/messaging';
import { createPageEventBridge } from '../utils/page-events/bridge';
import { siteRefusal } from '../utils/phone/dial-policy';
import { parseContentConfig, type ContentConfig } from '../utils/settings/content-config';
import { STORAGE } from '../utils/storage/registry';

const CONFIG_KEY = STORAGE.local.contentConfig.key;
// document_idle's own latest moment; an idle callback usually comes much sooner.
const START_TIMEOUT_MS = 1_000;

export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_start',
  allFrames: true,
  // Same-origin about:blank, srcdoc and blob: frames are part of the page (CRMs render into them).
  matchAboutBlank: true,
  matchOriginAsFallback: { chrome: true, edge: true },
  main(ctx) {
    const send = (message: ContentMessage) => browser.runtime.sendMessage(message);
    const isTop = window === window.top;
    // Listen at once: the softphone frame may post before the config is read.
    const bridge = isTop
      ? createPageEventBridge({ win: window, signal: ctx.signal, send })
      : undefined;

    let config: ContentConfig | undefined;
    let domReady = false;
    let running: { controller: AbortController; key: string; feature: ClickToDial } | undefined;
    ctx.onInvalidated(() => running?.controller.abort());

    /** What click-to-dial should run with here and now; undefined: it should not run. */
    const wanted = (): ClickToDialConfig | undefined => {
      const click = config?.clickToDial;
      if (!domReady || !click || pageOptedOut(document)) return undefined;
      if (siteRefusal(click, dialSiteOf(window))) return undefined;
      const { defaultCountry, blockedPrefixes, confirmInternational, telLinks } = click;
      return { defaultCountry, blockedPrefixes, confirmInternational, telLinks };
    };

    // The highlight rule goes in as soon as the settings say click-to-dial runs here, usually
    // before the page has rendered much: added to a finished page it restyles every element.
    let style: (() => void) | undefined;
    const holdStyle = () => {
      const click = config?.clickToDial;
      const early = !!click && !pageOptedOut(document) && !siteRefusal(click, dialSiteOf(window));
      if (early && !style) style = retainHighlightStyle(document, window);
      if (!early && style) {
        style();
        style = undefined;
      }
    };
    ctx.onInvalidated(() => style?.());

    const apply = () => {
      if (ctx.isInvalid) return;
      holdStyle();
      const next = wanted();
      const key = next && JSON.stringify(next);
      if (running?.key === key) return;
      running?.controller.abort();
      running = undefined;
      if (!next || !key) return;
      const controller = new AbortController();
      running = {
        controller,
        key,
        feature: initClickToDial(next, { dial: send }, controller.signal),
      };
    };

    const setConfig = (value: unknown) => {
      const parsed = parseContentConfig(value);
      if (!parsed.ok) console.debug(`Switchboard is off in this frame: settings ${parsed.reason}`);
      config = parsed.ok ? parsed.config : undefined;
      bridge?.configure(config?.portal ?? { origin: '' });
      apply();
    };

    // A change that lands while the first read is under way is newer than what that read returns.
    let changed = false;
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area !== 'local' || !(CONFIG_KEY in changes) || ctx.isInvalid) return;
      changed = true;
      setConfig(changes[CONFIG_KEY]?.newValue);
    };
    browser.storage.onChanged.addListener(onChanged);
    ctx.onInvalidated(() => browser.storage.onChanged.removeListener(onChanged));
    browser.storage.local.get(CONFIG_KEY).then(
      (stored) => {
        if (!changed && ctx.isValid) setConfig(stored[CONFIG_KEY]);
      },
      (error: unknown) => console.debug('Switchboard could not read its settings', error),
    );

    // Background → this tab: only this extension can send these, after a trusted gesture the
    // browser itself reported (messaging.ts). Frames with nothing to say do not answer.
    const onMessage = (message: unknown): Promise<TabSelection | ConfirmShown> | undefined => {
      if (!isTabMessage(message) || ctx.isInvalid) return undefined;
      if (message.type === 'tab/selection') {
        const text = running ? selectedText(document) : '';
        return text ? Promise.resolve({ text }) : undefined;
      }
      if (!isTop) return undefined;
      const { e164, extension } = message;
      const target = extension ? { e164, extension } : { e164 };
      return Promise.resolve({ shown: running?.feature.confirm(target) ?? false });
    };
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));

    const timers = createTimers(ctx.signal, window);
    const start = () =>
      timers.idle(() => {
        domReady = true;
        watchPageOptOut(document, ctx.signal, apply);
        apply();
      }, START_TIMEOUT_MS);
    if (document.readyState === 'loading') {
      ctx.addEventListener(document, 'DOMContentLoaded', start, { once: true });
    } else {
      start();
    }

    // Single-page apps change the URL without reloading us: the site rules may say otherwise
    // now (an allow-list may name paths), and the old view's marks belong to nodes being replaced.
    ctx.addEventListener(window, 'wxt:locationchange', () => {
      const before = running;
      apply();
      if (running && running === before) running.feature.rescan();
    });
  },
});
