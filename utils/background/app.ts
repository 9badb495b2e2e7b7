/**
 * The background's composition: settings → session → store → screen-pop, history and views.
 * It is the single authority (DESIGN.md "Architecture"): the only holder of credentials, the only
 * one that talks to the vendor, pops screens and writes history. Entry points only wire it.
 */
import type { Clock, Logger, RequestHeaders } from '../cti/adapter';
import { checkCallbackAt, toCtiError, type Call, type Command } from '../cti/model';
import { createSession, type Session } from '../cti/session';
import { createCallStore, type CallTransition, type KeyValueArea } from '../cti/store';
import type { VendorDescriptor } from '../cti/vendor';
import { vendorDescriptor } from '../cti/vendors';
import {
  createHistory,
  createPopLog,
  createPoppedKeys,
  openSwitchboardDb,
  type SwitchboardDb,
} from '../db';
import {
  fail,
  ok,
  parseContentMessage,
  parsePanelMessage,
  type ContentMessage,
  type PanelMessage,
  type PanelState,
  type Reply,
  type StatePush,
} from '../messaging';
import type { ResolvedSettings } from '../settings/policy';
import type { ScreenPopRule } from '../settings/schema';
import { createScreenPop } from '../screenpop/screen-pop';
import { badgeFor, type Badge } from './badge';
import { effectiveCapabilities } from './capabilities';
import { dialRefusal, type ClickToDialSettings } from './dial-gate';
import { createIncomingCallNotifier, type NotificationsApi } from './incoming-call-notification';
import { buildPanelState } from './panel-state';
import { acceptPageEvent } from './page-events';
import { classifySender } from './senders';
import type { Browser } from 'wxt/browser';

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
}

const IDENTITY_KEY = 'identity';
const RECENT_LIMIT = 10;

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
  dialFromBrowser(e164: string, tabUrl: string): Promise<Reply<unknown>>;
}

/**
 * The name the panel shows for the agent: the first sign-in field they filled that is not a
 * secret (an API token must never end up on screen); empty when there is none.
 */
function whoSignedIn(vendor: VendorDescriptor, credentials: Record<string, string>): string {
  const field = vendor.signInFields.find(
    (f) => f.type !== 'password' && credentials[f.key]?.trim(),
  );
  return field ? credentials[field.key]!.trim() : '';
}

