/**
 * `<input type="datetime-local">` values ("2026-03-04T15:30", local time, no zone) to and from
 * epoch milliseconds. Pure, so that the wrap-up form's call-back field is tested in one place.
 */

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** "2026-03-04T15:30": the minute `epochMs` falls in, in the agent's local time. */
export function toLocalInput(epochMs: number): string {
  const d = new Date(epochMs);
  const date = `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return `${date}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?$/;

/**
 * The instant a datetime-local value names in the agent's local time; undefined when it is not
 * a real date and time (2026-02-30, 25:00, free text).
 */
export function fromLocalInput(value: string): number | undefined {
  const m = LOCAL_INPUT.exec(value.trim());
  if (!m) return undefined;
  const [year, month, day, hours, minutes, seconds] = m.slice(1, 7).map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (hours > 23 || minutes > 59 || seconds > 59) return undefined;
  const d = new Date(year, month - 1, day, hours, minutes, seconds);
  // Date rolls impossible values over (Feb 30 → Mar 2); a real date keeps its fields.
  if (d.getFullYear() !== year || d.getMonth() !== month - 1 || d.getDate() !== day)
    return undefined;
  return d.getTime();
}
