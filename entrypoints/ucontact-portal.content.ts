/**
 * Bridge for the uContact agent portal's postMessage events (vendors/README.md §4.4). WXT
 * content scripts have static `matches` and the portal's origin is a setting, so this runs
 * everywhere and does nothing unless uContact is the vendor and this page is the configured
 * portal origin. It forwards only the documented frames, validated, from that same origin; the
 * background checks the sender's tab again and never turns them into commands.
 */
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { looksLikePortalEvent, PortalMessage } from '../utils/cti/vendors/ucontact/wire';
import type { ContentMessage } from '../utils/messaging';
import type { ResolvedSettings } from '../utils/settings/policy';
import { loadSettings, watchSettings } from '../utils/settings/storage';

/** `https://host[:port]` of the setting, '' when it is not an http(s) URL. */
function originOf(setting: string): string {
  try {
    const url = new URL(setting.trim());
    return /^https?:$/.test(url.protocol) ? url.origin : '';
  } catch {
    return '';
  }
}

export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_start',
  allFrames: false,
  async main(ctx) {
    // Listen at once: the softphone frame may post before the settings are read.
    const early: MessageEvent[] = [];
    let portal: string | undefined = undefined;
    const forward = (event: MessageEvent) => {
      if (!portal || event.origin !== portal || !looksLikePortalEvent(event.data)) return;
      const parsed = PortalMessage.safeParse(event.data);
      if (!parsed.success) return;
      const message: ContentMessage = {
        type: 'content/portalEvent',
        payload: event.data as Record<string, unknown>,
      };
      void browser.runtime.sendMessage(message).catch(() => undefined);
    };
    ctx.addEventListener(window, 'message', (event) => {
      if (portal === undefined) early.push(event);
      else forward(event);
    });
    const decide = ({ settings }: ResolvedSettings) => {
      const wanted = originOf(settings.connection.ucontact.portalOrigin);
      portal = settings.vendor === 'ucontact' && wanted === location.origin ? wanted : '';
    };
    decide(await loadSettings());
    for (const event of early.splice(0)) forward(event);
    watchSettings(decide, ctx.signal);
  },
});
