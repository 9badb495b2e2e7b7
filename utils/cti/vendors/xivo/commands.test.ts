import { describe, expect, it } from 'vitest';
import { CtiError } from '../../model';
import { XivoAdapter } from './adapter';
import {
  agentState,
  CONFIG,
  connected,
  phoneEvent,
  QUEUE_LIST,
  resynced,
  setup,
  xuc,
} from '../../../../tests/simulators/xivo/test-kit';
async function withCall(state: 'EventRinging' | 'EventEstablished' = 'EventEstablished') {
  const s = setup({ config: { dialPrefix: '0', dialFormat: 'national' } });
  const { t, socket } = await connected(s);
  socket.serverSend(phoneEvent(state));
  const call = (await t.next('callUpsert')).call;
  socket.sent.length = 0;
  return { s, t, socket, call };
}

describe('XivoAdapter.execute', () => {
  it('dials with the admin dial format and prefix', async () => {
    const { s, socket } = await withCall();
    await s.adapter.execute({ type: 'dial', number: '+33 1 42 68 53 00' });
    await s.adapter.execute({ type: 'dial', number: '2001' });
    expect(socket.frames()).toEqual([
      { claz: 'web', command: 'dial', destination: '00142685300', variables: {} },
      { claz: 'web', command: 'dial', destination: '2001', variables: {} },
    ]);
  });

  it('answers, holds, resumes and hangs up by uniqueId, guarding the hold toggle', async () => {
    const { s, t, socket, call } = await withCall('EventRinging');
    await expect(s.adapter.execute({ type: 'hold', callId: call.id })).rejects.toMatchObject({
      code: 'unsupported',
    });
    await s.adapter.execute({ type: 'answer', callId: call.id });
    socket.serverSend(phoneEvent('EventEstablished'));
    await s.adapter.execute({ type: 'hold', callId: call.id });
    await expect(s.adapter.execute({ type: 'resume', callId: call.id })).rejects.toThrow(
      /not on hold/,
    );
    socket.serverSend(phoneEvent('EventOnHold'));
    await s.adapter.execute({ type: 'resume', callId: call.id });
    await s.adapter.execute({ type: 'hangup', callId: call.id });
    expect(socket.frames()).toEqual([
      { claz: 'web', command: 'answer', uniqueId: '10.2' },
      { claz: 'web', command: 'hold', uniqueId: '10.2' },
      { claz: 'web', command: 'hold', uniqueId: '10.2' },
      { claz: 'web', command: 'hangup', uniqueId: '10.2' },
    ]);
    expect(
      t.events.items
        .filter((e) => e.type === 'callUpsert')
        .map((e) => e.type === 'callUpsert' && e.call.state),
    ).toEqual(['ringing', 'connected', 'held']);
  });

  it('transfers blind and attended, showing the original as transferring', async () => {
    const { s, t, socket, call } = await withCall();
    await s.adapter.execute({ type: 'attendedTransfer', callId: call.id, target: '2000' });
    expect(
      (await t.next('callUpsert', (e) => e.call.state === 'transferring')).call.transferTarget,
    ).toBe('2000');
    await s.adapter.execute({ type: 'cancelTransfer', callId: call.id });
    expect((await t.next('callUpsert', (e) => e.call.id === call.id)).call.state).toBe('connected');
    await expect(
      s.adapter.execute({ type: 'completeTransfer', callId: call.id }),
    ).rejects.toMatchObject({ code: 'unsupported' });
    await s.adapter.execute({ type: 'blindTransfer', callId: call.id, target: '2000' });
    expect(socket.frames()).toEqual([
      { claz: 'web', command: 'attendedTransfer', destination: '2000' },
      { claz: 'web', command: 'cancelTransfer' },
      { claz: 'web', command: 'directTransfer', destination: '2000' },
    ]);
  });

  it('sends one sendDtmf frame per key', async () => {
    const { s, socket, call } = await withCall();
    await s.adapter.execute({ type: 'sendDtmf', callId: call.id, digits: '12#' });
    expect(socket.frames().map((f) => f.key)).toEqual(['1', '2', '#']);
  });

  it('pauses and resumes recording on queue calls with agentid', async () => {
    const { s, t, socket, call } = await withCall();
    await s.adapter.execute({ type: 'pauseRecording', callId: call.id });
    expect((await t.next('callUpsert', (e) => e.call.recording === 'paused')).call.id).toBe(
      call.id,
    );
    await s.adapter.execute({ type: 'resumeRecording', callId: call.id });
    expect(socket.frames()).toEqual([
      { claz: 'web', command: 'monitorPause', agentid: 22 },
      { claz: 'web', command: 'monitorUnpause', agentid: 22 },
    ]);
    socket.serverSend(phoneEvent('EventEstablished', { uniqueId: 'direct', queueName: undefined }));
    await expect(
      s.adapter.execute({ type: 'pauseRecording', callId: 'xivo:direct' }),
    ).rejects.toThrow(/queue call/);
  });

  it('sets agent states with the right verbs', async () => {
    const { s, socket } = await withCall();
    await s.adapter.execute({ type: 'setAgentState', state: 'ready' });
    await expect(s.adapter.execute({ type: 'setAgentState', state: 'notReady' })).rejects.toThrow(
      /Log your agent in/,
    );
    socket.serverSend(agentState('AgentReady'));
    await s.adapter.execute({ type: 'setAgentState', state: 'notReady', reason: 'lunch' });
    await s.adapter.execute({ type: 'setAgentState', state: 'ready' });
    await s.adapter.execute({ type: 'setAgentState', state: 'loggedOut' });
    expect(socket.frames()).toEqual([
      { claz: 'web', command: 'agentLogin', agentphonenumber: '1001', agentid: 22 },
      { claz: 'web', command: 'pauseAgent', agentid: 22, reason: 'lunch' },
      { claz: 'web', command: 'unpauseAgent', agentid: 22 },
      { claz: 'web', command: 'agentLogout', agentid: 22 },
    ]);
  });

  it('refuses dispose, unknown calls and commands before connect', async () => {
    const { s } = await withCall();
    await expect(
      s.adapter.execute({ type: 'dispose', callId: 'xivo:10.2', code: 'ok', notes: '' }),
    ).rejects.toMatchObject({ code: 'unsupported' });
    await expect(s.adapter.execute({ type: 'hangup', callId: 'xivo:nope' })).rejects.toThrow(
      /no longer active/,
    );
    await expect(
      new XivoAdapter(CONFIG).execute({ type: 'dial', number: '1' }),
    ).rejects.toMatchObject({ code: 'network' });
    await expect(new XivoAdapter(CONFIG).resync()).rejects.toBeInstanceOf(CtiError);
  });
});

