import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../adapter';
import type { CtiEvent } from '../../model';
import {
  connectedCall,
  signedIn,
  startRig,
  type Rig,
} from '../../../../tests/simulators/maxcontact/test-kit';
import { CHANGE_LEAD, CREATE_LEAD, LEAD_RETRY_MS } from './leads';

let rig: Rig;
afterEach(async () => {
  await rig.close();
});

type T = Awaited<ReturnType<typeof signedIn>>;
type Actions = Extract<CtiEvent, { type: 'vendorActions' }>['actions'];

const LEAD = {
  LeadId: 7781,
  phones: [
    { number: '+441632960123', type: 'Home' },
    { number: '+447700900123', type: 'Mobile' },
  ],
};

const offered = (t: T, pred: (actions: Actions) => boolean) =>
  t.next('vendorActions', (e) => pred(e.actions)).then((e) => e.actions);

const requests = (api: string) => rig.sim.requests.filter((r) => r.api === api);

describe('maxcontact leads: the call’s lead in the call data (§3.4 "Lead Phones")', () => {
  it('shows the lead and its phones, and offers the lead actions on the call', async () => {
    rig = await startRig({ sim: { leads: [LEAD] } });
    const t = await signedIn(rig);
    const call = await connectedCall(rig, t);
    const withPhones = await t.next(
      'callUpsert',
      (e) => e.call.id === call.id && !!e.call.data?.LeadPhones,
    );
    expect(withPhones.call).toMatchObject({
      recordId: '7781',
      data: {
        LeadId: '7781',
        LeadPhones: '+441632960123 (Home); +447700900123 (Mobile)',
      },
    });
    expect(requests('leadphones').map((r) => r.path)).toEqual([
      '/webservices/services/telephony/leadphones/user/1001/lead/7781',
    ]);
    const actions = await offered(t, (a) => a.some((x) => x.id === CHANGE_LEAD));
    const [home, mobile] = rig.sim.leads()[0]!.phones;
    expect(actions).toEqual([
      expect.objectContaining({
        id: CHANGE_LEAD,
        callId: call.id,
        fields: [
          expect.objectContaining({
            kind: 'choice',
            options: [
              { code: String(home!.LeadPhoneID), label: '+441632960123 (Home)' },
              { code: String(mobile!.LeadPhoneID), label: '+447700900123 (Mobile)' },
            ],
          }),
        ],
      }),
      expect.objectContaining({ id: CREATE_LEAD, callId: call.id }),
    ]);
    rig.sim.calls()[0]!.hangup();
    await offered(t, (a) => a.length === 0);
  });

  it('keeps the lead of a call it dialled for a lead, when the platform does not list it', async () => {
    rig = await startRig({ sim: { leads: [LEAD], extendedCallFields: false } });
    const t = await signedIn(rig);
    await rig.adapter.execute({ type: 'dial', number: '+447700900123', recordId: '7781' });
    const call = await t.next('callUpsert', (e) => !!e.call.data?.LeadPhones);
    expect(call.call).toMatchObject({ recordId: '7781', direction: 'outbound' });
  });

  it('shows the phones but offers no change when the answer has no lead phone ids', async () => {
    rig = await startRig({ sim: { leads: [LEAD], leadPhoneIdField: '' } });
    const t = await signedIn(rig);
    const call = await connectedCall(rig, t);
    await t.next('callUpsert', (e) => e.call.id === call.id && !!e.call.data?.LeadPhones);
    const actions = await offered(t, (a) => a.length > 0);
    expect(actions.map((a) => a.id)).toEqual([CREATE_LEAD]);
  });

  it('reads the lead phone id under the configured field', async () => {
    rig = await startRig({
      sim: { leads: [LEAD], leadPhoneIdField: 'PhoneID' },
      config: { leadPhoneIdField: 'PhoneID' },
    });
    const t = await signedIn(rig);
    await connectedCall(rig, t);
    await offered(t, (a) => a.some((x) => x.id === CHANGE_LEAD));
  });

  it('reads the phones again a while after a failed read, not at every poll', async () => {
    let skew = 0;
    const clock = { ...systemClock, now: () => Date.now() + skew };
    rig = await startRig({ sim: { leads: [LEAD] } });
    const t = await signedIn(rig, { clock });
    const failed = rig.sim.fail(500, 1, (path) => path.includes('/leadphones/'));
    const call = await connectedCall(rig, t);
    await failed;
    // Polls go on; the lead is not asked again before LEAD_RETRY_MS.
    rig.sim.inboundCall({ from: '+441134960000' });
    await t.next('callUpsert', (e) => e.call.id !== call.id && e.call.state === 'connected');
    expect(requests('leadphones').filter((r) => r.path.endsWith('/7781'))).toHaveLength(1);
    skew = LEAD_RETRY_MS;
    rig.sim.calls().at(-1)!.hangup();
    await t.next('callUpsert', (e) => e.call.id === call.id && !!e.call.data?.LeadPhones);
  });

  it('reports an unreadable leadphones answer as a protocol error', async () => {
    rig = await startRig({ sim: { leads: [LEAD] } });
    const fetchBad: typeof fetch = async (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (url.includes('/leadphones/')) {
        return new Response(JSON.stringify({ Success: true, Data: { phones: 'none' } }));
      }
      return globalThis.fetch(input, init);
    };
    const t = await signedIn(rig, { fetch: fetchBad });
    await connectedCall(rig, t);
    expect((await t.next('protocolError')).message).toMatch(/leadphones/);
  });
});

