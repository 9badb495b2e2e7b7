import { deleteDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import type { Call } from '../cti/model';
import {
  DB_NAME,
  RETENTION_MS,
  createHistory,
  createPopLog,
  createPoppedKeys,
  openSwitchboardDb,
  type SwitchboardDb,
} from './db';

const DAY = 24 * 60 * 60 * 1000;
const NOW = 100 * DAY;

const call = (over: Partial<Call> = {}): Call => ({
  id: 'c1',
  vendorCallId: 'v1',
  direction: 'inbound',
  state: 'ended',
  remote: { raw: '+33123456789', e164: '+33123456789', name: 'Jane' },
  queue: 'Support',
  startedAt: NOW - 60_000,
  answeredAt: NOW - 50_000,
  endedAt: NOW - 1_000,
  data: { secret: 'not kept' },
  recording: 'unknown',
  actions: [],
  ...over,
});

let db: SwitchboardDb | undefined;
const open = async (now = NOW) => (db = await openSwitchboardDb(() => now));

afterEach(async () => {
  db?.close();
  db = undefined;
  await deleteDB(DB_NAME);
});

describe('history', () => {
  it('records a call as a HistoryEntry and lists the newest first', async () => {
    const history = createHistory(await open());
    await history.upsertFromCall(call({ id: 'old', startedAt: NOW - 3 * DAY }));
    await history.upsertFromCall(call({ id: 'new', startedAt: NOW - DAY, queue: undefined }));
    await history.upsertFromCall(call({ id: 'mid', startedAt: NOW - 2 * DAY }));
    const recent = await history.recent(2);
    expect(recent.map((e) => e.callId)).toEqual(['new', 'mid']);
    expect(recent[0]).toEqual({
      callId: 'new',
      direction: 'inbound',
      remote: { raw: '+33123456789', e164: '+33123456789', name: 'Jane' },
      startedAt: NOW - DAY,
      answeredAt: NOW - 50_000,
      endedAt: NOW - 1_000,
    });
    expect(await history.recent(0)).toEqual([]);
  });

  it('updates in place and keeps a saved disposition', async () => {
    const history = createHistory(await open());
    await history.upsertFromCall(call({ state: 'connected', endedAt: undefined }));
    const disposition = { code: 'sale', label: 'Sale', notes: 'ok', at: NOW };
    expect(await history.setDisposition('c1', disposition)).toBe(true);
    await history.upsertFromCall(call());
    const [entry] = await history.recent(10);
    expect(entry?.disposition).toEqual(disposition);
    expect(entry?.endedAt).toBe(NOW - 1_000);
    expect(await history.recent(10)).toHaveLength(1);
  });

  it('does not invent an entry for an unknown call', async () => {
    const history = createHistory(await open());
    expect(await history.setDisposition('nope', { code: 'x', notes: '', at: 1 })).toBe(false);
    expect(await history.recent(10)).toEqual([]);
  });
});

describe('popped keys', () => {
  it('claims a key only once, even when claims race', async () => {
    const popped = createPoppedKeys(await open());
    const results = await Promise.all([popped.claim('k'), popped.claim('k'), popped.claim('k')]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await popped.claim('k')).toBe(false);
    expect(await popped.claim('other')).toBe(true);
  });

  it('survives a restart (a new connection)', async () => {
    expect(await createPoppedKeys(await open()).claim('k')).toBe(true);
    db?.close();
    expect(await createPoppedKeys(await open()).claim('k')).toBe(false);
  });

  it('prunes keys older than the given age', async () => {
    let now = NOW - 10 * DAY;
    const popped = createPoppedKeys(await open(), () => now);
    await popped.claim('old');
    now = NOW;
    await popped.claim('new');
    expect(await popped.prune(5 * DAY, NOW)).toBe(1);
    expect(await popped.claim('old')).toBe(true);
    expect(await popped.claim('new')).toBe(false);
  });
});

describe('pop log', () => {
  it('keeps the newest decisions up to its cap', async () => {
    const log = createPopLog(await open(), 3);
    for (let i = 1; i <= 5; i++) await log.add({ at: NOW + i, callId: `c${i}`, outcome: 'noRule' });
    expect((await log.recent(10)).map((d) => d.callId)).toEqual(['c5', 'c4', 'c3']);
    expect((await log.recent(1)).map((d) => d.callId)).toEqual(['c5']);
  });
});

describe('retention', () => {
  it('prunes everything older than 30 days when the database opens', async () => {
    const old = NOW - RETENTION_MS - DAY;
    const first = await open(old);
    await createHistory(first).upsertFromCall(call({ id: 'old', startedAt: old }));
    await createHistory(first).upsertFromCall(call({ id: 'recent', startedAt: NOW - DAY }));
    await createPoppedKeys(first, () => old).claim('old-key');
    await createPopLog(first).add({ at: old, callId: 'old', outcome: 'noRule' });
    await createPopLog(first).add({ at: NOW, callId: 'recent', outcome: 'noRule' });
    first.close();

    const reopened = await open(NOW);
    expect((await createHistory(reopened).recent(10)).map((e) => e.callId)).toEqual(['recent']);
    expect((await createPopLog(reopened).recent(10)).map((d) => d.callId)).toEqual(['recent']);
    expect(await createPoppedKeys(reopened).claim('old-key')).toBe(true);
  });
});
