/**
 * The session lifecycle (DESIGN.md "The adapter contract", "Keeping the session alive"): connect,
 * resync, heartbeat, reconnect with backoff, stop on fatal errors. Adapters translate; this file
 * schedules. Every connect gets a fresh adapter and AdapterContext, so nothing from a dead
 * connection (a late frame, a stale timer) can reach the store.
 */
import { readSaved, SESSION_VERSION } from './session-saved';
import { createOrderedWrites, type OrderedWrites } from '../lib/ordered-writes';
import {
  systemClock,
  type Clock,
  type Credentials,
  type EventSource,
  type VendorAdapter,
} from './adapter';
import { createCheckpoints, type Checkpoints } from './checkpoint';
import {
  connectFailureOf,
  CtiError,
  toCtiError,
  type Call,
  type Command,
  type ConnectFailure,
} from './model';
import type { NetworkWatch, PastCallsReader, Session, SessionDeps } from './session-api';
import {
  closeLink,
  endVendorSession,
  newLink,
  releaseHeld,
  startHeartbeat,
  startLink,
  stopTimers,
  type Link,
  type LinkHooks,
} from './session-link';
import { BACKOFF, backoffDelay, bounded, settled } from './session-timing';
import { t } from '../i18n/runtime';

export { BACKOFF, backoffDelay } from './session-timing';
export { SESSION_VERSION } from './session-saved';
export type { NetworkWatch, PastCallsReader, Session, SessionDeps } from './session-api';
export { SIGN_IN_TIMEOUT_MS } from './session-link';

const DISCONNECT_WAIT_MS = 5_000;
/** How long sign-out waits for the adapter's `signOut` before it disconnects anyway. */
export const SIGN_OUT_WAIT_MS = 3_000;
/** A retry this late means its timer was lost with a suspended context: the watchdog steps in. */
const OVERDUE_MS = 5_000;
/** The longest a reconnection holds the vendor's events back waiting for its resync (Link.held). */
export const HOLD_MAX_MS = 15_000;

type Phase = 'idle' | 'connecting' | 'connected' | 'waiting' | 'failed';

/** Why `adapter` may not carry out `command` now; undefined when it may. */
function commandRefusal(
  adapter: VendorAdapter | undefined,
  command: Command,
  store: SessionDeps['store'],
): CtiError | undefined {
  if (!adapter) return new CtiError('network', 'Not connected to the phone system');
  if (!adapter.capabilities.commands.has(command.type)) {
    return new CtiError('unsupported', `This phone system cannot do “${command.type}”`);
  }
  if ('callId' in command && !store.getState().calls.some((c) => c.id === command.callId)) {
    return new CtiError('rejected', 'That call is no longer active');
  }
  return undefined;
}

/**
 * The kind of a sign-in's failure: the adapter's, else what the browser reported about a network
 * failure or a timeout (SessionDeps.watchNetwork), else what the error's code says.
 */
async function explainFailure(
  error: CtiError,
  watch: NetworkWatch | undefined,
): Promise<ConnectFailure> {
  if (!error.failure && watch && (error.code === 'network' || error.code === 'timeout')) {
    const seen = await watch.explain().catch(() => undefined);
    if (seen) return seen;
  }
  return connectFailureOf(error);
}

/** The session's state machine (see the file comment); `createSession` builds one. */
class VendorSession implements Session {
  private readonly clock: Clock;
  private readonly random: () => number;
  private credentials: Credentials | undefined;
  private attempt = 0;
  /** Until the first connection after start() succeeds (AdapterContext.firstConnect). */
  private firstConnect = false;
  /** Counts sign-ins and sign-outs: a sign-in failure still being explained knows if it is stale. */
  private generation = 0;
  private phase: Phase = 'idle';
  private link: Link | undefined;
  private retryTimer: unknown;
  private retryAt = 0;
  /** When the link was lost, until the link is back and the outage recorded (SessionDeps.outageEnded). */
  private offlineSince: number | undefined;
  private pendingStart: { resolve: () => void; reject: (error: CtiError) => void } | undefined;
  private readonly saved: OrderedWrites<unknown>;
  private readonly checkpoints: Checkpoints;
  private readonly hooks: LinkHooks = {
    isCurrent: (link) => link === this.link,
    opened: (link, adapter) => this.opened(link, adapter),
    broken: (link, error) => this.broken(link, error),
  };

