import { describe, expect, it } from 'vitest';
import { CallTracker, vendorCallIdOf } from './calls';
import { WireCall } from './wire';

const START = '2024-05-01T10:00:00.123Z';
const wire = (CallId: number, more: Record<string, unknown> = {}) =>
  WireCall.parse({
    CallId,
    CallStartTime: START,
    CallState: 1,
    CallStatus: 0,
    CustomerName: 'Oliver Smith',
    PhoneNumber: '01632 960123',
    RecordingState: 1,
    ...more,
  });

function tracker() {
  let now = 1_000;
  const calls = new CallTracker(() => now, 'GB', 'sess');
  return { calls, tick: (ms: number) => (now += ms) };
}

describe('maxcontact calls: identity (§3.4 note)', () => {
  it('joins the CallId with the start time, so a recycled CallId is another call', () => {
    const { calls } = tracker();
    expect(calls.idOf(wire(1000))).toBe('maxcontact:1000-20240501100000123');
    expect(calls.idOf(wire(1000, { CallStartTime: '/Date(1714557600000)/' }))).toBe(
      'maxcontact:1000-1714557600000',
    );
    expect(calls.idOf(wire(1000, { CallStartTime: '2024-05-02T09:00:00Z' }))).not.toBe(
      calls.idOf(wire(1000)),
    );
    // Without a start time the id is only stable for this adapter's lifetime (documented).
    expect(calls.idOf(wire(1000, { CallStartTime: null }))).toBe('maxcontact:1000-ssess');
    expect(vendorCallIdOf('maxcontact:1000-20240501100000123')).toBe('1000');
    expect(vendorCallIdOf('xivo:1.2')).toBeUndefined();
  });

  it('ends the old call and rings the new one when the platform reuses a CallId', () => {
    const { calls } = tracker();
    calls.apply([wire(1000)], 1, 'ringing');
    const next = calls.apply([wire(1000, { CallStartTime: '2024-05-02T09:00:00Z' })], 2, 'ringing');
    expect(next.ended.map((c) => c.id)).toEqual(['maxcontact:1000-20240501100000123']);
    expect(next.changed).toEqual([
      expect.objectContaining({ id: 'maxcontact:1000-20240502090000', state: 'ringing' }),
    ]);
    const old = calls.ended('maxcontact:1000-20240501100000123');
    expect(old && calls.recycled(old)).toBe(true);
  });
});

