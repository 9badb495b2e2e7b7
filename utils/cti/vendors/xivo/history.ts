/**
 * XiVO's call history (api-pages "Call History"): `getUserCallHistory(size)` answered by a
 * `CallHistory` frame, read for the outage records (VendorAdapter.pastCalls). The page shows one
 * entry `{start, duration, srcNum, dstNum, status}` and no call id. Assumed, and listed in
 * docs/vendors.md: the frame carries a list of such entries (a single entry, or `{calls: [...]}`,
 * is read too); `start` is the server's wall-clock time in the zone of the `historyTimeZone`
 * setting ('' = the browser's); `duration` runs from `start` to the hang-up, and an answered
 * call's answer time is not given (taken as its start).
 */
import { z } from 'zod';
import type { PastCall } from '../../adapter';
import { toE164ByLibphonenumber } from '../../../phone/format';

const text = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined ? undefined : String(v)));

export const CallHistoryEntry = z.object({
  start: z.string().min(1),
  duration: text,
  srcNum: text,
  dstNum: text,
  status: text,
});
export type CallHistoryEntry = z.infer<typeof CallHistoryEntry>;

export const CallHistoryPayload = z
  .union([
    z.array(CallHistoryEntry),
    z.object({ calls: z.array(CallHistoryEntry) }),
    CallHistoryEntry,
  ])
  .transform((v) => (Array.isArray(v) ? v : 'calls' in v ? v.calls : [v]));

/** How many past calls to ask for: more than an agent takes during any outage worth the name. */
export const HISTORY_SIZE = 100;

/** Statuses of calls nobody answered (api-pages "Call History": queue and other calls). */
const UNANSWERED = new Set([
  'missed',
  'abandoned',
  'timeout',
  'full',
  'closed',
  'joinempty',
  'leaveempty',
  'divert_ca_ratio',
  'divert_waittime',
]);

/** "2014-01-01 08:00:00" → epoch ms, in `timeZone` (IANA; '' = this browser's). */
export function parseWallTime(value: string, timeZone: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(value.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (!timeZone) {
    const local = new Date(y, mo - 1, d, h, mi, s).getTime();
    return Number.isNaN(local) ? undefined : local;
  }
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  // The zone's offset at that instant, corrected once for a DST change in between.
  const first = asUtc - zoneOffset(asUtc, timeZone);
  return asUtc - zoneOffset(first, timeZone);
}

/** How far `timeZone`'s wall clock is ahead of UTC at `epochMs`. */
function zoneOffset(epochMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(epochMs));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  return wall - Math.floor(epochMs / 1000) * 1000;
}

/** "00:21:35" → ms; undefined when unreadable. */
export function parseDuration(value: string | undefined): number | undefined {
  const m = /^(\d+):(\d{2}):(\d{2})$/.exec(value?.trim() ?? '');
  if (!m) return undefined;
  const [h, mi, s] = m.slice(1).map(Number) as [number, number, number];
  return ((h * 60 + mi) * 60 + s) * 1000;
}

export interface HistoryContext {
  /** The agent's own line: a call from it went out. */
  phoneNumber: string | undefined;
  timeZone: string;
  defaultCountry: string;
}

/** One history entry as a past call; undefined for one still going or unreadable. */
export function pastCallOf(entry: CallHistoryEntry, ctx: HistoryContext): PastCall | undefined {
  const status = entry.status?.trim().toLowerCase() ?? '';
  if (status === 'ongoing') return undefined;
  const startedAt = parseWallTime(entry.start, ctx.timeZone);
  const duration = parseDuration(entry.duration);
  if (startedAt === undefined || duration === undefined) return undefined;
  const outbound =
    status === 'emitted' || (ctx.phoneNumber !== undefined && entry.srcNum === ctx.phoneNumber);
  const raw = (outbound ? entry.dstNum : entry.srcNum)?.trim();
  if (!raw) return undefined;
  const e164 = toE164ByLibphonenumber(raw, ctx.defaultCountry);
  const missed = !outbound && UNANSWERED.has(status);
  return {
    direction: outbound ? 'outbound' : 'inbound',
    remote: e164 ? { raw, e164 } : { raw },
    startedAt,
    ...(missed || UNANSWERED.has(status) ? {} : { answeredAt: startedAt }),
    endedAt: startedAt + duration,
    missed,
  };
}
