import { deleteDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import type { PastCall } from '../cti/adapter';
import { CtiError } from '../cti/model';
import { outageNotice, outageText } from '../history/outage';
import { setMessages } from '../i18n/runtime';
import { localeMessages } from '../../tests/support/messages';
import { createHistory, DB_NAME, openSwitchboardDb, type SwitchboardDb } from '../storage/db';
import { createRecentCalls } from './recent-calls';

const T0 = Date.UTC(2024, 4, 2, 10, 2, 0);
const OUTAGE = { from: T0, to: T0 + 180_000 };

const past = (over: Partial<PastCall>): PastCall => ({
  direction: 'inbound',
  remote: { raw: '0612345678' },
  startedAt: T0 + 60_000,
  answeredAt: T0 + 65_000,
  endedAt: T0 + 90_000,
  missed: false,
  ...over,
});

let db: SwitchboardDb | undefined;
afterEach(async () => {
  db?.close();
  db = undefined;
  await deleteDB(DB_NAME);
});

async function recent() {
  db = await openSwitchboardDb(() => T0);
  // No storage failure is expected here: one fails the test.
  return createRecentCalls(Promise.resolve(createHistory(db)), (what, error) => {
    throw new Error(`${what}: ${String(error)}`);
  });
}

describe('outage records', () => {
  it('records the calls that began and ended while offline, once, marked as found', async () => {
    const r = await recent();
    const missed = past({ remote: { raw: '0700000001' }, answeredAt: undefined, missed: true });
    const answered = past({
      remote: { raw: '0700000002' },
      startedAt: T0 + 100_000,
      endedAt: T0 + 130_000,
    });
    const before = past({ remote: { raw: '0700000003' }, startedAt: T0 - 5_000 });
    const stillLive = past({ remote: { raw: '0700000004' }, endedAt: T0 + 200_000 });
    const reader = async () => [missed, answered, before, stillLive];

    expect(await r.recordOutage(OUTAGE, reader)).toEqual({ kind: 'calls', found: 2, missed: 1 });
    expect(await r.recordOutage(OUTAGE, reader)).toEqual({ kind: 'calls', found: 2, missed: 1 });
    expect(r.list.map((e) => ('remote' in e ? e.remote.raw : e.kind))).toEqual([
      '0700000002',
      '0700000001',
    ]);
    expect(r.list[1]).toMatchObject({ foundAfterOutage: true, direction: 'inbound' });
    expect(r.list[1]).not.toHaveProperty('answeredAt');
    expect(r.list[0]).toMatchObject({ foundAfterOutage: true, answeredAt: T0 + 65_000 });
    expect(outageNotice(OUTAGE, { kind: 'calls', found: 2, missed: 1 })?.message).toMatch(
      /^You missed a call while offline \d\d:\d\d:\d\d\s–\s\d\d:\d\d:\d\d: see Recent calls$/,
    );
  });

  it('records the outage when the vendor cannot list past calls', async () => {
    const r = await recent();
    expect(await r.recordOutage(OUTAGE, undefined)).toEqual({ kind: 'outage' });
    expect(r.list).toEqual([
      { kind: 'outage', callId: `outage:${T0}`, startedAt: T0, endedAt: OUTAGE.to },
    ]);
    expect(outageText(OUTAGE.from, OUTAGE.to)).toMatch(
      /^Offline \d\d:\d\d:\d\d\s–\s\d\d:\d\d:\d\d: calls in this period may be missing$/,
    );
    // Nothing to add: the panel lists the outage.
    expect(outageNotice(OUTAGE, { kind: 'outage' })).toBeUndefined();
  });

  it('records the outage and says why when the listing fails, until a later listing works', async () => {
    const r = await recent();
    const failing = async () => {
      throw new CtiError('network', 'Not connected to the phone system');
    };
    const record = await r.recordOutage(OUTAGE, failing);
    expect(record).toEqual({ kind: 'outage', failure: 'Not connected to the phone system' });
    expect(outageNotice(OUTAGE, record)).toMatchObject({ level: 'warning' });
    expect(r.list.map((e) => e.kind)).toEqual(['outage']);

    // The same outage, longer, read again on the next connection.
    const longer = { ...OUTAGE, to: OUTAGE.to + 30_000 };
    await r.recordOutage(longer, async () => [past({})]);
    expect(r.list).toHaveLength(1);
    expect(r.list[0]).toMatchObject({ foundAfterOutage: true });
  });

  it('keeps a disposition away from an outage record', async () => {
    const r = await recent();
    await r.recordOutage(OUTAGE, undefined);
    const history = createHistory(db!);
    expect(await history.setDisposition(`outage:${T0}`, { code: 'x', notes: '', at: T0 })).toBe(
      false,
    );
  });
});

describe('retention', () => {
  const ended = (id: string, startedAt: number) => {
    const call = {
      id,
      vendorCallId: id,
      direction: 'inbound' as const,
      state: 'ended' as const,
      remote: { raw: '1002' },
      startedAt,
      endedAt: startedAt + 1_000,
      data: {},
      recording: 'unknown' as const,
      actions: [],
    };
    return { call, previous: { ...call, state: 'connected' as const } };
  };

  it('keeps what the settings say after each call, and again when they change', async () => {
    db = await openSwitchboardDb(() => T0);
    const limits = { retentionDays: 30, maxEntries: 3 };
    const r = createRecentCalls(
      Promise.resolve(createHistory(db)),
      (what, error) => {
        throw new Error(`${what}: ${String(error)}`);
      },
      undefined,
      { retention: () => limits, now: () => T0 },
    );
    // More than the panel's old ten, and one call from before the period.
    await r.record([ended('too-old', T0 - 31 * 86_400_000)]);
    expect(r.list.map((e) => e.callId)).toEqual([]);
    for (let i = 1; i <= 4; i++) await r.record([ended(`c${i}`, T0 - (10 - i) * 60_000)]);
    expect(r.list.map((e) => e.callId)).toEqual(['c4', 'c3', 'c2']);
    limits.maxEntries = 2;
    await r.applyRetention();
    expect(r.list.map((e) => e.callId)).toEqual(['c4', 'c3']);
  });

  it('reports old calls it could not delete, in the interface’s language, and goes on', async () => {
    db = await openSwitchboardDb(() => T0);
    const history = {
      ...createHistory(db),
      applyRetention: async () => {
        throw new Error('backing store');
      },
    };
    const failures: string[] = [];
    const r = createRecentCalls(
      Promise.resolve(history),
      (what) => void failures.push(what),
      undefined,
      { retention: () => ({ retentionDays: 30, maxEntries: 100 }), now: () => T0 },
    );
    await r.record([ended('c1', T0)]);
    setMessages('fr', localeMessages('fr'));
    await r.record([ended('c2', T0 + 60_000)]);
    expect(failures).toEqual([
      'Could not delete old calls from the history',
      'Impossible de supprimer les anciens appels de l’historique',
    ]);
    expect(r.list.map((e) => e.callId)).toEqual(['c2', 'c1']);
  });

  it('lists more than ten calls', async () => {
    const r = await recent();
    for (let i = 0; i < 25; i++) await r.record([ended(`c${i}`, T0 + i * 60_000)]);
    expect(r.list).toHaveLength(25);
    expect(r.list[0]?.callId).toBe('c24');
  });
});
