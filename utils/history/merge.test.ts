import { describe, expect, it } from 'vitest';
import type { PastCall } from '../cti/adapter';
import type { CallEntry, HistoryEntry } from './entry';
import { mergeHistory, SAME_CALL_MS } from './merge';
import { foundKey } from './outage';

const T = 1_700_000_000_000;
const local = (over: Partial<CallEntry> = {}): CallEntry => ({
  callId: 'xivo:1',
  direction: 'inbound',
  remote: { raw: '0142685300', e164: '+33142685300' },
  startedAt: T,
  endedAt: T + 60_000,
  disposition: { code: 'sale', notes: '', at: T + 70_000 },
  ...over,
});
const past = (over: Partial<PastCall> = {}): PastCall => ({
  direction: 'inbound',
  remote: { raw: '+33 1 42 68 53 00', e164: '+33142685300' },
  startedAt: T + 2_000,
  endedAt: T + 61_000,
  missed: false,
  answeredAt: T + 5_000,
  ...over,
});

describe('history merged with the vendor’s records', () => {
  it('keeps the local entry (with its disposition) for a call both know', () => {
    const merged = mergeHistory([local()], [past()], 50);
    expect(merged).toEqual([local()]);
  });

  it('adds vendor calls this browser never saw, marked as from the vendor, newest first', () => {
    const older = past({ vendorCallId: 'v9', startedAt: T - 3_600_000, endedAt: T - 3_500_000 });
    const merged = mergeHistory([local()], [past(), older], 50);
    expect(merged.map((e) => e.callId)).toEqual(['xivo:1', foundKey(older)]);
    expect(merged[1]).toMatchObject({ fromVendor: true, direction: 'inbound' });
    expect(merged[1]).not.toHaveProperty('foundAfterOutage');
  });

  it('tells apart calls with the same party far apart in time, or in the other direction', () => {
    const later = past({ startedAt: T + SAME_CALL_MS + 1, endedAt: T + SAME_CALL_MS + 9_000 });
    const outbound = past({ direction: 'outbound' });
    expect(mergeHistory([local()], [later, outbound], 50)).toHaveLength(3);
  });

  it('matches a number spelt differently when neither has an E.164 form', () => {
    const entry = local({ remote: { raw: '1002' } });
    const call = past({ remote: { raw: ' 1002 ' } });
    expect(mergeHistory([entry], [call], 50)).toHaveLength(1);
  });

  it('matches an entry found after an outage by the vendor id', () => {
    const call = past({ vendorCallId: 'v1', startedAt: T + 500_000, endedAt: T + 600_000 });
    const found: HistoryEntry = { ...local(), callId: foundKey(call), startedAt: T };
    expect(mergeHistory([found], [call], 50)).toEqual([found]);
  });

  it('lists a vendor call given twice once, and one vendor call matches one local entry', () => {
    const twoLocal = [local(), local({ callId: 'xivo:2', startedAt: T + 1_000 })];
    const merged = mergeHistory(twoLocal, [past(), past()], 50);
    expect(merged.map((e) => e.callId).sort()).toEqual(['xivo:1', 'xivo:2']);
  });

  it('keeps outages and cuts to the limit', () => {
    const outage: HistoryEntry = {
      kind: 'outage',
      callId: `outage:${T}`,
      startedAt: T + 1,
      endedAt: T + 2,
    };
    expect(mergeHistory([outage, local()], [], 1)).toEqual([outage]);
    expect(mergeHistory([outage], [], 0)).toEqual([]);
  });
});
