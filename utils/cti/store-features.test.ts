import { describe, expect, it } from 'vitest';
import type { CtiEvent } from './model';
import { applyFeatureEvent, isFeatureEvent, type FeatureEvent } from './store-features';
import { initialState } from './store-state';

const NOW = 1_700_000_000_000;
const apply = (event: FeatureEvent, state = initialState()) => {
  const applied = applyFeatureEvent(state, event, NOW);
  if (!applied.ok) throw new Error(applied.error);
  return applied.state;
};

describe('agent-feature events in the store', () => {
  it('tells feature events from the call events', () => {
    expect(isFeatureEvent({ type: 'queues', queues: [] })).toBe(true);
    expect(isFeatureEvent({ type: 'agent', agent: { status: 'ready' } } as CtiEvent)).toBe(false);
  });

  it('replaces the queue list and drops the figures of queues no longer listed', () => {
    let state = apply({
      type: 'queues',
      queues: [
        { id: 'q1', name: 'Sales', member: true },
        { id: 'q2', name: 'Support', member: false },
      ],
    });
    state = apply({ type: 'queueStats', stats: { q1: { waiting: 3 }, q2: { waiting: 1 } } }, state);
    state = apply({ type: 'queues', queues: [{ id: 'q1', name: 'Sales', member: false }] }, state);
    expect(state.queues).toEqual([{ id: 'q1', name: 'Sales', member: false }]);
    expect(Object.keys(state.queueStats)).toEqual(['q1']);
  });

  it('merges queue figures field by field and stamps them when the vendor did not', () => {
    let state = apply({ type: 'queueStats', stats: { q1: { waiting: 3, agentsAvailable: 2 } } });
    state = apply({ type: 'queueStats', stats: { q1: { waiting: 0, at: NOW - 5 } } }, state);
    expect(state.queueStats.q1).toEqual({ waiting: 0, agentsAvailable: 2, at: NOW - 5 });
    state = apply({ type: 'queueStats', stats: { q1: { longestWaitS: 12 } } }, state);
    expect(state.queueStats.q1).toMatchObject({ waiting: 0, longestWaitS: 12, at: NOW });
  });

  it('merges presence: fields left out stay, forwards merge kind by kind', () => {
    let state = apply({
      type: 'presence',
      presence: { dnd: true, forwards: { busy: { enabled: true, destination: '2000' } } },
    });
    state = apply(
      {
        type: 'presence',
        presence: {
          forwards: { noAnswer: { enabled: false, destination: '' } },
          voicemail: { new: 2 },
        },
      },
      state,
    );
    expect(state.presence).toEqual({
      dnd: true,
      forwards: {
        busy: { enabled: true, destination: '2000' },
        noAnswer: { enabled: false, destination: '' },
      },
      voicemail: { new: 2 },
    });
  });

  it('replaces callbacks, agent figures and vendor actions, with defaults filled in', () => {
    let state = apply({
      type: 'callbacks',
      callbacks: [{ id: 'cb1', number: '+33142685300', owner: 'open', dueAt: NOW + 1000 }],
    });
    state = apply(
      { type: 'agentStats', stats: [{ name: 'InbCalls', label: 'Calls in', value: 4 }] },
      state,
    );
    state = apply({ type: 'vendorActions', actions: [{ id: 'tag', label: 'Tag' }] }, state);
    expect(state.callbacks).toHaveLength(1);
    expect(state.agentStats).toEqual([
      { name: 'InbCalls', label: 'Calls in', value: 4, unit: 'count' },
    ]);
    expect(state.vendorActions).toEqual([{ id: 'tag', label: 'Tag', fields: [] }]);
  });

  it('refuses a malformed list with a clear error and leaves the state as it was', () => {
    const before = apply({ type: 'queues', queues: [{ id: 'q1', name: 'Sales' }] });
    const applied = applyFeatureEvent(
      before,
      { type: 'queues', queues: [{ id: '', name: 'x' }] } as FeatureEvent,
      NOW,
    );
    expect(applied).toMatchObject({
      ok: false,
      error: expect.stringContaining('Invalid queue list'),
    });
    const bad = applyFeatureEvent(
      before,
      { type: 'callbacks', callbacks: [{ id: 'c', number: '1', owner: 'someone' }] } as never,
      NOW,
    );
    expect(bad.ok).toBe(false);
    expect(before.queues).toEqual([{ id: 'q1', name: 'Sales' }]);
  });

  it('refuses a flood beyond the limits', () => {
    const queues = Array.from({ length: 501 }, (_, i) => ({ id: `q${i}`, name: `Q${i}` }));
    expect(applyFeatureEvent(initialState(), { type: 'queues', queues }, NOW).ok).toBe(false);
  });
});
