import { describe, expect, it } from 'vitest';
import { durationSeconds, parseUtcDateTime, utcDateTime } from './times';

describe('CCS durations (api-pages §4.15)', () => {
  it('reads h:mm:ss with any hours, mm:ss, seconds and numbers', () => {
    expect(durationSeconds('117:56:46')).toBe(117 * 3600 + 56 * 60 + 46);
    expect(durationSeconds('0:00:05')).toBe(5);
    expect(durationSeconds('02:05')).toBe(125);
    expect(durationSeconds('0')).toBe(0);
    expect(durationSeconds(' 90 ')).toBe(90);
    expect(durationSeconds(12.5)).toBe(12.5);
  });

  it('refuses what is not a duration', () => {
    for (const bad of [
      '',
      'soon',
      '1:75:00',
      '1:00:60',
      '-5',
      '1::2',
      null,
      undefined,
      {},
      -1,
      NaN,
    ]) {
      expect(durationSeconds(bad), String(bad)).toBeUndefined();
    }
  });
});

describe('CCS call search date-times (api-pages §4.21)', () => {
  it('writes whole UTC seconds as the page does', () => {
    expect(utcDateTime(Date.UTC(2021, 9, 7, 7, 22, 21, 999))).toBe('2021-10-07T07:22:21');
  });

  it('reads them back as UTC, with a space, fractions, Z or an offset', () => {
    const at = Date.UTC(2021, 9, 7, 7, 22, 21);
    expect(parseUtcDateTime('2021-10-07T07:22:21')).toBe(at);
    expect(parseUtcDateTime('2021-10-07 07:22:21')).toBe(at);
    expect(parseUtcDateTime('2021-10-07T07:22:21.250Z')).toBe(at + 250);
    expect(parseUtcDateTime('2021-10-07T09:22:21+02:00')).toBe(at);
    expect(parseUtcDateTime('2021-10-07T02:22:21-0500')).toBe(at);
    expect(parseUtcDateTime(utcDateTime(at))).toBe(at);
  });

  it('refuses what is not a date-time', () => {
    for (const bad of ['', 'yesterday', '2021-13-07T07:22:21', '2021-10-07T25:00:00', 42, null]) {
      expect(parseUtcDateTime(bad), String(bad)).toBeUndefined();
    }
  });
});
