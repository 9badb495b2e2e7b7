/**
 * The merged history (utils/history/merge.ts): whatever the vendor's records and this browser's
 * history hold, every local call stays (within the limit), no vendor call is listed twice, nothing
 * is invented, and the list is newest first.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import type { PastCall } from '../../utils/cti/adapter';
import type { CallEntry } from '../../utils/history/entry';
import { mergeHistory } from '../../utils/history/merge';
import { foundKey } from '../../utils/history/outage';
import { checkProperty } from '../support/property';

const T = 1_700_000_000_000;
const party = fc.constantFrom('+33142685300', '+14155550100', '1002', 'anonymous', '');
const time = fc.integer({ min: T, max: T + 600_000 });
const direction = fc.constantFrom('inbound' as const, 'outbound' as const);

const pastCall: fc.Arbitrary<PastCall> = fc
  .record({
    vendorCallId: fc.option(fc.constantFrom('a', 'b', 'c', 'd'), { nil: undefined }),
    direction,
    raw: party,
    startedAt: time,
    missed: fc.boolean(),
  })
  .map(({ vendorCallId, raw, startedAt, ...rest }) => ({
    ...(vendorCallId ? { vendorCallId } : {}),
    ...rest,
    remote: raw.startsWith('+') ? { raw, e164: raw } : { raw },
    startedAt,
    endedAt: startedAt + 30_000,
  }));

const localEntry: fc.Arbitrary<CallEntry> = fc
  .record({ id: fc.nat(1000), direction, raw: party, startedAt: time })
  .map(({ id, raw, ...rest }) => ({
    callId: `local:${id}`,
    ...rest,
    remote: raw.startsWith('+') ? { raw, e164: raw } : { raw },
  }));

describe('merged history', () => {
  it('keeps local calls, lists each vendor call at most once, newest first', () => {
    checkProperty(
      'merged history',
      fc.property(
        fc.uniqueArray(localEntry, { selector: (e) => e.callId, maxLength: 20 }),
        fc.array(pastCall, { maxLength: 30 }),
        fc.integer({ min: 0, max: 60 }),
        (local, vendor, limit) => {
          const merged = mergeHistory(local, vendor, limit);
          if (merged.length > limit) throw new Error('longer than the limit');
          for (let i = 1; i < merged.length; i++) {
            if (merged[i - 1]!.startedAt < merged[i]!.startedAt)
              throw new Error('not newest first');
          }
          const ids = merged.map((e) => e.callId);
          if (new Set(ids).size !== ids.length) throw new Error('an entry is listed twice');
          const vendorKeys = new Set(vendor.map(foundKey));
          const localIds = new Set(local.map((e) => e.callId));
          for (const id of ids) {
            if (!localIds.has(id) && !vendorKeys.has(id)) throw new Error(`invented ${id}`);
          }
          // Every local entry new enough to fit is still there.
          if (merged.length < limit && local.some((e) => !ids.includes(e.callId)))
            throw new Error('a local entry was dropped');
        },
      ),
      { numRuns: 3_000 },
    );
  });
});
