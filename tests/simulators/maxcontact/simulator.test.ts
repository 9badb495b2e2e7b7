import { afterEach, describe, expect, it } from 'vitest';
import { startMaxContactSimulator } from './server';
import type { MaxContactSimOptions, MaxContactSimulator } from './types';
import { FIRST_LEAD_ID } from './leads';
import { FIRST_CALL_ID } from './world';

let sim: MaxContactSimulator;

async function start(opts: MaxContactSimOptions = {}): Promise<MaxContactSimulator> {
  sim = await startMaxContactSimulator({ dialAnswerMs: 10, ...opts });
  return sim;
}

afterEach(async () => {
  await sim.close();
});

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

async function token(login = '1001', password = 'secret'): Promise<string> {
  const res = await fetch(`${sim.url}/webservices/services/apitoken/login/${login}`, {
    headers: { Authorization: b64(password) },
  });
  return ((await res.json()) as { TokenKey: string }).TokenKey;
}

/** A telephony GET as the API page shows it: JSON asked for, TokenKey in the Cookie header. */
async function api(path: string, key: string | undefined, json = true) {
  const headers: Record<string, string> = json ? { 'Content-Type': 'application/json' } : {};
  if (key) headers.Cookie = `TokenKey=${key}`;
  const res = await fetch(`${sim.url}/webservices/services/telephony/${path}`, { headers });
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    text: await res.text(),
  };
}

const data = async (path: string, key: string) => {
  const res = await api(path, key);
  return JSON.parse(res.text) as {
    Success: boolean;
    Data: unknown;
    ResponseCode: number;
    ResponseDetail: string;
  };
};

describe('maxcontact simulator: token service and cookie (§3.3)', () => {
  it('gives a TokenKey for the Base64 password and refuses anything else', async () => {
    await start();
    const url = `${sim.url}/webservices/services/apitoken/login/1001`;
    const ok = await fetch(url, { headers: { Authorization: b64('secret') } });
    expect(ok.headers.get('access-control-allow-origin')).toBe('*');
    expect(await ok.json()).toEqual({ TokenKey: expect.any(String) });
    expect((await fetch(url, { headers: { Authorization: b64('nope') } })).status).toBe(401);
    // The password in clear is not Base64 of itself.
    expect((await fetch(url, { headers: { Authorization: 'secret' } })).status).toBe(401);
    sim.rejectLogins(true);
    expect((await fetch(url, { headers: { Authorization: b64('secret') } })).status).toBe(401);
    const preflight = await fetch(url, { method: 'OPTIONS' });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
  });

  it('answers 401 without a valid TokenKey cookie, and after expireTokens()', async () => {
    await start();
    expect((await api('getcalls/user/1001', undefined)).status).toBe(401);
    expect((await api('getcalls/user/1001', 'forged')).status).toBe(401);
    const key = await token();
    expect(await data('getcalls/user/1001', key)).toEqual({
      Success: true,
      Data: [],
      ResponseCode: 0,
      ResponseDetail: 'OK',
    });
    sim.expireTokens();
    expect((await api('getcalls/user/1001', key)).status).toBe(401);
    expect(sim.requests.at(-1)).toMatchObject({ api: 'getcalls', cookieToken: key, status: 401 });
  });

  it('answers XML unless asked for JSON (§3.2), and refuses other verbs', async () => {
    await start();
    const key = await token();
    const xml = await api('getcalls/user/1001', key, false);
    expect(xml.type).toMatch(/xml/);
    expect(xml.text).toMatch(/^<CallActionResponse>/);
    const post = await fetch(`${sim.url}/webservices/services/telephony/getcalls/user/1001`, {
      method: 'POST',
      headers: { Cookie: `TokenKey=${key}` },
    });
    expect(post.status).toBe(405);
  });
});

