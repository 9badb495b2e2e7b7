/**
 * The language the panel formats names in (Intl): the page's `<html lang>`, which the i18n layer
 * sets, else the browser's. Dates, times and numbers go through utils/i18n/format.ts.
 */
import { isShowableTime } from '../i18n/format';

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

/** The ISO 8601 form for `<time dateTime>`, or undefined for a time that is none. */
export const isoTime = (epochMs: number): string | undefined =>
  isShowableTime(epochMs) ? new Date(epochMs).toISOString() : undefined;
