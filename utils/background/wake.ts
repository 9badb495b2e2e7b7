/**
 * Back within a second after a worker stop (docs/architecture.md "Contexts"). Chrome stops the
 * extension's service worker on updates, crashes, memory pressure or from DevTools, and nothing
 * of ours runs until an event wakes it: the watchdog alarm fires at most every 30 s. While an
 * agent is signed in, the background keeps a hidden offscreen document open that holds a
 * `runtime` port to the worker. A stopped worker closes the port; the document sees the port's
 * `onDisconnect` at once and connects again, and connecting is an event that starts the worker,
 * whose start-up restores the session (app.ts `ready`).
 *
 * Two halves: `createWakeDocument` runs in the worker and opens or closes the document;
 * `watchWorker` runs in the document. Browsers without `chrome.offscreen` (Firefox, whose
 * background is an event page) get no document and keep the watchdog alarm.
 *
 * The document also plays the ring tone (ring.ts): an extension may have only one offscreen
 * document, and this one is open whenever a call can ring. The worker's orders go down the same
 * port (`tell`).
 */
import type { Browser } from 'wxt/browser';

/** The name of the document's port: the worker keeps it open and otherwise ignores it. */
export const WAKE_PORT = 'switchboard-wake';
/** The document's page, built from entrypoints/offscreen/. */
export const WAKE_DOCUMENT_PATH = '/offscreen.html';
/**
 * Chrome asks for a reason from a fixed list, and none of them names "restart the background".
 * WORKERS is the nearest in kind (the document exists for the extension's worker) and Chrome
 * limits its lifetime in no way; the justification says exactly what the document does.
 *
 * The ring tone adds no reason. AUDIO_PLAYBACK is documented to close the document after 30 s
 * without sound, and an agent waits far longer than that between calls; that a second reason
 * keeps it open is Chrome's implementation (a document closes once no reason's rule keeps it),
 * not its documented contract. Chrome ties no API to a reason: Web Audio runs in a WORKERS
 * document (measured on Chromium 156; tests/e2e/ring.spec.ts checks it on every run).
 */
export const WAKE_REASON = 'WORKERS';
export const WAKE_JUSTIFICATION =
  "Restarts Switchboard's background service worker within a second when the browser stops " +
  'it while an agent is signed in, so that an incoming call is not shown late, and plays the ' +
  'ring tone while a call rings. The document holds a runtime port to the worker and an audio ' +
  'output for the ring tone, nothing else.';

/** The part of `chrome.offscreen` the worker uses (Chrome and Edge ≥ 109; not Firefox). */
export interface OffscreenApi {
  createDocument(parameters: {
    url: string;
    reasons: string[];
    justification: string;
  }): Promise<void>;
  closeDocument(): Promise<void>;
}

export interface WakeDocumentDeps {
  /** `chrome.offscreen`, or undefined where the browser has none: then nothing is done. */
  offscreen: OffscreenApi | undefined;
  /** Whether the extension's offscreen document is open (`runtime.getContexts`). */
  documentOpen(): Promise<boolean>;
  /** The document's full URL (`runtime.getURL(WAKE_DOCUMENT_PATH)`). */
  url: string;
  log(message: string, error?: unknown): void;
  /** What the document says back on its port (the ring tone could not play). */
  received?(message: unknown): void;
}

export interface WakeDocument {
  /** Signed in: keep the document open; signed out: close it. */
  setWanted(wanted: boolean): void;
  /** Open or close the document as wanted (the watchdog alarm calls it too). */
  sync(): Promise<void>;
  /** A port reached the worker's `onConnect`: true when it was the document's, now kept. */
  attach(port: Browser.runtime.Port): boolean;
  /**
   * Tell the document what to do now (ring.ts `RingOrder`): sent at once, and again to a
   * document that connects later, since a reopened document starts knowing nothing.
   */
  tell(message: unknown): void;
}

