import { describe, expect, it } from 'vitest';
import { CallTracker, STALE_AFTER_MS } from './calls';
import { parseBrokerEvent, type BrokerEvent } from './wire';

const ALICE = 'sip:alice@example.com';
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

describe('Anywhere365 wire', () => {
  it('parses eventType and SessionType as ints or names, and rejects unknown ones', () => {
    expect(
      parseBrokerEvent({ ImAddress: ALICE, eventType: 'onhold', SessionType: 'Outbound' }),
    ).toMatchObject({ ok: true, value: { eventType: 'OnHold', SessionType: 'outbound' } });
    expect(parseBrokerEvent({ ImAddress: ALICE, eventType: 2 })).toMatchObject({ ok: false });
    expect(parseBrokerEvent({ eventType: 3 })).toMatchObject({ ok: false });
  });
});
