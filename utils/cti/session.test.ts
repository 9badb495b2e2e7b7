import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
// systemClock calls the global timers at call time, so vitest's fake timers drive it.
import { systemClock, type Logger } from './adapter';
import { CtiError, type Connection } from './model';
import {
  BACKOFF,
  createSession,
  SIGN_IN_TIMEOUT_MS,
  type NetworkWatch,
  type SessionDeps,
} from './session';
import type { ConnectFailure } from './model';
import { createCallStore, type KeyValueArea } from './store';
import {
  createFakeVendor,
  type FakeAdapterOptions,
  type FakeVendor,
} from '../../tests/support/fake-adapter';
import { STORAGE } from '../storage/registry';

const SESSION_KEY = STORAGE.session.signIn.key;

const CREDENTIALS = { username: 'agent7', password: 'hunter2-secret' };
const network = () => new CtiError('network', 'Connection refused');

function memoryArea(): KeyValueArea & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    get: async (key) => structuredClone(data.get(key)),
    set: async (key, value) => void data.set(key, structuredClone(value)),
  };
}

function recordingLog(): Logger & { lines: unknown[][] } {
  const lines: unknown[][] = [];
  const write = (...args: unknown[]) => void lines.push(args);
  return { lines, debug: write, info: write, warn: write, error: write };
}

interface Harness {
  vendor: FakeVendor;
  session: ReturnType<typeof createSession>;
  store: ReturnType<typeof createCallStore>;
  secrets: ReturnType<typeof memoryArea>;
  log: ReturnType<typeof recordingLog>;
  connection(): Connection;
}

/** As the background does: the store has loaded its saved state before the session starts. */
async function harness(
  options: {
    adapter?: FakeAdapterOptions;
    secrets?: ReturnType<typeof memoryArea>;
  } & Partial<SessionDeps> = {},
): Promise<Harness> {
  const vendor = createFakeVendor(options.adapter);
  const secrets = options.secrets ?? memoryArea();
  const log = recordingLog();
  const store = createCallStore({
    storage: memoryArea(),
    clock: systemClock,
    log,
    key: STORAGE.session.callStore.key,
  });
  const session = createSession({
    keys: { session: SESSION_KEY, checkpoint: STORAGE.session.checkpoint.key },
    createAdapter: vendor.createAdapter,
    store,
    log,
    fetch: vi.fn<typeof fetch>(),
    // The fake adapter never opens a socket; the session only hands this through.
    WebSocket: class {} as unknown as typeof WebSocket,
    secrets,
    ...options,
  });
  await store.ready;
  return { vendor, session, store, secrets, log, connection: () => store.getState().connection };
}

/** Lets promise callbacks run without moving the clock. */
const settle = () => vi.advanceTimersByTimeAsync(0);

/**
 * Signs in, then loses the connection: the reconnects meet `failures` first. Reconnects retry with
 * backoff; a sign-in's first connection does not (see "session: the first connection of a sign-in").
 */
async function signedInThenLost(h: Harness, failures: CtiError[]): Promise<void> {
  await h.session.start(CREDENTIALS);
  h.vendor.script.push(...failures);
  h.vendor.latest().loseConnection();
  await settle();
}

/**
 * The sign-in ended: failed with `failed`, nobody signed in, nothing saved, and nothing retried
 * however long one waits (the watchdog included).
 */
async function expectSignInEnded(
  h: Harness,
  failed: { reason: string; failure: ConnectFailure },
): Promise<void> {
  expect(h.connection()).toEqual({ status: 'failed', ...failed });
  expect(h.session.signedIn).toBe(false);
  expect(h.secrets.data.get(SESSION_KEY)).toBeNull();
  await vi.advanceTimersByTimeAsync(BACKOFF.capMs * 4);
  h.session.ensureRunning();
  expect(h.vendor.adapters).toHaveLength(1);
  expect(h.connection()).toEqual({ status: 'failed', ...failed });
}

