/**
 * The diagnostics journal: what support needs to see after the fact, kept by the background in
 * bounded lists (docs/architecture.md "Diagnostics").
 *
 * - the connection timeline: the worker starting, sign-in, connected, lost, reconnect attempts
 *   with their reasons, failed, signed out;
 * - the normalized vendor events the session applied to the call store;
 * - the screen-pop decisions, with the URL that opened and, when no rule matched, why each rule
 *   passed the call by.
 *
 * Each list is a ring: the oldest record goes when a new one would pass its limit, and an event
 * too large to keep is kept as its type and size. Runs of records that say the same thing again
 * (reconnect attempts failing for one reason, a vendor's figures every few seconds) are one record
 * with a count, so that a long outage or a chatty vendor does not push the rest out. The journal
 * lives in `storage.session` (memory only, like the other worker state): it survives a worker
 * restart for the browser session and goes with it. Secrets are redacted before anything is kept
 * (utils/cti/log.ts); credentials never reach it.
 */
import type { Clock, Logger } from '../cti/adapter';
import { redact, redactText } from '../cti/log';
import type { Call, Connection, CtiEvent } from '../cti/model';
import type { CallStore, KeyValueArea } from '../cti/store';
import { isFeatureEvent } from '../cti/store-features';
import { createOrderedWrites } from '../lib/ordered-writes';
import type { ConnectionRecord, EventRecord, PopRecord, RuleMiss } from '../messaging';
import { ruleMismatch } from '../screenpop/rules';
import type { PopDecision } from '../screenpop/screen-pop';
import type { ScreenPopRule } from '../settings/schema';
import type { SignIn } from './sign-in';

/**
 * At most this many records per list. The timeline covers days of an ordinary session (a few
 * records per sign-in or outage); 150 events are the last minutes of a busy agent; 50 pops are
 * the last hour or two of calls. Worst case, with every event at its size limit, the journal is
 * about 0.4 MB of `storage.session`'s 10 MB.
 */
export const JOURNAL_LIMITS = { timeline: 100, events: 150, pops: 50 } as const;
/** An event whose JSON is longer than this is kept as its type and size only. */
export const EVENT_MAX_CHARS = 2_000;
/** The version of the stored journal (utils/storage/registry.ts `diagnostics`). */
export const JOURNAL_VERSION = 1;

/**
 * Events that restate a list or figures: one after another of the same type, only the latest is
 * kept, with a count. Call and agent events are always kept one by one.
 */
const restates = (event: CtiEvent): boolean =>
  isFeatureEvent(event) || event.type === 'lists' || event.type === 'transport';

export interface Journal {
  timeline: ConnectionRecord[];
  events: EventRecord[];
  pops: PopRecord[];
}

export interface DiagnosticsDeps {
  /** browser.storage.session. */
  area: KeyValueArea;
  key: string;
  clock: Clock;
  log: Logger;
  /** The call a screen-pop decision is about, if the store still has it. */
  call(callId: string): Call | undefined;
  /** The screen-pop rules in force. */
  rules(): readonly ScreenPopRule[];
}

export interface Diagnostics {
  /** Resolves once the journal a previous worker kept is read back. */
  ready: Promise<void>;
  /** A copy of the lists, oldest first. */
  journal(): Journal;
  /** The call store's connection, on every store change: records what changed. */
  connectionChanged(connection: Connection): void;
  /** The agent asked to sign in; `failed` with the answer when it did not succeed. */
  signIn(): void;
  signInFailed(reason: string): void;
  /** Events the session applied to the call store. */
  applied(events: readonly CtiEvent[]): void;
  /** A screen-pop decision (ScreenPopDeps.log). */
  pop(decision: PopDecision, url?: string): void;
  /** Resolves when every change so far is stored (tests). */
  flushed(): Promise<void>;
}

const isRecord = (value: unknown): value is { at: number } =>
  typeof value === 'object' && value !== null && typeof (value as { at?: unknown }).at === 'number';

