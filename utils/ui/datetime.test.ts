import { describe, expect, it } from 'vitest';
import { fromLocalInput, toLocalInput } from './datetime';

describe('datetime-local values', () => {
  it('writes the minute an instant falls in, in local time', () => {
    expect(toLocalInput(new Date(2026, 2, 4, 9, 5, 59, 999).getTime())).toBe('2026-03-04T09:05');
  });

  it('reads a value as local time, with or without seconds', () => {
    expect(fromLocalInput('2026-03-04T15:30')).toBe(new Date(2026, 2, 4, 15, 30).getTime());
    expect(fromLocalInput('2026-03-04T15:30:45')).toBe(new Date(2026, 2, 4, 15, 30, 45).getTime());
    expect(fromLocalInput('2026-03-04T15:30:45.250')).toBe(
      new Date(2026, 2, 4, 15, 30, 45).getTime(),
    );
  });

  it('round-trips', () => {
    const at = new Date(2027, 11, 31, 23, 59).getTime();
    expect(fromLocalInput(toLocalInput(at))).toBe(at);
  });

  it.each([
    '',
    'tomorrow',
    '2026-02-30T10:00',
    '2026-13-01T10:00',
    '2026-03-04T24:00',
    '2026-03-04',
  ])('finds no time in %j', (value) => {
    expect(fromLocalInput(value)).toBeUndefined();
  });
});