  constructor(private readonly deps: SessionDeps) {
    this.clock = deps.clock ?? systemClock;
    this.random = deps.random ?? Math.random;
    this.saved = createOrderedWrites((value) => deps.secrets.set(deps.keys.session, value));
    this.checkpoints = createCheckpoints(deps.secrets, deps.keys.checkpoint, deps.log);
  }

  get signedIn(): boolean {
    return this.credentials !== undefined;
  }

  start(next: Credentials): Promise<void> {
    this.settleStart(new CtiError('network', 'Sign-in was started again'));
    this.begin(next);
    const result = new Promise<void>((resolve, reject) => {
      this.pendingStart = { resolve, reject };
    });
    this.connect();
    return result;
  }

  async stop(): Promise<void> {
    // Only a connection that is up has a vendor session to end.
    const adapter = this.connected();
    this.settleStart(new CtiError('network', 'Signed out'));
    this.begin(undefined);
    this.phase = 'idle';
    const old = this.detach();
    this.deps.store.reset();
    // Before the abort and the disconnect, which would cut its requests short.
    await bounded(this.clock, endVendorSession(adapter, this.deps.log), SIGN_OUT_WAIT_MS);
    await bounded(this.clock, this.close(old), DISCONNECT_WAIT_MS);
    await this.saved.flushed();
    await this.checkpoints.flushed();
  }

  async restore(): Promise<boolean> {
    const found = this.credentials ? undefined : await readSaved(this.deps);
    // start() may have run while we were reading: the agent's fresh sign-in wins.
    if (!this.credentials) {
      if (!found) return false;
      this.credentials = found.credentials;
      this.attempt = found.attempt;
      // The worker stopped: whatever link it had died with it. Assumed: no earlier than now, as
      // the moment it stopped is not known (a saved outage start is).
      this.offlineSince = found.offlineSince ?? this.clock.now();
      this.deps.log.info('restoring the session', { attempt: this.attempt });
      this.connect();
      return true;
    }
    this.ensureRunning();
    return true;
  }

  ensureRunning(): void {
    if (!this.credentials || this.phase === 'connected' || this.phase === 'connecting') return;
    if (this.phase === 'waiting' && this.clock.now() < this.retryAt + OVERDUE_MS) return;
    this.deps.log.info('watchdog restarts the session', { phase: this.phase });
    this.connect();
  }

  restart(): void {
    if (!this.credentials) return;
    this.deps.log.info('settings changed: connecting again');
    this.attempt = 0;
    this.save();
    this.connect();
  }

  deliver(source: EventSource, payload: unknown): boolean {
    const adapter = this.link?.adapter;
    if (this.phase !== 'connected' || !adapter?.receive) return false;
    try {
      adapter.receive(source, payload);
    } catch (error) {
      this.deps.log.warn('an adapter threw on a delivered event', error);
    }
    return true;
  }

  async execute(command: Command): Promise<void> {
    const refusal = commandRefusal(this.connected(), command, this.deps.store);
    if (refusal) throw refusal;
    return this.query((adapter) => adapter.execute(command));
  }

  async executeQueued(command: Command, call?: Call): Promise<void> {
    return this.query((adapter) => adapter.execute(command, call ? { call } : undefined));
  }

  async query<T>(use: (adapter: VendorAdapter) => Promise<T> | undefined): Promise<T> {
    const adapter = this.connected();
    if (!adapter) throw new CtiError('network', 'Not connected to the phone system');
    try {
      const pending = use(adapter);
      if (!pending) throw new CtiError('unsupported', 'The phone system cannot do this');
      return await pending;
    } catch (error) {
      throw toCtiError(error, 'rejected');
    }
  }

  private connected(): VendorAdapter | undefined {
    return this.phase === 'connected' ? this.link?.adapter : undefined;
  }

  // ── Connections ───────────────────────────────────────────────────────────────────────────────

