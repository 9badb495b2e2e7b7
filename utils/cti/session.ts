/**
 * The session lifecycle (DESIGN.md "The adapter contract", "Keeping the session alive"): connect,
 * resync, heartbeat, reconnect with backoff, stop on fatal errors. Adapters translate; this file
 * schedules. Every connect gets a fresh adapter and AdapterContext, so nothing from a dead
 * connection (a late frame, a stale timer) can reach the store.
 */
import { z } from 'zod';
import {
  systemClock,
  type AdapterContext,
  type Credentials,
  type RequestHeaders,
  type VendorAdapter,
} from './adapter';
import { createOrderedWrites } from '../lib/ordered-writes';
import { createCheckpoints } from './checkpoint';
import { CtiError, toCtiError } from './model';
import type { Session, SessionDeps } from './session-api';
import { BACKOFF, backoffDelay, bounded, settled } from './session-timing';

export { BACKOFF, backoffDelay } from './session-timing';
export type { Session, SessionDeps } from './session-api';

const noHeaders: RequestHeaders = { set: async () => {}, clear: async () => {} };

/** The version of the saved session (`SessionDeps.keys.session`, utils/storage/registry.ts). */
export const SESSION_VERSION = 1;
const CONNECT_TIMEOUT_MS = 30_000;
const DISCONNECT_WAIT_MS = 5_000;
/** How long sign-out waits for the adapter's `signOut` before it disconnects anyway. */
export const SIGN_OUT_WAIT_MS = 3_000;
/** A retry this late means its timer was lost with a suspended context: the watchdog steps in. */
const OVERDUE_MS = 5_000;

const SavedSession = z.object({
  version: z.literal(SESSION_VERSION),
  credentials: z.record(z.string(), z.string()),
  attempt: z.number().int().min(0),
});

type Phase = 'idle' | 'connecting' | 'connected' | 'waiting' | 'failed';

/** One connect attempt and, if it succeeds, the connection it opened. */
interface Link {
  adapter?: VendorAdapter;
  controller: AbortController;
  /** Heartbeat intervals since the vendor last showed a sign of life. */
  missed: number;
  connectTimer?: unknown;
  stableTimer?: unknown;
  heartbeatTimer?: unknown;
}