/** The wait the session chose for the reconnect it just scheduled. */
function scheduledDelay(h: Harness): number {
  const c = h.connection();
  if (c.status !== 'reconnecting') throw new Error(`expected reconnecting, got ${c.status}`);
  return c.retryAt - Date.now();
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('session: sign-in and commands', () => {
  it('connects, then resyncs', async () => {
    const h = await harness();
    await h.session.start(CREDENTIALS);
    await settle();
    expect(h.connection().status).toBe('connected');
    expect(h.vendor.latest().ctx?.credentials).toEqual(CREDENTIALS);
    expect(h.vendor.latest().counts.resync).toBe(1);
    expect(h.session.signedIn).toBe(true);
  });

  it('rejects commands clearly while not connected', async () => {
    const h = await harness();
    await expect(h.session.execute({ type: 'dial', number: '123' })).rejects.toMatchObject({
      code: 'network',
      message: 'Not connected to the phone system',
    });
  });

  it('passes commands to the adapter and turns its failures into CtiErrors', async () => {
    const h = await harness({
      adapter: {
        capabilities: { commands: new Set(['dial', 'hangup']) },
        onExecute: (command) => {
          if (command.type === 'hangup') throw new Error('vendor said no');
        },
      },
    });
    await h.session.start(CREDENTIALS);
    await h.session.execute({ type: 'dial', number: '123' });
    expect(h.vendor.latest().executed).toEqual([{ type: 'dial', number: '123' }]);
    await expect(h.session.execute({ type: 'hold', callId: 'c1' })).rejects.toMatchObject({
      code: 'unsupported',
    });
    await expect(h.session.execute({ type: 'hangup', callId: 'c1' })).rejects.toMatchObject({
      code: 'rejected',
    });
    h.vendor.latest().emit({
      type: 'callUpsert',
      call: {
        id: 'c1',
        vendorCallId: 'v1',
        direction: 'inbound',
        state: 'connected',
        remote: { raw: '1' },
        startedAt: 1,
      },
    });
    await expect(h.session.execute({ type: 'hangup', callId: 'c1' })).rejects.toMatchObject({
      code: 'rejected',
      message: 'vendor said no',
    });
  });

  it('signs out: disconnects, forgets the credentials and clears the store', async () => {
    const h = await harness();
    await h.session.start(CREDENTIALS);
    h.store.apply({ type: 'agent', agent: { status: 'ready' } });
    await h.session.stop();
    expect(h.vendor.latest().counts.disconnect).toBe(1);
    expect(h.vendor.latest().aborted).toBe(true);
    expect(h.session.signedIn).toBe(false);
    expect(h.secrets.data.get(SESSION_KEY)).toBeNull();
    expect(h.store.getState()).toMatchObject({
      connection: { status: 'idle' },
      agent: { status: 'loggedOut' },
    });
  });

  it('stops retrying once signed out', async () => {
    const h = await harness();
    h.vendor.script.push(network());
    await h.session.start(CREDENTIALS).catch(() => {});
    await h.session.stop();
    await vi.advanceTimersByTimeAsync(BACKOFF.capMs * 4);
    expect(h.vendor.adapters).toHaveLength(1);
  });

  it('never logs the credentials', async () => {
    const h = await harness();
    h.vendor.script.push(network(), new CtiError('auth', 'Wrong password'));
    await h.session.start(CREDENTIALS).catch(() => {});
    await vi.advanceTimersByTimeAsync(BACKOFF.capMs);
    expect(h.log.lines.length).toBeGreaterThan(0);
    expect(JSON.stringify(h.log.lines)).not.toContain(CREDENTIALS.password);
  });
});

describe('session: failures and backoff', () => {
  it('grows the backoff exponentially up to 30 s', async () => {
    const h = await harness({ random: () => 1 });
    // The lost connection, then eight reconnects that fail.
    await signedInThenLost(h, Array.from({ length: 8 }, network));
    const delays: number[] = [];
    for (let i = 0; i < 9; i++) {
      const delay = scheduledDelay(h);
      delays.push(delay);
      await vi.advanceTimersByTimeAsync(delay);
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
    expect(h.connection().status).toBe('connected');
  });

  it('jitters every delay within [0, ceiling) by the random draw', async () => {
    // Not 0: the fake timers move a zero-delay timer set during a tick to 1 ms, which would blur this test.
    const draws = [0.5, 0.1, 0.9, 0.01, 0.75, 0.3, 0.99];
    let next = 0;
    const h = await harness({ random: () => draws[next++ % draws.length]! });
    await h.session.start(CREDENTIALS);
    // The lost connection, then a reconnect that fails for every draw after the first.
    h.vendor.script.push(...draws.slice(1).map(network));
    h.vendor.latest().loseConnection(network());
    for (const [i, draw] of draws.entries()) {
      const attempt = i + 1;
      const ceiling = Math.min(BACKOFF.capMs, BACKOFF.baseMs * 2 ** i);
      expect(h.connection()).toMatchObject({
        status: 'reconnecting',
        attempt,
        reason: 'Connection refused',
      });
      const delay = scheduledDelay(h);
      expect(delay).toBe(draw * ceiling);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(ceiling);
      await vi.advanceTimersByTimeAsync(delay);
    }
  });

  it('resets the attempt counter after a stable minute, not before', async () => {
    const h = await harness({ random: () => 1 });
    await signedInThenLost(h, [network()]);
    await vi.advanceTimersByTimeAsync(scheduledDelay(h));
    await vi.advanceTimersByTimeAsync(scheduledDelay(h));
    expect(h.connection().status).toBe('connected');
    // Dropped before a minute: the next attempt continues the sequence.
    await vi.advanceTimersByTimeAsync(BACKOFF.stableMs / 2);
    h.vendor.latest().loseConnection();
    expect(h.connection()).toMatchObject({ status: 'reconnecting', attempt: 3 });
    await vi.advanceTimersByTimeAsync(scheduledDelay(h));
    // Stable for a minute: the next drop starts again from the first attempt.
    await vi.advanceTimersByTimeAsync(BACKOFF.stableMs);
    expect(h.secrets.data.get(SESSION_KEY)).toMatchObject({ attempt: 0 });
    h.vendor.latest().loseConnection();
    expect(h.connection()).toMatchObject({ status: 'reconnecting', attempt: 1 });
    expect(scheduledDelay(h)).toBe(BACKOFF.baseMs);
  });

  it('stops on an authentication failure and says why', async () => {
    const h = await harness();
    const wrong = new CtiError('auth', 'Wrong password');
    h.vendor.script.push(wrong);
    await expect(h.session.start(CREDENTIALS)).rejects.toBe(wrong);
    await expectSignInEnded(h, { reason: 'Wrong password', failure: 'credentials' });
  });

  it('stops when the token is refused during a reconnect', async () => {
    const h = await harness();
    await h.session.start(CREDENTIALS);
    h.vendor.script.push(new CtiError('auth', 'Token expired'));
    h.vendor.latest().loseConnection();
    await vi.advanceTimersByTimeAsync(BACKOFF.capMs);
    expect(h.connection()).toEqual({
      status: 'failed',
      reason: 'Token expired',
      failure: 'credentials',
    });
    await vi.advanceTimersByTimeAsync(BACKOFF.capMs * 4);
    expect(h.vendor.adapters).toHaveLength(2);
  });

  it('fails without retrying when settings cannot make an adapter', async () => {
    const h = await harness();
    h.vendor.createError = new CtiError('config', 'Enter the server address');
    await expect(h.session.start(CREDENTIALS)).rejects.toMatchObject({ code: 'config' });
    expect(h.connection()).toEqual({
      status: 'failed',
      reason: 'Enter the server address',
      failure: 'config',
    });
  });

  it('gives up on a reconnect that never settles and retries', async () => {
    const h = await harness({ connectTimeoutMs: 10_000, random: () => 1 });
    await h.session.start(CREDENTIALS);
    h.vendor.script.push('hang');
    h.vendor.latest().loseConnection();
    await vi.advanceTimersByTimeAsync(BACKOFF.baseMs);
    const hung = h.vendor.latest();
    expect(h.connection()).toEqual({ status: 'connecting' });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(hung.aborted).toBe(true);
    expect(h.connection()).toMatchObject({
      status: 'reconnecting',
      attempt: 2,
      reason: 'The phone system did not answer in time',
    });
  });
});

/** A network watch that reports `seen` (after `delayMs`) and records how it was used. */
function fakeWatch(seen: ConnectFailure | undefined, delayMs = 0) {
  const watches: { explained: number; stopped: boolean }[] = [];
  const watchNetwork = (): NetworkWatch => {
    const watch = { explained: 0, stopped: false };
    watches.push(watch);
    return {
      explain: async () => {
        watch.explained += 1;
        if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
        return seen;
      },
      stop: () => void (watch.stopped = true),
    };
  };
  return { watches, watchNetwork };
}

describe('session: the first connection of a sign-in', () => {
  it('ends the sign-in on a network failure: nobody signed in, nothing retried, nothing saved', async () => {
    const h = await harness({ random: () => 1 });
    h.vendor.script.push(network());
    await expect(h.session.start(CREDENTIALS)).rejects.toMatchObject({
      code: 'network',
      message: 'Connection refused',
      failure: undefined,
    });
    await expectSignInEnded(h, { reason: 'Connection refused', failure: 'network' });
  });

  it('asks the network watch what a network failure was, and stops it', async () => {
    const { watches, watchNetwork } = fakeWatch('dns');
    const h = await harness({ watchNetwork });
    h.vendor.script.push(network());
    await expect(h.session.start(CREDENTIALS)).rejects.toMatchObject({
      code: 'network',
      failure: 'dns',
    });
    expect(h.connection()).toEqual({
      status: 'failed',
      reason: 'Connection refused',
      failure: 'dns',
    });
    expect(watches).toEqual([{ explained: 1, stopped: true }]);
  });

  it('keeps the kind the adapter gave, and never asks the watch about a refusal', async () => {
    const { watches, watchNetwork } = fakeWatch('unreachable');
    const h = await harness({ watchNetwork });
    const wrongPath = new CtiError('network', 'HTTP 404', { failure: 'notFound' });
    h.vendor.script.push(wrongPath);
    await expect(h.session.start(CREDENTIALS)).rejects.toBe(wrongPath);
    expect(h.connection()).toMatchObject({ failure: 'notFound' });
    const wrong = new CtiError('auth', 'Wrong password');
    h.vendor.script.push(wrong);
    await expect(h.session.start(CREDENTIALS)).rejects.toBe(wrong);
    expect(h.connection()).toMatchObject({ failure: 'credentials' });
    expect(watches.map((w) => w.explained)).toEqual([0, 0]);
    expect(watches.every((w) => w.stopped)).toBe(true);
  });

  it('falls back to what the error says when the watch saw nothing', async () => {
    const h = await harness({ watchNetwork: fakeWatch(undefined).watchNetwork });
    h.vendor.script.push(network());
    await expect(h.session.start(CREDENTIALS)).rejects.toMatchObject({ code: 'network' });
    expect(h.connection()).toMatchObject({ status: 'failed', failure: 'network' });
  });

  it('gives up on a first connection that does not open in time', async () => {
    const h = await harness({ random: () => 1 });
    h.vendor.script.push('hang');
    const started = h.session.start(CREDENTIALS).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(SIGN_IN_TIMEOUT_MS - 1);
    expect(h.connection()).toEqual({ status: 'connecting' });
    await vi.advanceTimersByTimeAsync(1);
    expect(await started).toMatchObject({ code: 'timeout' });
    expect(h.vendor.adapters[0]?.aborted).toBe(true);
    expect(h.connection()).toMatchObject({ status: 'failed', failure: 'timeout' });
    await vi.advanceTimersByTimeAsync(BACKOFF.capMs * 2);
    expect(h.vendor.adapters).toHaveLength(1);
  });

  it('saves the sign-in only once the vendor accepted it, and watches only its first connection', async () => {
    const { watches, watchNetwork } = fakeWatch(undefined);
    const h = await harness({ watchNetwork });
    let opened!: () => void;
    h.vendor.script.push(() => new Promise<void>((resolve) => (opened = resolve)));
    const started = h.session.start(CREDENTIALS);
    await settle();
    expect(h.session.signedIn).toBe(true);
    expect(h.secrets.data.get(SESSION_KEY)).toBeNull();
    opened();
    await started;
    expect(h.secrets.data.get(SESSION_KEY)).toMatchObject({ credentials: CREDENTIALS });
    expect(watches).toEqual([{ explained: 0, stopped: true }]);
    h.vendor.latest().loseConnection();
    await vi.advanceTimersByTimeAsync(BACKOFF.capMs);
    expect(h.connection().status).toBe('connected');
    expect(watches).toHaveLength(1);
  });

  it('leaves a sign-out or a new sign-in alone when an older failure is explained late', async () => {
    const h = await harness({ watchNetwork: fakeWatch('unreachable', 1_000).watchNetwork });
    h.vendor.script.push(network());
    const first = h.session.start(CREDENTIALS).catch((e: unknown) => e);
    await settle();
    await h.session.stop();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await first).toMatchObject({ failure: 'unreachable' });
    expect(h.connection()).toEqual({ status: 'idle' });

    h.vendor.script.push(network());
    const second = h.session.start(CREDENTIALS).catch((e: unknown) => e);
    await settle();
    const third = h.session.start(CREDENTIALS);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await second).toMatchObject({ failure: 'unreachable' });
    await third;
    expect(h.connection().status).toBe('connected');
  });
});

