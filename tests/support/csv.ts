/**
 * Reads CSV back (RFC 4180: quoted fields, doubled quotes, CR LF or LF line ends, a leading
 * byte-order mark), for tests of what Switchboard exports. Written here rather than taken from a
 * library so that the export is checked against the standard, not against the writer's sibling.
 */
export function parseCsv(text: string): string[][] {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  while (i < body.length) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') endField();
    else if (c === '\r' && body[i + 1] === '\n') {
      endRow();
      i++;
    } else if (c === '\n') endRow();
    else field += c;
    i++;
  }
  if (quoted) throw new Error('CSV ends inside a quoted field');
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

/**
 * The history export's header row in English (utils/history/csv.ts, locales/en.yml
 * `historyExport`), the columns in their order: what a spreadsheet user in English reads.
 */
export const ENGLISH_HISTORY_HEADER = [
  'Started (UTC)',
  'Answered (UTC)',
  'Ended (UTC)',
  'Direction',
  'Number',
  'Name',
  'Queue',
  'Outcome',
  'Talk time (seconds)',
  'Disposition code',
  'Disposition',
  'Disposition notes',
  'Callback (UTC)',
  'Source',
];
