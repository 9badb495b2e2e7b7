/**
 * Dates, times and numbers of the diagnostics page through Intl, in the locale the page is given.
 */
export interface Formats {
  /** Date and time, to the second: support lines it up with server logs. */
  time(epochMs: number): string;
  number(value: number): string;
}

export function formatsFor(locale: string): Formats {
  const time = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium' });
  const number = new Intl.NumberFormat(locale);
  return { time: (epochMs) => time.format(epochMs), number: (value) => number.format(value) };
}

/** A value on one line, for a table cell: JSON, shortened past `max` characters. */
export function oneLine(value: unknown, max = 160): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
