import { describe, expect, it } from 'vitest';
import { CallTracker, STALE_AFTER_MS } from './calls';
import { parseBrokerEvent, type BrokerEvent } from './wire';

const ALICE = 'sip:alice@example.com';
const BOB = 'sip:bob@example.com';
function ev(eventType: number | string, callId = 'c1', extra: object = {}): BrokerEvent {
  const parsed = parseBrokerEvent({
    SessionType: 0,
    ImAddress: ALICE,
    eventType,
    callId,
    ani: '+33142685300',
    ...extra,
  });
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}

describe('Anywhere365 call tracker (§2.7)', () => {
  it('maps Hunting → ringing, Connected → connected, OnHold → held, Disconnected → ended', () => {
    let now = 1000;
    const t = new CallTracker(() => now, 'FR');
    expect(t.apply(ev(3), ALICE, now)).toEqual([
      expect.objectContaining({
        type: 'callUpsert',
        call: expect.objectContaining({
          id: 'a365:c1',
          state: 'ringing',
          remote: { raw: '+33142685300', e164: '+33142685300' },
        }),
      }),
    ]);
    now = 2000;
    expect(t.apply(ev('Connected'), ALICE, now)[0]).toMatchObject({
      call: { state: 'connected', answeredAt: 2000, startedAt: 1000 },
    });
    expect(t.apply(ev(6), ALICE, now)[0]).toMatchObject({ call: { state: 'held' } });
    expect(t.apply(ev(5), ALICE, now)).toEqual([
      { type: 'callEnded', callId: 'a365:c1', endedAt: 2000 },
    ]);
    // A Disconnected for a call we never saw changes nothing.
    expect(t.apply(ev(5, 'c2'), ALICE, now)).toEqual([]);
  });

  it('treats an outbound invitation as dialing and ignores other agents’ events', () => {
    const t = new CallTracker(() => 0, 'FR');
    expect(t.apply(ev(3, 'o1', { SessionType: 1 }), ALICE, 0)[0]).toMatchObject({
      call: { direction: 'outbound', state: 'dialing' },
    });
    expect(t.apply(ev(3, 'b1', { ImAddress: 'sip:bob@example.com' }), ALICE, 0)).toEqual([]);
  });

  it('ends calls silent for too long, so a lost Disconnected leaves no ghost', () => {
    let now = 0;
    const t = new CallTracker(() => now, 'FR');
    t.apply(ev(3, 'ring'), ALICE, 0);
    t.apply(ev(4, 'talk'), ALICE, 0);
    now = STALE_AFTER_MS.ringing + 1;
    expect(t.prune()).toEqual([{ type: 'callEnded', callId: 'a365:ring', endedAt: now }]);
    expect(t.snapshot().map((c) => c.id)).toEqual(['a365:talk']);
    now = STALE_AFTER_MS.connected + 1;
    expect(t.prune()).toHaveLength(1);
    expect(t.size).toBe(0);
  });

  it('saves and restores its calls, ignoring an unreadable checkpoint', () => {
    const t = new CallTracker(() => 0, 'FR');
    t.apply(ev(4), ALICE, 0);
    const copy = new CallTracker(() => 0, 'FR');
    copy.restore(JSON.parse(JSON.stringify(t.save())));
    expect(copy.snapshot()).toEqual(t.snapshot());
    copy.restore({ nonsense: true });
    expect(copy.size).toBe(0);
  });

  it('reports a call event without callId as a protocol error', () => {
    const t = new CallTracker(() => 0, 'FR');
    expect(t.apply(ev(3, ''), ALICE, 0)[0]).toMatchObject({ type: 'protocolError' });
  });
});

