import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CcsRest, httpError } from './rest';

describe('CCS REST errors (api-pages §4)', () => {
  it('maps the documented error shapes by HTTP status, not by the success flag', () => {
    expect(httpError(401, { status: 401, reason: 'Unauthorized' }, 'GET /calls')).toMatchObject({
      code: 'auth',
      fatal: true,
    });
    expect(httpError(400, { success: false, reason: 'Invalid target' }, 'POST /calls/A')).toEqual(
      expect.objectContaining({
        code: 'rejected',
        message: 'Windstream CCS refused POST /calls/A: Invalid target',
      }),
    );
    // Sic: the page's 500 body says success: true.
    expect(
      httpError(500, { success: true, reason: 'Internal Server Error' }, 'GET /calls'),
    ).toMatchObject({ code: 'network', message: expect.stringMatching(/HTTP 500/) });
    expect(httpError(403, undefined, 'GET /calls')?.message).toMatch(/Call Control permissions/);
    expect(httpError(200, { success: false, reason: 'Busy' }, 'x')).toMatchObject({
      code: 'rejected',
    });
    expect(httpError(200, { success: true }, 'x')).toBeUndefined();
  });

  it('sends the token as Bearer and reports a body that is not JSON as a protocol error', async () => {
    const seen: RequestInit[] = [];
    const rest = new CcsRest({
      fetch: async (_url, init) => {
        seen.push(init ?? {});
        return new Response('{"success": tru', { status: 200 });
      },
      signal: new AbortController().signal,
      base: new URL('https://ccs.example.com'),
      token: 'tok',
    });
    await expect(rest.get('/calls', z.unknown())).rejects.toMatchObject({ code: 'protocol' });
    expect(new Headers(seen[0]?.headers).get('authorization')).toBe('Bearer tok');
  });

  it('reports an unreachable server as a network error', async () => {
    const rest = new CcsRest({
      fetch: () => Promise.reject(new TypeError('fetch failed')),
      signal: new AbortController().signal,
      base: new URL('https://ccs.example.com'),
      token: 'tok',
    });
    await expect(rest.get('/calls', z.unknown())).rejects.toMatchObject({
      code: 'network',
      message: 'Cannot reach Windstream CCS at https://ccs.example.com',
    });
  });
});
