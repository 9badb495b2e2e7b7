import { describe, expect, it, vi } from 'vitest';
import { CtiError } from '../../model';
import type { CallEventKind } from './calls';
import { CallLookup, MAX_LOOKUPS } from './lookup';
import { CallRecord } from './wire';

const record = (fields: Record<string, unknown>) => CallRecord.parse(fields);

function lookup(read: (id: string) => Promise<CallRecord>) {
  const applied: [CallEventKind, CallRecord][] = [];
  const failed: CtiError[] = [];
  const l = new CallLookup({
    read,
    apply: (kind, r) => applied.push([kind, r]),
    failed: (e) => failed.push(e),
  });
  return { l, applied, failed };
}

describe('single call lookup (api-pages §4.20)', () => {
  it('applies the held event with the call’s row, the latest kind winning', async () => {
    let answer = (_: CallRecord): void => undefined;
    const read = vi.fn(() => new Promise<CallRecord>((resolve) => (answer = resolve)));
    const { l, applied } = lookup(read);
    expect(l.hold('ringing', record({ call_id: 'C1' }))).toBe(true);
    // Another event about the same call while the row is on its way: no second request.
    expect(l.hold('answered', record({ call_id: 'C1', status: 'answered' }))).toBe(true);
    expect(read).toHaveBeenCalledTimes(1);
    answer(record({ call_id: 'C1', status: 'progress', calling_number: '555', extension: '104' }));
    await vi.waitFor(() => expect(applied).toHaveLength(1));
    expect(applied[0]?.[0]).toBe('answered');
    expect(applied[0]?.[1]).toMatchObject({
      callId: 'C1',
      calling_number: '555',
      extension: '104',
      // The event's own fields are newer than the row's.
      status: 'answered',
    });
  });

  it('applies the event as it came when the lookup fails, and reports why', async () => {
    const { l, applied, failed } = lookup(async () => {
      throw new CtiError('rejected', 'Call not found');
    });
    l.hold('answered', record({ call_id: 'C2' }));
    await vi.waitFor(() => expect(applied).toHaveLength(1));
    expect(applied[0]).toEqual(['answered', record({ call_id: 'C2' })]);
    expect(failed.map((e) => e.code)).toEqual(['rejected']);
  });

  it('drops a held event when the call ends, or the connection goes', async () => {
    let answer = (_: CallRecord): void => undefined;
    const { l, applied } = lookup(() => new Promise<CallRecord>((resolve) => (answer = resolve)));
    l.hold('ringing', record({ call_id: 'C3' }));
    l.drop('C3');
    answer(record({ call_id: 'C3', calling_number: '555' }));
    l.hold('ringing', record({ call_id: 'C4' }));
    l.clear();
    answer(record({ call_id: 'C4', calling_number: '555' }));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(applied).toEqual([]);
  });

  it('holds at most a few lookups at once', () => {
    const { l } = lookup(() => new Promise<CallRecord>(() => undefined));
    for (let i = 0; i < MAX_LOOKUPS; i += 1)
      expect(l.hold('ringing', record({ call_id: `C${i}` }))).toBe(true);
    expect(l.hold('ringing', record({ call_id: 'one more' }))).toBe(false);
  });
});
