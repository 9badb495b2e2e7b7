/**
 * How the call store (store.ts) applies what adapters report: pure steps on a copy of the state
 * and the store's ledger (capabilities, retired call ids, notice numbering). They never throw on
 * bad input: a frame that fails validation becomes a protocol error.
 */
import type { z } from 'zod';
import { deriveActions } from './actions';
import type { Capabilities, Logger } from './adapter';
import {
  AgentState,
  CallUpdate,
  VendorLists,
  type Call,
  type CallData,
  type CtiEvent,
} from './model';
import { applyFeatureEvent, isFeatureEvent } from './store-features';
import { describeIssues, equal, stamped } from './store-helpers';
import type { CallTransition, Notice, StoreState } from './store-state';

/**
 * `retired`: ids of calls the agent closed, so that a late frame cannot bring one back. Ended
 * calls waiting for their disposition have no limit: each stays until it is disposed or the agent
 * dismisses it, however many there are (dropping the oldest would lose the agent's work unseen).
 */
export const LIMITS = { notices: 5, protocolErrors: 10, retired: 20 } as const;

/** What the store keeps beside its state to apply events. */
export interface Ledger {
  caps: Capabilities;
  /** Calls the store let go of (the agent closed them, or nobody waits for them any more). */
  retired: string[];
  /** Keep ended calls until they are disposed or dismissed. */
  keepEnded: boolean;
  noticeSeq: number;
}

export const isLive = (call: Call) => call.state !== 'ended';
type Change = CallTransition | undefined;

export function withActions(call: Omit<Call, 'actions'>, caps: Capabilities): Call {
  const disposed = call.disposition !== undefined;
  return { ...call, actions: deriveActions(call, caps, { disposed }) };
}

export function retire(ledger: Ledger, ids: readonly string[]): void {
  if (ids.length > 0) ledger.retired = [...ledger.retired, ...ids].slice(-LIMITS.retired);
}

/**
 * Orders calls, drops the ones nobody waits for any more (disposed, or not disposable), and
 * remembers their ids. Every ended call that can still be disposed is kept.
 */
export function settle(calls: Call[], ledger: Ledger): Call[] {
  const live = calls.filter(isLive).sort((a, b) => a.startedAt - b.startedAt);
  const ended = ledger.keepEnded
    ? calls
        // Only a call that can still be disposed is waiting for anything.
        .filter((c) => !isLive(c) && c.actions.includes('dispose'))
        .sort((a, b) => (a.endedAt ?? 0) - (b.endedAt ?? 0))
    : [];
  const kept = [...live, ...ended];
  retire(
    ledger,
    calls.filter((c) => !kept.includes(c)).map((c) => c.id),
  );
  return kept;
}

function upsert(
  calls: Call[],
  raw: CallUpdate,
  update: CallData,
  now: number,
  ledger: Ledger,
): Change {
  const index = calls.findIndex((c) => c.id === update.id);
  const previous = calls[index];
  // Ended is final: a frame that arrives after it is late, not a new call.
  if (previous?.state === 'ended' || (!previous && ledger.retired.includes(update.id)))
    return undefined;
  const sawAnswer =
    (previous?.state === 'ringing' || previous?.state === 'dialing') &&
    update.state === 'connected';
  const merged = withActions(
    {
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
    },
    ledger.caps,
  );
  if (previous && equal(previous, merged)) return undefined;
  if (previous) calls[index] = merged;
  else calls.push(merged);
  return { call: merged, previous };
}

function end(calls: Call[], callId: string, endedAt: number, caps: Capabilities): Change {
  const index = calls.findIndex((c) => c.id === callId);
  const previous = calls[index];
  if (!previous || previous.state === 'ended') return undefined;
  const call = withActions(
    { ...previous, state: 'ended', endedAt, transferTarget: undefined },
    caps,
  );
  calls[index] = call;
  return { call, previous };
}

