/**
 * The background's composition: settings → session → store → screen-pop, history and views.
 * It is the single authority (DESIGN.md "Architecture"): the only holder of credentials, the only
 * one that talks to the vendor, pops screens and writes history. Entry points only wire it; the
 * work is done by the services it builds (sign-in, commands, views, recent calls…) and the
 * handler map that answers every message (handlers.ts).
 */
import type { Browser } from 'wxt/browser';
import type { Clock, Logger, RequestHeaders, VendorAdapter } from '../cti/adapter';
import { createPostDial } from '../cti/post-dial';
import { createSession, type Session } from '../cti/session';
import {
  createCallStore,
  type CallStore,
  type CallTransition,
  type KeyValueArea,
} from '../cti/store';
import { vendorDescriptor } from '../cti/vendors';
import type { Reply } from '../messaging';
import type { DialSite, DialTarget } from '../phone/dial-policy';
import { createScreenPop, type ScreenPop } from '../screenpop/screen-pop';
import type { ResolvedSettings } from '../settings/policy';
import type { ScreenPopRule } from '../settings/schema';
import {
  createHistory,
  createPopLog,
  createPoppedKeys,
  openSwitchboardDb,
  type SwitchboardDb,
} from '../storage/db';
import { STORAGE } from '../storage/registry';
import type { Badge } from './badge';
import { effectiveCapabilities } from './capabilities';
import { createCommands, type Commands } from './commands';
import type { ClickToDialSettings } from './dial-gate';
import { createMessageHandler } from './handlers';
import { createIncomingCallNotifier, type NotificationsApi } from './incoming-call-notification';
import { buildPanelState, offeredDispositions } from './panel-state';
import { createRecentCalls } from './recent-calls';
import { settingsChange } from './settings-changes';
import { createSignIn } from './sign-in';
import { createViews } from './views';

export interface BackgroundDeps {
  extension: { id: string; origin: string };
  /** browser.storage.session: memory only, survives a worker restart, not a browser restart. */
  sessionArea: KeyValueArea;
  loadSettings(): Promise<ResolvedSettings>;
  saveUserSettings(patch: Record<string, unknown>): Promise<ResolvedSettings>;
  openTab(url: string, target: ScreenPopRule['target']): Promise<void>;
  setBadge(badge: Badge): Promise<void>;
  /** Header rules for vendor requests that fetch cannot make (AdapterContext.requestHeaders). */
  requestHeaders: RequestHeaders;
  /** A cheap extension API call that counts as worker activity (SessionDeps.keepAlive). */
  keepAlive(): void;
  /** Desktop notifications for ringing calls. */
  notifications: { api: NotificationsApi; iconUrl: string; supportsButtons: boolean };
  fetch: typeof fetch;
  WebSocket: typeof WebSocket;
  clock: Clock;
  log: Logger;
  openDb?: () => Promise<SwitchboardDb>;
  /** Told once at start-up and whenever an agent signs in or out (wake.ts keeps its document). */
  signedInChanged?(signedIn: boolean): void;
}

export interface BackgroundApp {
  ready: Promise<void>;
  handleMessage(message: unknown, sender: Browser.runtime.MessageSender): Promise<Reply<unknown>>;
  connectPanel(port: Browser.runtime.Port): void;
  settingsChanged(resolved: ResolvedSettings): void;
  watchdog(): void;
  notificationButtonClicked(notificationId: string, buttonIndex: number): void;
  /** The click-to-dial settings in force, for the context menu and the keyboard command. */
  clickToDial(): Promise<ClickToDialSettings>;
  /** A dial the browser's own UI asked for (browser-dial.ts), behind `content/dial`'s gate. */
  dialFromBrowser(target: DialTarget, site: DialSite): Promise<Reply<unknown>>;
}

/** Screen-pop with its claims and decision log in IndexedDB (DESIGN.md "Screen-pop"). */
function screenPopOn(
  db: Promise<SwitchboardDb>,
  deps: Pick<BackgroundDeps, 'openTab' | 'log'>,
  settings: () => ResolvedSettings['settings'],
): ScreenPop {
  const popped = db.then((d) => createPoppedKeys(d));
  const popLog = db.then((d) => createPopLog(d));
  return createScreenPop({
    getSettings: settings,
    popped: { claim: async (key) => (await popped).claim(key) },
    openTab: deps.openTab,
    // Every decision is kept for diagnostics.
    log: (decision) => {
      deps.log.info(`screen-pop ${decision.outcome}`, decision);
      void popLog.then((l) => l.add(decision)).catch(() => undefined);
    },
  });
}

/** The desktop notification of a ringing call; its Answer button answers it. */
function notifierOf(deps: BackgroundDeps, commands: Commands, store: CallStore) {
  return createIncomingCallNotifier({
    ...deps.notifications,
    notifications: deps.notifications.api,
    answer: (callId) =>
      void commands.run({ type: 'answer', callId }).then((reply) => {
        if (!reply.ok) store.addNotice('error', reply.error);
      }),
    log: (message, error) => deps.log.warn(message, error),
  });
}

/**
 * Calls `report` when the session's `signedIn` differs from the last call's. Every sign-in and
 * sign-out changes the store (the connection state), so calling this on every change sees them all.
 */