describe('XivoAdapter.execute: call data and dial routes', () => {
  it('dials with variables, from the mobile and on behalf of a queue', async () => {
    const s = setup();
    const { socket } = await resynced(s);
    await expect(
      s.adapter.execute({ type: 'dial', number: '2001', route: { kind: 'mobile' } }),
    ).rejects.toThrow('XiVO has no mobile number for you to call from');
    socket.serverSend(xuc('UserConfigUpdate', { userId: 9, agentId: 22, mobileNumber: '0612' }));
    socket.serverSend(xuc('QueueList', QUEUE_LIST));
    socket.sent.length = 0;
    const variables = { order: '42' };
    await s.adapter.execute({ type: 'dial', number: '2001', variables });
    await s.adapter.execute({ type: 'dial', number: '2001', route: { kind: 'mobile' }, variables });
    await s.adapter.execute({ type: 'dial', number: '2001', route: { kind: 'queue', queue: '8' } });
    await expect(
      s.adapter.execute({ type: 'dial', number: '2001', route: { kind: 'queue', queue: '99' } }),
    ).rejects.toThrow('XiVO does not list this queue');
    expect(socket.frames()).toEqual([
      { claz: 'web', command: 'dial', destination: '2001', variables },
      { claz: 'web', command: 'dialFromMobile', destination: '2001', variables },
      {
        claz: 'web',
        command: 'dialFromQueue',
        destination: '2001',
        queueId: 8,
        callerIdName: 'blue sky',
        callerIdNumber: '3506',
        variables: {},
      },
    ]);
  });

  it('attaches call data to a connected call and shows it, USR_ prefixed, until xuc says otherwise', async () => {
    const { s, t, socket, call } = await withCall();
    await s.adapter.execute({
      type: 'setCallData',
      callId: call.id,
      data: { topic: 'refund', USR_x: '1' },
    });
    expect(socket.frames()).toEqual([
      { claz: 'web', command: 'setData', variables: { topic: 'refund', USR_x: '1' } },
    ]);
    expect((await t.next('callUpsert')).call.data).toMatchObject({
      USR_topic: 'refund',
      USR_x: '1',
    });
    // xuc's next event is the truth: here it kept only one of them.
    socket.serverSend(phoneEvent('EventOnHold', { userData: { USR_topic: 'refund' } }));
    const held = (await t.next('callUpsert')).call;
    expect(held.data).toEqual({ USR_topic: 'refund' });
  });

  it('refuses call data on a call that is not connected yet', async () => {
    const { s, call } = await withCall('EventRinging');
    await expect(
      s.adapter.execute({ type: 'setCallData', callId: call.id, data: { topic: 'x' } }),
    ).rejects.toThrow('XiVO attaches call data to a connected call only');
  });

  it('reads the agent’s call history with historySource agent', async () => {
    const s = setup({ config: { historySource: 'agent' } });
    const { socket } = await resynced(s);
    socket.sent.length = 0;
    const past = s.adapter.pastCalls!({ from: 0, to: Date.now() });
    expect(socket.frames()).toEqual([{ claz: 'web', command: 'getAgentCallHistory', size: 100 }]);
    socket.serverSend(
      xuc('CallHistory', [
        {
          start: '2014-01-01 08:00:00',
          duration: '00:01:00',
          srcNum: '0115878',
          dstNum: '1001',
          status: 'abandoned',
        },
      ]),
    );
    expect(await past).toEqual([expect.objectContaining({ direction: 'inbound', missed: true })]);
  });
});
