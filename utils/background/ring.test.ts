import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { localeMessages } from '../../tests/support/messages';
import { checkProperty } from '../../tests/support/property';
import type { Call, Connection } from '../cti/model';
import { setMessages } from '../i18n/runtime';
import {
  createRing,
  isRingOrder,
  isRinging,
  obeyRingOrders,
  offscreenRingPlayer,
  RING_TEXT,
  type RingSettings,
  type RingState,
} from './ring';
import type { RingPlayer } from './ring-tone';

type Leg = Pick<Call, 'direction' | 'state'>;

const CONNECTED: Connection = { status: 'connected', since: 0 };
const ON: RingSettings = { ringSound: true, ringVolume: 70 };
const ringingIn: Leg = { direction: 'inbound', state: 'ringing' };
const state = (calls: Leg[], connection: Connection = CONNECTED): RingState => ({
  connection,
  calls,
});

/** A player that records what it was asked, and whether it is sounding now. */
function recordingPlayer() {
  const log: string[] = [];
  let volume: number | undefined;
  const player: RingPlayer = {
    play: (v) => {
      log.push(`play ${v}`);
      volume = v;
    },
    stop: () => {
      log.push('stop');
      volume = undefined;
    },
  };
  return { player, log, sounding: () => volume };
}

describe('the ring controller', () => {
  it('starts when an inbound call rings, at the volume of the settings', () => {
    const { player, log } = recordingPlayer();
    const ring = createRing(player);
    ring.update(state([]), ON);
    expect(log).toEqual([]);
    ring.update(state([ringingIn]), { ringSound: true, ringVolume: 35 });
    expect(log).toEqual(['play 35']);
  });

  const waysOut: [string, RingState, RingSettings?][] = [
    ['answered', state([{ direction: 'inbound', state: 'connected' }])],
    ['declined or given up (ended)', state([{ direction: 'inbound', state: 'ended' }])],
    ['picked up elsewhere (gone from the store)', state([])],
    [
      'the connection dropped',
      state([ringingIn], { status: 'reconnecting', attempt: 1, retryAt: 0, reason: 'x' }),
    ],
    ['the agent signed out', state([], { status: 'idle' })],
    ['the session failed', state([ringingIn], { status: 'failed', reason: 'bad password' })],
    ['the agent turned the ring off', state([ringingIn]), { ringSound: false, ringVolume: 70 }],
    ['the volume went to 0', state([ringingIn]), { ringSound: true, ringVolume: 0 }],
  ];
  it.each(waysOut)('stops once when %s', (_why, next, settings = ON) => {
    const { player, log } = recordingPlayer();
    const ring = createRing(player);
    ring.update(state([ringingIn]), ON);
    ring.update(next, settings);
    ring.update(next, settings);
    expect(log).toEqual(['play 70', 'stop']);
  });

  it('makes one sound for several ringing calls, until the last one stops ringing', () => {
    const { player, log } = recordingPlayer();
    const ring = createRing(player);
    const answered: Leg = { direction: 'inbound', state: 'connected' };
    ring.update(state([ringingIn]), ON);
    ring.update(state([ringingIn, ringingIn]), ON);
    ring.update(state([answered, ringingIn]), ON);
    expect(log).toEqual(['play 70']);
    ring.update(state([answered]), ON);
    expect(log).toEqual(['play 70', 'stop']);
  });

  it('follows a volume change while ringing, and stays silent while the ring is off', () => {
    const { player, log } = recordingPlayer();
    const ring = createRing(player);
    ring.update(state([ringingIn]), { ringSound: false, ringVolume: 70 });
    expect(log).toEqual([]);
    ring.update(state([ringingIn]), { ringSound: true, ringVolume: 70 });
    ring.update(state([ringingIn]), { ringSound: true, ringVolume: 90 });
    expect(log).toEqual(['play 70', 'play 90']);
  });

  it('does not ring for an outbound call, whatever state the vendor gives it', () => {
    const { player, log } = recordingPlayer();
    const ring = createRing(player);
    ring.update(state([{ direction: 'outbound', state: 'ringing' }]), ON);
    ring.update(state([{ direction: 'outbound', state: 'dialing' }]), ON);
    expect(log).toEqual([]);
  });

  it('sounds exactly when it should after any sequence of states and settings', () => {
    const leg = fc.record({
      direction: fc.constantFrom('inbound' as const, 'outbound' as const),
      state: fc.constantFrom(
        ...(['ringing', 'dialing', 'connected', 'held', 'transferring', 'ended'] as const),
      ),
    });
    const connection = fc.constantFrom<Connection>(
      CONNECTED,
      { status: 'idle' },
      { status: 'connecting' },
      { status: 'reconnecting', attempt: 2, retryAt: 0, reason: 'x' },
      { status: 'failed', reason: 'x' },
    );
    const step = fc.record({
      state: fc.record({ connection, calls: fc.array(leg, { maxLength: 4 }) }),
      settings: fc.record({
        ringSound: fc.boolean(),
        ringVolume: fc.integer({ min: 0, max: 100 }),
      }),
    });
    checkProperty(
      'ring controller',
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        const { player, log, sounding } = recordingPlayer();
        const ring = createRing(player);
        for (const { state: s, settings } of steps) {
          const before = log.length;
          ring.update(s, settings);
          const wanted = settings.ringSound && settings.ringVolume > 0 && isRinging(s);
          expect(sounding()).toBe(wanted ? settings.ringVolume : undefined);
          // At most one order per update, and never a stop to a silent player.
          expect(log.length - before).toBeLessThanOrEqual(1);
        }
        expect(log.filter((l, i) => l === 'stop' && (i === 0 || log[i - 1] === 'stop'))).toEqual(
          [],
        );
      }),
      { numRuns: 2_000, label: 'sequences of store states and settings' },
    );
  });
});

