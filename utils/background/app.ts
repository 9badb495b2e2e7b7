/**
 * The background's composition: settings → session → store → screen-pop, history and views.
 * It is the single authority (DESIGN.md "Architecture"): the only holder of credentials, the only
 * one that talks to the vendor, pops screens and writes history. Entry points only wire it; the
 * work is done by the services it builds (sign-in, commands, views, recent calls…) and the
 * handler map that answers every message (handlers.ts).
 */
import type { Browser } from 'wxt/browser';
import type { Clock, Logger, RequestHeaders } from '../cti/adapter';
import { createPostDial } from '../cti/post-dial';
import { createSession, type Session, type SessionDeps } from '../cti/session';
import {
  createCallStore,
  type CallStore,
  type CallTransition,
  type KeyValueArea,
} from '../cti/store';
import { vendorDescriptor } from '../cti/vendors';
import type { VendorDescriptor } from '../cti/vendor';
import type { DiagnosticsReport, PanelState, Reply } from '../messaging';
import type { DialSite, DialTarget } from '../phone/dial-policy';
import { outageNotice } from '../history/outage';
import type { HistoryRetention } from '../history/retention';
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
import type { OutboxStore } from '../storage/outbox-db';
import { STORAGE } from '../storage/registry';
import type { Badge } from './badge';
import { effectiveCapabilities } from './capabilities';
import { createCommands, type Commands } from './commands';
import {
  createDiagnostics,
  recordingSignIn,
  recordingStore,
  type Diagnostics,
} from './diagnostics';
import { diagnosticsReport } from './diagnostics-report';
import { createDialConfirmations, type DialConfirmations } from './dial-confirmations';
import type { ClickToDialSettings } from './dial-gate';
import { createAgentTools } from './agent-tools';
import { createMessageHandler, isConfigRequest, type MessageHandler } from './handlers';
import { createAppOutbox, storageNotices, vendorLabel, type StorageFailed } from './outbox-app';
import type { Outbox } from './outbox';
import { createIncomingCallNotifier, type NotificationsApi } from './incoming-call-notification';
import { runCallKey, type CallKey } from './call-keys';
import { buildPanelState, offeredDispositions } from './panel-state';
import type { PopOut } from './pop-out';
import { createPanelSnapshots, type PanelSnapshots } from './panel-snapshot';
import { createRecentCalls, type RecentCalls } from './recent-calls';
import { createRing, RING_TEXT, type RingPlayer } from './ring';
import { settingsChange, type SettingsChange } from './settings-changes';
import { createNetworkWatcher, serverOrigins, type NetworkWatchDeps } from './network-watch';
import { createSignIn, type SignIn } from './sign-in';
import { createViews, type Views } from './views';
import { isUiLanguageActive, setUiLanguage, t } from '../i18n/runtime';

export interface BackgroundDeps {
  extension: { id: string; origin: string };
  /** browser.storage.session: memory only, survives a worker restart, not a browser restart. */
  sessionArea: KeyValueArea;
  loadSettings(): Promise<ResolvedSettings>;
  /**
   * The agent's own settings without the admin's policy, which Chromium gives only seconds after
   * it starts: for the provisional panel snapshot of a browser start (panel-snapshot.ts).
   */
  loadOwnSettings?(): Promise<ResolvedSettings>;
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
  /** Opens the database, keeping as much history as `history` says (settings `history`). */
  openDb?: (history: HistoryRetention) => Promise<SwitchboardDb>;
  /** Tests give the outbox their own storage (outbox-db.ts). */
  outboxStore?: OutboxStore;
  /** Told once at start-up and whenever an agent signs in or out (wake.ts keeps its document). */
  signedInChanged?(signedIn: boolean): void;
  /** The extension's version and the browser, for the diagnostics report. */
  about?: DiagnosticsReport['about'];
  /**
   * What the browser reports of the extension's failed requests and whether it may reach a server
   * (network-watch.ts): a sign-in's network failures are told apart with them.
   */
  network?: Partial<Pick<NetworkWatchDeps, 'errors' | 'hostAccess'>>;
  /** The panel's own window (pop-out.ts); absent where the browser cannot open one. */
  popOut?: PopOut;
  /**
   * What plays the ring tone (ring.ts): the wake document on Chrome, the background page on
   * Firefox. `failed` tells the agent when it cannot play.
   */
  ringPlayer?(failed: (reason: string) => void): RingPlayer | undefined;
}

