import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../tests/support/csv';
import { checkProperty } from '../../tests/support/property';
import type { CallEntry, OutageEntry } from './entry';
import { CSV_COLUMNS, historyCsv, historyCsvFileName, inert, type ExportedEntry } from './csv';

const T = Date.UTC(2026, 2, 4, 9, 30, 0);
const CALL: CallEntry = {
  callId: 'c1',
  direction: 'inbound',
  remote: { raw: '0123456789', e164: '+33123456789', name: 'Élodie Martin, "VIP"' },
  queue: 'Support',
  startedAt: T,
  answeredAt: T + 5_000,
  endedAt: T + 65_400,
  disposition: { code: 'sale', label: 'Sale', notes: 'Line one\nline two', at: T + 70_000 },
};
const OUTAGE: OutageEntry = { kind: 'outage', callId: 'outage:1', startedAt: T, endedAt: T + 1 };

const asObjects = (csv: string) => {
  const [header, ...rows] = parseCsv(csv);
  return { header, rows: rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]]))) };
};

describe('history CSV', () => {
  it('has a header row and one row per call, numbers in E.164 and times in ISO 8601', () => {
    const missed: ExportedEntry = {
      callId: 'found:v2',
      direction: 'inbound',
      remote: { raw: '1002' },
      startedAt: T - 3_600_000,
      fromVendor: true,
    };
    const csv = historyCsv([CALL, OUTAGE, missed]);
    expect(csv.startsWith('\uFEFFstarted_at,answered_at,')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const { header, rows } = asObjects(csv);
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(rows).toEqual([
      {
        started_at: '2026-03-04T09:30:00.000Z',
        answered_at: '2026-03-04T09:30:05.000Z',
        ended_at: '2026-03-04T09:31:05.400Z',
        direction: 'inbound',
        number: '+33123456789',
        name: 'Élodie Martin, "VIP"',
        queue: 'Support',
        outcome: 'answered',
        talk_seconds: '60',
        disposition_code: 'sale',
        disposition_label: 'Sale',
        disposition_notes: 'Line one\nline two',
        callback_at: '',
        source: 'browser',
      },
      {
        started_at: '2026-03-04T08:30:00.000Z',
        answered_at: '',
        ended_at: '',
        direction: 'inbound',
        number: '1002',
        name: '',
        queue: '',
        outcome: 'missed',
        talk_seconds: '',
        disposition_code: '',
        disposition_label: '',
        disposition_notes: '',
        callback_at: '',
        source: 'platform',
      },
    ]);
    expect(historyCsvFileName(T)).toBe('switchboard-history-2026-03-04.csv');
  });

  it('makes text a spreadsheet would run as a formula inert', () => {
    const sneaky: CallEntry = {
      ...CALL,
      remote: { raw: '=HYPERLINK("http://x")', name: '@SUM(A1)' },
      queue: '-2+3',
      disposition: { code: '+1', label: '\tTab', notes: 'fine', at: T },
    };
    const [row] = asObjects(historyCsv([sneaky])).rows;
    expect(row).toMatchObject({
      number: `'=HYPERLINK("http://x")`,
      name: "'@SUM(A1)",
      queue: "'-2+3",
      disposition_code: "'+1",
      disposition_label: "'\tTab",
      disposition_notes: 'fine',
    });
  });

  it('reads back as the calls it was written from, whatever they hold', () => {
    // Any text, and text made of what CSV and spreadsheets treat specially.
    const tricky = fc.constantFrom(
      'a',
      '"',
      ',',
      '\n',
      '\r',
      '\r\n',
      '\t',
      '=',
      '+',
      '-',
      '@',
      ' ',
      'é',
      '1',
    );
    const anyText = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ unit: tricky, maxLength: 12 }),
    );
    const text = fc.option(anyText, { nil: undefined });
    const time = fc.integer({ min: 0, max: 4_102_444_800_000 });
    const call = fc.record({
      callId: fc.string({ minLength: 1, maxLength: 10 }),
      direction: fc.constantFrom('inbound' as const, 'outbound' as const),
      remote: fc.record({
        raw: anyText,
        e164: fc.option(fc.stringMatching(/^\+[1-9]\d{6,14}$/), { nil: undefined }),
        name: text,
      }),
      queue: text,
      startedAt: time,
      answeredAt: fc.option(time, { nil: undefined }),
      endedAt: fc.option(time, { nil: undefined }),
      fromVendor: fc.option(fc.constant(true as const), { nil: undefined }),
    });
    checkProperty(
      'history CSV',
      fc.property(fc.array(fc.oneof(call, fc.constant(OUTAGE)), { maxLength: 15 }), (entries) => {
        const written = entries as ExportedEntry[];
        const { header, rows } = asObjects(historyCsv(written));
        expect(header).toEqual([...CSV_COLUMNS]);
        const calls = written.filter(
          (e): e is CallEntry & { fromVendor?: true } => e.kind !== 'outage',
        );
        expect(rows).toHaveLength(calls.length);
        calls.forEach((c, i) => {
          const row = rows[i]!;
          expect(row.started_at).toBe(new Date(c.startedAt).toISOString());
          expect(Date.parse(row.started_at!)).toBe(c.startedAt);
          expect(row.answered_at).toBe(
            c.answeredAt === undefined ? '' : new Date(c.answeredAt).toISOString(),
          );
          expect(row.direction).toBe(c.direction);
          expect(row.number).toBe(c.remote.e164 ?? inert(c.remote.raw));
          expect(row.name).toBe(inert(c.remote.name));
          expect(row.queue).toBe(inert(c.queue));
          expect(row.source).toBe(c.fromVendor ? 'platform' : 'browser');
          for (const value of Object.values(row)) expect(value).not.toMatch(/^[=+\-@\t\r](?!\d)/);
        });
      }),
      { numRuns: 500 },
    );
  });
});
