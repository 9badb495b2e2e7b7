import { describe, expect, it } from 'vitest';
import type { CallUpdate, CtiEvent } from '../../model';
import { AgentTracker, agentStatusOf, errorNotice } from './agent';
import { CallTracker } from './calls';
import type { AgentStatePayload, PhoneEventPayload } from './wire';

function tracker() {
  let now = 1000;
  const calls = new CallTracker(() => now, 'FR');
  return { calls, tick: (ms: number) => (now += ms) };
}

const ev = (eventType: string, more: Partial<PhoneEventPayload> = {}): PhoneEventPayload => ({
  eventType,
  DN: '1001',
  otherDN: '0123456789',
  otherDName: 'Camille Dubois',
  linkedId: '100.1',
  uniqueId: '100.2',
  queueName: 'support',
  callDirection: 'Incoming',
  userData: { XIVO_USERID: '9', USR_customer: 'C-1' },
  ...more,
});

function upsert(events: CtiEvent[]): CallUpdate {
  const event = events.find((e) => e.type === 'callUpsert');
  if (event?.type !== 'callUpsert') throw new Error(`no callUpsert in ${JSON.stringify(events)}`);
  return event.call;
}

describe('xivo CallTracker (§1.8)', () => {
  it('maps a ringing inbound queue call', () => {
    const { calls } = tracker();
    expect(upsert(calls.applyPhoneEvent(ev('EventRinging')))).toEqual({
      id: 'xivo:100.2',
      vendorCallId: '100.2',
      groupId: 'xivo:100.1',
      direction: 'inbound',
      state: 'ringing',
      remote: { raw: '0123456789', e164: '+33123456789', name: 'Camille Dubois' },
      queue: 'support',
      startedAt: 1000,
      data: { XIVO_USERID: '9', USR_customer: 'C-1' },
      recording: 'unknown',
      // no answeredAt, no transferTarget
    });
  });

  it('keeps startedAt, sets answeredAt once, and ends on EventReleased', () => {
    const { calls, tick } = tracker();
    calls.applyPhoneEvent(ev('EventRinging'));
    tick(500);
    const answered = upsert(calls.applyPhoneEvent(ev('EventEstablished')));
    expect(answered).toMatchObject({
      state: 'connected',
      startedAt: 1000,
      answeredAt: 1500,
      recording: 'on',
    });
    tick(500);
    expect(upsert(calls.applyPhoneEvent(ev('EventOnHold')))).toMatchObject({
      state: 'held',
      answeredAt: 1500,
    });
    tick(500);
    expect(upsert(calls.applyPhoneEvent(ev('EventEstablished')))).toMatchObject({
      state: 'connected',
      answeredAt: 1500,
    });
    expect(calls.applyPhoneEvent(ev('EventReleased'))).toEqual([
      { type: 'callEnded', callId: 'xivo:100.2', endedAt: 2500 },
    ]);
    expect(calls.all()).toEqual([]);
  });

  it('treats an unknown eventType (the failure event) as the end of a known leg', () => {
    const { calls } = tracker();
    calls.applyPhoneEvent(ev('EventDialing', { callDirection: 'Outgoing' }));
    expect(calls.applyPhoneEvent(ev('EventFailure'))).toEqual([
      { type: 'callEnded', callId: 'xivo:100.2', endedAt: 1000 },
    ]);
    expect(calls.applyPhoneEvent(ev('EventReleased'))).toEqual([]);
  });

  it('reads an eventType named like an object property (found by fuzzing) as an unknown one', () => {
    const { calls } = tracker();
    expect(calls.applyPhoneEvent(ev('hasOwnProperty'))).toEqual([]);
    calls.applyPhoneEvent(ev('EventRinging'));
    expect(calls.applyPhoneEvent(ev('constructor'))).toEqual([
      { type: 'callEnded', callId: 'xivo:100.2', endedAt: 1000 },
    ]);
  });

  it('takes direction from callDirection, else from the first event', () => {
    const { calls } = tracker();
    expect(
      upsert(
        calls.applyPhoneEvent(ev('EventDialing', { uniqueId: 'a', callDirection: 'Outgoing' })),
      ).direction,
    ).toBe('outbound');
    expect(
      upsert(calls.applyPhoneEvent(ev('EventDialing', { uniqueId: 'b', callDirection: undefined })))
        .direction,
    ).toBe('outbound');
    expect(
      upsert(calls.applyPhoneEvent(ev('EventRinging', { uniqueId: 'c', callDirection: undefined })))
        .direction,
    ).toBe('inbound');
  });

  it('leaves e164 out for internal extensions and recording unknown for direct calls', () => {
    const { calls } = tracker();
    const call = upsert(
      calls.applyPhoneEvent(ev('EventEstablished', { otherDN: '1058', queueName: undefined })),
    );
    expect(call.remote).toEqual({ raw: '1058', name: 'Camille Dubois' });
    expect(call.recording).toBe('unknown');
    expect(call.queue).toBeUndefined();
  });

  it('shows a transfer until the consultation leg ends', () => {
    const { calls } = tracker();
    calls.applyPhoneEvent(ev('EventEstablished'));
    const original = calls.get('xivo:100.2');
    if (!original) throw new Error('tracked');
    expect(calls.startTransfer(original, '2000')).toMatchObject({
      state: 'transferring',
      transferTarget: '2000',
    });
    expect(upsert(calls.applyPhoneEvent(ev('EventOnHold')))).toMatchObject({
      state: 'transferring',
    });
    const consult = upsert(
      calls.applyPhoneEvent(
        ev('EventDialing', {
          uniqueId: '200.1',
          linkedId: '200.1',
          callDirection: 'Outgoing',
          otherDN: '2000',
        }),
      ),
    );
    expect(consult).toMatchObject({ id: 'xivo:200.1', state: 'dialing', direction: 'outbound' });
    expect(calls.transferOf('xivo:200.1')?.uniqueId).toBe('100.2');
    const ended = calls.applyPhoneEvent(ev('EventReleased', { uniqueId: '200.1' }));
    expect(ended[0]).toMatchObject({ type: 'callEnded', callId: 'xivo:200.1' });
    expect(upsert(ended)).toMatchObject({ id: 'xivo:100.2', state: 'held' });
    expect(upsert(ended).transferTarget).toBeUndefined();
  });

  it('reads recording from monitorState and our own pause', () => {
    const { calls } = tracker();
    calls.applyPhoneEvent(ev('EventEstablished'));
    expect(upsert(calls.applyMonitorState('PAUSED')).recording).toBe('paused');
    expect(upsert(calls.applyMonitorState('ACTIVE')).recording).toBe('on');
    expect(calls.applyMonitorState('ACTIVE')).toEqual([]);
  });

  it('replaces its calls with a snapshot and keeps startedAt of calls it knew', () => {
    const { calls, tick } = tracker();
    calls.applyPhoneEvent(ev('EventRinging'));
    calls.applyPhoneEvent(ev('EventRinging', { uniqueId: 'gone' }));
    tick(1000);
    const snapshot = calls.applySnapshot([
      ev('EventEstablished'),
      ev('EventDialing', { uniqueId: 'new', callDirection: 'Outgoing' }),
      ev('EventReleased', { uniqueId: 'old' }),
    ]);
    expect(snapshot.map((c) => [c.id, c.state, c.startedAt])).toEqual([
      ['xivo:100.2', 'connected', 1000],
      ['xivo:new', 'dialing', 2000],
    ]);
    expect(calls.get('xivo:gone')).toBeUndefined();
  });
});

