/**
 * The call store: where adapter events become state (DESIGN.md "The normalized model"). It derives
 * each call's actions, tells listeners which calls changed (screen-pop and history react to those
 * transitions) and persists a snapshot to `storage.session` so a restarted worker finds its calls.
 */
import { z } from 'zod';
import { deriveActions } from './actions';
import type { Capabilities, Clock, Logger } from './adapter';
import { createOrderedWrites } from '../lib/ordered-writes';
import { createLogger } from './log';
import { describeIssues, equal, stamped } from './store-helpers';
import {
  AgentState,
  Call,
  CallUpdate,
  Connection,
  Disposition,
  VendorLists,
  type CallData,
  type CtiEvent,
} from './model';

/** Something the panel tells the agent until they dismiss it or newer ones push it out. */
const NoticeSchema = z.object({
  id: z.string(),
  level: z.enum(['info', 'warning', 'error']),
  message: z.string(),
  at: z.number(),
});
export type Notice = z.infer<typeof NoticeSchema>;

const StateSchema = z.object({
  connection: Connection,
  lastEventAt: z.number().optional(),
  agent: AgentState,
  /** Live calls, oldest first, then ended calls awaiting disposition. */
  calls: z.array(Call),
  lists: VendorLists,
  notices: z.array(NoticeSchema),
  protocolErrors: z.number().int().min(0),
  /** The last few protocol errors for diagnostics: messages only, frames may carry secrets. */
  recentProtocolErrors: z.array(z.object({ at: z.number(), message: z.string() })),
  /** How calls reach us, as the adapter last said (absent until it says). */
  transport: z
    .object({ mode: z.enum(['events', 'polling']), intervalMs: z.number().optional() })
    .optional(),
});
export type StoreState = z.infer<typeof StateSchema>;

/** One call that changed in one store update. */
export type CallTransition = { call: Call; previous?: Call };

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
/** `retired`: ids of calls the agent closed, so that a late frame cannot bring one back. */
const LIMITS = { ended: 3, notices: 5, protocolErrors: 10, retired: 20 } as const;

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

function initialState(): StoreState {
  return {
    connection: { status: 'idle' },
    agent: { status: 'loggedOut' },
    calls: [],
    lists: {},
    notices: [],
    protocolErrors: 0,
    recentProtocolErrors: [],
  };
}

const isLive = (call: Call) => call.state !== 'ended';
type Change = CallTransition | undefined;

