/** Times as the agent reads them. */

const pad = (n: number) => String(n).padStart(2, '0');

/** "14:03:22" in the agent's local time. */
export function formatClock(epochMs: number): string {
  const d = new Date(epochMs);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** "10:02:11–10:05:40". */
export const formatSpan = (from: number, to: number): string =>
  `${formatClock(from)}–${formatClock(to)}`;