export function createWakeDocument(deps: WakeDocumentDeps): WakeDocument {
  const { offscreen } = deps;
  let wanted = false;
  // Chrome allows one offscreen document per extension, and createDocument rejects while one is
  // open: every open and close runs in this chain, after the one before.
  let chain: Promise<void> = Promise.resolve();
  const ports = new Set<Browser.runtime.Port>();
  let orders: unknown;

  function post(port: Browser.runtime.Port, message: unknown): void {
    try {
      port.postMessage(message);
    } catch (error) {
      // The document went away meanwhile: its onDisconnect opens another, which gets `orders`.
      deps.log('could not reach the offscreen document', error);
    }
  }

  async function reconcile(): Promise<void> {
    if (!offscreen) return;
    const open = await deps.documentOpen();
    if (wanted && !open) {
      await offscreen.createDocument({
        url: deps.url,
        reasons: [WAKE_REASON],
        justification: WAKE_JUSTIFICATION,
      });
    } else if (!wanted && open) {
      await offscreen.closeDocument();
    }
  }

  function sync(): Promise<void> {
    chain = chain
      .then(reconcile)
      .catch((error: unknown) => deps.log('offscreen document not updated', error));
    return chain;
  }

  return {
    setWanted(next) {
      if (next === wanted) return;
      wanted = next;
      void sync();
    },
    sync,
    attach(port) {
      if (port.name !== WAKE_PORT) return false;
      // Only our own document, never a content script in a tab, holds this port.
      if (!offscreen || port.sender?.tab || port.sender?.url !== deps.url) {
        port.disconnect();
        return true;
      }
      // Kept so that it stays open; it closes when the document does (closed by us, or by the
      // browser): then open a new one if it is still wanted.
      ports.add(port);
      port.onDisconnect.addListener(() => {
        ports.delete(port);
        void sync();
      });
      port.onMessage.addListener((message: unknown) => deps.received?.(message));
      if (orders !== undefined) post(port, orders);
      return true;
    },
    tell(message) {
      orders = message;
      for (const port of ports) post(port, message);
    },
  };
}

/** The part of a `runtime.Port` the document uses. */
export interface WakePort {
  onDisconnect: { addListener(listener: () => void): void };
}

export interface WatchWorkerDeps {
  /** `runtime.connect({ name: WAKE_PORT })`: connecting starts a stopped worker. */
  connect(): WakePort;
  now(): number;
  setTimeout(callback: () => void, ms: number): void;
  log(message: string, error?: unknown): void;
}

/** A port that lived at least this long ended with a worker that was up. */
export const WAKE_STABLE_MS = 5_000;
/**
 * A worker that drops the port sooner, again and again, is failing to start: after the first
 * immediate retry, wait this long, doubling up to the maximum (the watchdog's own 30 s).
 */
export const WAKE_RETRY_MS = 1_000;
export const WAKE_RETRY_MAX_MS = 30_000;

/**
 * Runs in the offscreen document: hold a port to the worker, and when the worker stops (the port
 * disconnects) connect again at once, which starts it. A second stop soon after a restart is
 * retried at once too; only a worker that keeps dropping the port quickly is retried with a
 * doubling delay, never in a tight loop.
 */
export function watchWorker(deps: WatchWorkerDeps): void {
  /** Quick drops in a row: ports that closed before WAKE_STABLE_MS, or connects that threw. */
  let quick = 0;

  function open(): void {
    const since = deps.now();
    let port: WakePort;
    try {
      port = deps.connect();
    } catch (error) {
      deps.log('could not reach the background', error);
      again(false);
      return;
    }
    port.onDisconnect.addListener(() => again(deps.now() - since >= WAKE_STABLE_MS));
  }

  function again(stable: boolean): void {
    if (stable) quick = 0;
    const delay = quick === 0 ? 0 : Math.min(WAKE_RETRY_MS * 2 ** (quick - 1), WAKE_RETRY_MAX_MS);
    quick++;
    if (delay === 0) open();
    else deps.setTimeout(open, delay);
  }

  open();
}
