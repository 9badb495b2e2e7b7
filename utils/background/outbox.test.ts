/**
 * The outbox: queued, retried with backoff, sent exactly once across restarts, refusals kept for
 * the agent, storage failures reported and never fatal. The store is the real IndexedDB one
 * (fake-indexeddb), with failures injected where a test says so.
 */
import { deleteDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Clock } from '../cti/adapter';
import { CtiError, type Call, type Command } from '../cti/model';
import {
  createOutboxStore,
  openOutboxDb,
  type OutboxDb,
  type OutboxItem,
  type OutboxStore,
} from '../storage/outbox-db';
import { setMessages } from '../i18n/runtime';
import { OUTBOX_DATABASE } from '../storage/registry';
import { localeMessages } from '../../tests/support/messages';
import {
  BACKOFF_MS,
  INTERRUPTED_CALLBACK,
  backoffMs,
  createOutbox,
  type OutboxDeps,
} from './outbox';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/** A clock the test moves; timers are recorded, never run by themselves. */
function manualClock(start = 1_000_000): Clock & { advance(ms: number): void; timers: number } {
  let now = start;
  const live = new Set<unknown>();
  return {
    now: () => now,
    advance: (ms) => void (now += ms),
    setTimeout: () => {
      const handle = Symbol('timer');
      live.add(handle);
      return handle;
    },
    clearTimeout: (h) => void live.delete(h),
    setInterval: () => undefined,
    clearInterval: () => undefined,
    get timers() {
      return live.size;
    },
  };
}

const dispose = (over: Partial<Extract<Command, { type: 'dispose' }>> = {}): Command => ({
  type: 'dispose',
  callId: 'mc-1001-1',
  code: 'SALE',
  notes: 'Wants the blue one',
  ...over,
});

const CALL: Call = {
  id: 'mc-1001-1',
  vendorCallId: '1001',
  direction: 'inbound',
  state: 'ended',
  remote: { raw: '+33123456789', e164: '+33123456789' },
  startedAt: 1,
  endedAt: 2,
  data: {},
  recording: 'unknown',
  actions: ['dispose'],
};

const dbs: OutboxDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) db.close();
  await deleteDB(OUTBOX_DATABASE.name);
  vi.restoreAllMocks();
});

function idbStore(): OutboxStore {
  const db = openOutboxDb().then((d) => (dbs.push(d), d));
  return createOutboxStore(db);
}

/** An outbox over `store`, connected to vendor `maxcontact` unless `connected` says otherwise. */
function setup(over: Partial<OutboxDeps> & { store?: OutboxStore } = {}) {
  const clock = (over.clock as ReturnType<typeof manualClock>) ?? manualClock();
  let vendor: string | undefined = 'maxcontact';
  let account: string | undefined = 'agent-7';
  const send = vi.fn<OutboxDeps['send']>(async () => undefined);
  const storageFailed = vi.fn<OutboxDeps['storageFailed']>();
  let keys = 0;
  const outbox = createOutbox({
    store: over.store ?? idbStore(),
    clock,
    log: quiet,
    connectedVendor: () => vendor,
    signedInAccount: () => account,
    vendorLabel: (id) => (id === 'maxcontact' ? 'MaxContact' : id),
    send: over.send ?? send,
    changed: () => undefined,
    storageFailed,
    newKey: () => `key-${++keys}`,
  });
  return {
    outbox,
    clock,
    send,
    storageFailed,
    connect: (v: string | undefined) => (vendor = v),
    signIn: (a: string | undefined) => (account = a),
    /** Runs a kick to its end. */
    flush: async () => {
      outbox.kick();
      await outbox.retry('no such key').catch(() => undefined);
    },
  };
}

const unreachable = () => new CtiError('network', 'MaxContact answered dispose with HTTP 503');

