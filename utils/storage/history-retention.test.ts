/** The stored history keeps what the settings say: the database does what the rule says. */
import fc from 'fast-check';
import { deleteDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { checkAsyncProperty } from '../../tests/support/property';
import type { CallEntry } from '../history/entry';
import { DAY_MS, expiredKeys } from '../history/retention';
import { createHistory, DB_NAME, openSwitchboardDb, type SwitchboardDb } from './db';

const NOW = 1_000 * DAY_MS;
let db: SwitchboardDb | undefined;
afterEach(async () => {
  db?.close();
  db = undefined;
  await deleteDB(DB_NAME);
});

const entry = (callId: string, startedAt: number): CallEntry => ({
  callId,
  direction: 'inbound',
  remote: { raw: '1002' },
  startedAt,
});

async function stored(d: SwitchboardDb): Promise<string[]> {
  return (await createHistory(d).recent(Number.MAX_SAFE_INTEGER)).map((e) => e.callId).sort();
}

describe('stored history retention', () => {
  it('prunes by age and count when the database opens with the settings', async () => {
    db = await openSwitchboardDb(() => NOW);
    const history = createHistory(db);
    for (let i = 0; i < 8; i++) await history.put(entry(`c${i}`, NOW - i * DAY_MS));
    db.close();
    db = await openSwitchboardDb(() => NOW, { retentionDays: 5, maxEntries: 3 });
    expect(await stored(db)).toEqual(['c0', 'c1', 'c2']);
  });

  it('deletes exactly what the rule deletes, ties in start time included', async () => {
    db = await openSwitchboardDb(() => NOW);
    const d = db;
    const entries = fc.uniqueArray(
      fc.record({
        callId: fc.stringMatching(/^[a-z0-9]{1,5}$/),
        // Few distinct times, so that ties are common.
        startedAt: fc.integer({ min: 0, max: 40 }).map((days) => NOW - days * DAY_MS),
      }),
      { selector: (e) => e.callId, maxLength: 40 },
    );
    const retention = fc.record({
      retentionDays: fc.integer({ min: 1, max: 50 }),
      maxEntries: fc.integer({ min: 0, max: 45 }),
    });
    await checkAsyncProperty(
      'stored history retention',
      fc.asyncProperty(entries, retention, async (list, r) => {
        await d.clear('history');
        const history = createHistory(d);
        for (const e of list) await history.put(entry(e.callId, e.startedAt));
        const deleted = await history.applyRetention(r, NOW);
        const gone = new Set(expiredKeys(list, r, NOW));
        expect(deleted).toBe(gone.size);
        expect(await stored(d)).toEqual(
          list
            .map((e) => e.callId)
            .filter((id) => !gone.has(id))
            .sort(),
        );
      }),
      { numRuns: 150 },
    );
  });
});