describe('session: keeping the connection alive', () => {
  it('reconnects with a fresh adapter and resyncs after the connection is lost', async () => {
    const h = await harness();
    await h.session.start(CREDENTIALS);
    const first = h.vendor.latest();
    first.loseConnection();
    expect(first.aborted).toBe(true);
    expect(first.counts.disconnect).toBe(1);
    expect(h.connection()).toMatchObject({
      status: 'reconnecting',
      attempt: 1,
      reason: 'Connection closed',
    });
    await vi.advanceTimersByTimeAsync(scheduledDelay(h));
    const second = h.vendor.latest();
    expect(second).not.toBe(first);
    // Sign-in steps (agent login on a phone) belong to the first connection only.
    expect(first.ctx?.firstConnect).toBe(true);
    expect(second.ctx?.firstConnect).toBe(false);
    expect(second.ctx?.signal.aborted).toBe(false);
    expect(second.counts.resync).toBe(1);
    expect(h.connection().status).toBe('connected');
    // The dead connection can no longer touch the store.
    first.ctx?.emit({ type: 'agent', agent: { status: 'ready' } });
    expect(h.store.getState().agent.status).toBe('loggedOut');
  });

  it('declares the connection dead after missLimit heartbeats without an answer', async () => {
    const h = await harness({ adapter: { heartbeat: { intervalMs: 5_000, missLimit: 3 } } });
    await h.session.start(CREDENTIALS);
    const adapter = h.vendor.latest();
    await vi.advanceTimersByTimeAsync(5_000 * 10);
    expect(adapter.counts.heartbeat).toBe(10);
    expect(h.connection().status).toBe('connected');
    adapter.answersHeartbeat = false;
    await vi.advanceTimersByTimeAsync(5_000 * 2);
    expect(h.connection().status).toBe('connected');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(h.connection()).toMatchObject({
      status: 'reconnecting',
      reason: 'No answer from the server',
    });
    expect(adapter.aborted).toBe(true);
  });

  it('counts any event from the vendor as a sign of life', async () => {
    const h = await harness({ adapter: { heartbeat: { intervalMs: 5_000, missLimit: 2 } } });
    await h.session.start(CREDENTIALS);
    const adapter = h.vendor.latest();
    adapter.answersHeartbeat = false;
    for (let i = 0; i < 5; i++) {
      await vi.advanceTimersByTimeAsync(5_000);
      adapter.emit({ type: 'agent', agent: { status: 'ready' } });
    }
    expect(h.connection().status).toBe('connected');
  });

  it('lets the watchdog restart a retry whose timer was lost with a suspended worker', async () => {
    const h = await harness({ random: () => 1 });
    await signedInThenLost(h, []);
    h.session.ensureRunning();
    expect(h.vendor.adapters).toHaveLength(1);
    // The clock moves on but the retry timer never fires, as in a suspended context.
    vi.setSystemTime(Date.now() + BACKOFF.capMs * 2);
    h.session.ensureRunning();
    await settle();
    expect(h.vendor.adapters).toHaveLength(2);
    expect(h.connection().status).toBe('connected');
  });

  it('does nothing on the watchdog while connected', async () => {
    const h = await harness();
    await h.session.start(CREDENTIALS);
    h.session.ensureRunning();
    expect(h.vendor.adapters).toHaveLength(1);
  });
});

