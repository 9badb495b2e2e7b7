/**
 * A background app as the entry point builds it, with in-memory settings and session storage,
 * `ws` as the WebSocket and stubbed browser surfaces, for tests against the vendor simulators.
 */
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { startXivoSimulator, type XivoSimulator } from '../simulators/xivo';
import { systemClock, type Logger } from '../../utils/cti/adapter';
import type { KeyValueArea } from '../../utils/cti/store';
import type { SwitchboardDb } from '../../utils/storage/db';
import type { PanelState } from '../../utils/messaging';
import { deepMerge, resolveSettings, withoutLocked } from '../../utils/settings/policy';
import {
  createBackgroundApp,
  type BackgroundApp,
  type BackgroundDeps,
} from '../../utils/background/app';
import type { RingPlayer } from '../../utils/background/ring-tone';
import { NodeWebSocket } from '../simulators/shared/node-websocket';

export type Sender = Browser.runtime.MessageSender;

export const EXTENSION = { id: 'switchboard-id', origin: 'chrome-extension://switchboard-id' };
export const POPUP: Sender = { id: EXTENSION.id, url: `${EXTENSION.origin}/popup.html` };
export const ALICE = { username: 'alice', password: 'secret', phoneNumber: '1001' };

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };

export function memoryArea(): KeyValueArea {
  const data = new Map<string, unknown>();
  return {
    get: async (key) => structuredClone(data.get(key)),
    set: async (key, value) => void data.set(key, structuredClone(value)),
  };
}

export interface HarnessOptions {
  user?: unknown;
  managed?: unknown;
  openTab?: BackgroundDeps['openTab'];
  openDb?: () => Promise<SwitchboardDb>;
  /** The desktop notifications (default: accepted and forgotten). */
  notifications?: BackgroundDeps['notifications']['api'];
  signedInChanged?: BackgroundDeps['signedInChanged'];
  /** The outbox's storage (default: its IndexedDB). */
  outboxStore?: BackgroundDeps['outboxStore'];
  /** The settings are loaded once this settles (default at once): a slow first start. */
  settingsLoaded?: Promise<void>;
  /** What the browser reports of failed requests (default: nothing, as where webRequest is absent). */
  network?: BackgroundDeps['network'];
  /** What plays the ring tone (default: none). */
  ringPlayer?: RingPlayer;
  /** The agent's own settings are read once this settles (default at once). */
  ownSettingsLoaded?: Promise<void>;
  /** `storage.session` (default: a fresh in-memory area). */
  sessionArea?: KeyValueArea;
}

const apps: BackgroundApp[] = [];

/** Sign every app out (stopping its timers and sockets); call from afterEach. */
export async function closeApps(): Promise<void> {
  for (const app of apps.splice(0)) await app.handleMessage({ type: 'panel/signOut' }, POPUP);
}

export async function createHarness(opts: HarnessOptions = {}) {
  let user: unknown = opts.user ?? {};
  let managed: unknown = opts.managed ?? {};
  const resolve = () => resolveSettings(user, managed);
  const openTab = vi.fn<BackgroundDeps['openTab']>(opts.openTab ?? (async () => undefined));
  const app = createBackgroundApp({
    extension: EXTENSION,
    sessionArea: opts.sessionArea ?? memoryArea(),
    loadSettings: async () => {
      await opts.settingsLoaded;
      return resolve();
    },
    // The agent's own values are at hand before the policy, as in the browser.
    loadOwnSettings: async () => {
      await opts.ownSettingsLoaded;
      return resolveSettings(user, {});
    },
    saveUserSettings: async (patch) => {
      user = deepMerge(user, withoutLocked(patch, resolve().locked));
      return resolve();
    },
    openTab,
    // The toolbar and notification sides are not what these tests look at.
    setBadge: async () => undefined,
    requestHeaders: { set: async () => undefined, clear: async () => undefined },
    keepAlive: () => undefined,
    notifications: {
      api: opts.notifications ?? { create: async () => undefined, clear: async () => undefined },
      iconUrl: 'icon.png',
      supportsButtons: true,
    },
    fetch: (...args) => globalThis.fetch(...args),
    WebSocket: NodeWebSocket,
    clock: systemClock,
    log: quiet,
    openDb: opts.openDb,
    signedInChanged: opts.signedInChanged,
    outboxStore: opts.outboxStore,
    network: opts.network,
    ringPlayer: opts.ringPlayer && (() => opts.ringPlayer!),
  });
  apps.push(app);
  await app.ready;
  const send = (message: unknown, sender: Sender = POPUP) => app.handleMessage(message, sender);
  const state = async () => {
    const reply = await send({ type: 'panel/getState' });
    if (!reply.ok) throw new Error(reply.error);
    return reply.value as PanelState;
  };
  return {
    app,
    openTab,
    send,
    state,
    /** The panel state once `pred` holds (the vendor answers asynchronously). */
    until: (pred: (s: PanelState) => boolean) =>
      vi.waitFor(
        async () => {
          const s = await state();
          if (!pred(s))
            throw new Error(`not yet: ${JSON.stringify(s.connection)} ${s.calls.length} calls`);
          return s;
        },
        { timeout: 5000, interval: 20 },
      ),
    /** What storage.onChanged would report after the admin or the options page changed values. */
    change(next: { user?: unknown; managed?: unknown }) {
      user = next.user ?? user;
      managed = next.managed ?? managed;
      app.settingsChanged(resolve());
    },
    signIn: (sim: XivoSimulator) =>
      send({ type: 'panel/signIn', credentials: ALICE, connection: { server: sim.url } }),
    command: (command: unknown) => send({ type: 'panel/command', command }),
  };
}

export type Harness = Awaited<ReturnType<typeof createHarness>>;

/**
 * For a test file: a fresh XiVO simulator and empty IndexedDB before each test, every app signed
 * out and the simulator closed after it. Returns the current test's simulator.
 */
export function xivoPerTest(
  options?: Parameters<typeof startXivoSimulator>[0],
): () => XivoSimulator {
  let sim: XivoSimulator | undefined;
  beforeEach(async () => {
    globalThis.indexedDB = new IDBFactory();
    sim = await startXivoSimulator(options);
  });
  afterEach(async () => {
    await closeApps();
    await sim?.close();
  });
  return () => sim!;
}
