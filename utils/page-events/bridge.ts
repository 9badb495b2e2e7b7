/**
 * Bridge for the events a vendor's own web page posts (`VendorDescriptor.pageEvents`: uContact's
 * agent portal, vendors/README.md §4.4). Content scripts have static `matches` and the page's
 * origin is a setting, so the content script runs this in every top frame and it does nothing
 * unless the page is on the published origin. It forwards only messages from that same origin
 * that the published rules call events; the background checks the sender's tab and frame again,
 * the adapter parses the payload with its zod schema, and nothing here can start a command. The
 * check is name-based and zod-free on purpose: this code ships in every page.
 */
import { isPageEvent } from '../cti/vendor';
import type { ContentMessage } from '../message-checks';
import type { ContentConfig } from '../settings/content-config';

export interface PageEventBridgeOptions {
  /** The top frame's window: the vendor's page, when this page is that page. */
  win: Window;
  signal: AbortSignal;
  send(message: ContentMessage): Promise<unknown>;
}

export interface PageEventBridge {
  /**
   * The published page (`ContentConfig.portal`; origin '' for none). Events that came before the
   * first call are replayed then: the page may post before the config is read.
   */
  configure(portal: ContentConfig['portal']): void;
}

// A vendor page posts a handful of messages at start; a page that floods us before the config is
// read must not grow the buffer without end.
const MAX_EARLY = 100;

export function createPageEventBridge({
  win,
  signal,
  send,
}: PageEventBridgeOptions): PageEventBridge {
  let early: MessageEvent[] | undefined = [];
  let origin = '';
  let rules: NonNullable<ContentConfig['portal']['events']> = [];

  const forward = (event: MessageEvent) => {
    if (!origin || event.origin !== origin || !isPageEvent(rules, event.data)) return;
    void send({ type: 'content/portalEvent', payload: event.data }).catch(() => undefined);
  };

  win.addEventListener(
    'message',
    (event) => {
      if (!early) forward(event);
      else if (early.length < MAX_EARLY) early.push(event);
    },
    { signal },
  );
  signal.addEventListener('abort', () => {
    early = undefined;
    origin = '';
  });

  return {
    configure(portal) {
      if (signal.aborted) return;
      const here = portal.origin !== '' && portal.origin === win.location.origin;
      origin = here ? portal.origin : '';
      rules = here ? (portal.events ?? []) : [];
      const replay = early;
      early = undefined;
      for (const event of replay ?? []) forward(event);
    },
  };
}