export function createCallStore(deps: CallStoreDeps): CallStore {
  const { storage, clock } = deps;
  const { key } = deps;
  const keepEnded = deps.keepEndedAwaitingDisposition ?? true;
  const log = deps.log ?? createLogger('store');
  const listeners = new Set<(state: StoreState, transitions: CallTransition[]) => void>();
  let state = initialState();
  let caps = NO_CAPABILITIES;
  let retired: string[] = [];
  let noticeSeq = 0;
  let hydrated = false;
  const queued: (() => void)[] = [];

  // ── persistence: at most one write in flight, the last state wins ──────────────────────────
  const writes = createOrderedWrites((value: unknown) => storage.set(key, value));
  function persist(): void {
    writes
      .write({ version: STORE_VERSION, state, retired })
      .catch((error: unknown) => log.warn('could not save the call state', error));
  }

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
    retired = parsed.data.retired;
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
    persist();
    for (const listener of listeners) {
      try {
        listener(state, transitions);
      } catch (error) {
        log.error('a call store listener failed', error);
      }
    }
  }

  function withActions(call: Omit<Call, 'actions'>): Call {
    const disposed = call.disposition !== undefined;
    return { ...call, actions: deriveActions(call, caps, { disposed }) };
  }

  /** Orders calls, drops the ones nobody waits for any more, and remembers their ids. */
  function settle(calls: Call[]): Call[] {
    const live = calls.filter(isLive).sort((a, b) => a.startedAt - b.startedAt);
    const ended = keepEnded
      ? calls
          // Only a call that can still be disposed is waiting for anything.
          .filter((c) => !isLive(c) && c.actions.includes('dispose'))
          .sort((a, b) => (a.endedAt ?? 0) - (b.endedAt ?? 0))
          .slice(-LIMITS.ended)
      : [];
    const kept = [...live, ...ended];
    const dropped = calls.filter((c) => !kept.includes(c)).map((c) => c.id);
    if (dropped.length > 0) retired = [...retired, ...dropped].slice(-LIMITS.retired);
    return kept;
  }

  function upsert(calls: Call[], raw: CallUpdate, update: CallData, now: number): Change {
    const index = calls.findIndex((c) => c.id === update.id);
    const previous = calls[index];
    // Ended is final: a frame that arrives after it is late, not a new call.
    if (previous?.state === 'ended' || (!previous && retired.includes(update.id))) return undefined;
    const sawAnswer =
      (previous?.state === 'ringing' || previous?.state === 'dialing') &&
      update.state === 'connected';
    const merged = withActions({
      ...previous,
      ...update,
      // The first sighting knows best when the call started and was answered.
      startedAt: previous?.startedAt ?? update.startedAt,
      answeredAt: previous?.answeredAt ?? update.answeredAt ?? (sawAnswer ? now : undefined),
      endedAt: update.state === 'ended' ? (update.endedAt ?? now) : undefined,
      data: { ...previous?.data, ...update.data },
      // zod defaults `recording` to unknown; an update that did not say must not forget it.
      recording: raw.recording === undefined && previous ? previous.recording : update.recording,
      transferTarget:
        'transferTarget' in raw || update.state === 'transferring'
          ? (update.transferTarget ?? previous?.transferTarget)
          : undefined,
    });
    if (previous && equal(previous, merged)) return undefined;
    if (previous) calls[index] = merged;
    else calls.push(merged);
    return { call: merged, previous };
  }

  function end(calls: Call[], callId: string, endedAt: number): Change {
    const index = calls.findIndex((c) => c.id === callId);
    const previous = calls[index];
    if (!previous || previous.state === 'ended') return undefined;
    const call = withActions({ ...previous, state: 'ended', endedAt, transferTarget: undefined });
    calls[index] = call;
    return { call, previous };
  }

  function withNotice(s: StoreState, level: Notice['level'], message: string, at: number) {
    const last = s.notices.at(-1);
    // The same notice again (a vendor repeating itself) refreshes the old one instead of stacking.
    const notices =
      last?.level === level && last.message === message ? s.notices.slice(0, -1) : s.notices;
    const notice = { id: `${at.toString(36)}-${++noticeSeq}`, level, message, at };
    return { ...s, notices: [...notices, notice].slice(-LIMITS.notices) };
  }

  function withProtocolError(s: StoreState, message: string, at: number): StoreState {
    log.warn('protocol error', message);
    const recent = [...s.recentProtocolErrors, { at, message }];
    return {
      ...s,
      protocolErrors: s.protocolErrors + 1,
      recentProtocolErrors: recent.slice(-LIMITS.protocolErrors),
    };
  }

  function applyNow(event: CtiEvent): void {
    // A lost transport is the session's business, and it is not the vendor saying something.
    if (event.type === 'connectionLost') return;
    const now = clock.now();
    let next: StoreState = { ...state, lastEventAt: now };
    const calls = [...state.calls];
    const changes: Change[] = [];
    const invalid = (what: string, error: z.ZodError) => {
      next = withProtocolError(next, `Invalid ${what}: ${describeIssues(error)}`, now);
    };

    /** Returns the id even of an unreadable call: it is still a call the vendor has. */
    const upsertRaw = (raw: CallUpdate, what: string): unknown => {
      const parsed = CallUpdate.safeParse(raw);
      if (parsed.success) changes.push(upsert(calls, raw, parsed.data, now));
      else invalid(what, parsed.error);
      return parsed.success ? parsed.data.id : (raw as { id?: unknown }).id;
    };

    switch (event.type) {
      case 'callUpsert':
        upsertRaw(event.call, 'call update');
        break;
      case 'callEnded':
        changes.push(end(calls, event.callId, event.endedAt));
        break;
      case 'callsSnapshot': {
        const present = new Set(event.calls.map((raw) => upsertRaw(raw, 'call in snapshot')));
        // Calls the vendor no longer has ended while we were not listening.
        for (const call of state.calls) {
          if (isLive(call) && !present.has(call.id)) changes.push(end(calls, call.id, now));
        }
        break;
      }
      case 'agent': {
        const parsed = AgentState.safeParse(event.agent);
        if (parsed.success) next = { ...next, agent: stamped(state.agent, parsed.data, now) };
        else invalid('agent state', parsed.error);
        break;
      }
      case 'lists': {
        const parsed = VendorLists.safeParse(event.lists);
        if (parsed.success) next = { ...next, lists: { ...state.lists, ...parsed.data } };
        else invalid('vendor lists', parsed.error);
        break;
      }
      case 'protocolError':
        next = withProtocolError(next, event.message, now);
        break;
      case 'notice':
        next = withNotice(next, event.level, event.message, now);
        break;
      case 'transport':
        next = { ...next, transport: { mode: event.mode, intervalMs: event.intervalMs } };
        break;
    }
    const transitions = changes.filter((t) => t !== undefined);
    commit({ ...next, calls: transitions.length > 0 ? settle(calls) : state.calls }, transitions);
  }

  return {
    ready,
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    apply: (event) => run(() => applyNow(event)),
    setConnection: (connection) =>
      run(() => {
        if (!equal(state.connection, connection)) commit({ ...state, connection });
      }),
    setCapabilities: (next) =>
      run(() => {
        caps = next;
        commit({ ...state, calls: state.calls.map(withActions) });
      }),
    setDisposition: (callId, disposition) =>
      run(() => {
        const parsed = Disposition.safeParse(disposition);
        const previous = state.calls.find((c) => c.id === callId);
        if (!parsed.success || !previous) {
          const why = parsed.success ? 'unknown call' : describeIssues(parsed.error);
          return log.warn('disposition ignored', why);
        }
        // A live call keeps its disposition until it ends; an ended one is done and leaves.
        const call = withActions({ ...previous, disposition: parsed.data });
        const calls = settle(state.calls.map((c) => (c === previous ? call : c)));
        commit({ ...state, calls }, [{ call, previous }]);
      }),
    dismissCall: (callId) =>
      run(() => {
        const call = state.calls.find((c) => c.id === callId && !isLive(c));
        if (!call) return;
        retired = [...retired, call.id].slice(-LIMITS.retired);
        commit({ ...state, calls: state.calls.filter((c) => c !== call) });
      }),
    addNotice: (level, message) =>
      run(() => commit(withNotice(state, level, message, clock.now()))),
    dismissNotice: (id) =>
      run(() => {
        if (state.notices.some((n) => n.id === id)) {
          commit({ ...state, notices: state.notices.filter((n) => n.id !== id) });
        }
      }),
    reset: () =>
      run(() => {
        retired = [];
        commit(initialState());
      }),
    persisted: async () => {
      await ready;
      await writes.flushed();
    },
  };
}
