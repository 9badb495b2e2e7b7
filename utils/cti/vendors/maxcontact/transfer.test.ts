import { afterEach, describe, expect, it } from 'vitest';
import type { CallUpdate } from '../../model';
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

const transfers = () => rig.sim.requests.filter((r) => r.api === 'transfertouser');
const transfer = (call: CallUpdate, target: string) =>
  rig.adapter.execute({ type: 'blindTransfer', callId: call.id, target });

describe('maxcontact transfer to a user (v1.8 "Transfer To User", assumed path)', () => {
  it('hands the call to a colleague from the directory; it ends and the agent wraps up', async () => {
    rig = await startRig();
    const t = await signedIn(rig);
    const call = await connectedCall(rig, t);
    const [priya] = await rig.adapter.searchDirectory('priya', 5);
    const target = priya!.numbers[0]!.number;
    await transfer(call, target);
    expect(transfers().map((r) => [r.path, r.status])).toEqual([
      [
        `/webservices/services/telephony/transfertouser/user/1001/call/${call.vendorCallId}/touser/1002`,
        200,
      ],
    ]);
    await t.next('callEnded', (e) => e.callId === call.id);
    await t.next('agent', (e) => e.agent.status === 'wrapUp');
    expect(rig.sim.calls(1002).map((c) => String(c.CallId))).toEqual([call.vendorCallId]);
    // The agent still files a result for the call they handled.
    await rig.adapter.execute({ type: 'dispose', callId: call.id, code: 'XFER', notes: '' });
    await t.next('agent', (e) => e.agent.status === 'ready');
  });

  it('transfers a held call too', async () => {
    rig = await startRig();
    const t = await signedIn(rig);
    const call = await connectedCall(rig, t);
    await rig.adapter.execute({ type: 'hold', callId: call.id });
    await transfer(call, '1003');
    await t.next('callEnded', (e) => e.callId === call.id);
    expect(rig.sim.calls(1003)).toHaveLength(1);
  });

  it('refuses a number that is not a user, and the agent’s own id, without asking', async () => {
    rig = await startRig();
    const t = await signedIn(rig);
    const call = await connectedCall(rig, t);
    await expect(transfer(call, '+441632960999')).rejects.toMatchObject({
      code: 'unsupported',
      message: expect.stringMatching(
        /not one: choose a colleague in the directory, or use a consult transfer/,
      ),
    });
    await expect(transfer(call, '1001')).rejects.toMatchObject({
      code: 'rejected',
      message: 'You cannot transfer a call to yourself',
    });
    expect(transfers()).toEqual([]);
    expect(rig.sim.calls(1001)).toHaveLength(1);
  });

  it('passes the platform’s refusal on and keeps the call', async () => {
    rig = await startRig();
    const t = await signedIn(rig);
    const call = await connectedCall(rig, t);
    // The colleague logged out of MaxContact meanwhile.
    await fetch(`${rig.sim.url}/webservices/services/apitoken/login/1002`, {
      headers: { Authorization: btoa('secret') },
    })
      .then((r) => r.json() as Promise<{ TokenKey: string }>)
      .then(({ TokenKey }) =>
        fetch(`${rig.sim.url}/webservices/services/telephony/logout/user/1002`, {
          headers: { 'Content-Type': 'application/json', Cookie: `TokenKey=${TokenKey}` },
        }),
      );
    expect(rig.sim.agent(1002)).toBe('loggedOut');
    await expect(transfer(call, '1002')).rejects.toMatchObject({
      code: 'rejected',
      message: 'MaxContact refused transfertouser: The target user is not logged in',
    });
    expect(rig.sim.calls(1001)).toHaveLength(1);
  });

  it('uses the configured path, and Complete Transfer when one is set', async () => {
    rig = await startRig({
      sim: { userTransfer: 'withComplete' },
      config: { completeTransferPath: 'completetransfer/user/{user}/call/{call}' },
    });
    const t = await signedIn(rig);
    const call = await connectedCall(rig, t);
    await transfer(call, '1002');
    const complete = rig.sim.requests.find((r) => r.api === 'completetransfer');
    expect(complete?.path).toBe(
      `/webservices/services/telephony/completetransfer/user/1001/call/${call.vendorCallId}`,
    );
    await t.next('callEnded', (e) => e.callId === call.id);
    expect(rig.sim.calls(1002)).toHaveLength(1);
  });

  it('says so when the platform takes the transfer but not its completion', async () => {
    rig = await startRig({
      config: {
        transferToUserPath: 'transfertouser/user/{user}/call/{call}/touser/{target}',
        completeTransferPath: 'completetransfer/user/{user}/call/{call}',
      },
    });
    const t = await signedIn(rig);
    const call = await connectedCall(rig, t);
    await expect(transfer(call, '1002')).rejects.toMatchObject({
      code: 'rejected',
      message: expect.stringMatching(
        /^MaxContact offered the call to Priya Shah but did not complete the transfer: MaxContact refused completetransfer: Call not found$/,
      ),
    });
  });

  it('sends a path the platform does not know as the administrator wrote it', async () => {
    rig = await startRig({ config: { transferToUserPath: 'xfer/{user}?call={call}&to={target}' } });
    const t = await signedIn(rig);
    const call = await connectedCall(rig, t);
    await expect(transfer(call, '1002')).rejects.toMatchObject({
      code: 'rejected',
      message: 'MaxContact does not know the "xfer" request',
    });
    expect(rig.sim.requests.find((r) => r.path.includes('/xfer/'))).toMatchObject({
      path: '/webservices/services/telephony/xfer/1001',
      query: { call: call.vendorCallId, to: '1002' },
    });
  });

  it('does not start while a consult transfer is under way', async () => {
    rig = await startRig();
    const t = await signedIn(rig);
    const call = await connectedCall(rig, t);
    await rig.adapter.execute({
      type: 'attendedTransfer',
      callId: call.id,
      target: '+442079460958',
    });
    await expect(transfer(call, '1002')).rejects.toMatchObject({
      code: 'unsupported',
      message: /consult transfer first/,
    });
  });

  it('does not start a consult transfer to a colleague’s UserID, which it would dial', async () => {
    rig = await startRig();
    const t = await signedIn(rig);
    const call = await connectedCall(rig, t);
    const before = rig.sim.calls(1001).map((c) => [c.CallId, c.state]);
    await expect(
      rig.adapter.execute({ type: 'attendedTransfer', callId: call.id, target: '1002' }),
    ).rejects.toMatchObject({
      code: 'unsupported',
      message:
        '1002 is the MaxContact user ID of Priya Shah, not a phone number: transfer the call to them with a blind transfer',
    });
    // The customer was neither held nor left for a consultation.
    expect(rig.sim.requests.filter((r) => r.api === 'hold' || r.api === 'dial')).toEqual([]);
    expect(rig.sim.calls(1001).map((c) => [c.CallId, c.state])).toEqual(before);
  });
});
