/**
 * One connection of the session (session.ts): a fresh adapter and its AdapterContext, the
 * connect timeout, the heartbeat watchdog, and the teardown. Nothing from a link that is no
 * longer the current one (a late frame, a stale timer) reaches the store: every path asks
 * `isCurrent` first.
 */
import {
  type AdapterContext,
  type Checkpoint,
  type Clock,
  type Credentials,
  type Logger,
  type RequestHeaders,
  type VendorAdapter,
} from './adapter';
import { CtiError, toCtiError, type CtiEvent } from './model';
import type { NetworkWatch, SessionDeps } from './session-api';
import { settled } from './session-timing';

const CONNECT_TIMEOUT_MS = 30_000;
/**
 * The bound on a sign-in's first connection: with the network watch's wait and the way to the
 * panel, the agent reads how it went within 10 s (docs/architecture.md, "Sign-in failures").
 */
export const SIGN_IN_TIMEOUT_MS = 8_000;

export const noHeaders: RequestHeaders = { set: async () => {}, clear: async () => {} };

/** One connect attempt and, if it succeeds, the connection it opened. */
export interface Link {
  adapter?: VendorAdapter;
  controller: AbortController;
  /** Heartbeat intervals since the vendor last showed a sign of life. */
  missed: number;
  connectTimer?: unknown;
  stableTimer?: unknown;
  heartbeatTimer?: unknown;
  /**
   * Events held back until the resync settles (a reconnection): they reach the store as one
   * update (`CallStore.applyAll`), so a call that rang and ended while we were away (a relay's
   * replay) shows as ended, never as ringing, and never pops late. Undefined: events go through.
   */
  held?: CtiEvent[];
  holdTimer?: unknown;
  /** When the adapter's connect resolved. */
  openedAt?: number;
  /** The vendor's last sign of life on this link (an event or `alive()`). */
  aliveAt?: number;
  /** What the browser reports about the requests of a sign-in's first connection. */
  watch?: NetworkWatch;
}

export interface LinkHooks {
  /** Whether `link` is still the session's current link. */
  isCurrent(link: Link): boolean;
  /** The adapter connected: the vendor session is ready for commands. */
  opened(link: Link, adapter: VendorAdapter): void;
  /** The link failed to open or died. */
  broken(link: Link, error: CtiError): void;
}

export interface LinkOptions {
  credentials: Credentials;
  firstConnect: boolean;
  checkpoint: Checkpoint;
}

/** `hold`: keep the vendor's events until the resync settles (`Link.held`). */
export const newLink = (hold = false): Link => ({
  controller: new AbortController(),
  missed: 0,
  ...(hold ? { held: [] } : {}),
});

/** Hands the held events to the store as one update; from now on events go straight through. */
export function releaseHeld(link: Link, store: SessionDeps['store'], clock: Clock): void {
  const events = link.held;
  if (!events) return;
  link.held = undefined;
  clock.clearTimeout(link.holdTimer);
  if (events.length > 0) store.applyAll(events);
}

/**
 * Creates the link's adapter and starts its connect; the hooks hear how it ends. The caller makes
 * `link` its current link first: a failure may be reported before this returns.
 */
export function startLink(
  link: Link,
  deps: SessionDeps & { clock: Clock },
  options: LinkOptions,
  hooks: LinkHooks,
): void {
  const { clock } = deps;
  // Before the adapter exists: its first request may fail at once.
  if (options.firstConnect) link.watch = deps.watchNetwork?.();
  let adapter: VendorAdapter;
  try {
    adapter = deps.createAdapter();
  } catch (error) {
    // Settings that cannot make an adapter will not improve by retrying.
    hooks.broken(link, toCtiError(error, 'config'));
    return;
  }
  link.adapter = adapter;
  const ctx: AdapterContext = {
    emit: (event) => {
      if (!hooks.isCurrent(link)) return;
      if (event.type === 'connectionLost') return hooks.broken(link, event.error);
      link.missed = 0;
      link.aliveAt = clock.now();
      if (link.held) link.held.push(event);
      else deps.store.apply(event);
    },
    alive: () => {
      link.missed = 0;
      link.aliveAt = clock.now();
      deps.keepAlive?.();
    },
    signal: link.controller.signal,
    clock,
    fetch: deps.fetch,
    WebSocket: deps.WebSocket,
    log: deps.log,
    credentials: options.credentials,
    firstConnect: options.firstConnect,
    requestHeaders: deps.requestHeaders ?? noHeaders,
    panelOpen: deps.panelOpen ?? (() => false),
    checkpoint: options.checkpoint,
  };
  link.connectTimer = clock.setTimeout(
    () => hooks.broken(link, new CtiError('timeout', 'The phone system did not answer in time')),
    options.firstConnect
      ? (deps.signInTimeoutMs ?? SIGN_IN_TIMEOUT_MS)
      : (deps.connectTimeoutMs ?? CONNECT_TIMEOUT_MS),
  );
  settled(() => adapter.connect(ctx)).then(
    () => hooks.opened(link, adapter),
    (error: unknown) => hooks.broken(link, toCtiError(error)),
  );
}

/** Times the adapter's heartbeat: too many silent intervals, or a failed send, break the link. */
export function startHeartbeat(
  link: Link,
  adapter: VendorAdapter,
  clock: Clock,
  broken: (error: CtiError) => void,
): void {
  const heartbeat = adapter.heartbeat;
  if (!heartbeat) return;
  link.heartbeatTimer = clock.setInterval(() => {
    link.missed += 1;
    if (link.missed >= heartbeat.missLimit) {
      broken(new CtiError('network', 'No answer from the server'));
      return;
    }
    try {
      heartbeat.send();
    } catch (error) {
      broken(toCtiError(error));
    }
  }, heartbeat.intervalMs);
}

/** Stops a link's timers and its network watch: nothing it scheduled runs any more. */
export function stopTimers(link: Link, clock: Clock): void {
  link.watch?.stop();
  link.watch = undefined;
  clock.clearTimeout(link.connectTimer);
  clock.clearTimeout(link.stableTimer);
  clock.clearInterval(link.heartbeatTimer);
  clock.clearTimeout(link.holdTimer);
}

/**
 * Aborts a detached link's context, clears the header rule unless a newer link has its own, and
 * disconnects its adapter. Failures are logged, never thrown.
 */
export function closeLink(
  link: Link,
  deps: { requestHeaders?: RequestHeaders; log: Logger },
  newerLink: boolean,
): Promise<void> {
  link.controller.abort();
  if (!newerLink) {
    void (deps.requestHeaders ?? noHeaders)
      .clear()
      .catch((error: unknown) => deps.log.debug('could not clear the header rule', error));
  }
  const adapter = link.adapter;
  if (!adapter) return Promise.resolve();
  return settled(() => adapter.disconnect()).catch((error: unknown) =>
    deps.log.debug('disconnect failed', error),
  );
}

/** The adapter's `signOut`: failures are logged, never thrown (the caller bounds the wait). */
export function endVendorSession(adapter: VendorAdapter | undefined, log: Logger): Promise<void> {
  const signOut = adapter?.signOut;
  if (!adapter || !signOut) return Promise.resolve();
  return settled(() => signOut.call(adapter)).catch((error: unknown) =>
    log.warn('could not end the session on the phone system', error),
  );
}
