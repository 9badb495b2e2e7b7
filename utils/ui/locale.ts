/**
 * The language the panel formats dates, times and names in (Intl): the page's `<html lang>`,
 * which the i18n layer sets, else the browser's.
 */

/** Undefined (Intl's default) when neither is a well-formed language tag. */
export function panelLocale(): string | undefined {
  const tags = [globalThis.document?.documentElement?.lang, globalThis.navigator?.language];
  for (const tag of tags) {
    if (!tag) continue;
    try {
      return Intl.getCanonicalLocales(tag)[0];
    } catch {
      // Not a language tag: try the next.
    }
  }
  return undefined;
}

const callTimes = new Map<string, Intl.DateTimeFormat>();

/** The latest instant a Date can hold (ECMAScript §21.4.1.1). */
const MAX_TIME_MS = 8.64e15;
/** A time Intl and Date can show; anything else would throw. */
export const isShowableTime = (epochMs: number): boolean =>
  Number.isFinite(epochMs) && Math.abs(epochMs) <= MAX_TIME_MS;

/** The ISO 8601 form for `<time dateTime>`, or undefined for a time that is none. */
export const isoTime = (epochMs: number): string | undefined =>
  isShowableTime(epochMs) ? new Date(epochMs).toISOString() : undefined;

/**
 * When a call began, with its date, in the panel's language: "Wed, Mar 4, 9:30 AM" in en-US,
 * "mer. 4 mars, 09:30" in French; the year too when it is not this year. '' for a time that is
 * none (a platform's record without a usable date).
 */
export function formatCallTime(
  epochMs: number,
  now: number = Date.now(),
  locale: string | undefined = panelLocale(),
): string {
  if (!isShowableTime(epochMs)) return '';
  const thisYear = new Date(epochMs).getFullYear() === new Date(now).getFullYear();
  const key = `${locale ?? ''}|${thisYear}`;
  let format = callTimes.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale ? [locale] : [], {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      ...(thisYear ? {} : { year: 'numeric' }),
      hour: 'numeric',
      minute: '2-digit',
    });
    callTimes.set(key, format);
  }
  return format.format(epochMs);
}
