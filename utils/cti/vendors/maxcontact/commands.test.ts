import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RESULT_CODES } from '../../../../tests/simulators/maxcontact';
import {
  connectedCall,
  signedIn,
  startRig,
  type Rig,
} from '../../../../tests/simulators/maxcontact/test-kit';

let rig: Rig;
afterEach(async () => {
  await rig.close();
});

type T = Awaited<ReturnType<typeof signedIn>>;

const request = (
  api: string,
  more: (r: { path: string; query: Record<string, string> }) => boolean = () => true,
) => rig.sim.waitForRequest((r) => r.api === api && r.status === 200 && more(r));

describe('maxcontact commands: calls (§3.4)', () => {
  it('dials against the customer’s lead when the call back names one', async () => {
    rig = await startRig({
      sim: { leads: [{ LeadId: 7781, phones: [{ number: '+447700900123', type: 'Mobile' }] }] },
    });
    await signedIn(rig);
    await rig.adapter.execute({ type: 'dial', number: '+447700900123', recordId: '7781' });
    expect((await request('dial')).query).toEqual({ leadid: '7781' });
  });

  it('dials in the configured format and reports the call it returns as dialling', async () => {
    rig = await startRig({ config: { dialFormat: 'national', defaultCountry: 'FR' } });
    const t = await signedIn(rig);
    await rig.adapter.execute({ type: 'dial', number: '+33123456789' });
    expect((await request('dial')).path).toBe(
      '/webservices/services/telephony/dial/user/1001/phone/0123456789',
    );
    const dialled = await t.next('callUpsert');
    expect(dialled.call).toMatchObject({
      direction: 'outbound',
      state: 'dialing',
      vendorCallId: '1000',
    });
    await t.next(
      'callUpsert',
      (e) => e.call.id === dialled.call.id && e.call.state === 'connected',
    );
  });

  it('hangs up into wrap-up, then disposes with the result code into ready', async () => {
    rig = await startRig();
    const t = await signedIn(rig);
    const call = await connectedCall(rig, t);
    await rig.adapter.execute({ type: 'hangup', callId: call.id });
    await request('hangup', (r) => r.path.endsWith(`/call/${call.vendorCallId}`));
    await t.next('callEnded', (e) => e.callId === call.id);
    await t.next('agent', (e) => e.agent.status === 'wrapUp');
    await rig.adapter.execute({ type: 'dispose', callId: call.id, code: 'SALE', notes: 'Renewed' });
    const dispose = await request('dispose');
    expect(dispose.path).toMatch(new RegExp(`/dispose/user/1001/call/${call.vendorCallId}$`));
    // The dispose method takes no notes (api-pages "Dispose").
    expect(dispose.query).toEqual({ resultcode: 'SALE' });
    await t.next('agent', (e) => e.agent.status === 'ready');
    expect(rig.sim.allCalls()[0]?.resultCode).toBe('SALE');
  });

  it('holds, retrieves and stops and starts the recording of a call', async () => {
    rig = await startRig();
    const t = await signedIn(rig);
    const call = await connectedCall(rig, t);
    await expect(rig.adapter.execute({ type: 'resume', callId: call.id })).rejects.toMatchObject({
      code: 'unsupported',
    });
    await rig.adapter.execute({ type: 'hold', callId: call.id });
    await t.next('callUpsert', (e) => e.call.id === call.id && e.call.state === 'held');
    await rig.adapter.execute({ type: 'resume', callId: call.id });
    await request('retrieve');
    await t.next('callUpsert', (e) => e.call.id === call.id && e.call.state === 'connected');
    await rig.adapter.execute({ type: 'pauseRecording', callId: call.id });
    await t.next('callUpsert', (e) => e.call.id === call.id && e.call.recording === 'paused');
    expect(rig.sim.calls()[0]?.recording).toBe(false);
    await rig.adapter.execute({ type: 'resumeRecording', callId: call.id });
    await t.next('callUpsert', (e) => e.call.id === call.id && e.call.recording === 'on');
    expect(rig.sim.calls()[0]?.recording).toBe(true);
  });

  it('passes the platform’s refusals on as rejected, changing nothing', async () => {
    rig = await startRig();
    const t = await signedIn(rig);
    await connectedCall(rig, t);
    await expect(
      rig.adapter.execute({ type: 'setAgentState', state: 'loggedOut' }),
    ).rejects.toMatchObject({ code: 'rejected', message: expect.stringMatching(/live calls/) });
    expect(t.events.items.some((e) => e.type === 'agent' && e.agent.status === 'loggedOut')).toBe(
      false,
    );
    for (const type of ['answer', 'blindTransfer', 'sendDtmf'] as const) {
      const command =
        type === 'blindTransfer'
          ? { type, callId: 'x', target: '2000' }
          : type === 'sendDtmf'
            ? { type, callId: 'x', digits: '1' }
            : { type, callId: 'x' };
      await expect(rig.adapter.execute(command)).rejects.toMatchObject({ code: 'unsupported' });
    }
  });

  it('goes not ready, on a break, and ready with the assumed methods', async () => {
    rig = await startRig();
    const t = await signedIn(rig);
    await rig.adapter.execute({ type: 'setAgentState', state: 'notReady', reason: 'break' });
    await request('requestbreak');
    await t.next('agent', (e) => e.agent.status === 'notReady' && e.agent.reason === 'Break');
    await rig.adapter.execute({ type: 'setAgentState', state: 'notReady' });
    await request('gonotready');
    await rig.adapter.execute({ type: 'setAgentState', state: 'ready' });
    await request('goready');
    expect(rig.sim.agent()).toBe('ready');
  });

  it('sends the state requests to the paths the administrator set', async () => {
    rig = await startRig({
      config: {
        notReadyPath: 'agentstate/user/{user}?state=notready',
        breakPath: 'requestbreak/user/{user}',
        logoutPath: 'signout/{user}',
      },
    });
    const t = await signedIn(rig);
    await expect(
      rig.adapter.execute({ type: 'setAgentState', state: 'notReady' }),
    ).rejects.toMatchObject({ code: 'rejected', message: /"agentstate" request/ });
    expect(rig.sim.requests.at(-1)).toMatchObject({
      path: '/webservices/services/telephony/agentstate/user/1001',
      query: { state: 'notready' },
    });
    await expect(
      rig.adapter.execute({ type: 'setAgentState', state: 'loggedOut' }),
    ).rejects.toMatchObject({ code: 'rejected' });
    expect(rig.sim.requests.at(-1)?.path).toBe('/webservices/services/telephony/signout/1001');
    // Refused: the agent's state is as it was.
    expect(t.events.items.some((e) => e.type === 'agent' && e.agent.status === 'loggedOut')).toBe(
      false,
    );
  });
});

