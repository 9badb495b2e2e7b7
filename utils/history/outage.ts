/**
 * Outage records (architecture.md "Outages"): what goes into history when the link comes back
 * after being down. Where the vendor can list past calls (VendorAdapter.pastCalls), the calls
 * that began and ended while offline are recorded, marked as found after an outage (a missed one
 * keeps no answer time, so the panel says "Missed" as for any missed call); where it cannot, or
 * the listing fails, the outage itself is recorded: "calls in this period may be missing".
 */
import type { PastCall, TimeWindow } from '../cti/adapter';
import { formatNumber, formatSpan } from '../i18n/format';
import { compact, type CallEntry, type OutageEntry } from './entry';
import { t } from '../i18n/runtime';

/** The key of an outage's record: a longer outage with the same start rewrites it. */
export const outageKey = (from: number): string => `outage:${from}`;

/**
 * The calls that began and ended within the outage. The others were seen live (they began
 * before it) or are live now and came with the resync (they have not ended).
 */
export function callsDuring(calls: readonly PastCall[], outage: TimeWindow): PastCall[] {
  return calls.filter(
    (c) => c.startedAt >= outage.from && c.endedAt <= outage.to && c.startedAt <= c.endedAt,
  );
}

/**
 * The history key of a found call: the vendor's id when its history gives one, otherwise when
 * and with whom, so that reading the same history twice records each call once.
 */
export function foundKey(call: PastCall): string {
  return `found:${call.vendorCallId ?? `${call.startedAt}|${call.direction}|${call.remote.raw}`}`;
}

export function foundEntryOf(call: PastCall): CallEntry {
  return compact<CallEntry>({
    callId: foundKey(call),
    direction: call.direction,
    remote: compact(call.remote),
    queue: call.queue,
    startedAt: call.startedAt,
    answeredAt: call.missed ? undefined : call.answeredAt,
    endedAt: call.endedAt,
    foundAfterOutage: true,
  });
}

export function outageEntryOf(outage: TimeWindow): OutageEntry {
  return {
    kind: 'outage',
    callId: outageKey(outage.from),
    startedAt: outage.from,
    endedAt: outage.to,
  };
}

/** What an outage left in history. */
export type OutageRecord =
  | { kind: 'calls'; found: number; missed: number }
  /** The calls could not be listed: the outage is in history. `failure`: why the listing failed. */
  | { kind: 'outage'; failure?: string };

/** "Offline 10:02:11 – 10:05:40: calls in this period may be missing": an outage in the panel. */
export const outageText = (from: number, to: number): string =>
  t('outage.offline', { span: formatSpan(from, to) });

/** What the panel tells the agent about an outage's record; undefined: history says enough. */
export function outageNotice(
  outage: TimeWindow,
  record: OutageRecord,
): { level: 'info' | 'warning'; message: string } | undefined {
  const span = formatSpan(outage.from, outage.to);
  if (record.kind === 'outage') {
    if (record.failure === undefined) return undefined;
    return {
      level: 'warning',
      message: t('outage.unreadHistory', { span, reason: record.failure }),
    };
  }
  if (record.missed === 0) return undefined;
  return {
    level: 'warning',
    message:
      record.missed === 1
        ? t('outage.missedOne', { span })
        : t('outage.missedMany', { span, count: formatNumber(record.missed) }),
  };
}
