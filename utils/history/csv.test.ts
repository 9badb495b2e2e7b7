import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ENGLISH_HISTORY_HEADER, parseCsv } from '../../tests/support/csv';
import { localeMessages } from '../../tests/support/messages';
import { checkProperty } from '../../tests/support/property';
import { LANGUAGES } from '../i18n/languages';
import { setMessages } from '../i18n/runtime';
import type { CallEntry, OutageEntry } from './entry';
import {
  CSV_COLUMNS,
  csvHeader,
  historyCsv,
  historyCsvFileName,
  inert,
  type ExportedEntry,
} from './csv';

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

/** The header row, and each row by column (the columns are always in CSV_COLUMNS' order). */
const asObjects = (csv: string) => {
  const [header, ...rows] = parseCsv(csv);
  return {
    header,
    rows: rows.map((r) => Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, r[i]]))),
  };
};

describe('history CSV', () => {
  it('has a header row and one row per call, words in English, numbers in E.164 and times in ISO 8601', () => {
    const missed: ExportedEntry = {
      callId: 'found:v2',
      direction: 'inbound',
      remote: { raw: '1002' },
      startedAt: T - 3_600_000,
      fromVendor: true,
    };
    const csv = historyCsv([CALL, OUTAGE, missed]);
    expect(csv.startsWith('\uFEFFStarted (UTC),Answered (UTC),')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const { header, rows } = asObjects(csv);
    expect(header).toEqual(ENGLISH_HISTORY_HEADER);
    expect(rows).toEqual([
      {
        started_at: '2026-03-04T09:30:00.000Z',
        answered_at: '2026-03-04T09:30:05.000Z',
        ended_at: '2026-03-04T09:31:05.400Z',
        direction: 'Incoming',
        number: '+33123456789',
        name: 'Élodie Martin, "VIP"',
        queue: 'Support',
        outcome: 'Answered',
        talk_seconds: '60',
        disposition_code: 'sale',
        disposition_label: 'Sale',
        disposition_notes: 'Line one\nline two',
        callback_at: '',
        source: 'This browser',
      },
      {
        started_at: '2026-03-04T08:30:00.000Z',
        answered_at: '',
        ended_at: '',
        direction: 'Incoming',
        number: '1002',
        name: '',
        queue: '',
        outcome: 'Missed',
        talk_seconds: '',
        disposition_code: '',
        disposition_label: '',
        disposition_notes: '',
        callback_at: '',
        source: 'Phone system',
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

  it('says where a call comes from and how it went', () => {
    const rows = asObjects(
      historyCsv([
        { ...CALL, callId: 'o', direction: 'outbound', answeredAt: undefined, endedAt: T + 9_000 },
        { ...CALL, callId: 'f', foundAfterOutage: true },
      ]),
    ).rows;
    expect(rows.map((r) => [r.direction, r.outcome, r.talk_seconds, r.source])).toEqual([
      ['Outgoing', 'Not answered', '', 'This browser'],
      ['Incoming', 'Answered', '60', 'Phone system, after an outage'],
    ]);
  });

  it('writes the words in the interface’s language, and the times and numbers as they are', async () => {
    setMessages('fr', localeMessages('fr'));
    const csv = historyCsv([CALL]);
    const { header, rows } = asObjects(csv);
    expect(header).toEqual([
      'Début (UTC)',
      'Réponse (UTC)',
      'Fin (UTC)',
      'Sens',
      'Numéro',
      'Nom',
      'File',
      'Résultat',
      'Durée de conversation (secondes)',
      'Code de qualification',
      'Qualification',
      'Notes de qualification',
      'Rappel (UTC)',
      'Source',
    ]);
    expect(rows[0]).toMatchObject({
      started_at: '2026-03-04T09:30:00.000Z',
      direction: 'Entrant',
      number: '+33123456789',
      outcome: 'Répondu',
      talk_seconds: '60',
      source: 'Ce navigateur',
    });
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(historyCsvFileName(T)).toBe('switchboard-history-2026-03-04.csv');
  });

  it('names every column differently in every language, in words no spreadsheet runs', async () => {
    for (const language of LANGUAGES) {
      setMessages(language, localeMessages(language));
      const header = csvHeader();
      expect(new Set(header).size, language).toBe(CSV_COLUMNS.length);
      const { rows } = asObjects(
        historyCsv([
          CALL,
          { ...CALL, callId: 'm', answeredAt: undefined, foundAfterOutage: true },
          { ...CALL, callId: 'x', direction: 'outbound', answeredAt: undefined, fromVendor: true },
        ]),
      );
      const words = [...header, ...rows.flatMap((r) => [r.direction!, r.outcome!, r.source!])];
      // Each value is a word of that language, different for different values.
      expect(new Set(rows.map((r) => r.outcome)).size, language).toBe(3);
      expect(new Set(rows.map((r) => r.source)).size, language).toBe(3);
      expect(new Set(rows.map((r) => r.direction)).size, language).toBe(2);
      for (const word of words) expect(word, language).not.toMatch(/^[=+\-@\t\r]/);
    }
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
        expect(header).toEqual(ENGLISH_HISTORY_HEADER);
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
          expect(row.direction).toBe(c.direction === 'inbound' ? 'Incoming' : 'Outgoing');
          expect(row.number).toBe(c.remote.e164 ?? inert(c.remote.raw));
          expect(row.name).toBe(inert(c.remote.name));
          expect(row.queue).toBe(inert(c.queue));
          expect(row.source).toBe(c.fromVendor ? 'Phone system' : 'This browser');
          for (const value of Object.values(row)) expect(value).not.toMatch(/^[=+\-@\t\r](?!\d)/);
        });
      }),
      { numRuns: 500 },
    );
  });
});
