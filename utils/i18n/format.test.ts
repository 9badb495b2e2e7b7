import { describe, expect, it } from 'vitest';
import { formatCountry, formatDateTime, isShowableTime } from './format';

const at = (...parts: [number, number, number, number, number]) => new Date(...parts).getTime();
/** Intl separates some parts with no-break spaces. */
const spaced = (text: string) => text.replace(/\s/g, ' ');

describe('formatDateTime: a moment with its day, whatever day it is', () => {
  const now = at(2025, 0, 6, 14, 0);

  it('gives the day and the time, today included, in the locale’s own order and clock', () => {
    expect(formatDateTime(at(2025, 0, 6, 8, 30), now, 'en-GB')).toBe('Mon 6 Jan, 08:30');
    expect(spaced(formatDateTime(at(2025, 0, 6, 8, 30), now, 'en-US'))).toBe('Mon, Jan 6, 8:30 AM');
    expect(formatDateTime(at(2025, 0, 6, 8, 30), now, 'fr')).toBe('lun. 6 janv., 08:30');
    expect(formatDateTime(at(2025, 0, 6, 8, 30), now, 'de')).toBe('Mo., 6. Jan., 08:30');
  });

  it('adds the year for another year', () => {
    expect(formatDateTime(at(2024, 11, 31, 23, 5), now, 'en-GB')).toBe('Tue, 31 Dec 2024, 23:05');
    expect(formatDateTime(at(2024, 11, 31, 23, 5), now, 'nl')).toContain('2024');
  });

  it('is empty for a time that is none, where Intl would throw', () => {
    for (const time of [Number.NaN, Infinity, 9e15]) {
      expect(isShowableTime(time)).toBe(false);
      expect(formatDateTime(time, now, 'en-GB')).toBe('');
    }
    expect(isShowableTime(8.64e15)).toBe(true);
  });
});

describe('formatCountry: a country by name in the locale', () => {
  it('names it as the language does, and keeps a code it has no name for', () => {
    expect(formatCountry('NL', 'en-GB')).toBe('Netherlands');
    expect(formatCountry('NL', 'fr')).toBe('Pays-Bas');
    expect(formatCountry('NL', 'de')).toBe('Niederlande');
    expect(formatCountry('NL', 'ar')).toBe('هولندا');
    expect(formatCountry('XX', 'en-GB')).toBe('XX');
    expect(formatCountry('not a code', 'en-GB')).toBe('not a code');
  });
});