export function withNotice(
  s: StoreState,
  level: Notice['level'],
  message: string,
  at: number,
  ledger: Ledger,
): StoreState {
  const last = s.notices.at(-1);
  // The same notice again (a vendor repeating itself) refreshes the old one instead of stacking.
  const notices =
    last?.level === level && last.message === message ? s.notices.slice(0, -1) : s.notices;
  const notice = { id: `${at.toString(36)}-${++ledger.noticeSeq}`, level, message, at };
  return { ...s, notices: [...notices, notice].slice(-LIMITS.notices) };
}

function withProtocolError(s: StoreState, message: string, at: number, log: Logger): StoreState {
  log.warn('protocol error', message);
  const recent = [...s.recentProtocolErrors, { at, message }];
  return {
    ...s,
    protocolErrors: s.protocolErrors + 1,
    recentProtocolErrors: recent.slice(-LIMITS.protocolErrors),
  };
}

/** The state after `event`, and the calls it changed. */
export function applyEvent(
  state: StoreState,
  event: Exclude<CtiEvent, { type: 'connectionLost' }>,
  now: number,
  ledger: Ledger,
  log: Logger,
): { next: StoreState; transitions: CallTransition[] } {
  let next: StoreState = { ...state, lastEventAt: now };
  const calls = [...state.calls];
  const changes: Change[] = [];
  const invalid = (what: string, error: z.ZodError) => {
    next = withProtocolError(next, `Invalid ${what}: ${describeIssues(error)}`, now, log);
  };

  /** Returns the id even of an unreadable call: it is still a call the vendor has. */
  const upsertRaw = (raw: CallUpdate, what: string): unknown => {
    const parsed = CallUpdate.safeParse(raw);
    if (parsed.success) changes.push(upsert(calls, raw, parsed.data, now, ledger));
    else invalid(what, parsed.error);
    return parsed.success ? parsed.data.id : (raw as { id?: unknown }).id;
  };

  switch (event.type) {
    case 'callUpsert':
      upsertRaw(event.call, 'call update');
      break;
    case 'callEnded':
      changes.push(end(calls, event.callId, event.endedAt, ledger.caps));
      break;
    case 'callsSnapshot': {
      const present = new Set(event.calls.map((raw) => upsertRaw(raw, 'call in snapshot')));
      // Calls the vendor no longer has ended while we were not listening.
      for (const call of state.calls) {
        if (isLive(call) && !present.has(call.id))
          changes.push(end(calls, call.id, now, ledger.caps));
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
      next = withProtocolError(next, event.message, now, log);
      break;
    case 'notice':
      next = withNotice(next, event.level, event.message, now, ledger);
      break;
    case 'transport':
      next = { ...next, transport: { mode: event.mode, intervalMs: event.intervalMs } };
      break;
    default:
      if (isFeatureEvent(event)) {
        const applied = applyFeatureEvent(next, event, now);
        next = applied.ok ? applied.state : withProtocolError(next, applied.error, now, log);
      }
  }
  const transitions = changes.filter((t) => t !== undefined);
  return {
    next: { ...next, calls: transitions.length > 0 ? settle(calls, ledger) : state.calls },
    transitions,
  };
}

/**
 * The state after `events` in order, and one transition per call they changed: from the call
 * before the first event to the call after the last (a call that rang and ended among them is
 * reported ended, with no ringing in between). Calls back where they were are not reported.
 */
export function applyEvents(
  state: StoreState,
  events: readonly CtiEvent[],
  now: number,
  ledger: Ledger,
  log: Logger,
): { next: StoreState; transitions: CallTransition[] } {
  let next = state;
  const merged = new Map<string, CallTransition>();
  for (const event of events) {
    if (event.type === 'connectionLost') continue;
    const applied = applyEvent(next, event, now, ledger, log);
    next = applied.next;
    for (const { call, previous } of applied.transitions) {
      const first = merged.get(call.id);
      merged.set(call.id, { call, previous: first ? first.previous : previous });
    }
  }
  const transitions = [...merged.values()].filter(
    (t) => t.previous === undefined || !equal(t.previous, t.call),
  );
  return { next, transitions };
}
