/**
 * Times and durations as the CCS API page writes them: durations as `"117:56:46"` (hours,
 * minutes, seconds; §4.15) or `"0"`, and the call search's date-times as `2021-10-07T07:22:21`
 * with `time_z=UTC` (§4.21).
 */

/** `"117:56:46"`, `"02:05"`, `"42"` or a number of seconds → seconds; undefined when unreadable. */
export function durationSeconds(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const m = /^(?:(?:(\d{1,6}):)?([0-5]?\d):)?(\d{1,9}(?:\.\d+)?)$/.exec(value.trim());
  if (!m) return undefined;
  const [hours, minutes, seconds] = [m[1], m[2], m[3]].map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
  ];
  // "mm:ss" and "h:mm:ss" keep seconds below 60; a bare number is any count of seconds.
  if (m[2] !== undefined && seconds >= 60) return undefined;
  return hours * 3600 + minutes * 60 + seconds;
}

/** Epoch ms → `2021-10-07T07:22:21` (UTC, whole seconds), the call search's format. */
export function utcDateTime(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().slice(0, 19);
}

/**
 * `2021-10-07T07:22:21` or `2021-10-07 07:22:21` (UTC, the zone the search asked for; an explicit
 * `Z` or offset is honoured) → epoch ms; undefined when unreadable.
 */
export function parseUtcDateTime(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m =
    /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,6})?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(
      value.trim(),
    );
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((p) => Number(p ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59)
    return undefined;
  const fraction = m[7] ? Math.round(Number(m[7]) * 1000) : 0;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second) + fraction;
  const offset = m[8] && m[8].toUpperCase() !== 'Z' ? offsetMs(m[8]) : 0;
  const at = utc - offset;
  return Number.isFinite(at) ? at : undefined;
}

function offsetMs(offset: string): number {
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
}