/** The records of a stored list, the newest `limit` of them; anything else is dropped. */
function storedList<T>(value: unknown, limit: number): T[] {
  return Array.isArray(value) ? (value.filter(isRecord).slice(-limit) as T[]) : [];
}

function readJournal(stored: unknown): Journal {
  const saved = (stored ?? {}) as Partial<Record<keyof Journal | 'version', unknown>>;
  if (saved.version !== JOURNAL_VERSION) return { timeline: [], events: [], pops: [] };
  return {
    timeline: storedList(saved.timeline, JOURNAL_LIMITS.timeline),
    events: storedList(saved.events, JOURNAL_LIMITS.events),
    pops: storedList(saved.pops, JOURNAL_LIMITS.pops),
  };
}

/** Adds `record` to `list`, dropping the oldest beyond `limit`. */
function push<T>(list: T[], record: T, limit: number): void {
  list.push(record);
  if (list.length > limit) list.splice(0, list.length - limit);
}

/** An event as the journal keeps it: redacted, or only its type and size when too large. */
export function eventRecord(event: CtiEvent, at: number): EventRecord {
  const kept = redact(event);
  const size = JSON.stringify(kept).length;
  return size > EVENT_MAX_CHARS
    ? { at, type: event.type, size }
    : { at, type: event.type, event: kept };
}

/** Why each rule passed `call` by for `trigger` (a `noRule` decision). */
export function ruleMisses(
  rules: readonly ScreenPopRule[],
  call: Call,
  trigger: ScreenPopRule['trigger'],
): RuleMiss[] {
  return rules.flatMap((rule) => {
    const why = ruleMismatch(rule, call, trigger);
    if (!why) return [];
    const wants =
      why === 'trigger'
        ? rule.trigger
        : why === 'direction'
          ? rule.direction
          : why === 'queue'
            ? rule.queue
            : undefined;
    return [{ ruleId: rule.id, why, ...(wants === undefined ? {} : { wants }) }];
  });
}

/** A decision with the call and URL that explain it. */
function popRecord(
  decision: PopDecision,
  url: string | undefined,
  deps: Pick<DiagnosticsDeps, 'call' | 'rules'>,
): PopRecord {
  const call = deps.call(decision.callId);
  const record: PopRecord = { ...decision };
  if (decision.detail !== undefined) record.detail = redactText(decision.detail);
  if (url !== undefined) record.url = redactText(url);
  if (!call) return record;
  record.call = {
    direction: call.direction,
    number: call.remote.e164 ?? call.remote.raw,
    ...(call.queue === undefined ? {} : { queue: call.queue }),
  };
  if (decision.outcome === 'noRule' && decision.trigger) {
    record.misses = ruleMisses(deps.rules(), call, decision.trigger);
  }
  return record;
}

/** The timeline record a connection change makes, or undefined when it makes none. */
function connectionRecord(
  before: Connection | undefined,
  now: Connection,
  at: number,
): ConnectionRecord | undefined {
  switch (now.status) {
    case 'idle':
      return before && before.status !== 'idle' ? { at, kind: 'signedOut' } : undefined;
    case 'connecting':
      // A reconnect attempt starting: its `retry` record says how it went.
      return before?.status === 'reconnecting' ? undefined : { at, kind: 'connecting' };
    case 'connected':
      return { at, kind: 'connected' };
    case 'reconnecting': {
      const { attempt, retryAt } = now;
      const reason = redactText(now.reason);
      const kind = before?.status === 'connected' ? 'lost' : 'retry';
      return { at, kind, reason, attempt, retryAt };
    }
    case 'failed':
      // A failure the store kept from the previous worker is already in the journal.
      return before ? { at, kind: 'failed', reason: redactText(now.reason) } : undefined;
  }
}

const sameConnection = (a: Connection | undefined, b: Connection): boolean =>
  a?.status === b.status && (b.status !== 'reconnecting' || (a as typeof b).attempt === b.attempt);

