import { describe, expect, it } from 'vitest';
import { agentStateOf, pauseReasons, presenceNameFor } from './agent';
import type { PresenceOption } from './wire';

/** api-pages §4.7. */
const OPTIONS: PresenceOption[] = [
  { uuid: 'a', type: 'sign_out', name: 'Holiday In Bahamas' },
  { uuid: 'b', type: 'sign_out', name: 'Sign Out' },
  { uuid: 'c', type: 'away', name: 'Coffee Break' },
];

describe('CCS presence', () => {
  it('maps agent_state types (§5.6) and leaves unknown ones alone', () => {
    expect(agentStateOf({ type: 'ready', name: 'Ready' })).toEqual({ status: 'ready' });
    expect(agentStateOf({ type: 'away', name: 'Coffee Break' })).toEqual({
      status: 'notReady',
      reason: 'Coffee Break',
    });
    expect(agentStateOf({ type: 'sign_out', name: 'Sign Out' })).toEqual({ status: 'loggedOut' });
    expect(agentStateOf({ type: 'wrap_up', name: 'Wrap' })).toEqual({ status: 'wrapUp' });
    expect(agentStateOf({ type: 'mystery', name: 'x' })).toBeUndefined();
  });

  it('offers away options as pause reasons', () => {
    expect(pauseReasons(OPTIONS)).toEqual([{ code: 'Coffee Break', label: 'Coffee Break' }]);
  });

  it('picks the presence name updateAgentState takes', () => {
    const set = (state: 'ready' | 'notReady' | 'loggedOut', reason?: string) =>
      presenceNameFor({ type: 'setAgentState', state, ...(reason ? { reason } : {}) }, OPTIONS);
    expect(set('ready')).toBe('Ready');
    expect(set('notReady')).toBe('Coffee Break');
    expect(set('notReady', 'coffee break')).toBe('Coffee Break');
    expect(set('notReady', 'Lunch')).toBe('Lunch');
    expect(set('loggedOut')).toBe('Sign Out');
    expect(set('loggedOut', 'holiday in bahamas')).toBe('Holiday In Bahamas');
    expect(() =>
      presenceNameFor({ type: 'setAgentState', state: 'notReady' }, OPTIONS.slice(0, 2)),
    ).toThrow(/no away state/);
  });
});