describe('outbox', () => {
  it('sends a write at once and keeps nothing once the vendor accepted it', async () => {
    const store = idbStore();
    const { outbox, send } = setup({ store });
    await expect(outbox.submit('maxcontact', dispose(), CALL)).resolves.toEqual({ status: 'sent' });
    expect(send).toHaveBeenCalledTimes(1);
    expect(send.mock.calls[0]![0]).toMatchObject({ key: 'key-1', command: dispose(), call: CALL });
    expect(outbox.items).toEqual([]);
    expect(await store.all()).toEqual([]);
  });

  it('keeps a write the vendor could not take, retries it on the backoff schedule, and sends it once', async () => {
    const store = idbStore();
    const { outbox, send, clock, flush } = setup({ store });
    send.mockRejectedValueOnce(unreachable()).mockRejectedValueOnce(unreachable());
    await expect(outbox.submit('maxcontact', dispose(), CALL)).resolves.toEqual({
      status: 'queued',
      reason: 'MaxContact answered dispose with HTTP 503',
    });
    const [queued] = await store.all();
    expect(queued).toMatchObject({
      status: 'pending',
      attempts: 1,
      nextAt: clock.now() + BACKOFF_MS[0],
    });
    expect(clock.timers).toBe(1);

    await flush(); // not due yet
    expect(send).toHaveBeenCalledTimes(1);
    clock.advance(BACKOFF_MS[0]);
    await flush();
    expect(send).toHaveBeenCalledTimes(2);
    expect((await store.all())[0]).toMatchObject({
      attempts: 2,
      nextAt: clock.now() + BACKOFF_MS[1],
    });

    clock.advance(BACKOFF_MS[1]);
    await flush();
    await flush();
    expect(send).toHaveBeenCalledTimes(3);
    expect(await store.all()).toEqual([]);
    expect(new Set(send.mock.calls.map(([item]) => item.key))).toEqual(new Set(['key-1']));
  });

  it('backs off 5 s, 15 s, 30 s, 1 min, 2 min, then every 5 min for ever', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 50].map(backoffMs)).toEqual([
      5_000, 15_000, 30_000, 60_000, 120_000, 300_000, 300_000, 300_000,
    ]);
  });

  it('waits, uncounted, while not connected to the item’s vendor, and sends when it is', async () => {
    const { outbox, send, connect, flush } = setup();
    connect(undefined);
    await expect(outbox.submit('maxcontact', dispose(), CALL)).resolves.toEqual({
      status: 'queued',
      reason: 'Waiting for the connection to MaxContact',
    });
    connect('ucontact');
    await flush();
    expect(outbox.items[0]).toMatchObject({
      attempts: 0,
      reason: 'Waiting for you to sign in to MaxContact',
    });
    expect(send).not.toHaveBeenCalled();
    connect('maxcontact');
    await flush();
    expect(send).toHaveBeenCalledTimes(1);
    expect(outbox.items).toEqual([]);
  });

  it('sends an item only in the name of the agent who queued it', async () => {
    const { outbox, send, connect, signIn, flush } = setup();
    connect(undefined);
    await outbox.submit('maxcontact', dispose(), CALL);
    expect(outbox.items[0]).toMatchObject({ account: 'agent-7' });
    // Another agent signs in to the same platform on this browser: the item waits for its own.
    signIn('agent-9');
    connect('maxcontact');
    await flush();
    expect(send).not.toHaveBeenCalled();
    expect(outbox.items[0]).toMatchObject({
      attempts: 0,
      reason: 'Waiting for agent-7 to sign in to MaxContact',
    });
    signIn('agent-7');
    await flush();
    expect(send).toHaveBeenCalledTimes(1);
    expect(outbox.items).toEqual([]);
  });

  it('survives a restart: a new outbox on the same database sends the waiting item once', async () => {
    const first = setup();
    first.connect(undefined);
    await first.outbox.submit('maxcontact', dispose(), CALL);
    // The worker stops; a new one starts on the same IndexedDB.
    const second = setup();
    await second.outbox.ready;
    expect(second.outbox.items).toHaveLength(1);
    await second.flush();
    expect(second.send).toHaveBeenCalledTimes(1);
    expect(second.send.mock.calls[0]![0]).toMatchObject({ key: 'key-1', command: dispose() });
    const third = setup();
    await third.outbox.ready;
    await third.flush();
    expect(third.send).not.toHaveBeenCalled();
  });

  it('sends again an item cut short mid-send, but holds one with a call-back for the agent', async () => {
    const store = idbStore();
    const base = { vendor: 'maxcontact', createdAt: 1, attempts: 1, nextAt: 1, sendingSince: 5 };
    await store.put({ ...base, key: 'plain', command: dispose(), status: 'sending' });
    const withCallback = dispose({ callId: 'uc-2', callbackAt: 9e12 });
    await store.put({ ...base, key: 'callback', command: withCallback, status: 'sending' });
    const { outbox, send, flush } = setup({ store });
    await outbox.ready;
    await flush();
    expect(send.mock.calls.map(([item]) => item.key)).toEqual(['plain']);
    expect(await store.all()).toEqual([
      expect.objectContaining({
        key: 'callback',
        status: 'uncertain',
        reason: INTERRUPTED_CALLBACK(),
      }),
    ]);
    await outbox.retry('callback');
    await flush();
    expect(send.mock.calls.map(([item]) => item.key)).toEqual(['plain', 'callback']);
  });

  it('keeps a write the vendor refused later, with its reason, until the agent retries or discards it', async () => {
    const store = idbStore();
    const { outbox, send, clock, flush } = setup({ store });
    send
      .mockRejectedValueOnce(unreachable())
      .mockRejectedValueOnce(
        new CtiError('rejected', 'MaxContact refused dispose: call not found'),
      );
    await outbox.submit('maxcontact', dispose(), CALL);
    clock.advance(BACKOFF_MS[0]);
    await flush();
    expect(outbox.items[0]).toMatchObject({
      status: 'rejected',
      reason: 'MaxContact refused dispose: call not found',
    });
    clock.advance(24 * 60 * 60 * 1000);
    await flush();
    expect(send).toHaveBeenCalledTimes(2); // never retried by itself
    expect(await store.all()).toHaveLength(1);

    await outbox.edit('key-1', dispose({ code: 'NOSALE' }));
    await flush();
    expect(send).toHaveBeenCalledTimes(3);
    expect(send.mock.calls[2]![0].command).toEqual(dispose({ code: 'NOSALE' }));
    expect(await store.all()).toEqual([]);
  });

  it('discards an item only when the agent says so', async () => {
    const store = idbStore();
    const { outbox, send } = setup({ store });
    send.mockRejectedValue(unreachable());
    await outbox.submit('maxcontact', dispose(), CALL);
    await outbox.discard('key-1');
    expect(outbox.items).toEqual([]);
    expect(await store.all()).toEqual([]);
    await expect(outbox.discard('key-1')).rejects.toThrow('That item has already been sent');
    // Said in the interface's language: the panel shows it as it is.
    setMessages('es', localeMessages('es'));
    await expect(outbox.retry('key-1')).rejects.toThrow('Ese elemento ya se ha enviado');
  });

  it('keeps nothing a vendor refuses on the first attempt: the agent reads why and corrects it', async () => {
    const store = idbStore();
    const { outbox, send } = setup({ store });
    send.mockRejectedValueOnce(
      new CtiError('rejected', 'uContact refused to save the disposition'),
    );
    await expect(outbox.submit('maxcontact', dispose(), CALL)).resolves.toEqual({
      status: 'rejected',
      reason: 'uContact refused to save the disposition',
    });
    expect(await store.all()).toEqual([]);
  });
});