export function createDiagnostics(deps: DiagnosticsDeps): Diagnostics {
  const { clock } = deps;
  const journal: Journal = { timeline: [], events: [], pops: [] };
  let connection: Connection | undefined;
  let saveFailed = false;
  const writes = createOrderedWrites((value: unknown) => deps.area.set(deps.key, value));

  function save(): void {
    const snapshot = {
      version: JOURNAL_VERSION,
      timeline: [...journal.timeline],
      events: [...journal.events],
      pops: [...journal.pops],
    };
    writes.write(snapshot).then(
      () => (saveFailed = false),
      (error: unknown) => {
        // Said once per run of failures: diagnostics must never trouble the agent.
        if (!saveFailed) deps.log.warn('could not save the diagnostics journal', error);
        saveFailed = true;
      },
    );
  }

  function addTimeline(record: ConnectionRecord): void {
    const last = journal.timeline.at(-1);
    if (record.kind === 'retry' && last?.kind === 'retry' && last.reason === record.reason) {
      last.lastAttempt = record.attempt;
      last.lastAt = record.at;
      last.retryAt = record.retryAt;
    } else push(journal.timeline, record, JOURNAL_LIMITS.timeline);
    save();
  }

  function addEvent(event: CtiEvent, at: number): void {
    const last = journal.events.at(-1);
    const record = eventRecord(event, at);
    if (last?.type === event.type && restates(event)) {
      // The latest restatement replaces the one before; the record keeps when the run began.
      journal.events[journal.events.length - 1] = {
        ...record,
        at: last.at,
        repeats: (last.repeats ?? 0) + 1,
        lastAt: at,
      };
    } else push(journal.events, record, JOURNAL_LIMITS.events);
  }

  // What this worker records before the previous one's journal is read goes after it.
  const ready = deps.area.get(deps.key).then(
    (stored) => {
      const before = readJournal(stored);
      journal.timeline = [...before.timeline, ...journal.timeline].slice(-JOURNAL_LIMITS.timeline);
      journal.events = [...before.events, ...journal.events].slice(-JOURNAL_LIMITS.events);
      journal.pops = [...before.pops, ...journal.pops].slice(-JOURNAL_LIMITS.pops);
      save();
    },
    (error: unknown) => deps.log.warn('could not read the diagnostics journal', error),
  );
  addTimeline({ at: clock.now(), kind: 'started' });

  return {
    ready,
    journal: () => structuredClone(journal),
    connectionChanged(next) {
      if (sameConnection(connection, next)) return;
      const record = connectionRecord(connection, next, clock.now());
      connection = next;
      if (record) addTimeline(record);
    },
    signIn: () => addTimeline({ at: clock.now(), kind: 'signIn' }),
    signInFailed: (reason) =>
      addTimeline({ at: clock.now(), kind: 'signInFailed', reason: redactText(reason) }),
    applied(events) {
      if (events.length === 0) return;
      const at = clock.now();
      for (const event of events) addEvent(event, at);
      save();
    },
    pop(decision, url) {
      push(journal.pops, popRecord(decision, url, deps), JOURNAL_LIMITS.pops);
      save();
    },
    flushed: async () => {
      await ready;
      await writes.flushed();
    },
  };
}

/** `signIn` as the message handler uses it: each sign-in, and its failure, is recorded. */
export function recordingSignIn(signIn: SignIn, diagnostics: Diagnostics): SignIn {
  return {
    get identity() {
      return signIn.identity;
    },
    get view() {
      return signIn.view;
    },
    restore: () => signIn.restore(),
    forget: () => signIn.forget(),
    async signIn(message) {
      diagnostics.signIn();
      const reply = await signIn.signIn(message);
      if (!reply.ok) diagnostics.signInFailed(reply.error);
      return reply;
    },
    signOut: () => signIn.signOut(),
  };
}

/** `store` as the session sees it, with every event it applies recorded first. */
export function recordingStore(store: CallStore, diagnostics: Diagnostics): CallStore {
  return {
    ...store,
    apply(event) {
      diagnostics.applied([event]);
      store.apply(event);
    },
    applyAll(events) {
      diagnostics.applied(events);
      store.applyAll(events);
    },
  };
}