describe('xivo agent mapping (§1.8)', () => {
  const agentEvent = (name: string, more: Partial<AgentStatePayload> = {}): AgentStatePayload => ({
    name,
    agentId: 22,
    phoneNb: '1001',
    cause: 'available',
    monitorState: undefined,
    acd: undefined,
    ...more,
  });

  it.each([
    ['AgentReady', { status: 'ready' }],
    ['AgentRinging', { status: 'ready' }],
    ['AgentDialing', { status: 'ready' }],
    ['AgentOnCall', { status: 'ready' }],
    ['AgentLogin', { status: 'ready' }],
    ['AgentOnWrapup', { status: 'wrapUp' }],
    ['AgentLoggedOut', { status: 'loggedOut' }],
  ])('%s', (name, expected) => {
    expect(agentStatusOf(agentEvent(name))).toEqual(expected);
  });

  it.each(['hasOwnProperty', 'toString', '__proto__', 'constructor'])(
    'an agent state named %s is unknown, not a property of every object',
    (name) => {
      expect(agentStatusOf(agentEvent(name))).toBeUndefined();
    },
  );

  it('takes the pause reason from cause, and skips unknown names', () => {
    expect(agentStatusOf(agentEvent('AgentOnPause', { cause: 'lunch' }))).toEqual({
      status: 'notReady',
      reason: 'lunch',
    });
    expect(agentStatusOf(agentEvent('AgentOnPause', { cause: '' }))).toEqual({
      status: 'notReady',
    });
    expect(agentStatusOf(agentEvent('AgentSomethingNew'))).toBeUndefined();
  });

  it('keeps since while the status stays, and ignores other agents', () => {
    let now = 10;
    const agent = new AgentTracker(() => now);
    expect(agent.apply(agentEvent('AgentReady'))).toBeUndefined();
    expect(agent.setAgentId(22)?.name).toBe('AgentReady');
    expect(agent.apply(agentEvent('AgentRinging'))).toEqual({ status: 'ready', since: 10 });
    now = 20;
    expect(agent.apply(agentEvent('AgentOnCall'))).toEqual({ status: 'ready', since: 10 });
    expect(agent.apply(agentEvent('AgentOnWrapup'))).toEqual({ status: 'wrapUp', since: 20 });
    expect(agent.apply(agentEvent('AgentOnPause', { agentId: 19 }))).toBeUndefined();
  });

  it('words agent errors for the agent', () => {
    expect(
      errorNotice(
        { Error: 'PhoneNumberUnknown', phoneNb: undefined, RequestedNb: undefined },
        '1001',
      ),
    ).toMatch(/does not know the phone number 1001/);
    expect(
      errorNotice(
        { Error: 'LoggedInOnAnotherPhone', phoneNb: '1002', RequestedNb: '1001' },
        '1001',
      ),
    ).toMatch(/already logged in on phone 1002.*not log it in on 1001/);
    expect(
      errorNotice({ Error: 'Oops', phoneNb: undefined, RequestedNb: undefined }, undefined),
    ).toBe('XiVO reported an error: Oops');
  });
});