describe('ring orders on the wake document’s port', () => {
  it('the offscreen player sends play and stop orders, and the document obeys them', () => {
    const tell = vi.fn();
    const worker = offscreenRingPlayer(tell);
    worker.play(40);
    worker.stop();
    expect(tell.mock.calls).toEqual([[{ type: 'ring/play', volume: 40 }], [{ type: 'ring/stop' }]]);

    const { player, log } = recordingPlayer();
    const obey = obeyRingOrders(player);
    for (const [order] of tell.mock.calls) obey(order);
    obey({ type: 'ring/play', volume: 101 });
    obey({ type: 'ring/play' });
    obey('ring/stop');
    obey(null);
    expect(log).toEqual(['play 40', 'stop']);
  });

  it('accepts exactly the well-formed orders', () => {
    checkProperty(
      'ring orders',
      fc.property(
        fc.oneof(
          fc.anything(),
          fc.record({
            type: fc.constantFrom('ring/play', 'ring/stop', 'ring/failed', 'other'),
            volume: fc.oneof(fc.double(), fc.integer({ min: -10, max: 110 }), fc.string()),
          }),
        ),
        (value) => {
          const v = value as { type?: unknown; volume?: unknown } | null;
          const expected =
            typeof v === 'object' &&
            v !== null &&
            (v.type === 'ring/stop' ||
              (v.type === 'ring/play' &&
                typeof v.volume === 'number' &&
                v.volume >= 0 &&
                v.volume <= 100));
          expect(isRingOrder(value)).toBe(expected);
        },
      ),
      { numRuns: 2_000, label: 'arbitrary values and near-orders' },
    );
  });
});

describe('the notice when the tone cannot play', () => {
  it('says why and that calls still show, in the interface’s language', async () => {
    expect(RING_TEXT.failed('no audio device')).toBe(
      'The ring tone could not play (no audio device). Incoming calls still show in the panel and as notifications.',
    );
    setMessages('nl', localeMessages('nl'));
    expect(RING_TEXT.failed('no audio device')).toBe(
      'De beltoon kon niet worden afgespeeld (no audio device). Inkomende gesprekken verschijnen nog steeds in het paneel en als meldingen.',
    );
  });
});
