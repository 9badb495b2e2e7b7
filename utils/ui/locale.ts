/** Times as the panel's markup needs them; dates, times and numbers for reading go through utils/i18n/format.ts. */
import { isShowableTime } from '../i18n/format';

/** The ISO 8601 form for `<time dateTime>`, or undefined for a time that is none. */
export const isoTime = (epochMs: number): string | undefined =>
  isShowableTime(epochMs) ? new Date(epochMs).toISOString() : undefined;
