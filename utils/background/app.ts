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
import { createSession, type Session, type SessionDeps } from '../cti/session';
import {
  createCallStore,
  type CallStore,
  type CallTransition,
  type KeyValueArea,
} from '../cti/store';
import { vendorDescriptor } from '../cti/vendors';
import type { Reply } from '../messaging';
import type { DialSite, DialTarget } from '../phone/dial-policy';
import { outageNotice } from '../history/outage';
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
import { createDialConfirmations, type DialConfirmations } from './dial-confirmations';
import type { ClickToDialSettings } from './dial-gate';
import { createAgentTools } from './agent-tools';
import { createMessageHandler, isConfigRequest, type MessageHandler } from './handlers';
import { createAppOutbox, storageNotices, vendorLabel, type StorageFailed } from './outbox-app';
import { createIncomingCallNotifier, type NotificationsApi } from './incoming-call-notification';
import { buildPanelState, offeredDispositions } from './panel-state';
import { createRecentCalls, type RecentCalls } from './recent-calls';
import { settingsChange } from './settings-changes';
import { createSignIn } from './sign-in';
import { createViews } from './views';
import { isUiLanguageActive, setUiLanguage, t } from '../i18n/runtime';

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
  /** Tests give the outbox their own storage (outbox-db.ts). */
  outboxStore?: OutboxStore;
  /** Told once at start-up and whenever an agent signs in or out (wake.ts keeps its document). */
  signedInChanged?(signedIn: boolean): void;
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
}

/** Screen-pop with its claims and decision log in IndexedDB (DESIGN.md "Screen-pop"). */
function screenPopOn(
  db: Promise<SwitchboardDb>,
  deps: Pick<BackgroundDeps, 'openTab' | 'log'>,
  settings: () => ResolvedSettings['settings'],
  storageFailed: StorageFailed,
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
    // Every decision is kept for diagnostics.
    log: (decision) => {
      deps.log.info(`screen-pop ${decision.outcome}`, decision);
      void popLog
        .then((l) => l.add(decision))
        .catch((error: unknown) => storageFailed(t('storage.popLog'), error));
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

/** The vendor session, its saved state in storage.session (STORAGE.session). */
function sessionOf(
  deps: BackgroundDeps,
  store: CallStore,
  createAdapter: () => VendorAdapter,
  panelOpen: () => boolean,
  outageEnded: SessionDeps['outageEnded'],
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
    outageEnded,
  });
}

const STORE_KEY = STORAGE.session.callStore.key;

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

  const store = createCallStore({ storage: deps.sessionArea, clock, key: STORE_KEY });
  const storageFailed = storageNotices(store, log);
  const db = (deps.openDb ?? openSwitchboardDb)();
  const screenPop = screenPopOn(db, deps, settings, storageFailed);
  const recent = createRecentCalls(db.then(createHistory), storageFailed, () => views.broadcast());
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
      identity: signIn.identity,
      recent: recent.list,
      ...{ outbox: outbox.items, vendorLabel },
    }),
    dialConfirmations: confirmations.list(),
  });
  const views = createViews({
    ...{ extension: deps.extension, panelState, storeState: store.getState },
    ...{ setBadge: deps.setBadge, log },
  });
  // The outbox loads while the settings may still be loading: the panel state needs them, and the
  // panels see everything once the app is ready.
  const earlyViews = { broadcast: () => void (resolved && views.broadcast()) };
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
    ...{ session: () => session, store, settings, capabilities },
    vendorLabel: () => vendor().label,
    dispositions: () => offeredDispositions(capabilities(), store.getState(), settings()),
    ...{ recent, outbox, vendorId: () => settings().vendor },
    screenPop,
    broadcast: views.broadcast,
    clock,
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
    ...{ extension: deps.extension, panelState, signIn, commands, store },
    session: () => session,
    ...{ vendor, settings, outbox, log, confirmations, agentTools },
    settingsStorage: { load: deps.loadSettings, save: deps.saveUserSettings },
  });

  async function followUp(transitions: CallTransition[]): Promise<void> {
    incomingCall.onTransitions(transitions);
    commands.onTransitions(transitions);
    await screenPop.onTransitions(transitions);
    await recent.record(transitions);
  }

  const settingsReady = loadSettingsInLanguage(deps).then((loaded) => void (resolved = loaded));
  const reportSignedIn = signedInReporter(() => session, deps.signedInChanged);
  const ready = (async () => {
    await Promise.all([settingsReady, confirmations.ready]);
    await signIn.restore();
    const outages = outageRecorder(store, recent, views.broadcast);
    session = sessionOf(deps, store, () => vendor().create(settings()), views.panelOpen, outages);
    await store.ready;
    store.setCapabilities(capabilities());
    store.subscribe((_state, transitions) => {
      reportSignedIn();
      views.broadcast();
      if (transitions.length === 0) return;
      followUp(transitions).catch((e: unknown) => log.error('call follow-up failed', e));
    });
    await recent.refresh();
    if (!(await session.restore())) signIn.forget();
    outbox.kick();
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
    broadcastInLanguage(next, views.broadcast);
  }

  // A dial's Call or Cancel, or a ringing call's Answer.
  const buttonClicked = (id: string, index: number) =>
    confirmations.onButtonClicked(id, index) || incomingCall.onButtonClicked(id, index);
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
