/**
 * The one content script, in every frame of every page. Wiring only: it follows the settings the
 * background sends content scripts by message (`ContentConfig`, never the zod schema: this code
 * is parsed in every frame; never from storage, which content scripts can write), runs click-to-dial in this frame where they say so, answers the
 * background's tab messages, and in top frames bridges the events of the vendor's own web page.
 *
 * It starts at document_start so that the page-event bridge hears a softphone's first messages;
 * click-to-dial waits for the DOM and an idle moment. Everything stops with `ctx` when the
 * extension is updated or removed.
 */
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { createInFrame } from '../utils/click-to-dial/in-frame';
import { followPublishedConfig } from '../utils/click-to-dial/published-config';
import { createTimers } from '../utils/click-to-dial/timers';
import { isTabMessage } from '../utils/messaging';
import type { ContentMessage } from '../utils/message-checks';
import { createPageEventBridge } from '../utils/page-events/bridge';

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
    // Listen at once: the softphone frame may post before the config is read.
    const bridge =
      window === window.top
        ? createPageEventBridge({ win: window, signal: ctx.signal, send })
        : undefined;
    const frame = createInFrame({ win: window, send, signal: ctx.signal });

    const published = followPublishedConfig(
      () => send({ type: 'content/config' }),
      ctx.signal,
      (config) => {
        bridge?.configure(config?.portal ?? { origin: '' });
        frame.configure(config);
      },
    );

    // Only this extension's background sends to content scripts (tabs.sendMessage).
    const onMessage = (message: unknown) => {
      if (isTabMessage(message) && message.type === 'tab/config') {
        published.pushed(message.config);
        return undefined;
      }
      return frame.answer(message);
    };
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));

    const timers = createTimers(ctx.signal, window);
    const start = () => timers.idle(() => frame.domReady(), START_TIMEOUT_MS);
    if (document.readyState === 'loading') {
      ctx.addEventListener(document, 'DOMContentLoaded', start, { once: true });
    } else {
      start();
    }
    // Single-page apps change the URL without reloading us.
    ctx.addEventListener(window, 'wxt:locationchange', () => frame.locationChanged());
  },
});
