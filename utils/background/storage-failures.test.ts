/**
 * Storage failures (a full disk, a broken IndexedDB) are caught, told to the agent as a notice,
 * and stop nothing else: calls are still tracked when history cannot be written, and the call
 * store goes on when storage.session refuses its snapshot. Failures are injected into
 * fake-indexeddb's object stores.
 */
import { deleteDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../cti/adapter';
import type { Call } from '../cti/model';
import { createCallStore } from '../cti/store';
import { isQuotaError, storageFailureMessage } from '../lib/storage-failure';
import { DB_NAME, createHistory, openSwitchboardDb, type SwitchboardDb } from '../storage/db';
import { createRecentCalls } from './recent-calls';

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

const ended = (id: string): Call => ({
  id,
  vendorCallId: id,
  direction: 'inbound',
  state: 'ended',
  remote: { raw: '+33123456789' },
  startedAt: Date.now() - 60_000,
  endedAt: Date.now(),
  data: {},
  recording: 'unknown',
  actions: ['dispose'],
});

let db: SwitchboardDb | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  db?.close();
  db = undefined;
  await deleteDB(DB_NAME);
});

describe('storage failure messages', () => {
  it('names a full storage as such, whatever the engine calls it', () => {
    expect(isQuotaError(quota())).toBe(true);
    expect(isQuotaError({ name: 'AbortError', error: quota() })).toBe(true);
    expect(isQuotaError(new DOMException('x', 'NS_ERROR_DOM_QUOTA_REACHED'))).toBe(true);
    expect(isQuotaError(new DOMException('Transaction aborted', 'AbortError'))).toBe(false);
    expect(storageFailureMessage('Could not save the call history', quota())).toBe(
      'Could not save the call history: the browser has no storage space left for Switchboard. Free disk space or clear other sites’ data; calls still work',
    );
    expect(storageFailureMessage('Could not read the outbox', new Error('backing store'))).toBe(
      'Could not read the outbox: the browser’s storage failed (backing store); calls still work',
    );
  });
});

describe('history writes that fail', () => {
  it('are reported, and recording the next calls still works once storage does', async () => {
    db = await openSwitchboardDb();
    const storageFailed = vi.fn();
    const recent = createRecentCalls(Promise.resolve(createHistory(db)), storageFailed);
    const put = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw quota();
    });
    const transition = (call: Call) => [
      { call, previous: { ...call, state: 'connected' as const } },
    ];
    await expect(recent.record(transition(ended('a')))).resolves.toBeUndefined();
    expect(storageFailed).toHaveBeenCalledWith(
      'Could not save the call history',
      expect.anything(),
    );
    expect(isQuotaError(storageFailed.mock.calls[0]![1])).toBe(true);
    put.mockRestore();
    await recent.record(transition(ended('b')));
    expect(recent.list.map((e) => e.callId)).toEqual(['b']);
  });

  it('an IndexedDB that cannot open is reported, not thrown', async () => {
    const storageFailed = vi.fn();
    const broken = Promise.reject(new DOMException('backing store', 'UnknownError'));
    const recent = createRecentCalls(broken, storageFailed);
    await recent.refresh();
    await recent.record([{ call: ended('a'), previous: undefined }]);
    expect(storageFailed.mock.calls.map(([what]) => what)).toEqual([
      'Could not read the call history',
      'Could not save the call history',
      'Could not read the call history',
    ]);
  });
});

describe('a call store whose storage is full', () => {
  it('keeps tracking calls and says once that they may not survive a restart', async () => {
    let full = true;
    const store = createCallStore({
      storage: {
        get: async () => undefined,
        set: async () => {
          if (full) throw quota();
        },
      },
      clock: systemClock,
      key: 'calls',
      log: { debug() {}, info() {}, warn() {}, error() {} },
    });
    await store.ready;
    store.apply({
      type: 'callUpsert',
      call: { ...ended('a'), state: 'ringing', endedAt: undefined },
    });
    await store.persisted().catch(() => undefined);
    await vi.waitFor(() => expect(store.getState().notices).toHaveLength(1));
    store.apply({
      type: 'callUpsert',
      call: { ...ended('a'), state: 'connected', endedAt: undefined },
    });
    await store.persisted().catch(() => undefined);
    expect(store.getState().calls[0]).toMatchObject({ id: 'a', state: 'connected' });
    expect(store.getState().notices.map((n) => n.message)).toEqual([
      'Could not save the calls for a restart: the browser has no storage space left for Switchboard. Free disk space or clear other sites’ data; calls still work',
    ]);
    full = false;
  });
});