function signedInReporter(
  session: () => Session,
  report: BackgroundDeps['signedInChanged'],
): () => void {
  let last: boolean | undefined;
  return () => {
    const now = session().signedIn;
    if (now === last) return;
    last = now;
    report?.(now);
  };
}

/** The vendor session, its saved state in storage.session (STORAGE.session). */
function sessionOf(
  deps: BackgroundDeps,
  store: CallStore,
  createAdapter: () => VendorAdapter,
  panelOpen: () => boolean,
): Session {
  return createSession({
    createAdapter,
    store,
    clock: deps.clock,
    log: deps.log,
    fetch: deps.fetch,
    WebSocket: deps.WebSocket,
    secrets: deps.sessionArea,
    keys: { session: STORAGE.session.signIn.key, checkpoint: STORAGE.session.checkpoint.key },
    requestHeaders: deps.requestHeaders,
    panelOpen,
    keepAlive: deps.keepAlive,
  });
}

export function createBackgroundApp(deps: BackgroundDeps): BackgroundApp {
  const { log, clock } = deps;
  let resolved!: ResolvedSettings;
  let session!: Session;
  const settings = () => resolved.settings;
  const vendor = () => vendorDescriptor(settings().vendor);
  const capabilities = () => effectiveCapabilities(vendor().capabilities, settings());

  const store = createCallStore({
    storage: deps.sessionArea,
    clock,
    key: STORAGE.session.callStore.key,
  });
  const db = (deps.openDb ?? openSwitchboardDb)();
  const screenPop = screenPopOn(db, deps, settings);
  const recent = createRecentCalls(db.then(createHistory));

  const panelState = () =>
    buildPanelState({
      store: store.getState(),
      settings: settings(),
      locked: resolved.locked,
      vendor: vendor(),
      capabilities: capabilities(),
      identity: signIn.identity,
      recent: recent.list,
    });
  const views = createViews({
    extension: deps.extension,
    panelState,
    storeState: store.getState,
    setBadge: deps.setBadge,
    log,
  });
  const signIn = createSignIn({
    session: () => session,
    area: deps.sessionArea,
    vendor,
    saveConnection: async (values) => {
      resolved = await deps.saveUserSettings({ connection: { [settings().vendor]: values } });
    },
    broadcast: views.broadcast,
  });
  const commands = createCommands({
    session: () => session,
    store,
    settings,
    capabilities,
    vendorLabel: () => vendor().label,
    dispositions: () => offeredDispositions(capabilities(), store.getState(), settings()),
    recent,
    screenPop,
    broadcast: views.broadcast,
    clock,
    postDial: createPostDial({
      clock,
      sendDtmf: (callId, digits) => session.execute({ type: 'sendDtmf', callId, digits }),
      notice: (level, message) => store.addNotice(level, message),
    }),
  });
  const incomingCall = notifierOf(deps, commands, store);
  const handleMessage = createMessageHandler({
    extension: deps.extension,
    panelState,
    signIn,
    commands,
    store,
    session: () => session,
    vendor,
    settings,
    log,
  });

  async function followUp(transitions: CallTransition[]): Promise<void> {
    incomingCall.onTransitions(transitions);
    commands.onTransitions(transitions);
    await screenPop.onTransitions(transitions);
    await recent.record(transitions);
  }

  const reportSignedIn = signedInReporter(() => session, deps.signedInChanged);
  const ready = (async () => {
    resolved = await deps.loadSettings();
    await signIn.restore();
    session = sessionOf(deps, store, () => vendor().create(settings()), views.panelOpen);
    await store.ready;
    store.setCapabilities(capabilities());
    store.subscribe((_state, transitions) => {
      reportSignedIn();
      views.broadcast();
      if (transitions.length === 0) return;
      followUp(transitions).catch((e: unknown) => log.error('call follow-up failed', e));
    });
    await recent.refresh().catch((e: unknown) => log.warn('history unavailable', e));
    if (!(await session.restore())) signIn.forget();
    reportSignedIn();
  })();

  function settingsChanged(next: ResolvedSettings): void {
    const before = resolved.settings;
    resolved = next;
    store.setCapabilities(capabilities());
    if (session.signedIn) {
      const change = settingsChange(before, next.settings, capabilities());
      // Another vendor's adapter cannot carry on this vendor's session.
      if (change === 'vendor') void signIn.signOut();
      if (change === 'adapter') session.restart();
    }
    views.broadcast();
  }

  // Handlers wait until the settings are loaded and the session restored.
  const whenReady = <R>(fn: () => R): Promise<Awaited<R>> => ready.then(fn) as Promise<Awaited<R>>;
  return {
    ready,
    handleMessage: (message, sender) => whenReady(() => handleMessage(message, sender)),
    connectPanel: (port) => views.connect(port, ready),
    settingsChanged: (next) => void whenReady(() => settingsChanged(next)),
    watchdog: () => void whenReady(() => session.ensureRunning()),
    notificationButtonClicked: (id, index) =>
      void whenReady(() => incomingCall.onButtonClicked(id, index)),
    clickToDial: () => whenReady(() => settings().clickToDial),
    dialFromBrowser: (target, site) => whenReady(() => commands.dial(target, site)),
  };
}
