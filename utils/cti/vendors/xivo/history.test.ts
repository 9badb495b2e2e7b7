import { describe, expect, it } from 'vitest';
import { CallHistoryPayload, parseDuration, parseWallTime, pastCallOf } from './history';
import { parseFrame } from './wire';

const CONTEXT = { phoneNumber: '1001', timeZone: 'Europe/Paris', defaultCountry: 'FR' };

describe('XiVO call history', () => {
  it('reads the page’s example and the list forms', () => {
    const entry = {
      start: '2014-01-01 08:00:00',
      duration: '00:21:35',
      srcNum: '0115878',
      dstNum: '2547892',
      status: 'answered',
    };
    for (const payload of [entry, [entry], { calls: [entry] }]) {
      const parsed = parseFrame(JSON.stringify({ msgType: 'CallHistory', ctiMessage: payload }));
      expect(parsed).toMatchObject({ kind: 'message', message: { payload: [entry] } });
    }
    expect(CallHistoryPayload.safeParse({ calls: 'no' }).success).toBe(false);
    expect(parseFrame('{"msgType":"CallHistory","ctiMessage":[{"duration":1}]}').kind).toBe(
      'invalid',
    );
  });

  it('converts wall times in the configured zone, across DST', () => {
    // Paris is UTC+1 in winter, UTC+2 in summer.
    expect(parseWallTime('2014-01-01 08:00:00', 'Europe/Paris')).toBe(
      Date.UTC(2014, 0, 1, 7, 0, 0),
    );
    expect(parseWallTime('2014-07-01 08:00:00', 'Europe/Paris')).toBe(
      Date.UTC(2014, 6, 1, 6, 0, 0),
    );
    expect(parseWallTime('2014-01-01 08:00:00', '')).toBe(new Date(2014, 0, 1, 8).getTime());
    expect(parseWallTime('yesterday', 'Europe/Paris')).toBeUndefined();
    expect(parseDuration('01:02:03')).toBe(3_723_000);
    expect(parseDuration('soon')).toBeUndefined();
  });

  it('tells missed, answered and emitted calls apart, and skips ongoing ones', () => {
    const start = Date.UTC(2014, 0, 1, 7, 0, 0);
    const base = { start: '2014-01-01 08:00:00', duration: '00:00:30', dstNum: '1001' };
    expect(pastCallOf({ ...base, srcNum: '0612345678', status: 'missed' }, CONTEXT)).toEqual({
      direction: 'inbound',
      remote: { raw: '0612345678', e164: '+33612345678' },
      startedAt: start,
      endedAt: start + 30_000,
      missed: true,
    });
    expect(
      pastCallOf({ ...base, srcNum: '0612345678', status: 'abandoned' }, CONTEXT),
    ).toMatchObject({ missed: true, direction: 'inbound' });
    expect(
      pastCallOf({ ...base, srcNum: '0612345678', status: 'answered' }, CONTEXT),
    ).toMatchObject({ missed: false, answeredAt: start });
    expect(
      pastCallOf(
        {
          start: base.start,
          duration: '00:01:00',
          srcNum: '1001',
          dstNum: '0612345678',
          status: 'emitted',
        },
        CONTEXT,
      ),
    ).toMatchObject({ direction: 'outbound', remote: { raw: '0612345678' }, missed: false });
    expect(
      pastCallOf({ ...base, srcNum: '0612345678', status: 'ongoing' }, CONTEXT),
    ).toBeUndefined();
    expect(pastCallOf({ ...base, srcNum: '', status: 'missed' }, CONTEXT)).toBeUndefined();
  });
});