describe('maxcontact simulator: calls and commands (§3.4)', () => {
  it('lists calls with CallIds from 1000, and restarts them at 1000 with the platform', async () => {
    await start();
    let key = await token();
    const first = sim.inboundCall({ from: '+441632960123', name: 'Oliver', campaign: 'Renewals' });
    expect(first.CallId).toBe(FIRST_CALL_ID);
    const listed = await data('getcalls/user/1001', key);
    expect(listed.Data).toEqual([
      expect.objectContaining({
        CallId: 1000,
        CallStartTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        PhoneNumber: '+441632960123',
        CustomerName: 'Oliver',
        CampaignName: 'Renewals',
        RecordingState: 1,
      }),
    ]);
    expect(sim.inboundCall().CallId).toBe(1001);
    sim.restartPlatform();
    expect((await api('getcalls/user/1001', key)).status).toBe(401);
    key = await token();
    expect((await data('getcalls/user/1001', key)).Data).toEqual([]);
    expect(sim.inboundCall().CallId).toBe(FIRST_CALL_ID);
  });

  it('dials, holds, retrieves, records, hangs up into wrap and disposes into ready', async () => {
    await start();
    const key = await token();
    const dialled = await data('dial/user/1001/phone/%2B33123456789', key);
    expect(dialled.Data).toMatchObject({ CallId: 1000, PhoneNumber: '+33123456789' });
    const [call] = sim.calls();
    await expect.poll(() => call?.state).toBe('connected');
    expect((await data('retrieve/user/1001/call/1000', key)).Success).toBe(false);
    expect((await data('hold/user/1001/call/1000', key)).Success).toBe(true);
    expect(call?.state).toBe('held');
    expect((await data('retrieve/user/1001/call/1000', key)).Success).toBe(true);
    await data('stoprecord/user/1001/call/1000', key);
    expect(call?.recording).toBe(false);
    await data('hangup/user/1001/call/1000', key);
    expect(sim.agent()).toBe('wrap');
    expect((await data('dispose/user/1001/call/1000?resultcode=NOPE', key)).Success).toBe(false);
    expect((await data('dispose/user/1001/call/1000?resultcode=SALE', key)).Success).toBe(true);
    expect(call?.resultCode).toBe('SALE');
    expect(sim.agent()).toBe('ready');
    // Disposed once: a second disposition has no call to go to.
    expect((await data('dispose/user/1001/call/1000?resultcode=SALE', key)).Success).toBe(false);
  });

  it('bridges two live calls with connectcalls only with both result codes', async () => {
    await start();
    const key = await token();
    const customer = sim.inboundCall();
    await data('dial/user/1001/phone/2000', key);
    const q = `call1=${customer.CallId}&call2=1001`;
    expect((await data(`connectcalls/user/1001?${q}&resultcode1=XFER`, key)).Success).toBe(false);
    const done = await data(`connectcalls/user/1001?${q}&resultcode1=XFER&resultcode2=XFER`, key);
    expect(done.Success).toBe(true);
    expect(sim.calls()).toEqual([]);
    expect(customer).toMatchObject({ state: 'ended', bridgedTo: 1001, resultCode: 'XFER' });
  });

  it('sets the agent state with the assumed methods, and refuses unknown users', async () => {
    await start();
    const key = await token();
    await data('gonotready/user/1001', key);
    expect(sim.agent()).toBe('notReady');
    await data('requestbreak/user/1001', key);
    expect(sim.agent()).toBe('break');
    await data('logout/user/1001', key);
    expect(sim.agent()).toBe('loggedOut');
    expect((await data('dial/user/1001/phone/2000', key)).Success).toBe(false);
    await data('goready/user/1001', key);
    expect(sim.agent()).toBe('ready');
    expect(await data('getcalls/user/42', key)).toMatchObject({ Success: false });
    expect((await api('nosuchmethod/user/1001', key)).status).toBe(404);
  });
});