describe('Anywhere365 calls of several agents (the relay sends every agent of a call its events)', () => {
  const bob = (eventType: number | string, callId = 'c1') =>
    ev(eventType, callId, { ImAddress: BOB });
  function held(): CallTracker {
    const t = new CallTracker(() => 0, 'FR');
    t.apply(ev(4), ALICE, 0);
    t.apply(ev(6), ALICE, 0);
    return t;
  }

  it('ends our held leg when another agent retrieves the call: the transfer went through (§2.6)', () => {
    const t = held();
    expect(t.apply(bob(7), ALICE, 5)).toEqual([
      { type: 'callEnded', callId: 'a365:c1', endedAt: 5 },
    ]);
    expect(t.size).toBe(0);
    // The rest of the call is Bob's: nothing more for us.
    expect(t.apply(bob(5), ALICE, 6)).toEqual([]);
  });

  it('shows the invitation of another agent as transferring, and their refusal as held again', () => {
    const t = held();
    expect(t.apply(bob('Hunting'), ALICE, 1)).toEqual([
      expect.objectContaining({
        call: expect.objectContaining({ state: 'transferring', transferTarget: 'bob@example.com' }),
      }),
    ]);
    const back = t.apply(bob(5), ALICE, 2)[0];
    expect(back).toMatchObject({ call: { state: 'held' } });
    expect(back?.type === 'callUpsert' && 'transferTarget' in back.call).toBe(false);
    // Our own Retrieve: the transfer failed and we have the caller back.
    expect(t.apply(ev(7), ALICE, 3)[0]).toMatchObject({ call: { state: 'connected' } });
  });

  it('ends our leg when another agent connects a call we hold or that rings here', () => {
    const t = held();
    expect(t.apply(bob('Connected'), ALICE, 1)).toEqual([
      { type: 'callEnded', callId: 'a365:c1', endedAt: 1 },
    ]);
    const ringing = new CallTracker(() => 0, 'FR');
    ringing.apply(ev(3, 'r1'), ALICE, 0);
    expect(ringing.apply(bob(4, 'r1'), ALICE, 1)).toEqual([
      { type: 'callEnded', callId: 'a365:r1', endedAt: 1 },
    ]);
  });

  it('with inferTransfers off, reads only the documented Retrieve of another agent', () => {
    const t = new CallTracker(() => 0, 'FR', false);
    t.apply(ev(4), ALICE, 0);
    t.apply(ev(6), ALICE, 0);
    expect(t.apply(bob('Hunting'), ALICE, 1)).toEqual([]);
    expect(t.apply(bob('Connected'), ALICE, 1)).toEqual([]);
    expect(t.snapshot()).toEqual([expect.objectContaining({ state: 'held' })]);
    expect(t.apply(bob('Retrieve'), ALICE, 2)).toEqual([
      { type: 'callEnded', callId: 'a365:c1', endedAt: 2 },
    ]);
  });

  it('keeps a call we are talking on, and ignores other agents on calls we never had', () => {
    const t = new CallTracker(() => 0, 'FR');
    t.apply(ev(4), ALICE, 0);
    expect(t.apply(bob(4), ALICE, 1)).toEqual([]);
    expect(t.apply(bob(3), ALICE, 1)).toEqual([]);
    expect(t.snapshot()).toEqual([expect.objectContaining({ state: 'connected' })]);
    expect(t.apply(bob(7, 'other'), ALICE, 1)).toEqual([]);
    expect(t.apply(bob(4, 'other'), ALICE, 1)).toEqual([]);
    expect(t.size).toBe(1);
  });
});

describe('Anywhere365 caller (ani)', () => {
  const remoteOf = (ani: string, callId = 'c1') => {
    const t = new CallTracker(() => 0, 'FR');
    const [e] = t.apply(ev('Connected', callId, { ani }), ALICE, 0);
    return e?.type === 'callUpsert' ? e.call.remote : undefined;
  };

  it('shows a Connected for a call never seen with a garbage caller as an unknown number', () => {
    expect(remoteOf('garbage')).toEqual({ raw: '' });
    expect(remoteOf('anonymous')).toEqual({ raw: '' });
    expect(remoteOf('')).toEqual({ raw: '' });
  });

  it('reads numbers as written, also in tel: and sip: URIs; a SIP name is no number', () => {
    expect(remoteOf('01 42 68 53 00')).toEqual({ raw: '01 42 68 53 00', e164: '+33142685300' });
    expect(remoteOf('tel:+33142685300')).toEqual({ raw: '+33142685300', e164: '+33142685300' });
    expect(remoteOf('sip:+442079460958@example.com;user=phone')).toEqual({
      raw: '+442079460958',
      e164: '+442079460958',
    });
    expect(remoteOf('1001')).toEqual({ raw: '1001' });
    expect(remoteOf('sip:bob@example.com')).toEqual({ raw: '' });
  });

  it('keeps a caller already known when a later event has none', () => {
    const t = new CallTracker(() => 0, 'FR');
    t.apply(ev(3), ALICE, 0);
    expect(t.apply(ev(4, 'c1', { ani: 'garbage' }), ALICE, 1)[0]).toMatchObject({
      call: { remote: { raw: '+33142685300', e164: '+33142685300' } },
    });
  });
});

describe('Anywhere365 wire', () => {
  it('parses eventType and SessionType as ints or names, and rejects unknown ones', () => {
    expect(
      parseBrokerEvent({ ImAddress: ALICE, eventType: 'onhold', SessionType: 'Outbound' }),
    ).toMatchObject({ ok: true, value: { eventType: 'OnHold', SessionType: 'outbound' } });
    expect(parseBrokerEvent({ ImAddress: ALICE, eventType: 2 })).toMatchObject({ ok: false });
    expect(parseBrokerEvent({ eventType: 3 })).toMatchObject({ ok: false });
  });
});
