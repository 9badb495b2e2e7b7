/**
 * The one interface through which views act (PRACTICES.md habit 5, after Dark Reader's
 * `src/ui/connect/`): a view renders the `PanelState` it is given and sends `PanelMessage`s.
 * The runtime connector talks to the background; tests use a mock connector
 * (tests/support/mock-connector.ts).
 */
import { browser, type Browser } from 'wxt/browser';
import {
  isReply,
  isStatePush,
  PANEL_PORT,
  type PanelMessage,
  type PanelState,
  type Reply,
} from '../messaging';
import { t } from '../i18n/runtime';

export interface PanelConnector {
  /** Calls `cb` with every new state (at once with the latest one, if known). */
  subscribe(cb: (state: PanelState) => void): () => void;
  /** Never rejects: transport failures come back as `{ ok: false }`. */
  send<T = undefined>(msg: PanelMessage): Promise<Reply<T>>;
}

const errorText = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/** Delays before reopening the port: short at first because a worker restart is quick. */
const RECONNECT_MIN_MS = 250;
const RECONNECT_MAX_MS = 10_000;
const STATE_RETRY_MS = 1_000;

export interface RuntimeConnector extends PanelConnector {
  /** Stop listening and stop reconnecting (the page is closing). */
  close(): void;
}

/**
 * Connects to the background. The port opens with the first subscriber; when it drops (Chrome
 * stopped the service worker, or the worker restarted), it is reopened with backoff and the
 * state is asked for again, because pushes sent while we were disconnected are lost.
 */
export function createRuntimeConnector(): RuntimeConnector {
  const listeners = new Set<(state: PanelState) => void>();
  let latest: PanelState | undefined;
  let port: Browser.runtime.Port | undefined;
  let closed = false;
  let retryDelay = RECONNECT_MIN_MS;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  // Counts pushes so that a getState answer older than a push cannot overwrite it.
  let pushes = 0;

  const emit = (state: PanelState) => {
    latest = state;
    for (const cb of listeners) cb(state);
  };

  async function send<T>(msg: PanelMessage): Promise<Reply<T>> {
    try {
      const answer: unknown = await browser.runtime.sendMessage(msg);
      if (isReply(answer)) return answer as Reply<T>;
      return { ok: false, error: t('connector.noAnswer') };
    } catch (error) {
      return { ok: false, error: errorText(error) };
    }
  }

  async function refresh(): Promise<void> {
    const before = pushes;
    const reply = await send<PanelState>({ type: 'panel/getState' });
    if (closed) return;
    if (reply.ok && pushes === before) emit(reply.value);
    // Without a first state the view can only say "Loading…": keep asking (a worker that is
    // still starting answers "Receiving end does not exist").
    if (!reply.ok && latest === undefined && refreshTimer === undefined) {
      refreshTimer = setTimeout(() => {
        refreshTimer = undefined;
        void refresh();
      }, STATE_RETRY_MS);
    }
  }

  function scheduleReconnect() {
    if (closed || retryTimer !== undefined) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      open();
    }, retryDelay);
    retryDelay = Math.min(retryDelay * 2, RECONNECT_MAX_MS);
  }

  function open() {
    if (closed || port) return;
    try {
      port = browser.runtime.connect({ name: PANEL_PORT });
    } catch {
      // The extension context is gone (updated or reloaded): nothing left to connect to.
      return;
    }
    port.onMessage.addListener((msg: unknown) => {
      if (!isStatePush(msg)) return;
      pushes++;
      retryDelay = RECONNECT_MIN_MS;
      emit(msg.state);
    });
    port.onDisconnect.addListener(() => {
      // Reading lastError keeps Chrome from logging "Unchecked runtime.lastError".
      void browser.runtime.lastError;
      port = undefined;
      scheduleReconnect();
    });
    void refresh();
  }

  return {
    subscribe(cb) {
      listeners.add(cb);
      if (latest) cb(latest);
      open();
      return () => {
        listeners.delete(cb);
      };
    },
    send,
    close() {
      closed = true;
      clearTimeout(retryTimer);
      clearTimeout(refreshTimer);
      port?.disconnect();
      port = undefined;
      listeners.clear();
    },
  };
}
