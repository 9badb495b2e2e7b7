/**
 * The agent's history as a CSV file (the History tab's Export): a header row, then one row per
 * call (outage rows are no calls and are left out), written by csv-stringify (RFC 4180 quoting,
 * CRLF line ends, a UTF-8 byte-order mark so that spreadsheets read names with accents). Numbers
 * are E.164 where known, times ISO 8601 in UTC; column names are stable identifiers for imports,
 * not words for the agent. Free text from callers and platforms (names, queues, notes) that a
 * spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading apostrophe
 * (OWASP "CSV injection").
 */
import { stringify } from 'csv-stringify/browser/esm/sync';
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

/** An entry as the History tab holds it: `fromVendor` when read from the platform's records. */
export type ExportedEntry = HistoryEntry & { fromVendor?: true };

const FORMULA = /^[=+\-@\t\r]/;
/** Text a spreadsheet would evaluate is made inert with a leading apostrophe. */
export const inert = (text: string | undefined): string =>
  text === undefined ? '' : FORMULA.test(text) ? `'${text}` : text;

const iso = (epochMs: number | undefined): string =>
  epochMs === undefined ? '' : new Date(epochMs).toISOString();

function outcomeOf(entry: CallEntry): string {
  if (entry.answeredAt !== undefined) return 'answered';
  return isMissed(entry) ? 'missed' : 'not_answered';
}

function sourceOf(entry: CallEntry & { fromVendor?: true }): string {
  if (entry.fromVendor) return 'platform';
  return entry.foundAfterOutage ? 'platform_after_outage' : 'browser';
}

/** One call's row. The number: E.164, else what the platform wrote (made inert if need be). */
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
    direction: entry.direction,
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
  return stringify(rows.map(csvRow), {
    header: true,
    columns: [...CSV_COLUMNS],
    bom: true,
    record_delimiter: 'windows',
    // A line break alone inside a note is a record end to most readers unless quoted.
    quoted_match: [/[\r\n]/],
  });
}

/** "switchboard-history-2026-03-04.csv", the date in UTC like the times inside. */
export const historyCsvFileName = (now: number): string =>
  `switchboard-history-${new Date(now).toISOString().slice(0, 10)}.csv`;
