/** Dates as uContact's API pages write them: `YYYY-MM-DD HH:mm:ss` [INFERRED for DispositionCall]. */

/** A real `YYYY-MM-DD HH:mm:ss`: what the simulator accepts as a schedule or a date. */
export function validSchedule(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(value);
  if (!m) return false;
  // A calendar check only (UTC: no daylight-saving gaps): 2026-02-30 or 24:00:00 do not round-trip.
  const [y = 0, mo = 0, ...rest] = m.slice(1).map(Number);
  const date = new Date(Date.UTC(y, mo - 1, ...rest));
  return date.toISOString().slice(0, 19).replace('T', ' ') === value;
}
