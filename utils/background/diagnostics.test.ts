/**
 * The diagnostics journal: bounded lists, what it records from the connection, the events and
 * the screen-pop decisions, and its survival across a worker restart (storage.session).
 */
import { describe, expect, it, vi } from 'vitest';
import type { Logger } from '../cti/adapter';
import type { Call, Connection, CtiEvent } from '../cti/model';
import type { KeyValueArea } from '../cti/store';
import { memoryArea } from '../../tests/support/background-harness';
import { sampleCall } from '../../tests/support/sample-state';
import type { ScreenPopRule } from '../settings/schema';
import {
  createDiagnostics,
  EVENT_MAX_CHARS,
  JOURNAL_LIMITS,
  JOURNAL_VERSION,
  ruleMisses,
  type DiagnosticsDeps,
} from './diagnostics';

const KEY = 'diagnostics-key';
const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };

function journalOn(area: KeyValueArea = memoryArea(), over: Partial<DiagnosticsDeps> = {}) {
  let now = 1_000;
  const calls = new Map<string, Call>();
  let rules: ScreenPopRule[] = [];
  const diagnostics = createDiagnostics({
    area,
    key: KEY,
    clock: {
      now: () => now,
      setTimeout: () => undefined,
      clearTimeout: () => undefined,
      setInterval: () => undefined,
      clearInterval: () => undefined,
    },
    log: quiet,
    call: (id) => calls.get(id),
    rules: () => rules,
    ...over,
  });
  return {
    diagnostics,
    area,
    tick: (ms = 1_000) => (now += ms),
    addCall: (call: Call) => calls.set(call.id, call),
    setRules: (next: ScreenPopRule[]) => (rules = next),
  };
}

const ended = (n: number): CtiEvent => ({ type: 'callEnded', callId: `c${n}`, endedAt: n });
const rule = (over: Partial<ScreenPopRule>): ScreenPopRule => ({
  id: 'r',
  trigger: 'ringing',
  direction: 'inbound',
  url: 'https://crm.example.com/?q={e164}',
  target: 'newTab',
  ...over,
});