export interface BackgroundApp {
  ready: Promise<void>;
  /** The settings are loaded: enough to answer `content/config`. */
  settingsReady: Promise<void>;
  handleMessage(message: unknown, sender: Browser.runtime.MessageSender): Promise<Reply<unknown>>;
  connectPanel(port: Browser.runtime.Port): void;
  settingsChanged(resolved: ResolvedSettings): void;
  watchdog(): void;
  notificationButtonClicked(notificationId: string, buttonIndex: number): void;
  /** The click-to-dial settings in force, for the context menu and the keyboard command. */
  clickToDial(): Promise<ClickToDialSettings>;
  /** A dial the browser's own UI asked for (browser-dial.ts), behind `content/dial`'s gate. */
  dialFromBrowser(target: DialTarget, site: DialSite): Promise<Reply<unknown>>;
  /** A call's keyboard command (call-keys.ts): undefined when done, else why not. */
  callKey(key: CallKey): Promise<string | undefined>;
}

/** Screen-pop with its claims and decision log in IndexedDB (DESIGN.md "Screen-pop"). */
function screenPopOn(
  db: Promise<SwitchboardDb>,
  deps: Pick<BackgroundDeps, 'openTab' | 'log'>,
  settings: () => ResolvedSettings['settings'],
  storageFailed: StorageFailed,
  journal: Diagnostics['pop'],
): ScreenPop {
  const popped = db.then((d) => createPoppedKeys(d));
  const popLog = db.then((d) => createPopLog(d));
  return createScreenPop({
    getSettings: settings,
    popped: {
      claim: async (key) =>
        (await popped).claim(key).catch((error: unknown) => {
          // No claim, no pop (it could pop twice): the agent is told why the record did not open.
          storageFailed(t('storage.callerRecord'), error);
          throw error;
        }),
    },
    openTab: deps.openTab,
    // Every decision is kept for diagnostics: on disk without its URL, in the journal with it.
    log: (decision, url) => {
      journal(decision, url);
      deps.log.info(`screen-pop ${decision.outcome}`, decision);
      void popLog
        .then((l) => l.add(decision))
        .catch((error: unknown) => storageFailed(t('storage.popLog'), error));
    },
  });
}

/**
 * This browser's history, kept as the settings say (`history.*`): the database prunes it when it
 * opens, so it opens once they are loaded; every call recorded prunes it again.
 */
