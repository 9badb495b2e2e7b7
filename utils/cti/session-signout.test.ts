/**
 * Sign-out ends the vendor-side session (`VendorAdapter.signOut`) once, before the connection is
 * aborted and disconnected, and never lets a slow or failing vendor hold sign-out up. Also
 * `query`, which reaches only the connected adapter and nothing once signed out.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock, type Logger } from './adapter';
import { CtiError } from './model';
import { createSession, SIGN_OUT_WAIT_MS } from './session';
import { createCallStore, type KeyValueArea } from './store';
import { createFakeVendor, type FakeAdapterOptions } from '../../tests/support/fake-adapter';
import { STORAGE } from '../storage/registry';

const SESSION_KEY = STORAGE.session.signIn.key;

const CREDENTIALS = { username: 'agent7', password: 'hunter2-secret' };

function memoryArea(): KeyValueArea & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    get: async (key) => structuredClone(data.get(key)),
    set: async (key, value) => void data.set(key, structuredClone(value)),
  };
}

async function harness(adapter: FakeAdapterOptions = {}) {
  const vendor = createFakeVendor(adapter);
  const lines: unknown[][] = [];
  const write = (...args: unknown[]) => void lines.push(args);
  const log: Logger = { debug: write, info: write, warn: write, error: write };
  const store = createCallStore({
    storage: memoryArea(),
    clock: systemClock,
    log,
    key: STORAGE.session.callStore.key,
  });
  const secrets = memoryArea();
  const session = createSession({
    keys: { session: SESSION_KEY, checkpoint: STORAGE.session.checkpoint.key },
    createAdapter: vendor.createAdapter,
    store,
    log,
    fetch: vi.fn<typeof fetch>(),
    // The fake adapter never opens a socket; the session only hands this through.
    WebSocket: class {} as unknown as typeof WebSocket,
    secrets,
  });
  await store.ready;
  return { vendor, session, store, secrets, lines };
}

/** Lets promise callbacks run without moving the clock. */
const settle = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('session: ending the vendor session at sign-out', () => {
  it('calls signOut once, while the connection is still open, then disconnects', async () => {
    let openDuringSignOut: boolean | undefined;
    const h = await harness({
      onSignOut: (adapter) => {
        openDuringSignOut = !adapter.aborted;
      },
    });
    await h.session.start(CREDENTIALS);
    await h.session.stop();
    const adapter = h.vendor.latest();
    expect(adapter.counts.signOut).toBe(1);
    expect(adapter.calls).toEqual(['signOut', 'disconnect']);
    expect(openDuringSignOut).toBe(true);
    expect(adapter.aborted).toBe(true);
    // Signing out again has nothing left to end.
    await h.session.stop();
    expect(adapter.counts.signOut).toBe(1);
    expect(h.session.signedIn).toBe(false);
  });

  it('does not wait longer than SIGN_OUT_WAIT_MS for a signOut that hangs', async () => {
    const h = await harness({ onSignOut: () => new Promise<void>(() => undefined) });
    await h.session.start(CREDENTIALS);
    h.store.apply({ type: 'agent', agent: { status: 'ready' } });
    let done = false;
    const stopping = h.session.stop().then(() => {
      done = true;
    });
    await settle();
    // The agent sees the sign-out at once; the vendor's answer is only waited for a while.
    expect(h.session.signedIn).toBe(false);
    expect(h.store.getState().agent.status).toBe('loggedOut');
    expect(h.vendor.latest().counts.disconnect).toBe(0);
    await vi.advanceTimersByTimeAsync(SIGN_OUT_WAIT_MS - 1);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await stopping;
    expect(done).toBe(true);
    expect(h.vendor.latest().counts.disconnect).toBe(1);
    expect(h.vendor.latest().aborted).toBe(true);
    expect(h.secrets.data.get(SESSION_KEY)).toBeNull();
  });

  it('logs a signOut that fails or throws, and signs out all the same', async () => {
    for (const onSignOut of [
      async () => {
        throw new CtiError('network', 'uContact is down');
      },
      () => {
        throw new Error('adapter bug');
      },
    ]) {
      const h = await harness({ onSignOut });
      await h.session.start(CREDENTIALS);
      await expect(h.session.stop()).resolves.toBeUndefined();
      expect(h.vendor.latest().calls).toEqual(['signOut', 'disconnect']);
      expect(h.session.signedIn).toBe(false);
      expect(h.lines.some(([message]) => String(message).includes('could not end'))).toBe(true);
    }
  });

  it('has no vendor session to end when the connection is not up', async () => {
    const h = await harness();
    h.vendor.script.push(new CtiError('network', 'Connection refused'));
    await expect(h.session.start(CREDENTIALS)).rejects.toMatchObject({ code: 'network' });
    await h.session.stop();
    expect(h.vendor.latest().counts.signOut).toBe(0);
  });

  it('lets nothing from the connection being signed out reach the store', async () => {
    let emitDuringSignOut: (() => void) | undefined;
    const h = await harness({
      onSignOut: (adapter) => {
        emitDuringSignOut = () =>
          adapter.emit({ type: 'agent', agent: { status: 'notReady', reason: 'Late' } });
        emitDuringSignOut();
      },
    });
    await h.session.start(CREDENTIALS);
    await h.session.stop();
    expect(emitDuringSignOut).toBeDefined();
    expect(h.store.getState().agent.status).toBe('loggedOut');
  });
});

describe('session: queries on the connected adapter', () => {
  it('runs a query on the adapter while connected and refuses one before and after', async () => {
    const h = await harness();
    await expect(h.session.query(async () => 'x')).rejects.toMatchObject({ code: 'network' });
    await h.session.start(CREDENTIALS);
    const adapter = h.vendor.latest();
    await expect(h.session.query(async (a) => (a === adapter ? 'found' : 'other'))).resolves.toBe(
      'found',
    );
    // The adapter cannot: `use` gives nothing.
    await expect(h.session.query(() => undefined)).rejects.toMatchObject({ code: 'unsupported' });
    // A plain failure becomes the vendor refusing.
    await expect(
      h.session.query(async () => {
        throw new Error('boom');
      }),
    ).rejects.toMatchObject({ code: 'rejected', message: 'boom' });
    await h.session.stop();
    await expect(h.session.query(async () => 'x')).rejects.toMatchObject({ code: 'network' });
  });
});
