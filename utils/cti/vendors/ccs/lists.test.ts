import { describe, expect, it, vi } from 'vitest';
import type { Logger } from '../../adapter';
import { readLists } from './lists';
import { CcsRest } from './rest';
import { routesFor } from './routes';

const TENANT = 'c255052e-c560-4340-b73e-675eabc3aed3';
const OUTBOUND = 'az123456-c0ed-42b7-8e8c-d50c4991828c';

/** The page's §4.6 body, plus the outbound queue and a row without a uuid. */
const ACDS = {
  total: 4,
  success: true,
  items: [
    [
      { uuid: 'az123456-0817-40a5-86aa-0f43becbd6f6', type: 'voice_queues', name: 'Q3878' },
      { uuid: 'az123456-d988-4239-ab9c-c393eeb2d217', name: null, extension: '386' },
      { uuid: OUTBOUND, name: 'Outbound' },
      { name: 'No uuid' },
    ],
  ],
};
const OPTIONS = {
  total: '2',
  success: true,
  items: [
    { uuid: 'o1', type: 'sign_out', name: 'Sign Out' },
    { uuid: 'o2', type: 'away', name: 'Coffee Break' },
  ],
};

/** A CcsRest whose answers are given per path (below /6/v2/api), as [status, body]. */
function restAnswering(answers: Record<string, [number, unknown]>): CcsRest {
  return new CcsRest({
    fetch: async (url) => {
      const path = new URL(String(url)).pathname.replace('/6/v2/api', '');
      const [status, body] = answers[path] ?? [404, { success: false, reason: 'Not found' }];
      return new Response(JSON.stringify(body), { status });
    },
    signal: new AbortController().signal,
    base: new URL('https://ccs.example.com'),
    token: 'tok',
  });
}

const log = () => ({
  debug: vi.fn<Logger['debug']>(),
  info: vi.fn<Logger['info']>(),
  warn: vi.fn<Logger['warn']>(),
  error: vi.fn<Logger['error']>(),
});
// The telco user's routes name the tenant (routes.ts); the reads are the same for the others.
const routes = routesFor('telco', TENANT);
const outbound = ` ${OUTBOUND} `;

describe('CCS lists (api-pages §4.6, §4.7)', () => {
  it('reads the ACDs as queues by uuid, leaving out the outbound queue and bad rows', async () => {
    const rest = restAnswering({
      [`/tenants/${TENANT}/acds`]: [200, ACDS],
      [`/tenants/${TENANT}/presence_options`]: [200, OPTIONS],
    });
    const lists = await readLists(rest, routes, outbound, log());
    expect(lists.lists).toEqual({
      pauseReasons: [{ code: 'Coffee Break', label: 'Coffee Break' }],
      queues: [
        { code: 'az123456-0817-40a5-86aa-0f43becbd6f6', label: 'Q3878' },
        // No name: the extension names it.
        { code: 'az123456-d988-4239-ab9c-c393eeb2d217', label: '386' },
      ],
    });
    expect(lists.presenceOptions).toHaveLength(2);
    expect(lists.acds?.map((a) => a.uuid)).toEqual([
      'az123456-0817-40a5-86aa-0f43becbd6f6',
      'az123456-d988-4239-ab9c-c393eeb2d217',
    ]);
  });

  it('keeps the pause reasons when the ACDs are refused, and says nothing about queues', async () => {
    const rest = restAnswering({
      [`/tenants/${TENANT}/acds`]: [403, { success: false, reason: 'Forbidden' }],
      [`/tenants/${TENANT}/presence_options`]: [200, OPTIONS],
    });
    const logger = log();
    const lists = await readLists(rest, routes, outbound, logger);
    expect(lists.lists).toEqual({
      pauseReasons: [{ code: 'Coffee Break', label: 'Coffee Break' }],
    });
    expect(logger.warn).toHaveBeenCalledWith('CCS queues unavailable', expect.anything());
    expect(lists.acds).toBeUndefined();
  });

  it('keeps the queues when the presence options are refused', async () => {
    const rest = restAnswering({
      [`/tenants/${TENANT}/acds`]: [200, ACDS],
      [`/tenants/${TENANT}/presence_options`]: [500, { success: true, reason: 'x' }],
    });
    const lists = await readLists(rest, routes, outbound, undefined);
    expect(lists.presenceOptions).toBeUndefined();
    expect(Object.keys(lists.lists)).toEqual(['queues']);
  });

  it('still fails on a token CCS no longer accepts', async () => {
    const rest = restAnswering({
      [`/tenants/${TENANT}/acds`]: [401, { status: 401, reason: 'Unauthorized' }],
      [`/tenants/${TENANT}/presence_options`]: [200, OPTIONS],
    });
    await expect(readLists(rest, routes, outbound, log())).rejects.toMatchObject({ code: 'auth' });
  });
});
