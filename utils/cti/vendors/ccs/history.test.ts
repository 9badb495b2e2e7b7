import { describe, expect, it } from 'vitest';
import { pastCallOf, searchPastCalls } from './history';
import { CcsRest } from './rest';
import { routesFor } from './routes';
import { CallRecord } from './wire';

const ME = { uuid: 'ext-104', number: '104' };
const T0 = Date.UTC(2021, 9, 7, 7, 22, 21);

const record = (fields: Record<string, unknown>) => CallRecord.parse({ call_id: 'C1', ...fields });
const past = (fields: Record<string, unknown>) => pastCallOf(record(fields), ME, 'US');

describe('CCS call search rows as past calls (api-pages §4.21)', () => {
  it('reads an answered inbound call', () => {
    expect(
      past({
        direction: 'inbound',
        calling_number: '+19735552109',
        calling_name: 'Jane Black',
        called_number: '104',
        queue_name: 'Q386',
        start_time: '2021-10-07T07:22:21',
        answer_time: '2021-10-07T07:22:30',
        end_time: '2021-10-07T07:25:00',
      }),
    ).toEqual({
      vendorCallId: 'C1',
      direction: 'inbound',
      remote: { raw: '+19735552109', e164: '+19735552109', name: 'Jane Black' },
      queue: 'Q386',
      startedAt: T0,
      answeredAt: T0 + 9000,
      endedAt: T0 + 159_000,
      missed: false,
    });
  });

  it('marks an inbound call nobody answered as missed, and an outbound one never', () => {
    const times = { start_time: '2021-10-07T07:22:21', end_time: '2021-10-07T07:22:41' };
    expect(past({ ...times, calling_number: '2125550100', called_number: '104' })).toMatchObject({
      direction: 'inbound',
      missed: true,
    });
    const out = past({ ...times, calling_number: '104', called_number: '2125550100' });
    expect(out).toMatchObject({
      direction: 'outbound',
      missed: false,
      remote: { raw: '2125550100' },
    });
    expect(out?.answeredAt).toBeUndefined();
  });

  it('takes the end from a duration, and an "answered" status as answered', () => {
    expect(
      past({
        started_at: '2021-10-07 07:22:21',
        duration: '0:02:00',
        status: 'answered',
        calling_number: '555',
      }),
    ).toMatchObject({ startedAt: T0, answeredAt: T0, endedAt: T0 + 120_000, missed: false });
  });

  it('leaves out a call still going, one without a start, and times that run backwards', () => {
    expect(past({ start_time: '2021-10-07T07:22:21', status: 'progress' })).toBeUndefined();
    expect(past({ end_time: '2021-10-07T07:22:21' })).toBeUndefined();
    expect(
      past({ start_time: '2021-10-07T07:22:21', end_time: '2021-10-07T07:00:00' }),
    ).toBeUndefined();
  });
});

describe('searchPastCalls', () => {
  it('searches calls from and to the extension in the window, once each, newest first', async () => {
    const asked: URL[] = [];
    const rows = {
      calling_number: [
        {
          call_id: 'OUT',
          calling_number: '104',
          called_number: '555',
          start_time: '2021-10-07T07:30:00',
          end_time: '2021-10-07T07:31:00',
        },
      ],
      called_number: [
        {
          call_id: 'IN',
          calling_number: '555',
          called_number: '104',
          start_time: '2021-10-07T07:22:21',
          end_time: '2021-10-07T07:23:00',
        },
        // Listed by both searches (a call to oneself), another extension's, a live one, no id.
        {
          call_id: 'OUT',
          calling_number: '104',
          called_number: '555',
          start_time: '2021-10-07T07:30:00',
          end_time: '2021-10-07T07:31:00',
        },
        {
          call_id: 'OTHER',
          extension_uuid: 'ext-114',
          called_number: '104',
          start_time: '2021-10-07T07:24:00',
          end_time: '2021-10-07T07:25:00',
        },
        {
          call_id: 'LIVE',
          calling_number: '555',
          called_number: '104',
          start_time: '2021-10-07T07:40:00',
          status: 'answered',
        },
        { calling_number: '555' },
      ],
    };
    const rest = new CcsRest({
      fetch: async (input) => {
        const url = new URL(String(input));
        asked.push(url);
        const items = url.searchParams.has('calling_number')
          ? rows.calling_number
          : rows.called_number;
        return new Response(JSON.stringify({ total: String(items.length), success: true, items }));
      },
      signal: new AbortController().signal,
      base: new URL('https://ccs.example.com'),
      token: 't',
    });
    const found = await searchPastCalls(
      rest,
      routesFor('self', 'tenant'),
      ME,
      { from: T0 - 60_000, to: T0 + 3_600_000 + 400 },
      'US',
    );
    expect(found.calls.map((c) => c.vendorCallId)).toEqual(['OUT', 'IN']);
    expect(found.invalid).toBe(1);
    expect(asked.map((u) => [u.pathname, Object.fromEntries(u.searchParams)])).toEqual([
      [
        '/6/v2/api/calls/filter',
        {
          calling_number: '104',
          from_datetime: '2021-10-07T07:21:21',
          to_datetime: '2021-10-07T08:22:22',
          time_z: 'UTC',
        },
      ],
      [
        '/6/v2/api/calls/filter',
        {
          called_number: '104',
          from_datetime: '2021-10-07T07:21:21',
          to_datetime: '2021-10-07T08:22:22',
          time_z: 'UTC',
        },
      ],
    ]);
  });

  it('fails with the reason CCS gives (the page’s 400 says success: true)', async () => {
    const rest = new CcsRest({
      fetch: async () =>
        new Response(JSON.stringify({ success: true, reason: 'Invalid from_datetime' }), {
          status: 400,
        }),
      signal: new AbortController().signal,
      base: new URL('https://ccs.example.com'),
      token: 't',
    });
    await expect(
      searchPastCalls(rest, routesFor('self', 't'), ME, { from: 0, to: 1 }, 'US'),
    ).rejects.toMatchObject({
      code: 'rejected',
      message: expect.stringMatching(/Invalid from_datetime/),
    });
  });
});
