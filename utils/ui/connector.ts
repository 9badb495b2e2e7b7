/**
 * The one interface through which views act (PRACTICES.md habit 5, after Dark Reader's
 * `src/ui/connect/`): a view renders the `PanelState` it is given and sends `PanelMessage`s.
 * The runtime connector talks to the background; tests use a mock connector
 * (tests/support/mock-connector.ts).
 */
import { browser, type Browser } from 'wxt/browser';
import {
  isPanelSnapshot,
  isReply,
  isStatePush,
  PANEL_PORT,
  type PanelSnapshot,
  type PanelState,
  type Reply,
} from '../messaging';
import type { PanelMessage } from '../message-checks';
import { t } from '../i18n/runtime';
import { STORAGE } from '../storage/registry';

/**
 * Where a state comes from: the background (`live`), or, until the background answers, the
 * snapshot it keeps (`snapshot`: the last state it showed; `provisional`: the sign-in form its
 * start-up guessed before the admin's policy could be read). Views disable every control for a
 * state that is not live.
 */
export type StateSource = 'live' | 'snapshot' | 'provisional';

export interface PanelConnector {
  /**
   * Calls `cb` with every new state (at once with the latest one, if known). `source` absent:
   * `live`.
   */
  subscribe(cb: (state: PanelState, source?: StateSource) => void): () => void;
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

const SNAPSHOT_KEY = STORAGE.session.panelSnapshot.key;

/**
 * Calls `found` with the snapshot in `storage.session` now and with every one written later,
 * until the returned function is called. Extension pages may read that area (TRUSTED_CONTEXTS).
 */
function watchSnapshot(found: (snapshot: PanelSnapshot) => void): () => void {
  const offer = (value: unknown) => {
    if (isPanelSnapshot(value)) found(value);
  };
  const onChanged = (changes: Record<string, Browser.storage.StorageChange>, area: string) => {
    if (area === 'session' && SNAPSHOT_KEY in changes) offer(changes[SNAPSHOT_KEY]?.newValue);
  };
  const session = browser.storage.session as Browser.storage.StorageArea | undefined;
  if (!session) return () => undefined; // a browser without storage.session: live state only
  browser.storage.onChanged.addListener(onChanged);
  session.get(SNAPSHOT_KEY).then(
    (items) => offer(items[SNAPSHOT_KEY]),
    () => undefined, // no snapshot to show: the live state follows
  );
  return () => browser.storage.onChanged.removeListener(onChanged);
}

/**
 * Connects to the background at once: the page renders right after, and every frame it spends
 * before asking is a frame later for the live state. When the port drops (Chrome stopped the
 * service worker, or the worker restarted), it is reopened with backoff and the state is asked
 * for again, because pushes sent while we were disconnected are lost.
 *
 * Until the background's first state arrives, subscribers get the snapshot it keeps, read at
 * once as well (a snapshot written meanwhile, newer, replaces it).
 */
export function createRuntimeConnector(): RuntimeConnector {
  const listeners = new Set<(state: PanelState, source: StateSource) => void>();
  let latest: { state: PanelState; source: StateSource } | undefined;
  let live = false;
  let snapshotAt = Number.NEGATIVE_INFINITY;
  let port: Browser.runtime.Port | undefined;
  let closed = false;
  let retryDelay = RECONNECT_MIN_MS;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  // Counts pushes so that a getState answer older than a push cannot overwrite it.
  let pushes = 0;

  const emit = (state: PanelState, source: StateSource) => {
    latest = { state, source };
    for (const cb of listeners) cb(state, source);
  };
  const stopWatching = watchSnapshot((snapshot) => {
    if (live || closed || snapshot.savedAt < snapshotAt) return;
    snapshotAt = snapshot.savedAt;
    emit(snapshot.state, snapshot.provisional ? 'provisional' : 'snapshot');
  });
  const emitLive = (state: PanelState) => {
    if (!live) stopWatching();
    live = true;
    emit(state, 'live');
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
    if (reply.ok && pushes === before) emitLive(reply.value);
    // Without a live state the view can only say "Loading…" or show the snapshot, disabled:
    // keep asking (a worker that is still starting answers "Receiving end does not exist").
    if (!reply.ok && !live && refreshTimer === undefined) {
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
      emitLive(msg.state);
    });
    port.onDisconnect.addListener(() => {
      // Reading lastError keeps Chrome from logging "Unchecked runtime.lastError".
      void browser.runtime.lastError;
      port = undefined;
      scheduleReconnect();
    });
    void refresh();
  }

  open();
  return {
    subscribe(cb) {
      listeners.add(cb);
      if (latest) cb(latest.state, latest.source);
      return () => {
        listeners.delete(cb);
      };
    },
    send,
    close() {
      closed = true;
      stopWatching();
      clearTimeout(retryTimer);
      clearTimeout(refreshTimer);
      port?.disconnect();
      port = undefined;
      listeners.clear();
    },
  };
}
