/**
 * Bridge for the uContact agent portal's postMessage events (vendors/README.md §4.4). Content
 * scripts have static `matches` and the portal's origin is a setting, so the content script runs
 * this in every top frame and it does nothing unless the page is the configured portal origin.
 * It forwards only frames that look like portal events, from that same origin; the background
 * checks the sender's tab and frame again, parses the payload with the adapter's zod schema, and
 * never turns one into a command. The shape check is name-based and zod-free on purpose: this
 * code ships in every page.
 */
import { looksLikePortalEvent } from '../cti/vendors/ucontact/portal-events';
import type { ContentMessage } from '../messaging';

export interface PortalBridgeOptions {
  /** The top frame's window: the portal page, when this page is the portal. */
  win: Window;
  signal: AbortSignal;
  send(message: ContentMessage): Promise<unknown>;
}

export interface PortalBridge {
  /**
   * The published `portal.origin` ('' for none). Events that came before the first call are
   * replayed then: the softphone frame may post before the config is read.
   */
  configure(portalOrigin: string): void;
}

// The softphone posts a handful of frames at start; a page that floods us before the config is
// read must not grow the buffer without end.
const MAX_EARLY = 100;

export function createPortalBridge({ win, signal, send }: PortalBridgeOptions): PortalBridge {
  let early: MessageEvent[] | undefined = [];
  let portal = '';

  const forward = (event: MessageEvent) => {
    if (!portal || event.origin !== portal || !looksLikePortalEvent(event.data)) return;
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
    portal = '';
  });

  return {
    configure(portalOrigin) {
      if (signal.aborted) return;
      portal = portalOrigin !== '' && portalOrigin === win.location.origin ? portalOrigin : '';
      const replay = early;
      early = undefined;
      for (const event of replay ?? []) forward(event);
    },
  };
}