describe('outbox storage failures', () => {
  const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

  /** The real store, whose `put` fails with a quota error while `full` is true. */
  function fullStore(): { store: OutboxStore; setFull(on: boolean): void } {
    const inner = idbStore();
    let full = true;
    return {
      setFull: (on) => void (full = on),
      store: {
        ...inner,
        put: async (item: OutboxItem) => {
          if (full) throw quota();
          return inner.put(item);
        },
      },
    };
  }

  it('still sends when storage is full, and reports it', async () => {
    const { store } = fullStore();
    const { outbox, send, storageFailed } = setup({ store });
    await expect(outbox.submit('maxcontact', dispose(), CALL)).resolves.toEqual({ status: 'sent' });
    expect(send).toHaveBeenCalledTimes(1);
    expect(storageFailed).toHaveBeenCalledWith(
      'Could not record a send in the outbox',
      expect.any(DOMException),
    );
  });

  it('tells the agent a write was neither sent nor kept, rather than promise it for later', async () => {
    const { store } = fullStore();
    const { outbox, send, storageFailed } = setup({ store });
    send.mockRejectedValue(unreachable());
    await expect(outbox.submit('maxcontact', dispose(), CALL)).resolves.toEqual({
      status: 'failed',
      reason: 'MaxContact answered dispose with HTTP 503',
    });
    expect(outbox.items).toEqual([]);
    expect(storageFailed.mock.calls[0]![1]).toMatchObject({ name: 'QuotaExceededError' });
  });

  it('reports an IndexedDB that cannot be read and keeps working in memory', async () => {
    const broken: OutboxStore = {
      all: () =>
        Promise.reject(new DOMException('Internal error opening backing store', 'UnknownError')),
      get: () => Promise.reject(new Error('closed')),
      put: () => Promise.reject(new Error('closed')),
      delete: () => Promise.reject(new Error('closed')),
    };
    const { outbox, send, storageFailed } = setup({ store: broken });
    await outbox.ready;
    expect(storageFailed).toHaveBeenCalledWith(
      'Could not read the outbox',
      expect.any(DOMException),
    );
    await expect(outbox.submit('maxcontact', dispose(), CALL)).resolves.toEqual({ status: 'sent' });
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('never sends again an item whose record could not be deleted', async () => {
    const inner = idbStore();
    let deletes = 0;
    const store: OutboxStore = {
      ...inner,
      delete: async (key) => {
        if (++deletes === 1) throw new DOMException('aborted', 'AbortError');
        return inner.delete(key);
      },
    };
    const { outbox, send, clock, flush } = setup({ store });
    send.mockRejectedValueOnce(unreachable());
    await outbox.submit('maxcontact', dispose(), CALL);
    clock.advance(BACKOFF_MS[0]);
    await flush(); // sent; its delete fails
    expect(send).toHaveBeenCalledTimes(2);
    clock.advance(BACKOFF_MS[5]);
    await flush(); // the delete is done now, nothing is sent
    expect(send).toHaveBeenCalledTimes(2);
    expect(await inner.all()).toEqual([]);
  });
});