export function createSession(deps: SessionDeps): Session {
  const { store, log } = deps;
  const clock = deps.clock ?? systemClock;
  const random = deps.random ?? Math.random;
  let credentials: Credentials | undefined;
  let attempt = 0;
  /** Until the first connection after start() succeeds (AdapterContext.firstConnect). */
  let firstConnect = false;
  let phase: Phase = 'idle';
  let link: Link | undefined;
  let retryTimer: unknown;
  let retryAt = 0;
  let pendingStart: { resolve: () => void; reject: (error: CtiError) => void } | undefined;
  const saved = createOrderedWrites((value: unknown) => deps.secrets.set(deps.keys.session, value));
  const checkpoints = createCheckpoints(deps.secrets, deps.keys.checkpoint, log);

  /** Writes are ordered so that the last one (a sign-out's null) is the one that stays. */
  function save(): void {
    const value = credentials
      ? { version: SESSION_VERSION, credentials: { ...credentials }, attempt }
      : null;
    saved.write(value).catch((error: unknown) => log.warn('could not save the session', error));
  }

  function settleStart(error?: CtiError): void {
    const pending = pendingStart;
    pendingStart = undefined;
    if (error) pending?.reject(error);
    else pending?.resolve();
  }

  function cancelRetry(): void {
    if (retryTimer !== undefined) clock.clearTimeout(retryTimer);
    retryTimer = undefined;
  }

  /** Stops the current link's timers; nothing from it reaches the store any more. */
  function detach(): Link | undefined {
    const old = link;
    link = undefined;
    if (!old) return undefined;
    clock.clearTimeout(old.connectTimer);
    clock.clearTimeout(old.stableTimer);
    clock.clearInterval(old.heartbeatTimer);
    return old;
  }

  /** Aborts a detached link's context, clears its header rule, disconnects its adapter. */
  function close(old: Link | undefined): Promise<void> {
    if (!old) return Promise.resolve();
    old.controller.abort();
    // A sign-in that started since has its own rule, which must stay.
    if (!link) {
      void (deps.requestHeaders ?? noHeaders)
        .clear()
        .catch((error: unknown) => log.debug('could not clear the header rule', error));
    }
    const adapter = old.adapter;
    if (!adapter) return Promise.resolve();
    return settled(() => adapter.disconnect()).catch((error: unknown) =>
      log.debug('disconnect failed', error),
    );
  }

  const teardown = (): Promise<void> => close(detach());

  /** The adapter's `signOut`: failures are logged, never thrown (the caller bounds the wait). */
  function endVendorSession(adapter: VendorAdapter | undefined): Promise<void> {
    const signOut = adapter?.signOut;
    if (!adapter || !signOut) return Promise.resolve();
    return settled(() => signOut.call(adapter)).catch((error: unknown) =>
      log.warn('could not end the session on the phone system', error),
    );
  }

  function connect(): void {
    cancelRetry();
    void teardown();
    const creds = credentials;
    if (!creds) return;
    const current: Link = { controller: new AbortController(), missed: 0 };
    link = current;
    phase = 'connecting';
    store.setConnection({ status: 'connecting' });
    let adapter: VendorAdapter;
    try {
      adapter = deps.createAdapter();
    } catch (error) {
      // Settings that cannot make an adapter will not improve by retrying.
      broken(current, toCtiError(error, 'config'));
      return;
    }
    current.adapter = adapter;
    const ctx: AdapterContext = {
      emit: (event) => {
        if (link !== current) return;
        if (event.type === 'connectionLost') return broken(current, event.error);
        current.missed = 0;
        store.apply(event);
      },
      alive: () => {
        current.missed = 0;
        deps.keepAlive?.();
      },
      signal: current.controller.signal,
      clock,
      fetch: deps.fetch,
      WebSocket: deps.WebSocket,
      log,
      credentials: creds,
      firstConnect,
      requestHeaders: deps.requestHeaders ?? noHeaders,
      panelOpen: deps.panelOpen ?? (() => false),
      checkpoint: checkpoints.forLink(() => link === current),
    };
    current.connectTimer = clock.setTimeout(
      () => broken(current, new CtiError('timeout', 'The phone system did not answer in time')),
      deps.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
    );
    settled(() => adapter.connect(ctx)).then(
      () => connected(current, adapter),
      (error: unknown) => broken(current, toCtiError(error)),
    );
  }

  function connected(current: Link, adapter: VendorAdapter): void {
    if (link !== current) return;
    clock.clearTimeout(current.connectTimer);
    phase = 'connected';
    firstConnect = false;
    store.setConnection({ status: 'connected', since: clock.now() });
    log.info('connected', { vendor: adapter.id, attempt });
    settleStart();
    current.stableTimer = clock.setTimeout(() => {
      if (link !== current || attempt === 0) return;
      attempt = 0;
      save();
    }, BACKOFF.stableMs);
    const heartbeat = adapter.heartbeat;
    if (heartbeat) {
      current.heartbeatTimer = clock.setInterval(() => {
        current.missed += 1;
        if (current.missed >= heartbeat.missLimit) {
          broken(current, new CtiError('network', 'No answer from the server'));
          return;
        }
        try {
          heartbeat.send();
        } catch (error) {
          broken(current, toCtiError(error));
        }
      }, heartbeat.intervalMs);
    }
    settled(() => adapter.resync()).catch((error: unknown) => {
      if (link !== current) return;
      const err = toCtiError(error);
      if (err.fatal || err.code === 'network' || err.code === 'timeout')
        return broken(current, err);
      log.warn('resync failed', err);
      store.addNotice('warning', `Could not load your current calls: ${err.message}`);
    });
  }

  /** The link failed to open or died: give up on fatal errors, otherwise retry with backoff. */
  function broken(current: Link, error: CtiError): void {
    if (link !== current) return;
    void teardown();
    if (error.fatal) {
      log.warn('session stopped', error);
      credentials = undefined;
      attempt = 0;
      phase = 'failed';
      save();
      store.setConnection({ status: 'failed', reason: error.message });
      settleStart(error);
      return;
    }
    attempt += 1;
    const delay = backoffDelay(attempt, random);
    retryAt = clock.now() + delay;
    phase = 'waiting';
    log.info('reconnecting', { attempt, delayMs: Math.round(delay), reason: error.message });
    store.setConnection({ status: 'reconnecting', attempt, retryAt, reason: error.message });
    save();
    retryTimer = clock.setTimeout(() => {
      retryTimer = undefined;
      if (phase === 'waiting') connect();
    }, delay);
    const why = error.message.replace(/\.$/, '');
    const message = `Could not connect to the phone system: ${why}. Retrying automatically.`;
    settleStart(new CtiError(error.code, message, { cause: error }));
  }

  function ensureRunning(): void {
    if (!credentials || phase === 'connected' || phase === 'connecting') return;
    if (phase === 'waiting' && clock.now() < retryAt + OVERDUE_MS) return;
    log.info('watchdog restarts the session', { phase });
    connect();
  }

  return {
    get signedIn() {
      return credentials !== undefined;
    },

    start(next) {
      settleStart(new CtiError('network', 'Sign-in was started again'));
      credentials = { ...next };
      attempt = 0;
      firstConnect = true;
      save();
      checkpoints.clear();
      const result = new Promise<void>((resolve, reject) => {
        pendingStart = { resolve, reject };
      });
      connect();
      return result;
    },

    async stop() {
      // Only a connection that is up has a vendor session to end.
      const adapter = phase === 'connected' ? link?.adapter : undefined;
      cancelRetry();
      settleStart(new CtiError('network', 'Signed out'));
      credentials = undefined;
      attempt = 0;
      phase = 'idle';
      save();
      checkpoints.clear();
      const old = detach();
      store.reset();
      // Before the abort and the disconnect, which would cut its requests short.
      await bounded(clock, endVendorSession(adapter), SIGN_OUT_WAIT_MS);
      await bounded(clock, close(old), DISCONNECT_WAIT_MS);
      await saved.flushed();
      await checkpoints.flushed();
    },

    async restore() {
      if (!credentials) {
        let raw: unknown;
        try {
          raw = await deps.secrets.get(deps.keys.session);
        } catch (error) {
          log.warn('could not read the saved session', error);
          return false;
        }
        // start() may have run while we were reading: the agent's fresh sign-in wins.
        if (!credentials) {
          const parsed = SavedSession.safeParse(raw);
          if (!parsed.success) {
            // No details: the value holds credentials.
            if (raw !== undefined && raw !== null)
              log.warn('discarded a saved session that failed validation');
            return false;
          }
          credentials = parsed.data.credentials;
          attempt = parsed.data.attempt;
          log.info('restoring the session', { attempt });
          connect();
          return true;
        }
      }
      ensureRunning();
      return true;
    },

    ensureRunning,

    restart() {
      if (!credentials || phase === 'failed') return;
      log.info('settings changed: connecting again');
      attempt = 0;
      save();
      connect();
    },

    deliver(source, payload) {
      const adapter = link?.adapter;
      if (phase !== 'connected' || !adapter?.receive) return false;
      try {
        adapter.receive(source, payload);
      } catch (error) {
        log.warn('an adapter threw on a delivered event', error);
      }
      return true;
    },

    async execute(command) {
      const adapter = link?.adapter;
      if (phase !== 'connected' || !adapter) {
        throw new CtiError('network', 'Not connected to the phone system');
      }
      if (!adapter.capabilities.commands.has(command.type)) {
        throw new CtiError('unsupported', `This phone system cannot do “${command.type}”`);
      }
      if ('callId' in command && !store.getState().calls.some((c) => c.id === command.callId)) {
        throw new CtiError('rejected', 'That call is no longer active');
      }
      try {
        await adapter.execute(command);
      } catch (error) {
        throw toCtiError(error, 'rejected');
      }
    },
  };
}