describe('maxcontact simulator: faults', () => {
  it('fails the next requests with a status, then serves again', async () => {
    await start();
    const key = await token();
    const consumed = sim.fail(503, 2);
    expect((await api('getcalls/user/1001', key)).status).toBe(503);
    expect((await api('getcalls/user/1001', key)).status).toBe(503);
    await consumed;
    expect((await api('getcalls/user/1001', key)).status).toBe(200);
  });

  it('sends malformed getcalls answers on demand', async () => {
    await start();
    const key = await token();
    sim.sendMalformed('notJson');
    expect((await api('getcalls/user/1001', key)).text).toMatch(/^<html>/);
    sim.sendMalformed('badCall');
    expect(JSON.parse((await api('getcalls/user/1001', key)).text)).toMatchObject({
      Data: [{ CallId: 'not-a-number' }],
    });
    expect((await data('getcalls/user/1001', key)).Success).toBe(true);
  });

  it('writes CallStartTime the .NET way or not at all when asked', async () => {
    await start({ startTimeFormat: 'dotnet', extendedCallFields: false });
    const key = await token();
    sim.inboundCall({ campaign: 'Renewals' });
    const [call] = (await data('getcalls/user/1001', key)).Data as Record<string, unknown>[];
    expect(call?.CallStartTime).toMatch(/^\/Date\(\d+\)\/$/);
    expect(call).not.toHaveProperty('CampaignName');
  });
});

describe('maxcontact simulator: directory, queues and leads (§3.4)', () => {
  it('lists the users and the ACD queues with their documented fields', async () => {
    await start();
    const key = await token();
    expect((await data('users/user/1001', key)).Data).toEqual([
      { FullName: 'Alex Morgan', ID: 1001 },
      { FullName: 'Priya Shah', ID: 1002 },
      { FullName: 'Tom Williams', ID: 1003 },
    ]);
    const queues = (await data('acdqueues/user/1001', key)).Data as Record<string, unknown>[];
    expect(queues.map((q) => [q.ID, q.AcdName, q.Active])).toEqual([
      [11, 'Support', true],
      [12, 'Inbound Sales', true],
      [13, 'Winter campaign (retired)', false],
    ]);
    expect(queues[0]).toMatchObject({ AbandonThreshold: 20, SnapshotStats: {}, ZipTone: 0 });
  });

  it('matches calls to the newest lead with the number, else creates one', async () => {
    await start({ leads: [{ LeadId: 7, phones: [{ number: '+447700900123', type: 'Mobile' }] }] });
    const key = await token();
    const known = sim.inboundCall({ from: '+44 7700 900123' });
    expect(known.leadId).toBe(7);
    const fresh = sim.inboundCall({ from: '+441134960000' });
    expect(fresh.leadId).toBe(FIRST_LEAD_ID);
    expect(sim.leads().at(-1)?.phones[0]).toMatchObject({ PhoneNumber: '+441134960000' });
    const [listed] = (await data('getcalls/user/1001', key)).Data as Record<string, unknown>[];
    expect(listed).toMatchObject({ LeadId: 7 });
    expect((await data('dial/user/1001/phone/2000?leadid=7', key)).Data).toMatchObject({
      LeadId: 7,
    });
    expect(await data('dial/user/1001/phone/2000?leadid=99', key)).toMatchObject({
      Success: false,
      ResponseDetail: 'Lead 99 not found',
    });
  });

  it('lists a lead’s phones, changes a call’s lead and creates a new lead for it', async () => {
    await start();
    const key = await token();
    const [oliver] = sim.leads();
    const call = sim.inboundCall({ from: '+441134960000' });
    const phones = (await data(`leadphones/user/1001/lead/${oliver!.LeadId}`, key)).Data;
    expect(phones).toEqual([
      {
        LeadPhoneID: 900001,
        LeadId: oliver!.LeadId,
        PhoneNumber: '+441632960123',
        RecordType: 'Home',
        RecordTypeId: 1,
      },
      {
        LeadPhoneID: 900002,
        LeadId: oliver!.LeadId,
        PhoneNumber: '+447700900123',
        RecordType: 'Mobile',
        RecordTypeId: 2,
      },
    ]);
    expect(await data('leadphones/user/1001/lead/1', key)).toMatchObject({ Success: false });
    const path = `changelead/user/1001/call/${call.CallId}/leadphone`;
    expect((await data(`${path}/123`, key)).ResponseDetail).toBe('Lead phone not found');
    expect((await data(`${path}/900002`, key)).Success).toBe(true);
    expect(call.leadId).toBe(oliver!.LeadId);
    expect((await data('changelead/user/1001/call/4242/leadphone/900002', key)).Success).toBe(
      false,
    );
    const created = await data(
      `createnewlead/user/1001/call/${call.CallId}/phone/%2B447700900999`,
      key,
    );
    expect(created.Data).toEqual({ LeadId: call.leadId });
    expect(sim.leads().at(-1)?.phones[0]?.PhoneNumber).toBe('+447700900999');
    expect(await data(`createnewlead/user/1001/call/${call.CallId}/phone/none`, key)).toMatchObject(
      {
        Success: false,
        ResponseDetail: 'No phone number',
      },
    );
  });

  it('names the lead phone id as configured, or leaves it out', async () => {
    await start({ leadPhoneIdField: '' });
    const key = await token();
    const [phone] = (await data(`leadphones/user/1001/lead/${sim.leads()[0]!.LeadId}`, key))
      .Data as Record<string, unknown>[];
    expect(Object.keys(phone!).sort()).toEqual([
      'LeadId',
      'PhoneNumber',
      'RecordType',
      'RecordTypeId',
    ]);
  });
});

