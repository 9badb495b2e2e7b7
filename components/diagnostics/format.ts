/**
 * Values of the diagnostics page shown as they are (JSON), in a table cell. Dates, times and
 * numbers are formatted in the interface's language by utils/i18n/format.ts.
 */

/** A value on one line, for a table cell: JSON, shortened past `max` characters. */
export function oneLine(value: unknown, max = 160): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
