import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkProperty } from '../../tests/support/property';
import type { CallEntry, HistoryEntry, OutageEntry } from './entry';
import {
  EMPTY_QUERY,
  folded,
  HISTORY_KINDS,
  isMissed,
  searchHistory,
  type HistoryQuery,
} from './search';

const T = Date.UTC(2026, 2, 4, 9, 0, 0);
const entry = (over: Partial<CallEntry> & Pick<CallEntry, 'callId'>): CallEntry => ({
  direction: 'inbound',
  remote: { raw: '0612345678', e164: '+33612345678' },
  startedAt: T,
  answeredAt: T + 5_000,
  endedAt: T + 60_000,
  ...over,
});
const ADA = entry({
  callId: 'ada',
  remote: { raw: '0612345678', e164: '+33612345678', name: 'Ada Lovelace' },
});
const ELODIE = entry({
  callId: 'elodie',
  direction: 'outbound',
  remote: { raw: '+1 (415) 555-2671', e164: '+14155552671', name: 'Élodie Martin' },
  disposition: { code: 'sale', label: 'Sale', notes: '', at: T },
});
const MISSED = entry({ callId: 'missed', remote: { raw: '1002' }, answeredAt: undefined });
const UNANSWERED = entry({ callId: 'unanswered', direction: 'outbound', answeredAt: undefined });
const OUTAGE: OutageEntry = { kind: 'outage', callId: 'outage:1', startedAt: T, endedAt: T + 9 };
const ALL: HistoryEntry[] = [ADA, ELODIE, MISSED, UNANSWERED, OUTAGE];

const ids = (query: Partial<HistoryQuery>) =>
  searchHistory(ALL, { ...EMPTY_QUERY, ...query }).map((e) => e.callId);

describe('history search', () => {
  it('finds a number however it is typed', () => {
    expect(ids({ text: '06 12 34' })).toEqual(['ada', 'unanswered']);
    expect(ids({ text: '+33 6 12' })).toEqual(['ada', 'unanswered']);
    expect(ids({ text: '(415) 555' })).toEqual(['elodie']);
    expect(ids({ text: '1 415-555' })).toEqual(['elodie']);
    expect(ids({ text: '1002' })).toEqual(['missed']);
    expect(ids({ text: '999' })).toEqual([]);
  });

  it('finds a name in any case, with or without accents', () => {
    expect(ids({ text: 'elodie' })).toEqual(['elodie']);
    expect(ids({ text: 'LOVE' })).toEqual(['ada']);
    expect(ids({ text: '  martin ' })).toEqual(['elodie']);
  });

  it('filters missed, incoming, outgoing and not yet disposed calls', () => {
    expect(ids({ kind: 'missed' })).toEqual(['missed']);
    expect(ids({ kind: 'inbound' })).toEqual(['ada', 'missed']);
    expect(ids({ kind: 'outbound' })).toEqual(['elodie', 'unanswered']);
    expect(ids({ undisposed: true })).toEqual(['ada', 'missed', 'unanswered']);
    expect(ids({ kind: 'outbound', undisposed: true, text: '06' })).toEqual(['unanswered']);
  });

  it('keeps outage rows in the whole list only', () => {
    expect(ids({})).toEqual(['ada', 'elodie', 'missed', 'unanswered', 'outage:1']);
    expect(ids({ kind: 'missed' })).not.toContain('outage:1');
  });

  it('answers every query with the entries that fit each of its parts, in order', () => {
    const calls = fc.array(
      fc.record({
        callId: fc.uuid(),
        direction: fc.constantFrom('inbound' as const, 'outbound' as const),
        remote: fc.record({
          raw: fc.oneof(fc.stringMatching(/^[0-9 +()-]{0,14}$/), fc.string({ maxLength: 10 })),
          name: fc.option(fc.constantFrom('Ada', 'Élodie', 'Zoë Ng', 'bob'), { nil: undefined }),
        }),
        startedAt: fc.integer({ min: 0, max: T }),
        answeredAt: fc.option(fc.constant(T), { nil: undefined }),
        disposition: fc.option(fc.constant({ code: 'x', notes: '', at: T }), { nil: undefined }),
      }),
      { maxLength: 20 },
    );
    const query = fc.record({
      text: fc.oneof(
        fc.constant(''),
        fc.stringMatching(/^[0-9 ]{1,4}$/),
        fc.constantFrom('ad', 'ELO', 'zoe', 'x'),
      ),
      kind: fc.constantFrom(...HISTORY_KINDS),
      undisposed: fc.boolean(),
    });
    checkProperty(
      'history search and filters',
      fc.property(calls, query, (entries, q) => {
        const found = searchHistory(entries as CallEntry[], q);
        // An order-preserving subset…
        const positions = found.map((e) => entries.indexOf(e as (typeof entries)[number]));
        expect(positions).toEqual([...positions].sort((a, b) => a - b));
        expect(positions.every((p) => p >= 0)).toBe(true);
        // …holding exactly the entries each part of the query lets through.
        const digits = q.text.replace(/\D/g, '');
        const expected = (entries as CallEntry[]).filter((e) => {
          if (q.kind === 'missed' && !isMissed(e)) return false;
          if ((q.kind === 'inbound' || q.kind === 'outbound') && e.direction !== q.kind)
            return false;
          if (q.undisposed && e.disposition) return false;
          if (q.text.trim() === '') return true;
          if (digits) return e.remote.raw.replace(/\D/g, '').includes(digits);
          return [e.remote.name, e.remote.raw].some(
            (v) => v && folded(v).includes(folded(q.text.trim())),
          );
        });
        expect(found).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