describe('diagnostics journal', () => {
  it('keeps at most its limits in every list, the newest records, in memory and stored', async () => {
    const { diagnostics, area, tick } = journalOn();
    for (let n = 0; n < 1_000; n++) {
      tick();
      diagnostics.signInFailed(`reason ${n}`);
      diagnostics.applied([ended(n)]);
      diagnostics.pop({ at: n, callId: `c${n}`, outcome: 'ended' });
    }
    await diagnostics.flushed();
    const journal = diagnostics.journal();
    expect(journal.timeline).toHaveLength(JOURNAL_LIMITS.timeline);
    expect(journal.events).toHaveLength(JOURNAL_LIMITS.events);
    expect(journal.pops).toHaveLength(JOURNAL_LIMITS.pops);
    expect(journal.timeline.at(-1)).toMatchObject({ kind: 'signInFailed', reason: 'reason 999' });
    expect(journal.events.at(-1)?.event).toEqual(ended(999));
    expect(journal.pops.at(-1)?.callId).toBe('c999');
    const stored = (await area.get(KEY)) as Record<string, unknown[]>;
    expect(stored.timeline).toHaveLength(JOURNAL_LIMITS.timeline);
    expect(stored.events).toHaveLength(JOURNAL_LIMITS.events);
    expect(stored.pops).toHaveLength(JOURNAL_LIMITS.pops);
  });

  it('keeps an event too large as its type and size, so the stored journal stays bounded', async () => {
    const { diagnostics, area } = journalOn();
    const data = Object.fromEntries(
      Array.from({ length: 200 }, (_, i) => [`field${i}`, 'x'.repeat(400)]),
    );
    const huge: CtiEvent = { type: 'callUpsert', call: { ...sampleCall(), data } };
    for (let n = 0; n < 1_000; n++) diagnostics.applied([huge]);
    await diagnostics.flushed();
    const [first] = diagnostics.journal().events;
    expect(first).toEqual({ at: 1_000, type: 'callUpsert', size: expect.any(Number) });
    expect(first!.size).toBeGreaterThan(EVENT_MAX_CHARS);
    // Every event at its limit: the whole journal stays well under storage.session's 10 MB.
    const big: CtiEvent = { type: 'notice', level: 'info', message: 'y'.repeat(EVENT_MAX_CHARS) };
    for (let n = 0; n < 1_000; n++) diagnostics.applied([big, ended(n)]);
    await diagnostics.flushed();
    expect(JSON.stringify(await area.get(KEY)).length).toBeLessThan(500_000);
  });

  it('keeps a run of restated lists and figures as one record with a count', () => {
    const { diagnostics, tick } = journalOn();
    const stats = (n: number): CtiEvent => ({
      type: 'queueStats',
      stats: { q1: { waiting: n } },
    });
    diagnostics.applied([stats(1)]);
    for (let n = 2; n <= 40; n++) {
      tick();
      diagnostics.applied([stats(n)]);
    }
    diagnostics.applied([{ type: 'agent', agent: { status: 'ready' } }]);
    diagnostics.applied([{ type: 'agent', agent: { status: 'notReady' } }]);
    diagnostics.applied([stats(41)]);
    const events = diagnostics.journal().events;
    expect(events.map((e) => e.type)).toEqual(['queueStats', 'agent', 'agent', 'queueStats']);
    expect(events[0]).toMatchObject({ at: 1_000, repeats: 39, lastAt: 40_000 });
    expect(events[0]!.event).toEqual(stats(40));
    expect(events[3]!.repeats).toBeUndefined();
  });

  it('records the connection: connecting, connected, lost, reconnect attempts by reason, failed, signed out', () => {
    const { diagnostics, tick } = journalOn();
    const seq: Connection[] = [
      { status: 'idle' },
      { status: 'connecting' },
      { status: 'connected', since: 1 },
      { status: 'connected', since: 1 },
      { status: 'reconnecting', attempt: 1, retryAt: 5, reason: 'Connection refused' },
      { status: 'connecting' },
      { status: 'reconnecting', attempt: 2, retryAt: 9, reason: 'Connection refused' },
      { status: 'connecting' },
      { status: 'reconnecting', attempt: 3, retryAt: 20, reason: 'Connection refused' },
      { status: 'connecting' },
      { status: 'reconnecting', attempt: 4, retryAt: 40, reason: 'No answer from the server' },
      { status: 'connecting' },
      { status: 'connected', since: 2 },
      { status: 'failed', reason: 'Wrong password' },
      { status: 'idle' },
    ];
    diagnostics.signIn();
    for (const connection of seq) {
      tick();
      diagnostics.connectionChanged(connection);
    }
    const timeline = diagnostics.journal().timeline.map(({ at: _at, ...record }) => record);
    expect(timeline).toEqual([
      { kind: 'started' },
      { kind: 'signIn' },
      { kind: 'connecting' },
      { kind: 'connected' },
      { kind: 'lost', reason: 'Connection refused', attempt: 1, retryAt: 5 },
      {
        kind: 'retry',
        reason: 'Connection refused',
        attempt: 2,
        lastAttempt: 3,
        lastAt: 10_000,
        retryAt: 20,
      },
      { kind: 'retry', reason: 'No answer from the server', attempt: 4, retryAt: 40 },
      { kind: 'connected' },
      { kind: 'failed', reason: 'Wrong password' },
      { kind: 'signedOut' },
    ]);
  });

  it('does not record a failure the store kept from the previous worker', () => {
    const { diagnostics } = journalOn();
    diagnostics.connectionChanged({ status: 'failed', reason: 'Wrong password' });
    expect(diagnostics.journal().timeline.map((r) => r.kind)).toEqual(['started']);
  });

  it('says why no rule matched, rule by rule, with the call it is about', () => {
    const { diagnostics, addCall, setRules } = journalOn();
    const call = sampleCall({ id: 'c1', queue: 'Support' });
    addCall(call);
    setRules([
      rule({ id: 'on-answer', trigger: 'answered' }),
      rule({ id: 'outbound', direction: 'outbound' }),
      rule({ id: 'sales', queue: 'Sales*' }),
      rule({ id: 'page', url: '{vendorUrl}' }),
    ]);
    diagnostics.pop({ at: 1, callId: 'c1', trigger: 'ringing', outcome: 'noRule' });
    expect(diagnostics.journal().pops[0]).toEqual({
      at: 1,
      callId: 'c1',
      trigger: 'ringing',
      outcome: 'noRule',
      call: { direction: 'inbound', number: '+33123456789', queue: 'Support' },
      misses: [
        { ruleId: 'on-answer', why: 'trigger', wants: 'answered' },
        { ruleId: 'outbound', why: 'direction', wants: 'outbound' },
        { ruleId: 'sales', why: 'queue', wants: 'Sales*' },
        { ruleId: 'page', why: 'vendorPage' },
      ],
    });
    expect(ruleMisses([rule({ id: 'ok' })], call, 'ringing')).toEqual([]);
  });

  it('keeps the URL a pop opened, and no secret it or an event carries', () => {
    const { diagnostics } = journalOn();
    diagnostics.pop(
      { at: 1, callId: 'c1', outcome: 'popped', detail: 'https://crm.example.com' },
      'https://crm.example.com/?q=%2B33123456789&token=s3cr3t',
    );
    diagnostics.applied([
      { type: 'protocolError', message: 'bad frame', frame: '{"password":"hunter2","x":1}' },
    ]);
    const journal = JSON.stringify(diagnostics.journal());
    expect(journal).toContain('https://crm.example.com/?q=%2B33123456789&token=[redacted]');
    expect(journal).not.toContain('s3cr3t');
    expect(journal).not.toContain('hunter2');
  });

  it('survives a worker restart: the next worker reads the journal back and goes on after it', async () => {
    const area = memoryArea();
    const first = journalOn(area);
    first.diagnostics.signIn();
    first.diagnostics.connectionChanged({ status: 'connecting' });
    first.diagnostics.connectionChanged({ status: 'connected', since: 1 });
    first.diagnostics.applied([ended(1)]);
    first.diagnostics.pop({ at: 1, callId: 'c1', outcome: 'ended' });
    await first.diagnostics.flushed();

    const second = journalOn(area);
    // Recorded before the stored journal is read: it goes after it.
    second.diagnostics.connectionChanged({ status: 'connecting' });
    await second.diagnostics.ready;
    second.diagnostics.applied([ended(2)]);
    const journal = second.diagnostics.journal();
    expect(journal.timeline.map((r) => r.kind)).toEqual([
      'started',
      'signIn',
      'connecting',
      'connected',
      'started',
      'connecting',
    ]);
    expect(journal.events.map((e) => e.event)).toEqual([ended(1), ended(2)]);
    expect(journal.pops).toHaveLength(1);
    await second.diagnostics.flushed();
    expect(((await area.get(KEY)) as { timeline: unknown[] }).timeline).toHaveLength(6);
  });

  it('starts afresh from a stored journal of another version or shape', async () => {
    for (const stored of [
      { version: JOURNAL_VERSION + 1, timeline: [{ at: 1, kind: 'signIn' }] },
      { version: JOURNAL_VERSION, timeline: 'x', events: [null, 3, { at: 'no' }], pops: {} },
      'garbage',
    ]) {
      const area = memoryArea();
      await area.set(KEY, stored);
      const { diagnostics } = journalOn(area);
      await diagnostics.ready;
      expect(diagnostics.journal()).toEqual({
        timeline: [{ at: 1_000, kind: 'started' }],
        events: [],
        pops: [],
      });
    }
  });

  it('goes on when storage fails, and says so once', async () => {
    const warn = vi.fn();
    const area: KeyValueArea = {
      get: async () => undefined,
      set: async () => {
        throw new Error('QuotaExceededError');
      },
    };
    const { diagnostics } = journalOn(area, { log: { ...quiet, warn } });
    for (let n = 0; n < 5; n++) {
      diagnostics.applied([ended(n)]);
      await diagnostics.flushed();
    }
    expect(diagnostics.journal().events).toHaveLength(5);
    expect(warn).toHaveBeenCalledTimes(1);
  });
});
