import { describe, expect, it } from 'vitest';
import { belongsTo, CallTracker } from './calls';
import { CallRecord } from './wire';

const ME = { uuid: 'ext-uuid-104', number: '104' };
const row = (more: Record<string, unknown>) => CallRecord.parse({ call_id: 'A1', ...more });

function tracker() {
  let now = 1000;
  const t = new CallTracker(() => now, 'US');
  return { t, tick: (ms: number) => (now += ms) };
}

describe('CallTracker', () => {
  it('follows events, keeping startedAt and what later events omit', () => {
    const { t, tick } = tracker();
    const [ringing] = t.applyEvent(
      'ringing',
      row({ calling_number: '9735552109', calling_name: 'Jane', queue_name: 'Q386' }),
      ME,
    );
    expect(ringing).toMatchObject({
      type: 'callUpsert',
      call: {
        id: 'ccs:A1',
        direction: 'inbound',
        state: 'ringing',
        remote: { raw: '9735552109', e164: '+19735552109', name: 'Jane' },
        queue: 'Q386',
        startedAt: 1000,
      },
    });
    tick(5);
    const [answered] = t.applyEvent('answered', row({}), ME);
    expect(answered).toMatchObject({
      call: { state: 'connected', startedAt: 1000, answeredAt: 1005, queue: 'Q386' },
    });
    expect(t.applyEvent('answered', row({}), ME)).toEqual([]);
    expect(t.applyEvent('ended', row({}), ME)).toEqual([
      { type: 'callEnded', callId: 'ccs:A1', endedAt: 1005 },
    ]);
    // A late event does not bring the call back.
    expect(t.applyEvent('answered', row({}), ME)).toEqual([]);
  });

  it('reads polls: new calls, status changes, and calls that left the list', () => {
    const { t } = tracker();
    const first = t.applyList([row({ status: 'progress', calling_number: '104' })], ME);
    expect(first).toMatchObject([{ call: { direction: 'outbound', state: 'dialing' } }]);
    expect(t.applyList([row({ status: 'progress', calling_number: '104' })], ME)).toEqual([]);
    expect(t.missedByEvents(2)).toBe(true);
    expect(t.applyList([row({ status: 'answered' })], ME)).toMatchObject([
      { call: { state: 'connected' } },
    ]);
    expect(t.applyList([], ME)).toEqual([{ type: 'callEnded', callId: 'ccs:A1', endedAt: 1000 }]);
    expect(t.applyList([row({ status: 'answered' })], ME)).toEqual([]);
  });

  it('does not count calls found by a resync or named by events as missed', () => {
    const { t } = tracker();
    t.snapshot([row({ status: 'progress' })], ME);
    t.applyList([row({ status: 'progress' })], ME);
    t.applyList([row({ status: 'progress' })], ME);
    expect(t.missedByEvents(2)).toBe(false);
    t.applyEvent('ringing', row({ call_id: 'B2' }), ME);
    t.applyList([row({ call_id: 'B2' })], ME);
    t.applyList([row({ call_id: 'B2' })], ME);
    expect(t.missedByEvents(2)).toBe(false);
  });

  it('snapshots live calls only and forgets the rest', () => {
    const { t } = tracker();
    t.applyEvent('ringing', row({ call_id: 'GONE' }), ME);
    const calls = t.snapshot(
      [row({ status: 'answered' }), row({ call_id: 'X', status: 'ended' })],
      ME,
    );
    expect(calls.map((c) => [c.vendorCallId, c.state])).toEqual([['A1', 'connected']]);
    expect(t.get('ccs:GONE')).toBeUndefined();
  });

  it('lets no list fetched before an event end or change the call the event named', () => {
    const { t } = tracker();
    // A poll goes out; the call rings on the socket before the poll's answer comes back.
    const pollMark = t.mark();
    t.applyEvent('ringing', row({ calling_number: '9735552109' }), ME);
    expect(t.applyList([], ME, pollMark)).toEqual([]);
    expect(t.applyList([row({ status: 'ended' })], ME, pollMark)).toEqual([]);
    expect(t.get('ccs:A1')).toMatchObject({ state: 'ringing' });
    // The same for a resync: the call stays in the snapshot.
    const resyncMark = t.mark();
    t.applyEvent('answered', row({}), ME);
    expect(t.snapshot([], ME, resyncMark).map((c) => [c.vendorCallId, c.state])).toEqual([
      ['A1', 'connected'],
    ]);
    // A list fetched after the event is news again: the call has gone.
    expect(t.applyList([], ME, t.mark())).toEqual([
      { type: 'callEnded', callId: 'ccs:A1', endedAt: 1000 },
    ]);
  });

  it('lets an event that names no party update a known call, never start one', () => {
    const { t } = tracker();
    expect(t.applyEvent('answered', row({ call_id: 'BARE' }), ME)).toEqual([]);
    expect(t.get('ccs:BARE')).toBeUndefined();
    t.applyEvent('ringing', row({ calling_number: '9735552109' }), ME);
    expect(t.applyEvent('answered', row({}), ME)).toMatchObject([
      { call: { id: 'ccs:A1', state: 'connected', remote: { raw: '9735552109' } } },
    ]);
  });

  it('passes the other scalar fields on as data for screen-pop templates', () => {
    const { t } = tracker();
    const [event] = t.applyEvent('ringing', row({ account: 'C-1040', nested: { a: 1 } }), ME);
    expect(event?.type === 'callUpsert' && event.call.data).toEqual({ account: 'C-1040' });
  });
});

describe('belongsTo', () => {
  it('trusts an extension field, else our number, else the caller says', () => {
    expect(belongsTo(row({ extension_uuid: 'ext-uuid-104' }), ME, false)).toBe(true);
    expect(belongsTo(row({ extension_uuid: 'other', extension: '104' }), ME, true)).toBe(false);
    expect(belongsTo(row({ extension: '114' }), ME, true)).toBe(false);
    expect(belongsTo(row({ called_number: '104' }), ME, false)).toBe(true);
    expect(belongsTo(row({ called_number: '5551000' }), ME, false)).toBe(false);
    expect(belongsTo(row({ called_number: '5551000' }), ME, true)).toBe(true);
  });
});
