/**
 * The call store: where adapter events become state (DESIGN.md "The normalized model"). It derives
 * each call's actions, tells listeners which calls changed (screen-pop and history react to those
 * transitions) and persists a snapshot to `storage.session` so a restarted worker finds its calls.
 */
import { z } from 'zod';
import { storageFailureMessage } from '../lib/storage-failure';
import { createOrderedWrites } from '../lib/ordered-writes';
import type { Capabilities, Clock, Logger } from './adapter';
import { createLogger } from './log';
import { Connection, Disposition, type CtiEvent } from './model';
import {
  applyEvents,
  isLive,
  retire,
  settle,
  withActions,
  withNotice,
  type Ledger,
} from './store-events';
import { describeIssues, equal } from './store-helpers';
import {
  initialState,
  StateSchema,
  type CallTransition,
  type Notice,
  type StoreState,
} from './store-state';
import { t } from '../i18n/runtime';

export { initialState } from './store-state';
export type { CallTransition, Notice, StoreState } from './store-state';

/** The part of `browser.storage.session` the store and the session need. */
export interface KeyValueArea {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
}

export interface CallStore {
  /** Resolves once the persisted snapshot is loaded; updates made before then are applied after. */
  ready: Promise<void>;
  getState(): StoreState;
  subscribe(listener: (state: StoreState, transitions: CallTransition[]) => void): () => void;
  apply(event: CtiEvent): void;
  /**
   * Applies `events` in order as one update: listeners hear once, with one transition per call
   * from its state before the first event to its state after the last. A call that rang and ended
   * among them is reported ended (never ringing), so nothing pops for it (a reconnection's
   * held-back events, session-link.ts `Link.held`).
   */
  applyAll(events: readonly CtiEvent[]): void;
  setConnection(connection: Connection): void;
  setCapabilities(caps: Capabilities): void;
  setDisposition(callId: string, disposition: Disposition): void;
  dismissCall(callId: string): void;
  addNotice(level: Notice['level'], message: string): void;
  dismissNotice(id: string): void;
  reset(): void;
  /** Resolves when the latest state has been written (tests; a caller about to be suspended). */
  persisted(): Promise<void>;
}

export interface CallStoreDeps {
  storage: KeyValueArea;
  clock: Clock;
  /** Where in `storage` the snapshot lives (utils/storage/registry.ts). */
  key: string;
  /** Keep ended calls until they are disposed or dismissed (default true). */
  keepEndedAwaitingDisposition?: boolean;
  log?: Logger;
}

/** The version of the saved snapshot (`CallStoreDeps.key`, utils/storage/registry.ts). */
export const STORE_VERSION = 1;
const Saved = z.object({
  version: z.literal(STORE_VERSION),
  state: StateSchema,
  retired: z.array(z.string()),
});

const NO_CAPABILITIES: Capabilities = {
  commands: new Set(),
  agentStates: new Set(),
  dispositions: 'policy',
  dispositionCallback: false,
  recordingControl: 'none',
};

/**
 * Saves snapshots in order, the last one winning. A failure (a full storage.session) is told once
 * per run of failures through `failed`: the notice is itself saved, and would fail again.
 */
function persistence(
  storage: KeyValueArea,
  key: string,
  log: Logger,
  failed: (message: string) => void,
): { save(snapshot: unknown): void; flushed(): Promise<void> } {
  const writes = createOrderedWrites((value: unknown) => storage.set(key, value));
  let failing = false;
  const save = (snapshot: unknown) => {
    writes.write(snapshot).then(
      () => (failing = false),
      (error: unknown) => {
        log.warn('could not save the call state', error);
        if (failing) return;
        failing = true;
        failed(storageFailureMessage(t('storage.callsForRestart'), error));
      },
    );
  };
  return { save, flushed: () => writes.flushed() };
}

