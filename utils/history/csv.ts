/**
 * The agent's history as a CSV file (the History tab's Export): a header row, then one row per
 * call (outage rows are no calls and are left out), written by csv-stringify (RFC 4180 quoting,
 * CRLF line ends, a UTF-8 byte-order mark so that spreadsheets read names with accents). The
 * column names and the values that are words (direction, outcome, source) are in the interface's
 * language (locales/*.yml `historyExport`), the columns always in the order of `CSV_COLUMNS`;
 * what a machine reads stays as it is in every language: numbers E.164 where known, times ISO
 * 8601 in UTC, talk time in whole seconds. Free text from callers and platforms (names, queues,
 * notes) that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading
 * apostrophe (OWASP "CSV injection").
 */
import { stringify } from 'csv-stringify/browser/esm/sync';
import { t } from '../i18n/runtime';
import { isOutage, type CallEntry, type HistoryEntry } from './entry';
import { isMissed } from './search';

export const CSV_COLUMNS = [
  'started_at',
  'answered_at',
  'ended_at',
  'direction',
  'number',
  'name',
  'queue',
  'outcome',
  'talk_seconds',
  'disposition_code',
  'disposition_label',
  'disposition_notes',
  'callback_at',
  'source',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];
export type CsvRow = Record<CsvColumn, string>;

/** Each column's name in the file. */
const HEADER_KEYS = {
  started_at: 'historyExport.startedAt',
  answered_at: 'historyExport.answeredAt',
  ended_at: 'historyExport.endedAt',
  direction: 'historyExport.direction',
  number: 'historyExport.number',
  name: 'historyExport.name',
  queue: 'historyExport.queue',
  outcome: 'historyExport.outcome',
  talk_seconds: 'historyExport.talkSeconds',
  disposition_code: 'historyExport.dispositionCode',
  disposition_label: 'historyExport.dispositionLabel',
  disposition_notes: 'historyExport.dispositionNotes',
  callback_at: 'historyExport.callbackAt',
  source: 'historyExport.source',
} as const satisfies Record<CsvColumn, string>;

/** The header row: the columns' names in the interface's language, in `CSV_COLUMNS`' order. */
export const csvHeader = (): string[] => CSV_COLUMNS.map((column) => t(HEADER_KEYS[column]));

const DIRECTION_KEYS = {
  inbound: 'historyExport.inbound',
  outbound: 'historyExport.outbound',
} as const satisfies Record<CallEntry['direction'], string>;

/** An entry as the History tab holds it: `fromVendor` when read from the platform's records. */
export type ExportedEntry = HistoryEntry & { fromVendor?: true };

const FORMULA = /^[=+\-@\t\r]/;
/** Text a spreadsheet would evaluate is made inert with a leading apostrophe. */
export const inert = (text: string | undefined): string =>
  text === undefined ? '' : FORMULA.test(text) ? `'${text}` : text;

const iso = (epochMs: number | undefined): string =>
  epochMs === undefined ? '' : new Date(epochMs).toISOString();

function outcomeOf(entry: CallEntry): string {
  if (entry.answeredAt !== undefined) return t('historyExport.answered');
  return isMissed(entry) ? t('historyExport.missed') : t('historyExport.notAnswered');
}

/** Where the row comes from: this browser, or the platform's records (live, or after an outage). */
function sourceOf(entry: CallEntry & { fromVendor?: true }): string {
  if (entry.fromVendor) return t('historyExport.platform');
  return entry.foundAfterOutage
    ? t('historyExport.platformAfterOutage')
    : t('historyExport.browser');
}

/**
 * One call's row, by column. The number: E.164, else what the platform wrote (made inert if need
 * be); the direction, outcome and source in the interface's language.
 */
export function csvRow(entry: CallEntry & { fromVendor?: true }): CsvRow {
  const { answeredAt, endedAt, disposition } = entry;
  const talk =
    answeredAt !== undefined && endedAt !== undefined && endedAt >= answeredAt
      ? String(Math.round((endedAt - answeredAt) / 1000))
      : '';
  return {
    started_at: iso(entry.startedAt),
    answered_at: iso(answeredAt),
    ended_at: iso(endedAt),
    direction: t(DIRECTION_KEYS[entry.direction]),
    number: entry.remote.e164 ?? inert(entry.remote.raw),
    name: inert(entry.remote.name),
    queue: inert(entry.queue),
    outcome: outcomeOf(entry),
    talk_seconds: talk,
    disposition_code: inert(disposition?.code),
    disposition_label: inert(disposition?.label),
    disposition_notes: inert(disposition?.notes),
    callback_at: iso(disposition?.callbackAt),
    source: sourceOf(entry),
  };
}

/** The file's text: header, then a row per call of `entries`, in their order. */
export function historyCsv(entries: readonly ExportedEntry[]): string {
  const rows = entries.filter((e): e is CallEntry & { fromVendor?: true } => !isOutage(e));
  const header = csvHeader();
  return stringify(rows.map(csvRow), {
    header: true,
    columns: CSV_COLUMNS.map((key, i) => ({ key, header: header[i] })),
    bom: true,
    record_delimiter: 'windows',
    // A line break alone inside a note is a record end to most readers unless quoted.
    quoted_match: [/[\r\n]/],
  });
}

/**
 * "switchboard-history-2026-03-04.csv", the same in every language (the product's name and a
 * date, for scripts that pick the files up), the date in UTC like the times inside.
 */
export const historyCsvFileName = (now: number): string =>
  `switchboard-history-${new Date(now).toISOString().slice(0, 10)}.csv`;
