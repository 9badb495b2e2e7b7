/**
 * The panel's history with the vendor's own records (features.ts `history`): the agent's recent
 * calls as the platform lists them, merged with this browser's history without duplicates. A
 * vendor call is the same call as a local entry when both have the same direction and party and
 * began within `SAME_CALL_MS` of each other (the two clocks differ a little), or when both carry the
 * vendor's id (an entry found after an outage). The local entry wins: it has the disposition.
 */
import type { PastCall } from '../cti/adapter';
import { isOutage, type CallEntry, type HistoryEntry } from './entry';
import { foundEntryOf, foundKey } from './outage';

/** How far apart two records of one call may say it began. */
export const SAME_CALL_MS = 90_000;

const digits = (value: string): string => value.replace(/\D/g, '');

/** Who the call was with, comparable across the vendor's and our spelling of the number. */
function partyKey(remote: CallEntry['remote']): string {
  return remote.e164 ?? (digits(remote.raw) || remote.raw.trim().toLowerCase());
}

function sameCall(entry: CallEntry, call: PastCall): boolean {
  if (entry.callId === foundKey(call)) return true;
  return (
    entry.direction === call.direction &&
    partyKey(entry.remote) === partyKey(call.remote) &&
    Math.abs(entry.startedAt - call.startedAt) <= SAME_CALL_MS
  );
}

/** A history entry from the vendor's records, marked so the panel can say where it came from. */
export interface VendorEntry extends CallEntry {
  fromVendor: true;
}

function vendorEntryOf(call: PastCall): VendorEntry {
  // Not found after an outage: read because the agent looked at their history.
  const entry: CallEntry = foundEntryOf(call);
  delete entry.foundAfterOutage;
  return { ...entry, fromVendor: true };
}

/**
 * The newest `limit` entries of both, newest first. Each vendor call matches at most one local
 * entry and each local entry at most one vendor call.
 */
export function mergeHistory(
  local: readonly HistoryEntry[],
  vendor: readonly PastCall[],
  limit: number,
): (HistoryEntry | VendorEntry)[] {
  const unmatched = local.filter((e): e is CallEntry => !isOutage(e));
  const added: VendorEntry[] = [];
  const seen = new Set<string>();
  for (const call of vendor) {
    const key = foundKey(call);
    if (seen.has(key)) continue;
    seen.add(key);
    const index = unmatched.findIndex((entry) => sameCall(entry, call));
    if (index >= 0) unmatched.splice(index, 1);
    else added.push(vendorEntryOf(call));
  }
  return [...local, ...added]
    .sort((a, b) => b.startedAt - a.startedAt)
    .slice(0, Math.max(0, limit));
}