describe('maxcontact commands: warm transfer through connectcalls (§3.4)', () => {
  async function transferring(t: T) {
    const call = await connectedCall(rig, t);
    await rig.adapter.execute({ type: 'attendedTransfer', callId: call.id, target: '2000' });
    await request('hold', (r) => r.path.endsWith(`/call/${call.vendorCallId}`));
    await request('dial', (r) => r.path.endsWith('/phone/2000'));
    const consult = await t.next('callUpsert', (e) => e.call.direction === 'outbound');
    await t.next(
      'callUpsert',
      (e) =>
        e.call.id === call.id &&
        e.call.state === 'transferring' &&
        e.call.transferTarget === '2000',
    );
    return { call, consult: consult.call };
  }

  it('completes by bridging both calls with the transfer result code', async () => {
    rig = await startRig();
    const t = await signedIn(rig);
    const { call, consult } = await transferring(t);
    await rig.adapter.execute({ type: 'completeTransfer', callId: call.id });
    expect((await request('connectcalls')).query).toEqual({
      call1: call.vendorCallId,
      call2: consult.vendorCallId,
      resultcode1: 'XFER',
      resultcode2: 'XFER',
    });
    await t.next('callEnded', (e) => e.callId === call.id);
    await t.next('callEnded', (e) => e.callId === consult.id);
    // connectcalls filed the calls already: the disposition stays in Switchboard's history.
    await rig.adapter.execute({ type: 'dispose', callId: call.id, code: 'SALE', notes: '' });
    expect(rig.sim.requests.some((r) => r.api === 'dispose')).toBe(false);
  });

  it('uses the configured transfer code, and says so when there is none', async () => {
    rig = await startRig({
      config: { transferResultCode: 'SALE' },
      sim: { resultCodes: DEFAULT_RESULT_CODES.filter((c) => !c.IsTransfer) },
    });
    const t = await signedIn(rig);
    const { call } = await transferring(t);
    await rig.adapter.execute({ type: 'completeTransfer', callId: call.id });
    expect((await request('connectcalls')).query).toMatchObject({ resultcode1: 'SALE' });
    await rig.close();

    rig = await startRig({
      sim: { resultCodes: DEFAULT_RESULT_CODES.filter((c) => !c.IsTransfer) },
    });
    const t2 = await signedIn(rig);
    const second = await transferring(t2);
    await expect(
      rig.adapter.execute({ type: 'completeTransfer', callId: second.call.id }),
    ).rejects.toMatchObject({
      code: 'unsupported',
      message: expect.stringMatching(/transferResultCode/),
    });
  });

  it('cancels by hanging up the consultation and retrieving the customer', async () => {
    rig = await startRig();
    const t = await signedIn(rig);
    const { call, consult } = await transferring(t);
    await rig.adapter.execute({ type: 'cancelTransfer', callId: consult.id });
    await request('hangup', (r) => r.path.endsWith(`/call/${consult.vendorCallId}`));
    await request('retrieve', (r) => r.path.endsWith(`/call/${call.vendorCallId}`));
    await t.next('callEnded', (e) => e.callId === consult.id);
    const back = await t.next(
      'callUpsert',
      (e) => e.call.id === call.id && e.call.state === 'connected',
    );
    expect(back.call.transferTarget).toBeUndefined();
    // The customer's call is still live: no wrap-up.
    expect(t.events.items.some((e) => e.type === 'agent' && e.agent.status === 'wrapUp')).toBe(
      false,
    );
  });

  it('gives the customer back when the target cannot be dialled', async () => {
    rig = await startRig();
    const t = await signedIn(rig);
    const call = await connectedCall(rig, t);
    const failing = rig.sim.fail(500, 1, (p) => p.includes('/dial/'));
    await expect(
      rig.adapter.execute({ type: 'attendedTransfer', callId: call.id, target: '2000' }),
    ).rejects.toMatchObject({ code: 'network' });
    await failing;
    await request('retrieve', (r) => r.path.endsWith(`/call/${call.vendorCallId}`));
    const back = t.events.items
      .filter((e) => e.type === 'callUpsert' && e.call.id === call.id)
      .at(-1);
    expect(back).toMatchObject({ call: { state: 'connected' } });
  });
});
