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
import { text } from './fields';

import { parseWallTime } from './time';

export { parseWallTime } from './time';

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
  defaultCountry: string | undefined;
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
