import { describe, expect, it } from 'vitest';
import type { CcsEventNames } from './config';
import { parseSocketFrame } from './events';

const NAMES: CcsEventNames = {
  typeKey: 'action',
  payloadKey: 'response',
  callRinging: 'call_ringing',
  callDialing: 'call_dialing',
  callAnswered: 'call_answered',
  callEnded: 'call_ended',
  agentState: 'update_agent',
  queueStats: ['create_queue', 'update_queue'],
  subscribe: [],
};

describe('parseSocketFrame', () => {
  it('reads the plain-text keepalive and answers a server ping', () => {
    expect(parseSocketFrame('pong', NAMES)).toEqual({ kind: 'keepalive' });
    expect(parseSocketFrame('ping', NAMES)).toEqual({ kind: 'keepalive', reply: 'pong' });
  });

  it('maps the configured names to call events, with one payload or a list', () => {
    const one = parseSocketFrame(
      JSON.stringify({ action: 'call_ringing', response: { call_id: 'A1', status: 'progress' } }),
      NAMES,
    );
    expect(one).toMatchObject({ kind: 'call', event: 'ringing', invalid: 0 });
    const list = parseSocketFrame(
      JSON.stringify({ action: 'call_ended', response: [{ call_id: 'A1' }, { nope: 1 }] }),
      NAMES,
    );
    expect(list).toMatchObject({ kind: 'call', event: 'ended', invalid: 1 });
    expect(list.kind === 'call' && list.records.map((r) => r.callId)).toEqual(['A1']);
  });

  it('follows other names, another type key and a payload in the frame itself', () => {
    const names = { ...NAMES, typeKey: 'event', payloadKey: '', callAnswered: 'CallAnswered' };
    const frame = parseSocketFrame(JSON.stringify({ event: 'CallAnswered', id: 7 }), names);
    expect(frame).toMatchObject({ kind: 'call', event: 'answered' });
    expect(frame.kind === 'call' && frame.records[0]?.callId).toBe('7');
    // A default name that this platform does not use is just another frame.
    expect(parseSocketFrame(JSON.stringify({ action: 'call_answered' }), names)).toEqual({
      kind: 'ignored',
      name: undefined,
    });
  });

  it('reads agent rows, refusals, and reports what cannot be read', () => {
    const agent = parseSocketFrame(
      JSON.stringify({
        action: 'update_agent',
        response: [
          { extension: '104', agent_state: { state: { type: 'away', name: 'Coffee Break' } } },
        ],
      }),
      NAMES,
    );
    expect(agent).toMatchObject({
      kind: 'agent',
      payloads: [{ extension: '104', state: { type: 'away', name: 'Coffee Break' } }],
    });
    expect(parseSocketFrame('{"success":false,"reason":"No permission"}', NAMES)).toEqual({
      kind: 'failure',
      reason: 'No permission',
    });
    expect(parseSocketFrame('{"action":"update_campaign"}', NAMES)).toEqual({
      kind: 'ignored',
      name: 'update_campaign',
    });
    expect(parseSocketFrame('nope', NAMES).kind).toBe('invalid');
    expect(parseSocketFrame('[1,2]', NAMES).kind).toBe('invalid');
  });

  it('reads inbound queue rows by the configured names, counting the ones it cannot read', () => {
    const frame = parseSocketFrame(
      JSON.stringify({
        action: 'update_queue',
        response: [
          { uuid: 'q1', calls_waiting: '3', longest_wait: '0:01:05', agents_available: 2 },
          { extension: '386', waiting_calls: 0 },
          { uuid: 'q3', calls_waiting: 'many' },
        ],
      }),
      NAMES,
    );
    expect(frame).toEqual({
      kind: 'queue',
      name: 'update_queue',
      invalid: 1,
      rows: [
        {
          uuid: 'q1',
          extension: undefined,
          figures: { waiting: 3, longestWaitS: 65, agentsAvailable: 2 },
        },
        { uuid: undefined, extension: '386', figures: { waiting: 0 } },
      ],
    });
    // Not a queue event name on this platform: ignored.
    const none = { ...NAMES, queueStats: [] };
    expect(parseSocketFrame('{"action":"update_queue"}', none).kind).toBe('ignored');
  });
});
