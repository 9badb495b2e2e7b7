import { describe, expect, it, vi } from 'vitest';
import { systemClock, type Clock } from '../../adapter';
import { baseUrlOf, MaxContactHttp, REQUEST_TIMEOUT_MS, WireFailure } from './http';
import { CallList, telephony } from './wire';
import { ASSUMED_PATHS, expandPath } from './paths';

type Handler = (url: string, init: RequestInit | undefined) => Response | Promise<Response>;

function client(
  handler: Handler,
  base = 'https://acme.maxcontact.com',
  clock: Clock = systemClock,
) {
  const calls: { url: string; headers: Headers }[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), headers: new Headers(init?.headers) });
    return handler(String(input), init);
  });
  const http = new MaxContactHttp(baseUrlOf(base), {
    fetch: fetch as typeof globalThis.fetch,
    signal: new AbortController().signal,
    clock,
  });
  return { http, calls };
}

const envelope = (more: Record<string, unknown>) =>
  Response.json({ Success: true, Data: null, ResponseCode: 0, ResponseDetail: 'OK', ...more });

/** The CtiError a promise rejects with (every failure here is a WireFailure). */
async function errorOf(promise: Promise<unknown>) {
  const failure = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(failure).toBeInstanceOf(WireFailure);
  return (failure as WireFailure).error;
}

describe('maxcontact http: addresses', () => {
  it('keeps a path prefix, drops the trailing slash, and encodes path segments', () => {
    const { http } = client(() => envelope({}), 'https://acme.example.com/mc/');
    expect(http.cookieScope).toBe('https://acme.example.com/mc/webservices/');
    expect(http.urlOf(telephony.dial('1001', '+33 1/2', '5'))).toBe(
      'https://acme.example.com/mc/webservices/services/telephony/dial/user/1001/phone/%2B33%201%2F2?leadid=5',
    );
  });

  it('refuses unusable base URLs as configuration errors', () => {
    expect(() => baseUrlOf('  ')).toThrowError(expect.objectContaining({ code: 'config' }));
    expect(() => baseUrlOf('nope')).toThrowError(expect.objectContaining({ code: 'config' }));
  });
});

describe('maxcontact http: token service (§3.3)', () => {
  it('sends the Base64 password in Authorization and reads TokenKey', async () => {
    const { http, calls } = client(() => Response.json({ TokenKey: 'k1' }));
    await expect(http.login('jo smith', 'secret')).resolves.toBe('k1');
    expect(calls[0]?.url).toBe(
      'https://acme.maxcontact.com/webservices/services/apitoken/login/jo%20smith',
    );
    expect(calls[0]?.headers.get('authorization')).toBe('c2VjcmV0');
    expect(calls[0]?.headers.get('content-type')).toBe('application/json');
  });

  it('tells refused credentials from server trouble and unreadable answers', async () => {
    const status = (s: number) => client(() => new Response('no', { status: s })).http;
    expect(await errorOf(status(401).login('a', 'b'))).toMatchObject({ code: 'auth' });
    expect(await errorOf(status(503).login('a', 'b'))).toMatchObject({ code: 'network' });
    const refused = client(() => envelope({ Success: false, ResponseDetail: 'Bad password' })).http;
    expect(await errorOf(refused.login('a', 'b'))).toMatchObject({
      code: 'auth',
      message: expect.stringMatching(/Bad password/),
    });
    const empty = client(() => Response.json({ Token: 'x' })).http;
    expect(await errorOf(empty.login('a', 'b'))).toMatchObject({ code: 'protocol' });
  });
});

describe('maxcontact http: telephony answers (§3.4)', () => {
  const getcalls = telephony.getcalls('1001');

  it('asks for JSON and returns the checked Data', async () => {
    const { http, calls } = client(() => envelope({ Data: [{ CallId: 1000 }] }));
    await expect(http.call(getcalls, CallList)).resolves.toEqual([{ CallId: '1000' }]);
    expect(calls[0]?.headers.get('content-type')).toBe('application/json');
    expect(calls[0]?.headers.get('accept')).toBe('application/json');
  });

  it('reads 401/403 and Success:false with an auth code or token detail as auth', async () => {
    for (const respond of [
      () => new Response('', { status: 401 }),
      () => new Response('', { status: 403 }),
      () => envelope({ Success: false, ResponseCode: 401, ResponseDetail: 'Denied' }),
      () => envelope({ Success: false, ResponseCode: 7, ResponseDetail: 'Invalid token key' }),
    ]) {
      expect(await errorOf(client(respond).http.call(getcalls, CallList))).toMatchObject({
        code: 'auth',
      });
    }
  });

  it('reads other refusals as rejected, with the platform detail', async () => {
    const { http } = client(() =>
      envelope({ Success: false, ResponseCode: 2, ResponseDetail: 'Agent is not logged in' }),
    );
    expect(await errorOf(http.call(getcalls, CallList))).toMatchObject({
      code: 'rejected',
      message: 'MaxContact refused getcalls: Agent is not logged in',
    });
    const missing = client(() => new Response('', { status: 404 })).http;
    expect(
      await errorOf(missing.call(expandPath(ASSUMED_PATHS.notReadyPath, { user: '1' }), CallList)),
    ).toMatchObject({
      code: 'rejected',
      message: expect.stringMatching(/gonotready/),
    });
  });

  it('reads unreadable answers as protocol errors with the start of the body', async () => {
    const xml = client(() => new Response('<CallActionResponse/>', { status: 200 })).http;
    const failure = await xml.call(getcalls, CallList).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(WireFailure);
    expect(failure).toMatchObject({
      error: { code: 'protocol' },
      frame: '<CallActionResponse/>',
    });
    const noEnvelope = client(() => Response.json({ Calls: [] })).http;
    expect(await errorOf(noEnvelope.call(getcalls, CallList))).toMatchObject({ code: 'protocol' });
    const badData = client(() => envelope({ Data: [{ CallId: 'x' }] })).http;
    expect(await errorOf(badData.call(getcalls, CallList))).toMatchObject({
      code: 'protocol',
      message: expect.stringMatching(/at 0\.CallId/),
    });
  });

  it('reads transport failures as network errors and a silent server as a timeout', async () => {
    const down = client(() => Promise.reject(new TypeError('fetch failed'))).http;
    expect(await errorOf(down.call(getcalls, CallList))).toMatchObject({ code: 'network' });
    const bad = client(() => new Response('', { status: 502 })).http;
    expect(await errorOf(bad.call(getcalls, CallList))).toMatchObject({ code: 'network' });

    const timers: { fn: () => void; ms: number }[] = [];
    const clock: Clock = {
      ...systemClock,
      setTimeout: (fn, ms) => timers.push({ fn, ms }),
      clearTimeout: () => undefined,
    };
    const silent = client(
      (_url, init) =>
        new Promise<Response>((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(new Error('aborted')));
        }),
      'https://acme.maxcontact.com',
      clock,
    ).http;
    const pending = errorOf(silent.call(getcalls, CallList));
    expect(timers[0]?.ms).toBe(REQUEST_TIMEOUT_MS);
    timers[0]?.fn();
    expect(await pending).toMatchObject({ code: 'timeout' });
  });
});
