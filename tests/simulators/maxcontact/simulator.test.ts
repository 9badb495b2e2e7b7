import { afterEach, describe, expect, it } from 'vitest';
import { startMaxContactSimulator } from './server';
import type { MaxContactSimOptions, MaxContactSimulator } from './types';
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