  private connect(): void {
    this.cancelRetry();
    void this.close(this.detach());
    const credentials = this.credentials;
    if (!credentials) return;
    // A reconnection holds events until its resync: nothing that ended meanwhile pops late.
    const current = newLink(!this.firstConnect);
    this.link = current;
    this.phase = 'connecting';
    this.deps.store.setConnection({ status: 'connecting' });
    const checkpoint = this.checkpoints.forLink(() => this.link === current);
    const options = { credentials, firstConnect: this.firstConnect, checkpoint };
    startLink(current, { ...this.deps, clock: this.clock }, options, this.hooks);
  }

  private opened(current: Link, adapter: VendorAdapter): void {
    if (this.link !== current) return;
    const { clock, deps } = this;
    clock.clearTimeout(current.connectTimer);
    current.watch?.stop();
    current.watch = undefined;
    current.openedAt = clock.now();
    if (current.held)
      current.holdTimer = clock.setTimeout(() => this.release(current), HOLD_MAX_MS);
    this.phase = 'connected';
    if (this.firstConnect) {
      this.firstConnect = false;
      // The vendor accepted the sign-in: from now on it is a session a restarted worker restores.
      this.save();
    }
    deps.store.setConnection({ status: 'connected', since: clock.now() });
    deps.log.info('connected', { vendor: adapter.id, attempt: this.attempt });
    this.settleStart();
    current.stableTimer = clock.setTimeout(() => {
      if (this.link !== current || this.attempt === 0) return;
      this.attempt = 0;
      this.save();
    }, BACKOFF.stableMs);
    startHeartbeat(current, adapter, clock, (error) => this.broken(current, error));
    settled(() => adapter.resync()).then(
      () => this.resynced(current, adapter),
      (error: unknown) => this.resyncFailed(current, adapter, toCtiError(error)),
    );
  }

  private resynced(current: Link, adapter: VendorAdapter): void {
    if (this.link !== current) return;
    this.release(current);
    void this.recordOutage(current, adapter);
  }

  private resyncFailed(current: Link, adapter: VendorAdapter, error: CtiError): void {
    if (this.link !== current) return;
    this.release(current);
    if (error.fatal || error.code === 'network' || error.code === 'timeout')
      return this.broken(current, error);
    this.deps.log.warn('resync failed', error);
    this.deps.store.addNotice('warning', t('session.loadCallsFailed', { reason: error.message }));
    void this.recordOutage(current, adapter);
  }

  /**
   * The link is back after an outage: let the background record what happened meanwhile, then
   * forget the outage, unless the link was lost again (the outage then goes on from its start).
   */
  private async recordOutage(current: Link, adapter: VendorAdapter): Promise<void> {
    const from = this.offlineSince;
    const hook = this.deps.outageEnded;
    if (from === undefined) return;
    if (hook) {
      const reader = adapter.pastCalls;
      const pastCalls: PastCallsReader | undefined = reader
        ? async (window) => {
            try {
              return await reader.call(adapter, window);
            } catch (error) {
              throw toCtiError(error);
            }
          }
        : undefined;
      const outage = { from, to: current.openedAt ?? this.clock.now() };
      await hook(outage, pastCalls).catch((error: unknown) =>
        this.deps.log.warn('could not record the outage', error),
      );
    }
    if (this.link !== current || this.phase !== 'connected' || this.offlineSince !== from) return;
    this.offlineSince = undefined;
    this.save();
  }

  private release(link: Link): void {
    releaseHeld(link, this.deps.store, this.clock);
  }

