/**
 * An AdapterContext for tests: records every event, counts alive() calls, and lets the test
 * abort the connection the way the session does when it tears one down.
 */
import type { AdapterContext, Checkpoint, Credentials, Logger } from '../../../utils/cti/adapter';
import { systemClock } from '../../../utils/cti/adapter';
import type { CtiEvent } from '../../../utils/cti/model';
import { Recorder } from './recorder';

export interface TestContext {
  ctx: AdapterContext;
  events: Recorder<CtiEvent>;
  /** How many times the adapter called alive(). */
  alive(): number;
  /** Abort this context's signal (the session tearing the connection down). */
  abort(): void;
  /** Resolves with the first matching event not yet returned by an earlier call. */
  next<K extends CtiEvent['type']>(
    type: K,
    pred?: (event: Extract<CtiEvent, { type: K }>) => boolean,
    timeoutMs?: number,
  ): Promise<Extract<CtiEvent, { type: K }>>;
}

const quietLog: Logger = { debug() {}, info() {}, warn() {}, error() {} };

export function createTestContext(opts: {
  credentials: Credentials;
  fetch?: typeof fetch;
  WebSocket?: typeof WebSocket;
  clock?: AdapterContext['clock'];
  /** Default true: the connection right after a sign-in. */
  firstConnect?: boolean;
  /** Default false. */
  panelOpen?: () => boolean;
  /** Share one between contexts to model the session's storage.session checkpoint; default fresh. */
  checkpoint?: Checkpoint;
}): TestContext {
  const events = new Recorder<CtiEvent>();
  const controller = new AbortController();
  let alive = 0;
  const baseFetch =
    opts.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));
  // What the background's declarativeNetRequest rule does in the browser: Node's fetch may set
  // any header itself, Cookie included.
  let extra: { prefix: string; headers: Readonly<Record<string, string>> } | undefined;
  const fetchWithHeaders: typeof fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!extra || !url.startsWith(extra.prefix)) return baseFetch(input, init);
    const headers = new Headers(init?.headers);
    for (const [name, value] of Object.entries(extra.headers)) headers.set(name, value);
    return baseFetch(input, { ...init, headers });
  };
  const ctx: AdapterContext = {
    emit: (event) => events.record(event),
    alive: () => {
      alive += 1;
    },
    signal: controller.signal,
    clock: opts.clock ?? systemClock,
    fetch: fetchWithHeaders,
    WebSocket: opts.WebSocket ?? globalThis.WebSocket,
    log: quietLog,
    credentials: opts.credentials,
    firstConnect: opts.firstConnect ?? true,
    requestHeaders: {
      set: async (prefix, headers) => {
        extra = { prefix, headers: { ...headers } };
      },
      clear: async () => {
        extra = undefined;
      },
    },
    panelOpen: opts.panelOpen ?? (() => false),
    checkpoint: opts.checkpoint ?? memoryCheckpoint(),
  };
  return {
    ctx,
    events,
    alive: () => alive,
    abort: () => controller.abort(),
    next: (type, pred, timeoutMs) =>
      events.waitFor(
        (e) => e.type === type && (!pred || pred(e as never)),
        timeoutMs,
      ) as Promise<never>,
  };
}

/** A checkpoint in memory (JSON round-trip, as storage.session stores it). */
export function memoryCheckpoint(): Checkpoint {
  let saved: string | undefined;
  return {
    get: async () => (saved === undefined ? undefined : (JSON.parse(saved) as unknown)),
    set: async (value) => {
      saved = JSON.stringify(value);
    },
  };
}
