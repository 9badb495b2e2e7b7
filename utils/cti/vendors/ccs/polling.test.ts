import { describe, expect, it } from 'vitest';
import { CtiError, type CtiEvent } from '../../model';
import { CallPolling, POLL, type PollingHost } from './polling';
import { manualClock } from '../../../../tests/simulators/ccs/test-kit';

function host(more: Partial<PollingHost> = {}) {
  const clock = manualClock();
  const controller = new AbortController();
  const events: CtiEvent[] = [];
  const lost: CtiError[] = [];
  const polls = { calls: 0, agent: 0 };
  let missed = false;
  const h: PollingHost = {
    clock,
    signal: controller.signal,
    panelOpen: () => false,
    hasLiveCall: () => false,
    missedByEvents: () => missed,
    pollCalls: async () => {
      polls.calls += 1;
    },
    pollAgent: async () => {
      polls.agent += 1;
    },
    emit: (e) => events.push(e),
    lost: (e) => lost.push(e),
    ...more,
  };
  return {
    h,
    clock,
    events,
    lost,
    polls,
    abort: () => controller.abort(),
    miss: () => (missed = true),
  };
}

const transports = (events: CtiEvent[]) => events.filter((e) => e.type === 'transport');

describe('CallPolling', () => {
  it('polls calls and agent until events show up, and stops on abort', async () => {
    const s = host();
    const polling = new CallPolling(s.h);
    polling.start();
    await s.clock.advance(POLL.idleMs);
    expect(s.polls).toEqual({ calls: 1, agent: 1 });
    polling.callEventSeen();
    polling.agentEventSeen();
    await s.clock.advance(POLL.idleMs);
    expect(s.polls).toEqual({ calls: 1, agent: 1 });
    s.abort();
    expect(s.clock.pending()).toBe(0);
  });

  it('says events at first, polling once calls are missed, events again when one arrives', async () => {
    const s = host({ panelOpen: () => true });
    const polling = new CallPolling(s.h);
    polling.start();
    expect(transports(s.events)).toEqual([{ type: 'transport', mode: 'events' }]);
    s.miss();
    await s.clock.advance(POLL.activeMs);
    expect(transports(s.events).at(-1)).toEqual({
      type: 'transport',
      mode: 'polling',
      intervalMs: POLL.activeMs,
    });
    polling.callEventSeen();
    expect(transports(s.events).at(-1)).toEqual({ type: 'transport', mode: 'events' });
  });

  it('gives up after repeated failures, at once on auth, and warns once on refusals', async () => {
    let error = new CtiError('network', 'down');
    const s = host({
      pollCalls: async () => {
        throw error;
      },
    });
    const polling = new CallPolling(s.h);
    polling.start();
    for (let i = 0; i < POLL.failuresBeforeLost; i += 1) await s.clock.advance(POLL.idleMs);
    expect(s.lost).toEqual([error]);
    polling.stop();

    error = new CtiError('rejected', 'no Calls Listing permission');
    const r = host({
      pollCalls: async () => {
        throw error;
      },
    });
    new CallPolling(r.h).start();
    await r.clock.advance(POLL.idleMs * 3);
    expect(r.events.filter((e) => e.type === 'notice')).toHaveLength(1);
    expect(r.lost).toEqual([]);
    error = new CtiError('auth', '401');
    await r.clock.advance(POLL.idleMs);
    expect(r.lost).toEqual([error]);
  });

  it('checks a live call now and then even when events work', async () => {
    const s = host({ hasLiveCall: () => true });
    const polling = new CallPolling(s.h);
    polling.callEventSeen();
    polling.agentEventSeen();
    polling.start();
    await s.clock.advance(POLL.activeMs);
    expect(s.polls.calls).toBe(1);
    await s.clock.advance(POLL.activeMs * 3);
    expect(s.polls.calls).toBe(1);
    await s.clock.advance(POLL.reconcileMs);
    expect(s.polls.calls).toBe(2);
  });
});