describe('maxcontact simulator: transfer to a user (v1.8, assumed paths)', () => {
  it('hands a connected call to a logged-in colleague, who may not be the agent', async () => {
    // The dialled call stays unanswered.
    await start({ dialAnswerMs: 60_000 });
    const key = await token();
    await data('dial/user/1001/phone/%2B442079460958', key);
    const [dialling] = sim.calls();
    const ringing = `transfertouser/user/1001/call/${dialling!.CallId}/touser/1002`;
    expect((await data(ringing, key)).ResponseDetail).toBe('The call is not connected');
    await data(`hangup/user/1001/call/${dialling!.CallId}`, key);
    const call = sim.inboundCall();
    const path = `transfertouser/user/1001/call/${call.CallId}/touser`;
    expect((await data(`${path}/1001`, key)).ResponseDetail).toBe(
      'Cannot transfer a call to yourself',
    );
    expect((await data(`${path}/4242`, key)).ResponseDetail).toBe('Target user not found');
    const colleague = await token('1003');
    await data('logout/user/1003', colleague);
    expect((await data(`${path}/1003`, key)).ResponseDetail).toBe(
      'The target user is not logged in',
    );
    expect((await data(`${path}/1002`, key)).Success).toBe(true);
    expect(sim.calls(1001)).toEqual([]);
    expect(sim.calls(1002)).toEqual([call]);
    expect(call).toMatchObject({ state: 'offered', transferredBy: [1001] });
    expect(sim.agent(1001)).toBe('wrap');
    // The transferring agent files their own result; the colleague still files theirs.
    expect((await data(`dispose/user/1001/call/${call.CallId}?resultcode=XFER`, key)).Success).toBe(
      true,
    );
    expect(sim.agent(1001)).toBe('ready');
    expect(call.state).toBe('offered');
    expect((await data(`completetransfer/user/1001/call/${call.CallId}`, key)).Success).toBe(false);
  });

  it('waits for Complete Transfer when configured so', async () => {
    await start({ userTransfer: 'withComplete' });
    const key = await token();
    const call = sim.inboundCall();
    call.answer();
    const complete = `completetransfer/user/1001/call/${call.CallId}`;
    expect((await data(complete, key)).ResponseDetail).toBe('No transfer in progress');
    expect(
      (await data(`transfertouser/user/1001/call/${call.CallId}/touser/1002`, key)).Success,
    ).toBe(true);
    expect(sim.calls(1001)).toEqual([call]);
    expect((await data(complete, key)).Success).toBe(true);
    expect(sim.calls(1002)).toEqual([call]);
  });
});
