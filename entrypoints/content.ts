/**
 * Click-to-dial on web pages. Wiring only: the settings decide whether the feature runs here
 * and with what options; `utils/click-to-dial` does the work. Every run gets its own
 * AbortController chained to `ctx.signal`, so a settings change or an extension update stops it
 * completely.
 */
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { initClickToDial, type ClickToDialConfig } from '../utils/click-to-dial';
import type { ContentMessage } from '../utils/messaging';
import { isSiteEnabled } from '../utils/phone/sites';
import type { ResolvedSettings } from '../utils/settings/policy';
import { loadSettings, watchSettings } from '../utils/settings/storage';

export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_idle',
  allFrames: false,
  async main(ctx) {
    let running: { controller: AbortController; key: string } | undefined;
    ctx.onInvalidated(() => running?.controller.abort());

    const apply = (resolved: ResolvedSettings) => {
      if (ctx.isInvalid) return;
      const { enabled, sites, defaultCountry, blockedPrefixes, confirmInternational } =
        resolved.settings.clickToDial;
      const config: ClickToDialConfig = { defaultCountry, blockedPrefixes, confirmInternational };
      const wanted =
        enabled && isSiteEnabled(location.href, sites) ? JSON.stringify(config) : undefined;
      if (running?.key === wanted) return;
      running?.controller.abort();
      running = undefined;
      if (wanted === undefined) return;
      const controller = new AbortController();
      running = { controller, key: wanted };
      initClickToDial(
        config,
        { dial: (message: ContentMessage) => browser.runtime.sendMessage(message) },
        controller.signal,
      );
    };

    let latest = await loadSettings();
    apply(latest);
    watchSettings((resolved) => {
      latest = resolved;
      apply(resolved);
    }, ctx.signal);
    // Single-page apps change the URL without reloading us; an allow-list may name paths.
    ctx.addEventListener(window, 'wxt:locationchange', () => apply(latest));
  },
});