  /** The link failed to open or died: give up on fatal errors, otherwise retry with backoff. */
  private broken(current: Link, error: CtiError): void {
    if (this.link !== current) return;
    if (this.firstConnect) return this.signInFailed(current, error);
    // What the vendor said before the link died is still true.
    this.release(current);
    // Calls after the last sign of life were not seen: the outage starts there.
    if (this.phase === 'connected')
      this.offlineSince ??=
        Math.max(current.aliveAt ?? 0, current.openedAt ?? 0) || this.clock.now();
    void this.close(this.detach());
    if (error.fatal) return this.failed(error);
    this.attempt += 1;
    const delay = backoffDelay(this.attempt, this.random);
    this.retryAt = this.clock.now() + delay;
    this.phase = 'waiting';
    const { attempt, retryAt } = this;
    this.deps.log.info('reconnecting', {
      attempt,
      delayMs: Math.round(delay),
      reason: error.message,
    });
    this.deps.store.setConnection({
      status: 'reconnecting',
      attempt,
      retryAt,
      reason: error.message,
    });
    this.save();
    this.retryTimer = this.clock.setTimeout(() => {
      this.retryTimer = undefined;
      if (this.phase === 'waiting') this.connect();
    }, delay);
  }

  /** Retrying cannot fix it (bad credentials, bad settings): stop and ask the agent. */
  private failed(error: CtiError): void {
    this.deps.log.warn('session stopped', error);
    this.credentials = undefined;
    this.attempt = 0;
    this.offlineSince = undefined;
    this.phase = 'failed';
    this.save();
    const failure = connectFailureOf(error);
    this.deps.store.setConnection({ status: 'failed', reason: error.message, failure });
    this.settleStart(error);
  }

  /**
   * The first connection of a sign-in failed: there is no session to keep, nothing is retried,
   * and the agent is told what kind of failure it was. The start() promise rejects with `error`,
   * or with a copy whose `failure` says what the browser told apart.
   */
  private signInFailed(current: Link, error: CtiError): void {
    const watch = current.watch;
    current.watch = undefined;
    void this.close(this.detach());
    const pending = this.pendingStart;
    this.pendingStart = undefined;
    this.deps.log.warn('sign-in failed', error);
    // Nothing was saved for it (save() keeps a sign-in only once the vendor accepted it).
    this.credentials = undefined;
    this.attempt = 0;
    this.firstConnect = false;
    this.phase = 'failed';
    const generation = this.generation;
    void explainFailure(error, watch).then((failure) => {
      watch?.stop();
      // A sign-in or sign-out since then owns the connection state.
      if (generation === this.generation) {
        this.deps.store.setConnection({ status: 'failed', reason: error.message, failure });
      }
      const same = failure === connectFailureOf(error);
      pending?.reject(
        same ? error : new CtiError(error.code, error.message, { cause: error, failure }),
      );
    });
  }

  // ── Helpers ───────────────────────────────────────────────────────────────────────────────────

  /** A fresh sign-in (`next` set) or a sign-out: nothing of the last one stays. */
  private begin(next: Credentials | undefined): void {
    this.cancelRetry();
    this.credentials = next && { ...next };
    this.attempt = 0;
    this.offlineSince = undefined;
    this.firstConnect = next !== undefined;
    this.generation += 1;
    this.save();
    this.checkpoints.clear();
  }

  /**
   * Writes are ordered so that the last one (a sign-out's null) is the one that stays. A sign-in
   * the vendor has not accepted yet is not saved: a worker restarted meanwhile finds nobody.
   */
  private save(): void {
    const { credentials, attempt, offlineSince } = this;
    const value =
      credentials && !this.firstConnect
        ? {
            version: SESSION_VERSION,
            credentials: { ...credentials },
            attempt,
            ...(offlineSince === undefined ? {} : { offlineSince }),
          }
        : null;
    this.saved
      .write(value)
      .catch((error: unknown) => this.deps.log.warn('could not save the session', error));
  }

  private settleStart(error?: CtiError): void {
    const pending = this.pendingStart;
    this.pendingStart = undefined;
    if (error) pending?.reject(error);
    else pending?.resolve();
  }

  private cancelRetry(): void {
    if (this.retryTimer !== undefined) this.clock.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  /** Stops the current link's timers; nothing from it reaches the store any more. */
  private detach(): Link | undefined {
    const old = this.link;
    this.link = undefined;
    if (old) stopTimers(old, this.clock);
    return old;
  }

  private close(old: Link | undefined): Promise<void> {
    return old ? closeLink(old, this.deps, this.link !== undefined) : Promise.resolve();
  }
}

export function createSession(deps: SessionDeps): Session {
  return new VendorSession(deps);
}