export function createCallStore(deps: CallStoreDeps): CallStore {
  const { storage, clock, key } = deps;
  const log = deps.log ?? createLogger('store');
  const listeners = new Set<(state: StoreState, transitions: CallTransition[]) => void>();
  let state = initialState();
  const ledger: Ledger = {
    caps: NO_CAPABILITIES,
    retired: [],
    keepEnded: deps.keepEndedAwaitingDisposition ?? true,
    noticeSeq: 0,
  };
  let hydrated = false;
  const queued: (() => void)[] = [];

  // ── persistence: at most one write in flight, the last state wins ──────────────────────────
  const persist = persistence(storage, key, log, (message) =>
    commit(withNotice(state, 'error', message, clock.now(), ledger)),
  );
  const snapshot = () => ({ version: STORE_VERSION, state, retired: ledger.retired });

  async function rehydrate(): Promise<void> {
    const raw = await storage.get(key);
    if (raw === undefined || raw === null) return;
    const parsed = Saved.safeParse(raw);
    if (!parsed.success) {
      const issues = describeIssues(parsed.error);
      return log.warn('discarded a saved call state that failed validation', issues);
    }
    const saved = parsed.data.state;
    // A connection from the previous worker's life is over; only a failure stays to be read.
    const connection: Connection =
      saved.connection.status === 'failed' ? saved.connection : { status: 'idle' };
    state = { ...saved, connection };
    ledger.retired = parsed.data.retired;
  }
  const ready = rehydrate()
    .catch((error: unknown) => log.warn('could not read the saved call state', error))
    .finally(() => {
      hydrated = true;
      for (const op of queued.splice(0)) op();
    });

  /** Updates wait for rehydration so that the saved calls are their base, not overwritten. */
  function run(op: () => void): void {
    if (hydrated) op();
    else queued.push(op);
  }

  function commit(next: StoreState, transitions: CallTransition[] = []): void {
    state = next;
    persist.save(snapshot());
    for (const listener of listeners) {
      try {
        listener(state, transitions);
      } catch (error) {
        log.error('a call store listener failed', error);
      }
    }
  }

  function applyAll(events: readonly CtiEvent[]): void {
    run(() => {
      const applied = applyEvents(state, events, clock.now(), ledger, log);
      if (applied.next !== state) commit(applied.next, applied.transitions);
    });
  }

  function setDisposition(callId: string, disposition: Disposition): void {
    const parsed = Disposition.safeParse(disposition);
    const previous = state.calls.find((c) => c.id === callId);
    if (!parsed.success || !previous) {
      const why = parsed.success ? 'unknown call' : describeIssues(parsed.error);
      return log.warn('disposition ignored', why);
    }
    // A live call keeps its disposition until it ends; an ended one is done and leaves.
    const call = withActions({ ...previous, disposition: parsed.data }, ledger.caps);
    const calls = settle(
      state.calls.map((c) => (c === previous ? call : c)),
      ledger,
    );
    commit({ ...state, calls }, [{ call, previous }]);
  }

  return {
    ready,
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    // A lost transport (skipped there) is the session's business, not the vendor saying something.
    apply: (event) => applyAll([event]),
    applyAll,
    setConnection: (connection) =>
      run(() => {
        if (!equal(state.connection, connection)) commit({ ...state, connection });
      }),
    setCapabilities: (next) =>
      run(() => {
        ledger.caps = next;
        commit({ ...state, calls: state.calls.map((c) => withActions(c, next)) });
      }),
    setDisposition: (callId, disposition) => run(() => setDisposition(callId, disposition)),
    dismissCall: (callId) =>
      run(() => {
        const call = state.calls.find((c) => c.id === callId && !isLive(c));
        if (!call) return;
        retire(ledger, [call.id]);
        commit({ ...state, calls: state.calls.filter((c) => c !== call) });
      }),
    addNotice: (level, message) =>
      run(() => commit(withNotice(state, level, message, clock.now(), ledger))),
    dismissNotice: (id) =>
      run(() => {
        if (state.notices.some((n) => n.id === id)) {
          commit({ ...state, notices: state.notices.filter((n) => n.id !== id) });
        }
      }),
    reset: () =>
      run(() => {
        ledger.retired = [];
        commit(initialState());
      }),
    persisted: async () => {
      await ready;
      await persist.flushed();
    },
  };
}
