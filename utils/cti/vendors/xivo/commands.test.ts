import { describe, expect, it } from 'vitest';
import { CtiError } from '../../model';
import { XivoAdapter } from './adapter';
import {
  agentState,
  CONFIG,
  connected,
  phoneEvent,
  setup,
} from '../../../../tests/simulators/xivo/test-kit';
describe('XivoAdapter.execute', () => {
  async function withCall(state: 'EventRinging' | 'EventEstablished' = 'EventEstablished') {
    const s = setup({ config: { dialPrefix: '0', dialFormat: 'national' } });
    const { t, socket } = await connected(s);
    socket.serverSend(phoneEvent(state));
    const call = (await t.next('callUpsert')).call;
    socket.sent.length = 0;
    return { s, t, socket, call };
  }

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