describe('session: one adapter per connection (adapter.ts "Lifecycle")', () => {
  it('gives every connection a fresh adapter that finds only what the last one checkpointed', async () => {
    const secrets = memoryArea();
    const h = await harness({ secrets, random: () => 0 });
    await h.session.start(CREDENTIALS);
    const first = h.vendor.latest();
    await first.ctx!.checkpoint.set({ token: 'kept' });
    first.loseConnection();
    await vi.advanceTimersByTimeAsync(0);
    const second = h.vendor.latest();
    expect(second).not.toBe(first);
    expect(first.aborted).toBe(true);
    expect(second.ctx?.firstConnect).toBe(false);
    expect(await second.ctx!.checkpoint.get()).toEqual({ token: 'kept' });

    // A restarted worker: a new session over the same storage.session.
    vi.clearAllTimers();
    const after = await harness({ secrets });
    expect(await after.session.restore()).toBe(true);
    expect(await after.vendor.latest().ctx!.checkpoint.get()).toEqual({ token: 'kept' });

    // A new sign-in starts with nothing.
    await after.session.stop();
    await after.session.start(CREDENTIALS);
    expect(after.vendor.latest().ctx?.firstConnect).toBe(true);
    expect(await after.vendor.latest().ctx!.checkpoint.get()).toBeNull();
    // No adapter was ever connected twice.
    for (const adapter of [...h.vendor.adapters, ...after.vendor.adapters]) {
      expect(adapter.counts.connect).toBe(1);
    }
  });
});

