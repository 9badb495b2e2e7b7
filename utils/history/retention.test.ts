import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkProperty } from '../../tests/support/property';
import { DAY_MS, expiredKeys, oldestFirst, retentionCutoff } from './retention';

const NOW = 400 * DAY_MS;
const at = (callId: string, daysAgo: number) => ({ callId, startedAt: NOW - daysAgo * DAY_MS });

describe('history retention', () => {
  it('drops what began before the cutoff, then the oldest beyond the cap', () => {
    const entries = [at('a', 40), at('b', 30), at('c', 29), at('d', 2), at('e', 1), at('f', 0)];
    expect(expiredKeys(entries, { retentionDays: 30, maxEntries: 10 }, NOW)).toEqual(['a']);
    expect(expiredKeys(entries, { retentionDays: 30, maxEntries: 3 }, NOW)).toEqual([
      'a',
      'b',
      'c',
    ]);
    expect(expiredKeys(entries, { retentionDays: 1, maxEntries: 10 }, NOW)).toEqual([
      'a',
      'b',
      'c',
      'd',
    ]);
    expect(expiredKeys([], { retentionDays: 1, maxEntries: 10 }, NOW)).toEqual([]);
  });

  it('keeps exactly the newest entries within the period, at most the cap', () => {
    const entries = fc.uniqueArray(
      fc.record({ callId: fc.string({ minLength: 1, maxLength: 6 }), startedAt: fc.nat(NOW) }),
      { selector: (e) => e.callId, maxLength: 60 },
    );
    const retention = fc.record({
      retentionDays: fc.integer({ min: 1, max: 500 }),
      maxEntries: fc.integer({ min: 0, max: 70 }),
    });
    checkProperty(
      'history retention',
      fc.property(entries, retention, (list, r) => {
        const gone = new Set(expiredKeys(list, r, NOW));
        const kept = list.filter((e) => !gone.has(e.callId));
        const cutoff = retentionCutoff(r, NOW);
        expect(kept.every((e) => e.startedAt >= cutoff)).toBe(true);
        expect(kept.length).toBe(
          Math.min(r.maxEntries, list.filter((e) => e.startedAt >= cutoff).length),
        );
        // Nothing kept is older than anything deleted within the period.
        const newestGone = [...list.filter((e) => gone.has(e.callId))].sort(oldestFirst).at(-1);
        const oldestKept = [...kept].sort(oldestFirst)[0];
        if (newestGone && oldestKept) expect(oldestFirst(newestGone, oldestKept)).toBeLessThan(0);
      }),
      { numRuns: 2000 },
    );
  });
});
