import { describe, expect, it } from 'vitest';
import { clientFrames, parseFrame } from './wire';

const phoneEvent = {
  eventType: 'EventRinging',
  DN: '1118',
  otherDN: '1058',
  otherDName: 'Jane Black',
  linkedId: '1447670380.34',
  uniqueId: '1447670382.37',
  queueName: 'blue',
  callDirection: 'Incoming',
  userData: { XIVO_CONTEXT: 'default', XIVO_USERID: '9', XIVO_SRCNUM: '1058', XIVO_DSTNUM: '3000' },
};

describe('xivo wire: parseFrame', () => {
  it('reads the documented PhoneEvent example', () => {
    const parsed = parseFrame(JSON.stringify({ msgType: 'PhoneEvent', ctiMessage: phoneEvent }));
    expect(parsed).toMatchObject({
      kind: 'message',
      message: { msgType: 'PhoneEvent', payload: { uniqueId: '1447670382.37', queueName: 'blue' } },
    });
  });

  it('reads the documented AgentOnCall example, monitorState included', () => {
    const frame = {
      msgType: 'AgentStateEvent',
      ctiMessage: {
        name: 'AgentOnCall',
        agentId: 19,
        phoneNb: '1000',
        since: 0,
        queues: [8, 14, 170, 4, 1],
        cause: 'available',
        acd: false,
        direction: 'Incoming',
        callType: 'External',
        monitorState: 'ACTIVE',
      },
    };
    expect(parseFrame(JSON.stringify(frame))).toMatchObject({
      kind: 'message',
      message: { payload: { name: 'AgentOnCall', agentId: 19, monitorState: 'ACTIVE' } },
    });
  });

  it('reads UserConfigUpdate, LoggedOnError, agent errors and a CurrentCallsPhoneEvents answer', () => {
    expect(
      parseFrame(
        '{"msgType":"UserConfigUpdate","ctiMessage":{"userId":9,"agentId":22,"fullName":"Alice Johnson","lineIds":[5]}}',
      ),
    ).toMatchObject({
      kind: 'message',
      message: { payload: { agentId: 22 } },
    });
    expect(
      parseFrame('{"msgType":"LoggedOnError","ctiMessage":{"Error":"loggedOnTimeout"}}'),
    ).toMatchObject({
      message: { msgType: 'LoggedOnError', payload: { Error: 'loggedOnTimeout' } },
    });
    expect(
      parseFrame(
        '{"msgType":"AgentError","ctiMessage":{"Error":"LoggedInOnAnotherPhone","phoneNb":"1002","RequestedNb":"1001"}}',
      ),
    ).toMatchObject({
      message: {
        payload: { Error: 'LoggedInOnAnotherPhone', phoneNb: '1002', RequestedNb: '1001' },
      },
    });
    expect(parseFrame('{"msgType":"Error","ctiMessage":"TokenExpired"}')).toMatchObject({
      message: { payload: { Error: 'TokenExpired' } },
    });
    expect(
      parseFrame(
        JSON.stringify({
          msgType: 'CurrentCallsPhoneEvents',
          ctiMessage: { events: [phoneEvent] },
        }),
      ),
    ).toMatchObject({
      message: { payload: { events: [{ uniqueId: '1447670382.37' }] } },
    });
  });

  it('tolerates nulls and numbers in display fields', () => {
    const parsed = parseFrame(
      JSON.stringify({
        msgType: 'PhoneEvent',
        ctiMessage: { ...phoneEvent, otherDN: 1058, otherDName: null, queueName: null },
      }),
    );
    expect(parsed).toMatchObject({
      kind: 'message',
      message: { payload: { otherDN: '1058', otherDName: undefined, queueName: undefined } },
    });
  });

  it('ignores the dozens of msgTypes we do not use', () => {
    expect(parseFrame('{"msgType":"QueueCalls","ctiMessage":{"queueId":9,"calls":[]}}')).toEqual({
      kind: 'ignored',
      msgType: 'QueueCalls',
    });
    expect(parseFrame('{"msgType":"Pong","ctiMessage":{}}')).toEqual({
      kind: 'ignored',
      msgType: 'Pong',
    });
  });

  it('reports non-JSON, envelope-less and invalid known payloads as invalid, without throwing', () => {
    expect(parseFrame('not json {')).toMatchObject({ kind: 'invalid' });
    expect(parseFrame('[1,2]')).toMatchObject({ kind: 'invalid' });
    expect(parseFrame('{"ctiMessage":{}}')).toMatchObject({ kind: 'invalid' });
    const bad = parseFrame('{"msgType":"PhoneEvent","ctiMessage":{"eventType":42}}');
    expect(bad.kind).toBe('invalid');
    expect(bad.kind === 'invalid' && bad.message).toMatch(/PhoneEvent/);
    expect(
      parseFrame('{"msgType":"AgentStateEvent","ctiMessage":{"name":"AgentReady","agentId":"x"}}'),
    ).toMatchObject({ kind: 'invalid' });
  });
});

describe('xivo wire: client frames copy cti.js exactly (§1.6)', () => {
  it.each([
    [clientFrames.ping(), { claz: 'ping' }],
    [
      clientFrames.agentLogin(22, '1001'),
      { claz: 'web', command: 'agentLogin', agentphonenumber: '1001', agentid: 22 },
    ],
    [clientFrames.agentLogout(22), { claz: 'web', command: 'agentLogout', agentid: 22 }],
    [
      clientFrames.pauseAgent(22, 'lunch'),
      { claz: 'web', command: 'pauseAgent', agentid: 22, reason: 'lunch' },
    ],
    [clientFrames.pauseAgent(22), { claz: 'web', command: 'pauseAgent', agentid: 22 }],
    [clientFrames.unpauseAgent(22), { claz: 'web', command: 'unpauseAgent', agentid: 22 }],
    [
      clientFrames.dial('0123'),
      { claz: 'web', command: 'dial', destination: '0123', variables: {} },
    ],
    [clientFrames.answer('1.2'), { claz: 'web', command: 'answer', uniqueId: '1.2' }],
    [clientFrames.hangup('1.2'), { claz: 'web', command: 'hangup', uniqueId: '1.2' }],
    [clientFrames.hold('1.2'), { claz: 'web', command: 'hold', uniqueId: '1.2' }],
    [
      clientFrames.directTransfer('2000'),
      { claz: 'web', command: 'directTransfer', destination: '2000' },
    ],
    [
      clientFrames.attendedTransfer('2000'),
      { claz: 'web', command: 'attendedTransfer', destination: '2000' },
    ],
    [clientFrames.completeTransfer(), { claz: 'web', command: 'completeTransfer' }],
    [clientFrames.cancelTransfer(), { claz: 'web', command: 'cancelTransfer' }],
    [clientFrames.sendDtmf('5'), { claz: 'web', command: 'sendDtmf', key: '5' }],
    [clientFrames.monitorPause(22), { claz: 'web', command: 'monitorPause', agentid: 22 }],
    [clientFrames.monitorUnpause(22), { claz: 'web', command: 'monitorUnpause', agentid: 22 }],
    [
      clientFrames.getCurrentCallsPhoneEvents(),
      { claz: 'web', command: 'getCurrentCallsPhoneEvents' },
    ],
    [clientFrames.getAgentStates(), { claz: 'web', command: 'getAgentStates' }],
  ])('%j', (frame, expected) => {
    expect(frame).toStrictEqual(expected);
  });
});
