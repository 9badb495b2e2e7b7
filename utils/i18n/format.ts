/**
 * Dates, times, durations and numbers as the agent reads them: through `Intl`, in the locale of
 * the interface's language (runtime.ts `locale`). Nothing else formats them by hand. Each
 * function takes the locale as an optional last argument for tests and previews.
 *
 * A datetime-local input's value is not formatted here: it stays ISO (utils/ui/datetime.ts).
 */
import { locale as currentLocale } from './runtime';

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!format) cache.set(key, (format = new Intl.DateTimeFormat(locale, options)));
  return format;
}

function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `n|${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.NumberFormat | undefined;
  if (!format) cache.set(key, (format = new Intl.NumberFormat(locale, options)));
  return format;
}

/** The locale's own time patterns: "2:03:22 PM", "14:03:22"; "2:03 PM", "14:03". */
const TIME: Intl.DateTimeFormatOptions = { timeStyle: 'medium' };
const SHORT_TIME: Intl.DateTimeFormatOptions = { timeStyle: 'short' };
const DATE_TIME: Intl.DateTimeFormatOptions = { dateStyle: 'short', timeStyle: 'medium' };

/**
 * The short time's hour and clock as fields, to go with a date's fields (a style cannot): the
 * locale's 12 or 24 hours and its "08:30" or "8:30".
 */
function timeFields(locale: string): Intl.DateTimeFormatOptions {
  const short = dateFormat(locale, SHORT_TIME);
  const hour = short.formatToParts(new Date(2000, 0, 1, 1, 5)).find((p) => p.type === 'hour');
  return {
    hour: hour?.value.length === 2 ? '2-digit' : 'numeric',
    minute: '2-digit',
    hourCycle: short.resolvedOptions().hourCycle,
  };
}

/** A number: "1,234.5" in English, "1 234,5" in French. */
export const formatNumber = (
  value: number,
  options: Intl.NumberFormatOptions = {},
  locale = currentLocale(),
): string => numberFormat(locale, options).format(value);

/** A whole percentage, `value` in percent: "87%", "87 %". */
export const formatPercent = (value: number, locale = currentLocale()): string =>
  numberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(value / 100);

/** The time of day with seconds: "2:03:22 PM", "14:03:22". */
export const formatClock = (epochMs: number, locale = currentLocale()): string =>
  dateFormat(locale, TIME).format(epochMs);

/**
 * A date and a time to the second, as support lines them up with server logs:
 * "04/03/2026, 09:01:00" in en-GB, "04/03/2026 09:01:00" in French.
 */
export const formatTimestamp = (epochMs: number, locale = currentLocale()): string =>
  dateFormat(locale, DATE_TIME).format(epochMs);

/** Two times of one span: "2:03:22 – 2:05:40 PM", "14:03:22 – 14:05:40". */
export const formatSpan = (from: number, to: number, locale = currentLocale()): string =>
  from <= to ? dateFormat(locale, TIME).formatRange(from, to) : formatClock(from, locale);

/** The latest instant a Date can hold (ECMAScript §21.4.1.1). */
const MAX_TIME_MS = 8.64e15;
/** A time Intl and Date can show; anything else would throw. */
export const isShowableTime = (epochMs: number): boolean =>
  Number.isFinite(epochMs) && Math.abs(epochMs) <= MAX_TIME_MS;

const regionNames = new Map<string, Intl.DisplayNames>();

const sameDay = (a: Date, b: Date) =>
  a.getFullYear() === b.getFullYear() &&
  a.getMonth() === b.getMonth() &&
  a.getDate() === b.getDate();

/**
 * A moment near `now`: the time alone today ("2:30 PM", "14:30"), with the day on another day
 * ("Tue, Jan 7, 8:30 AM", "mar. 7 janv., 08:30"), and the year when it is not this year.
 */
export function formatWhen(epochMs: number, now: number, locale = currentLocale()): string {
  if (sameDay(new Date(epochMs), new Date(now)))
    return dateFormat(locale, SHORT_TIME).format(epochMs);
  return formatDateTime(epochMs, now, locale);
}

/**
 * A moment with its day, whatever day it is: "Tue, Jan 7, 8:30 AM", "mar. 7 janv., 08:30", with
 * the year when it is not the year of `now` (a history row). '' for a time that is none (a
 * platform's record without a usable date): Intl would throw.
 */
export function formatDateTime(epochMs: number, now: number, locale = currentLocale()): string {
  if (!isShowableTime(epochMs)) return '';
  const at = new Date(epochMs);
  return dateFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    ...(at.getFullYear() === new Date(now).getFullYear() ? {} : { year: 'numeric' }),
    ...timeFields(locale),
  }).format(at);
}

/**
 * A country by name, from its ISO 3166 code: "France" in English, "Frankrijk" in Dutch,
 * "فرنسا" in Arabic (Intl.DisplayNames); the code itself where Intl has no name for it.
 */
export function formatCountry(code: string, locale = currentLocale()): string {
  try {
    let names = regionNames.get(locale);
    if (!names) {
      names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' });
      regionNames.set(locale, names);
    }
    return names.of(code) ?? code;
  } catch {
    return code; // a malformed code
  }
}

/**
 * A duration as a running clock shows it: "0:07", "12:34", "1:02:03", with the locale's digits.
 * Negative spans (clock skew) show as 0:00.
 */
export function formatDuration(ms: number, locale = currentLocale()): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const plain = numberFormat(locale, { useGrouping: false });
  const two = numberFormat(locale, { minimumIntegerDigits: 2, useGrouping: false });
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0
    ? `${plain.format(h)}:${two.format(m)}:${two.format(s)}`
    : `${plain.format(m)}:${two.format(s)}`;
}