describe('session: worker restart', () => {
  it('restores with the same credentials and backoff state', async () => {
    const secrets = memoryArea();
    const before = await harness({ secrets, random: () => 1 });
    await signedInThenLost(before, [network()]);
    await vi.advanceTimersByTimeAsync(scheduledDelay(before));
    expect(secrets.data.get(SESSION_KEY)).toMatchObject({ attempt: 2 });

    // The worker is killed: a new session and store start from storage.session alone.
    vi.clearAllTimers();
    const after = await harness({ secrets, random: () => 1 });
    after.vendor.script.push(network());
    expect(await after.session.restore()).toBe(true);
    expect(after.vendor.latest().ctx?.credentials).toEqual(CREDENTIALS);
    expect(after.vendor.latest().ctx?.firstConnect).toBe(false);
    await settle();
    expect(after.connection()).toMatchObject({ status: 'reconnecting', attempt: 3 });
    await vi.advanceTimersByTimeAsync(scheduledDelay(after));
    expect(after.connection().status).toBe('connected');
    expect(after.vendor.latest().counts.resync).toBe(1);
  });

  it('reports that nobody was signed in', async () => {
    const h = await harness();
    expect(await h.session.restore()).toBe(false);
    expect(h.vendor.adapters).toHaveLength(0);
  });

  it('discards a saved session that fails validation', async () => {
    const secrets = memoryArea();
    secrets.data.set(SESSION_KEY, { version: 1, credentials: 'nope', attempt: -1 });
    const h = await harness({ secrets });
    expect(await h.session.restore()).toBe(false);
    expect(h.session.signedIn).toBe(false);
  });
});