describe('maxcontact calls: states inferred from getcalls (§3.6)', () => {
  it('rings a new call, connects it on a later poll, and ends it when it leaves the list', () => {
    const { calls, tick } = tracker();
    const first = calls.apply(
      [wire(1000, { CampaignName: 'Renewals', AcdName: 'Sales' })],
      1,
      'ringing',
    );
    expect(first.arrived).toHaveLength(1);
    expect(first.changed).toEqual([
      {
        id: 'maxcontact:1000-20240501100000123',
        vendorCallId: '1000',
        direction: 'inbound',
        state: 'ringing',
        remote: { raw: '01632 960123', e164: '+441632960123', name: 'Oliver Smith' },
        queue: 'Sales',
        startedAt: 1_000,
        data: {
          CampaignName: 'Renewals',
          AcdName: 'Sales',
          CallState: '1',
          CallStatus: '0',
          RecordingState: '1',
        },
        recording: 'unknown',
      },
    ]);
    tick(1000);
    const second = calls.apply(
      [wire(1000, { CampaignName: 'Renewals', AcdName: 'Sales' })],
      2,
      'ringing',
    );
    expect(second.changed).toEqual([
      expect.objectContaining({ state: 'connected', answeredAt: 2_000, startedAt: 1_000 }),
    ]);
    // Nothing changed: nothing to report.
    expect(
      calls.apply([wire(1000, { CampaignName: 'Renewals', AcdName: 'Sales' })], 3, 'ringing')
        .changed,
    ).toEqual([]);
    const gone = calls.apply([], 4, 'ringing');
    expect(gone.ended.map((c) => c.vendorCallId)).toEqual(['1000']);
    expect(calls.live()).toEqual([]);
  });

  it('reports unknown ints that change, and prefers the queue to the campaign', () => {
    const { calls } = tracker();
    calls.apply([wire(1000, { CampaignName: 'Renewals' })], 1, 'connected');
    const next = calls.apply(
      [wire(1000, { CampaignName: 'Renewals', CallState: 3 })],
      2,
      'ringing',
    );
    expect(next.changed).toEqual([
      expect.objectContaining({
        queue: 'Renewals',
        data: expect.objectContaining({ CallState: '3' }),
      }),
    ]);
  });

  it('keeps the lead as the call’s record, for calling back against it', () => {
    const { calls } = tracker();
    const first = calls.apply([wire(1000, { LeadId: 7781 })], 1, 'ringing');
    expect(first.changed[0]).toMatchObject({ recordId: '7781' });
    const other = calls.apply([wire(1001)], 2, 'ringing');
    expect(other.changed.find((c) => c.vendorCallId === '1001')).not.toHaveProperty('recordId');
  });

  it('keeps a dialled call dialling until a poll sent after the dial lists it again', () => {
    const { calls } = tracker();
    calls.apply([], 1, 'ringing');
    const call = calls.registerDial(wire(1001, { PhoneNumber: '+33123456789' }), 1);
    expect(call && calls.update(call)).toMatchObject({ direction: 'outbound', state: 'dialing' });
    // An answer to a poll sent before the dial neither ends nor connects it.
    expect(calls.apply([], 1, 'ringing')).toEqual({ changed: [], ended: [], arrived: [] });
    expect(
      calls.apply([wire(1001, { PhoneNumber: '+33123456789' })], 2, 'ringing').changed,
    ).toEqual([expect.objectContaining({ state: 'connected', direction: 'outbound' })]);
  });

  it('takes the next new call as ours when the dial answer had no call', () => {
    const { calls } = tracker();
    expect(calls.registerDial(undefined, 0)).toBeUndefined();
    expect(calls.expectingDial).toBe(true);
    const next = calls.apply([wire(1002)], 1, 'ringing');
    expect(next.arrived).toEqual([]);
    expect(next.changed).toEqual([
      expect.objectContaining({ direction: 'outbound', state: 'dialing' }),
    ]);
    expect(calls.expectingDial).toBe(false);
  });

  it('keeps held from our own command, and does not bring back a call we ended', () => {
    const { calls } = tracker();
    calls.apply([wire(1000)], 1, 'connected');
    const [call] = calls.live();
    if (!call) throw new Error('no call');
    expect(calls.setState(call, 'held').state).toBe('held');
    expect(calls.apply([wire(1000)], 2, 'ringing').changed).toEqual([]);
    calls.end(call, 2);
    // The platform may list it a moment longer.
    expect(calls.apply([wire(1000)], 3, 'ringing')).toEqual({
      changed: [],
      ended: [],
      arrived: [],
    });
  });

  it('links a transfer to the next dialled call when the dial answer had none', () => {
    const { calls } = tracker();
    calls.apply([wire(1000)], 1, 'connected');
    const [original] = calls.live();
    if (!original) throw new Error('no call');
    calls.setTransfer(original, { target: '2000', heldByUs: true });
    calls.registerDial(undefined, 1);
    calls.apply([wire(1000), wire(1001, { PhoneNumber: '2000' })], 2, 'ringing');
    expect(original.transfer?.consultId).toBe(calls.idOf(wire(1001)));
  });

  it('drops the transfer of the original when the consultation leg ends', () => {
    const { calls } = tracker();
    calls.apply([wire(1000)], 1, 'connected');
    const [original] = calls.live();
    const consult = calls.registerDial(wire(1001, { PhoneNumber: '2000' }), 1);
    if (!original || !consult) throw new Error('no calls');
    calls.setState(original, 'held');
    expect(
      calls.setTransfer(original, { target: '2000', consultId: consult.id, heldByUs: true }),
    ).toMatchObject({ state: 'transferring', transferTarget: '2000' });
    expect(calls.transferOf(consult.id)).toBe(original);
    const next = calls.apply([wire(1000)], 2, 'ringing');
    expect(next.ended.map((c) => c.id)).toEqual([consult.id]);
    expect(next.changed).toEqual([expect.objectContaining({ id: original.id, state: 'held' })]);
  });
});