describe('maxcontact leads: changing the call’s lead (§3.4 changelead, createnewlead)', () => {
  it('puts the call under the chosen lead phone', async () => {
    rig = await startRig({ sim: { leads: [LEAD] } });
    const t = await signedIn(rig);
    const call = await connectedCall(rig, t);
    const actions = await offered(t, (a) => a.some((x) => x.id === CHANGE_LEAD));
    const mobile = actions[0]!.fields![0]!.options![1]!;
    const run = (value: string) =>
      rig.adapter.execute({
        type: 'vendorAction',
        action: CHANGE_LEAD,
        callId: call.id,
        values: { leadPhone: value },
      });
    await expect(run('')).rejects.toMatchObject({ code: 'rejected', message: /Choose one/ });
    await expect(run('123')).rejects.toMatchObject({ code: 'rejected', message: /choose again/ });
    expect(requests('changelead')).toEqual([]);
    await run(mobile.code);
    expect(requests('changelead').map((r) => r.path)).toEqual([
      `/webservices/services/telephony/changelead/user/1001/call/${call.vendorCallId}/leadphone/${mobile.code}`,
    ]);
    await t.next('callUpsert', (e) => e.call.id === call.id && e.call.recordId === '7781');
  });

  it('creates a new lead with the number, puts the call under it and shows its phones', async () => {
    rig = await startRig({
      sim: { leads: [LEAD] },
      config: { dialFormat: 'national', defaultCountry: 'GB' },
    });
    const t = await signedIn(rig);
    const call = await connectedCall(rig, t);
    const run = (number: string) =>
      rig.adapter.execute({
        type: 'vendorAction',
        action: CREATE_LEAD,
        callId: call.id,
        values: { number },
      });
    await expect(run('call me')).rejects.toMatchObject({
      code: 'rejected',
      message: /phone number/,
    });
    expect(requests('createnewlead')).toEqual([]);
    await run('+44 7700 900888');
    expect(requests('createnewlead')[0]?.path).toBe(
      `/webservices/services/telephony/createnewlead/user/1001/call/${call.vendorCallId}/phone/07700900888`,
    );
    const created = rig.sim.leads().at(-1)!;
    const moved = await t.next(
      'callUpsert',
      (e) => e.call.id === call.id && e.call.data?.LeadPhones === '07700900888 (Other)',
    );
    expect(moved.call.recordId).toBe(String(created.LeadId));
    await offered(t, (a) =>
      a.some(
        (x) => x.id === CHANGE_LEAD && x.fields?.[0]?.options?.[0]?.label === '07700900888 (Other)',
      ),
    );
  });

  it('refuses an action it does not have, and one on a call that has gone', async () => {
    rig = await startRig({ sim: { leads: [LEAD] } });
    const t = await signedIn(rig);
    const call = await connectedCall(rig, t);
    await expect(
      rig.adapter.execute({
        type: 'vendorAction',
        action: 'tagRecording',
        callId: call.id,
        values: {},
      }),
    ).rejects.toMatchObject({ code: 'unsupported', message: /no “tagRecording” action/ });
    rig.sim.calls()[0]!.hangup();
    await t.next('callEnded', (e) => e.callId === call.id);
    await expect(
      rig.adapter.execute({
        type: 'vendorAction',
        action: CREATE_LEAD,
        callId: call.id,
        values: { number: '+447700900888' },
      }),
    ).rejects.toMatchObject({ code: 'unsupported', message: /no longer active/ });
  });
});