export function createBackgroundApp(deps: BackgroundDeps): BackgroundApp {
  const { log } = deps;
  let resolved!: ResolvedSettings;
  let identity: { username: string } | undefined;
  let recent: PanelState['recent'] = [];
  let session!: Session;
  const ports = new Set<Browser.runtime.Port>();

  const store = createCallStore({ storage: deps.sessionArea, clock: deps.clock });
  const dbPromise = (deps.openDb ?? openSwitchboardDb)();
  const history = dbPromise.then(createHistory);
  const popped = dbPromise.then((db) => createPoppedKeys(db));
  const popLog = dbPromise.then((db) => createPopLog(db));
  const screenPop = createScreenPop({
    getSettings: () => resolved.settings,
    popped: { claim: async (key) => (await popped).claim(key) },
    openTab: deps.openTab,
    // Every decision is kept for diagnostics (DESIGN.md "Screen-pop").
    log: (decision) => {
      log.info(`screen-pop ${decision.outcome}`, decision);
      void popLog.then((l) => l.add(decision)).catch(() => undefined);
    },
  });

  const descriptor = () => vendorDescriptor(resolved.settings.vendor);
  const capabilities = () => effectiveCapabilities(descriptor().capabilities, resolved.settings);

  function panelState(): PanelState {
    return buildPanelState({
      store: store.getState(),
      settings: resolved.settings,
      locked: resolved.locked,
      vendor: descriptor(),
      capabilities: capabilities(),
      identity,
      recent,
    });
  }

  let shownBadge = '';
  function broadcast(): void {
    const push: StatePush = { type: 'state', state: panelState() };
    for (const port of ports) port.postMessage(push);
    const badge = badgeFor(store.getState());
    const key = `${badge.text}|${badge.color}|${badge.title}`;
    if (key !== shownBadge) {
      shownBadge = key;
      void deps.setBadge(badge).catch((e: unknown) => log.debug('badge update failed', e));
    }
  }

  async function refreshRecent(): Promise<void> {
    recent = await (await history).recent(RECENT_LIMIT);
  }

  const incomingCall = createIncomingCallNotifier({
    notifications: deps.notifications.api,
    iconUrl: deps.notifications.iconUrl,
    supportsButtons: deps.notifications.supportsButtons,
    answer: (callId) => {
      void command({ type: 'answer', callId }).then((reply) => {
        if (!reply.ok) store.addNotice('error', reply.error);
      });
    },
    log: (message, error) => log.warn(message, error),
  });

  async function onTransitions(transitions: CallTransition[]): Promise<void> {
    incomingCall.onTransitions(transitions);
    await screenPop.onTransitions(transitions);
    const h = await history;
    for (const { call, previous } of transitions) {
      if (call.state === 'ended' && previous?.state !== 'ended') await h.upsertFromCall(call);
    }
    if (transitions.some((t) => t.call.state === 'ended')) await refreshRecent();
  }

  const ready = (async () => {
    resolved = await deps.loadSettings();
    const stored = await deps.sessionArea.get(IDENTITY_KEY);
    identity =
      stored &&
      typeof stored === 'object' &&
      typeof (stored as { username?: unknown }).username === 'string'
        ? { username: (stored as { username: string }).username }
        : undefined;
    session = createSession({
      createAdapter: () => descriptor().create(resolved.settings),
      store,
      clock: deps.clock,
      log,
      fetch: deps.fetch,
      WebSocket: deps.WebSocket,
      secrets: deps.sessionArea,
      requestHeaders: deps.requestHeaders,
      panelOpen: () => ports.size > 0,
      keepAlive: deps.keepAlive,
    });
    await store.ready;
    store.setCapabilities(capabilities());
    store.subscribe((_state, transitions) => {
      broadcast();
      if (transitions.length > 0) {
        void onTransitions(transitions).catch((e: unknown) =>
          log.error('call follow-up failed', e),
        );
      }
    });
    await refreshRecent().catch((e: unknown) => log.warn('history unavailable', e));
    if (!(await session.restore())) identity = undefined;
  })();

  async function signIn(
    msg: Extract<PanelMessage, { type: 'panel/signIn' }>,
  ): Promise<Reply<unknown>> {
    const vendor = descriptor();
    for (const field of vendor.signInFields) {
      if (field.required && !msg.credentials[field.key]?.trim())
        return fail(`Enter your ${field.label.toLowerCase()}`);
    }
    if (Object.keys(msg.connection).length > 0) {
      resolved = await deps.saveUserSettings({
        connection: { [resolved.settings.vendor]: msg.connection },
      });
    }
    identity = { username: whoSignedIn(vendor, msg.credentials) };
    await deps.sessionArea.set(IDENTITY_KEY, identity);
    try {
      await session.start(msg.credentials);
      return ok(undefined);
    } catch (error) {
      return fail(toCtiError(error).message);
    } finally {
      broadcast();
    }
  }

  async function signOut(): Promise<Reply<unknown>> {
    await session.stop();
    identity = undefined;
    await deps.sessionArea.set(IDENTITY_KEY, null);
    broadcast();
    return ok(undefined);
  }

  function awaitingDisposition(): Call | undefined {
    return store.getState().calls.find((c) => c.state === 'ended' && c.actions.includes('dispose'));
  }

  async function command(cmd: Command): Promise<Reply<unknown>> {
    if (
      cmd.type === 'setAgentState' &&
      cmd.state === 'ready' &&
      resolved.settings.dispositions.required
    ) {
      if (awaitingDisposition())
        return fail('Save the disposition of your last call before going ready');
    }
    if (cmd.type === 'dispose') return dispose(cmd);
    try {
      await session.execute(cmd);
      return ok(undefined);
    } catch (error) {
      return fail(toCtiError(error).message);
    }
  }

  async function dispose(cmd: Extract<Command, { type: 'dispose' }>): Promise<Reply<unknown>> {
    const caps = capabilities();
    const offered = panelState();
    const code = offered.dispositionCodes.find((c) => c.code === cmd.code);
    if (!code) return fail('Choose one of the disposition codes');
    // A stale panel or a made-up id must not be told "saved" when nothing was.
    if (!store.getState().calls.some((c) => c.id === cmd.callId))
      return fail('That call is no longer waiting for a disposition');
    if (cmd.callbackAt !== undefined && !offered.dispositionCallback)
      return fail(`${descriptor().label} cannot schedule a call back`);
    try {
      checkCallbackAt(cmd.callbackAt, deps.clock.now());
      if (caps.dispositions === 'vendor') await session.execute(cmd);
    } catch (error) {
      return fail(toCtiError(error).message);
    }
    const disposition = {
      code: code.code,
      label: code.label,
      notes: cmd.notes,
      at: deps.clock.now(),
      ...(cmd.callbackAt !== undefined ? { callbackAt: cmd.callbackAt } : {}),
    };
    store.setDisposition(cmd.callId, disposition);
    await (await history).setDisposition(cmd.callId, disposition);
    await refreshRecent();
    broadcast();
    return ok(undefined);
  }

  /** Click-to-dial from a page or the browser's own UI: one gate for both (dial-gate.ts). */
  async function dial(e164: string, tabUrl: string): Promise<Reply<unknown>> {
    const refused = dialRefusal(resolved.settings.clickToDial, tabUrl, e164);
    return refused ? fail(refused) : command({ type: 'dial', number: e164 });
  }

  /** An event from the vendor's own page (page-events.ts): reported, never a command. */
  function pageEvent(
    msg: Extract<ContentMessage, { type: 'content/portalEvent' }>,
    sender: Browser.runtime.MessageSender,
  ): Reply<unknown> {
    const vendor = descriptor();
    const connection = (resolved.settings.connection as Record<string, unknown>)[vendor.id];
    const source = acceptPageEvent(vendor, connection, sender, msg.payload);
    if (!source) {
      log.warn('page event from a page that is not the vendor’s dropped');
      return fail('Not allowed');
    }
    return session.deliver(source, msg.payload) ? ok(undefined) : fail('Not connected');
  }

  async function handleMessage(
    message: unknown,
    sender: Browser.runtime.MessageSender,
  ): Promise<Reply<unknown>> {
    await ready;
    const kind = classifySender(sender, deps.extension);
    if (kind === 'extensionPage') {
      const parsed = parsePanelMessage(message);
      if (!parsed.success) return fail('Invalid request');
      const msg = parsed.data;
      switch (msg.type) {
        case 'panel/getState':
          return ok(panelState());
        case 'panel/signIn':
          return signIn(msg);
        case 'panel/signOut':
          return signOut();
        case 'panel/command':
          return command(msg.command);
        case 'panel/dismissNotice':
          store.dismissNotice(msg.id);
          return ok(undefined);
      }
    }
    if (kind === 'contentScript') {
      const parsed = parseContentMessage(message);
      if (!parsed.success) return fail('Invalid request');
      if (parsed.data.type === 'content/portalEvent') return pageEvent(parsed.data, sender);
      return dial(parsed.data.e164, sender.tab?.url ?? sender.url ?? '');
    }
    log.warn('message from an unknown sender dropped');
    return fail('Not allowed');
  }

  function connectPanel(port: Browser.runtime.Port): void {
    if (!port.sender || classifySender(port.sender, deps.extension) !== 'extensionPage') {
      port.disconnect();
      return;
    }
    ports.add(port);
    port.onDisconnect.addListener(() => ports.delete(port));
    void ready.then(() =>
      port.postMessage({ type: 'state', state: panelState() } satisfies StatePush),
    );
  }

  function settingsChanged(next: ResolvedSettings): void {
    const vendorChanged = resolved && next.settings.vendor !== resolved.settings.vendor;
    resolved = next;
    store.setCapabilities(capabilities());
    // Another vendor's adapter cannot carry on this vendor's session.
    if (vendorChanged && session.signedIn) void signOut();
    broadcast();
  }

  return {
    ready,
    handleMessage,
    connectPanel,
    settingsChanged: (next) => void ready.then(() => settingsChanged(next)),
    watchdog: () => void ready.then(() => session.ensureRunning()),
    notificationButtonClicked: (id, index) =>
      void ready.then(() => incomingCall.onButtonClicked(id, index)),
    clickToDial: () => ready.then(() => resolved.settings.clickToDial),
    dialFromBrowser: (e164, tabUrl) => ready.then(() => dial(e164, tabUrl)),
  };
}