function historyOf(
  deps: Pick<BackgroundDeps, 'openDb' | 'clock'>,
  settingsReady: Promise<void>,
  settings: () => ResolvedSettings['settings'],
  storageFailed: StorageFailed,
  views: () => { broadcast(): void },
): { db: Promise<SwitchboardDb>; recent: RecentCalls } {
  const open = deps.openDb ?? ((history) => openSwitchboardDb(undefined, history));
  const db = settingsReady.then(() => open(settings().history));
  const recorded = () => views().broadcast();
  const recent = createRecentCalls(db.then(createHistory), storageFailed, recorded, {
    retention: () => settings().history,
    now: () => deps.clock.now(),
  });
  return { db, recent };
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

/** Outage records: history gets the calls of the time offline, or the outage (history/outage.ts). */
function outageRecorder(
  store: CallStore,
  recent: RecentCalls,
  broadcast: () => void,
): SessionDeps['outageEnded'] {
  return async (outage, pastCalls) => {
    const notice = outageNotice(outage, await recent.recordOutage(outage, pastCalls));
    if (notice) store.addNotice(notice.level, notice.message);
    // The panel lists history: show it what changed there.
    broadcast();
  };
}

/** The extension digits of a dialled number, keyed in once the call is answered. */
function postDialOf(clock: Clock, session: () => Session, store: CallStore) {
  return createPostDial({
    clock,
    sendDtmf: (callId, digits) => session().execute({ type: 'sendDtmf', callId, digits }),
    notice: (level, message) => store.addNotice(level, message),
  });
}

/** Dials waiting for the agent's confirmation, asked on the notification and the panel. */
function confirmationsOf(
  deps: BackgroundDeps,
  store: CallStore,
  commands: () => Commands,
  broadcast: () => void,
): DialConfirmations {
  return createDialConfirmations({
    area: deps.sessionArea,
    key: STORAGE.session.dialConfirmations.key,
    notifications: deps.notifications.api,
    iconUrl: deps.notifications.iconUrl,
    supportsButtons: deps.notifications.supportsButtons,
    clock: deps.clock,
    dial: (waiting) => commands().dialConfirmed(waiting),
    notice: (message) => store.addNotice('error', message),
    changed: broadcast,
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

/**
 * What follows every store change besides the views: the signed-in report (wake.ts) and the ring
 * tone, which plays exactly while an inbound call rings (ring.ts). A settings change reaches it
 * too: `settingsChanged` sets the store's capabilities, which every store listener hears.
 */
function storeFollowers(
  deps: BackgroundDeps,
  session: () => Session,
  store: CallStore,
  settings: () => ResolvedSettings['settings'],
): () => void {
  const reportSignedIn = signedInReporter(session, deps.signedInChanged);
  const player = deps.ringPlayer?.((reason) =>
    store.addNotice('warning', RING_TEXT.failed(reason)),
  );
  const ring = player && createRing(player);
  return () => {
    reportSignedIn();
    ring?.update(store.getState(), settings().ui);
  };
}

/** A settings change while signed in (settings-changes.ts) the session must follow. */
function sessionFollows(session: Session, signIn: SignIn, change: SettingsChange): void {
  if (!session.signedIn) return;
  // Another vendor's adapter cannot carry on this vendor's session.
  if (change === 'vendor') void signIn.signOut();
  if (change === 'adapter') session.restart();
}

/**
 * The vendor session of the vendor in the settings, its saved state in storage.session
 * (STORAGE.session), with the network watch of its sign-ins.
 */
function sessionOf(
  deps: BackgroundDeps,
  store: CallStore,
  app: {
    vendor: () => VendorDescriptor;
    settings: () => ResolvedSettings['settings'];
    panelOpen: () => boolean;
  },
  outageEnded: SessionDeps['outageEnded'],
): Session {
  const { vendor, settings, panelOpen } = app;
  return createSession({
    createAdapter: () => vendor().create(settings()),
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
    outageEnded,
    watchNetwork: deps.network && watcherOf(deps, deps.network, settings),
  });
}

/** Network watches over the requests to the servers of the vendor in the settings. */
function watcherOf(
  deps: BackgroundDeps,
  network: NonNullable<BackgroundDeps['network']>,
  settings: () => ResolvedSettings['settings'],
): SessionDeps['watchNetwork'] {
  return createNetworkWatcher({
    errors: network.errors,
    hostAccess: network.hostAccess,
    origin: deps.extension.origin,
    clock: deps.clock,
    servers: () => {
      const { vendor, connection } = settings();
      return serverOrigins((connection as Record<string, Record<string, unknown>>)[vendor]);
    },
  });
}

/**
 * A panel opened as the browser starts would wait seconds for the policy: it gets the sign-in
 * form the agent's own settings give, marked provisional, until the real state replaces it.
 */
function provisionalSnapshot(
  deps: BackgroundDeps,
  snapshots: PanelSnapshots,
  store: CallStore,
  policyRead: () => boolean,
): void {
  void deps
    .loadOwnSettings?.()
    .then((own) => {
      if (policyRead()) return undefined;
      const vendor = vendorDescriptor(own.settings.vendor);
      const state = buildPanelState({
        store: store.getState(),
        settings: own.settings,
        locked: own.locked,
        vendor,
        capabilities: effectiveCapabilities(vendor.capabilities, own.settings),
        // The session lives in storage.session, which is empty when there is no snapshot.
        identity: undefined,
        recent: [],
      });
      return snapshots.writeProvisional(state);
    })
    .catch((error: unknown) => deps.log.warn('provisional panel snapshot not saved', error));
}

/** The panels and the badge (views.ts), and the snapshot panels render first. */
function viewsOf(
  deps: BackgroundDeps,
  store: CallStore,
  panelState: () => PanelState,
  policyRead: () => boolean,
): { views: Views; snapshots: PanelSnapshots } {
  const { clock, log } = deps;
  const snapshots = createPanelSnapshots({ area: deps.sessionArea, clock, log });
  provisionalSnapshot(deps, snapshots, store, policyRead);
  const views = createViews({
    ...{ extension: deps.extension, panelState, storeState: store.getState },
    ...{ setBadge: deps.setBadge, snapshot: snapshots.write, log },
  });
  return { views, snapshots };
}

const STORE_KEY = STORAGE.session.callStore.key;

/**
 * The call store and the diagnostics journal that watches it (diagnostics.ts): the events the
 * session applies and the connection's changes. Only the session applies events to the store.
 */
function journaledStore(
  deps: BackgroundDeps,
  settings: () => ResolvedSettings['settings'],
): { store: CallStore; diagnostics: Diagnostics } {
  const store = createCallStore({ storage: deps.sessionArea, clock: deps.clock, key: STORE_KEY });
  const diagnostics = createDiagnostics({
    ...{ area: deps.sessionArea, key: STORAGE.session.diagnostics.key },
    ...{ clock: deps.clock, log: deps.log },
    call: (id) => store.getState().calls.find((call) => call.id === id),
    rules: () => settings().screenPop.rules,
  });
  store.subscribe((state) => diagnostics.connectionChanged(state.connection));
  return { store: recordingStore(store, diagnostics), diagnostics };
}

/** What the diagnostics page shows (`panel/diagnostics`), once the journal is read back. */
async function reportOf(
  deps: BackgroundDeps,
  diagnostics: Diagnostics,
  parts: { store: CallStore; outbox: Outbox; resolved: ResolvedSettings; signedIn: boolean },
): Promise<DiagnosticsReport> {
  await diagnostics.ready;
  return diagnosticsReport({
    at: deps.clock.now(),
    about: deps.about ?? { version: '', browser: '' },
    vendor: vendorDescriptor(parts.resolved.settings.vendor),
    store: parts.store.getState(),
    journal: diagnostics.journal(),
    outbox: parts.outbox.items,
    ...{ vendorLabel, resolved: parts.resolved, signedIn: parts.signedIn },
  });
}

/** The settings, with their language (ui.language) in place before anything is said. */
async function loadSettingsInLanguage(deps: BackgroundDeps): Promise<ResolvedSettings> {
  const loaded = await deps.loadSettings();
  await setUiLanguage(loaded.settings.ui.language);
  return loaded;
}

/** Tells the views now, and again once a changed ui.language is loaded (the badge's title). */
function broadcastInLanguage(next: ResolvedSettings, broadcast: () => void): void {
  broadcast();
  const language = next.settings.ui.language;
  if (!isUiLanguageActive(language)) void setUiLanguage(language).then(broadcast);
}

export function createBackgroundApp(deps: BackgroundDeps): BackgroundApp {
  const { log, clock } = deps;
  let resolved!: ResolvedSettings;
  let session!: Session;
  const settings = () => resolved.settings;
  const vendor = () => vendorDescriptor(settings().vendor);
  const capabilities = () => effectiveCapabilities(vendor().capabilities, settings());

  const { store, diagnostics } = journaledStore(deps, settings);
  const storageFailed = storageNotices(store, log);
  const settingsReady = loadSettingsInLanguage(deps).then((loaded) => void (resolved = loaded));
  const { db, recent } = historyOf(deps, settingsReady, settings, storageFailed, () => views);
  const screenPop = screenPopOn(db, deps, settings, storageFailed, diagnostics.pop);
  const outbox = createAppOutbox({
    ...{ store, storageFailed, clock, log, outboxStore: deps.outboxStore },
    ...{ session: () => session, vendorId: () => settings().vendor, views: () => earlyViews },
    signedInAccount: () => signIn.identity?.username,
  });

  const panelState = () => ({
    ...buildPanelState({
      store: store.getState(),
      settings: settings(),
      locked: resolved.locked,
      vendor: vendor(),
      capabilities: capabilities(),
      ...{ identity: signIn.view.identity, signInProgress: signIn.view },
      recent: recent.list,
      ...{ outbox: outbox.items, vendorLabel },
    }),
    dialConfirmations: confirmations.list(),
  });
  const { views, snapshots } = viewsOf(deps, store, panelState, () => resolved !== undefined);
  // The outbox loads while the settings may still be loading: the panel state needs them, and the
  // panels see everything once the app is ready.
  const earlyViews = { broadcast: () => void (resolved && views.broadcast()) };
  const signIn = createSignIn({
    ...{ session: () => session, area: deps.sessionArea, vendor },
    saveConnection: async (values) => {
      resolved = await deps.saveUserSettings({ connection: { [settings().vendor]: values } });
    },
    broadcast: views.broadcast,
  });
  const commands = createCommands({
    ...{ session: () => session, store, settings, capabilities },
    vendorLabel: () => vendor().label,
    dispositions: () => offeredDispositions(capabilities(), store.getState(), settings()),
    ...{ recent, outbox, vendorId: () => settings().vendor },
    ...{ screenPop, broadcast: views.broadcast, clock },
    askToConfirm: (...args) => confirmations.ask(...args),
    postDial: postDialOf(clock, () => session, store),
  });
  const confirmations = confirmationsOf(deps, store, () => commands, views.broadcast);
  const incomingCall = notifierOf(deps, commands, store);
  const agentTools = createAgentTools({
    session: () => session,
    ...{ capabilities, settings },
    ...{ clock, log, localHistory: recent.read },
  });
  const handleMessage = createMessageHandler({
    ...{ extension: deps.extension, panelState, commands, store },
    signIn: recordingSignIn(signIn, diagnostics),
    diagnostics: () =>
      reportOf(deps, diagnostics, { store, outbox, resolved, signedIn: session.signedIn }),
    session: () => session,
    ...{ vendor, settings, outbox, log, confirmations, agentTools, popOut: deps.popOut },
    settingsStorage: { load: deps.loadSettings, save: deps.saveUserSettings },
  });

  async function followUp(transitions: CallTransition[]): Promise<void> {
    incomingCall.onTransitions(transitions);
    commands.onTransitions(transitions);
    await screenPop.onTransitions(transitions);
    await recent.record(transitions);
  }

  const followStore = storeFollowers(deps, () => session, store, settings);
  const ready = (async () => {
    await Promise.all([settingsReady, confirmations.ready]);
    await signIn.restore();
    const outages = outageRecorder(store, recent, views.broadcast);
    session = sessionOf(deps, store, { vendor, settings, panelOpen: views.panelOpen }, outages);
    await store.ready;
    store.setCapabilities(capabilities());
    store.subscribe((_state, transitions) => {
      followStore();
      views.broadcast();
      if (transitions.length === 0) return;
      followUp(transitions).catch((e: unknown) => log.error('call follow-up failed', e));
    });
    await recent.refresh();
    if (!(await session.restore())) signIn.forget();
    outbox.kick();
    followStore();
    // The state as it is now replaces a provisional or older snapshot, changed or not.
    snapshots.write(panelState());
  })();

  function settingsChanged(next: ResolvedSettings): void {
    const before = resolved.settings;
    resolved = next;
    store.setCapabilities(capabilities());
    sessionFollows(session, signIn, settingsChange(before, next.settings, capabilities()));
    void recent.applyRetention().then((changed) => changed && views.broadcast());
    broadcastInLanguage(next, views.broadcast);
  }

  // A dial's Call or Cancel, or a ringing call's Answer.
  const buttonClicked = (id: string, index: number) =>
    confirmations.onButtonClicked(id, index) || incomingCall.onButtonClicked(id, index);
  const keyDeps = { state: store.getState, capabilities, vendorLabel: () => vendor().label };
  // Handlers wait until the settings are loaded and the session restored.
  const whenReady = <R>(fn: () => R): Promise<Awaited<R>> => ready.then(fn) as Promise<Awaited<R>>;
  return {
    ready,
    settingsReady,
    handleMessage: routed(handleMessage, settingsReady, ready),
    connectPanel: (port) => views.connect(port, ready),
    settingsChanged: (next) => void whenReady(() => settingsChanged(next)),
    watchdog: () => void whenReady(() => (session.ensureRunning(), outbox.kick())),
    notificationButtonClicked: (id, index) => void whenReady(() => buttonClicked(id, index)),
    clickToDial: () => whenReady(() => settings().clickToDial),
    dialFromBrowser: (target, site) => whenReady(() => commands.dial(target, site)),
    callKey: (key) => whenReady(() => runCallKey(key, { ...keyDeps, run: commands.run })),
  };
}

/** A frame's config needs only the settings, not the session a restarted worker restores. */
function routed(
  handler: MessageHandler,
  settingsReady: Promise<void>,
  ready: Promise<void>,
): MessageHandler {
  return (message, sender) =>
    (isConfigRequest(message) ? settingsReady : ready).then(() => handler(message, sender));
}
