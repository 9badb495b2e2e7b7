/**
 * The one protocol between the extension's contexts: every message, its type and its check.
 * Message types are named by direction:
 *
 * - `panel/*`: extension pages (popup, side panel) → background, `runtime.sendMessage`,
 *   answered with a `Reply`; checked with zod (`PanelMessage`, utils/message-checks.ts).
 * - `content/*`: content scripts on web pages → background, answered with a `Reply`. Pages are
 *   untrusted: checked with zod (`ContentMessage`, utils/message-checks.ts) after the sender
 *   (background/senders.ts).
 * - `tab/*`: background → the content scripts of one tab, `tabs.sendMessage`
 *   (`TabMessage`, answered with `TabSelection` or `ConfirmShown`). Checked by hand
 *   (`isTabMessage`): the content script runs in every frame and carries no zod.
 * - `state`: background → extension pages over the `PANEL_PORT` port (`StatePush`), the
 *   `PanelState` every view renders. Only this extension's background can post on that port;
 *   `isStatePush` checks the shape.
 *
 * - `settingsChanged`: background → extension pages, `runtime.sendMessage` (`SettingsChanged`):
 *   only a hint to ask for the settings again (`panel/getSettings`); a forged one changes nothing.
 *
 * Settings are the background's alone (utils/storage/user-settings.ts): the options page reads and
 * writes them with `panel/getSettings` and `panel/saveSettings`, content scripts get their
 * `ContentConfig` with `content/config` and `tab/config`, and nothing else can change them.
 *
 * The zod schemas of `panel/*` and `content/*` are in utils/message-checks.ts: this file carries
 * no zod, because the content script and the panel's first paint load it and must not.
 */
import type { SignInField } from './cti/adapter';
import type {
  AgentState,
  Call,
  CodeLabel,
  CommandType,
  Connection,
  CtiEvent,
  RemoteParty,
} from './cti/model';
import type {
  AgentStat,
  CallbackItem,
  Feature,
  Presence,
  QueueInfo,
  QueueStats,
  VendorAction,
} from './cti/features';
import type { Notice } from './cti/store';
import type { HistoryEntry } from './history/entry';
import type { UiLanguage } from './i18n/languages';
import type { InternalDial } from './phone/dial-input';
import type { RuleMismatch } from './screenpop/rules';
import type { PopDecision } from './screenpop/screen-pop';
import type { SettingsProblem } from './settings/policy';

export type { HistoryEntry, Notice };

// ── background → panel: the state snapshot every view renders ─────────────────────────────────

export interface ConnectionField {
  /** Key inside `connection.<vendor>` of the settings. */
  key: string;
  label: string;
  value: string;
  placeholder?: string;
  /** Set by policy: the sign-in form hides it. */
  locked: boolean;
}

export interface PanelState {
  /**
   * The `ui.language` setting: the panel puts it in place before it renders this state
   * (utils/i18n/runtime.ts). Absent: the browser's language.
   */
  language?: UiLanguage;
  /** The vendor's registry id. */
  vendor: string;
  vendorLabel: string;
  connection: Connection;
  /** When the vendor last said anything (epoch ms). */
  lastEventAt?: number;
  /** Pushed events or polling, as the vendor's adapter last said. */
  transport?: { mode: 'events' | 'polling'; intervalMs?: number };
  agent: AgentState;
  /** Live calls first, then ended calls still waiting for their disposition. */
  calls: Call[];
  commands: CommandType[];
  agentStates: ('ready' | 'notReady' | 'loggedOut')[];
  /**
   * The reasons offered when going not ready: the vendor's own list, or the admin's
   * `agent.pauseReasons` for a vendor that takes a reason but lists none.
   */
  pauseReasons: CodeLabel[];
  /** Agent features the vendor offers (features.ts): the panel shows only these sections. */
  features: Feature[];
  /** What the agent features hold now (store-state.ts). */
  agentTools: AgentTools;
  /** The dial box may attach call data (`dial` `variables`). */
  dialVariables: boolean;
  /** Where else a dial may go out from (`dial` `route`). */
  dialRoutes: ('mobile' | 'queue')[];
  /** What the dial box takes besides public numbers (`Capabilities.internalDial`); absent: the default. */
  internalDial?: InternalDial;
  /**
   * The agent's country (ISO 3166 alpha-2) for numbers written without a country code, as the
   * background resolved it (utils/background/default-country.ts). Absent: unknown, and the panel
   * asks the agent for it (components/CountryPrompt.tsx).
   */
  defaultCountry?: string;
  /**
   * The admin's speed-dial list (`directory.speedDial`) has entries: the directory offers them
   * for every vendor, with or without a directory of its own.
   */
  hasSpeedDial?: boolean;
  /** The vendor's queues a call can be sent to (`redirectToQueue`); code = the vendor's id. */
  queues: CodeLabel[];
  dispositionCodes: CodeLabel[];
  dispositionRequired: boolean;
  /**
   * The vendor can schedule a call back with the disposition (`Capabilities.dispositionCallback`):
   * the wrap-up form offers a time. False: the form has no such field.
   */
  dispositionCallback: boolean;
  /**
   * Live calls a `manual` screen-pop rule matches: the panel offers "Open record" for them
   * (`panel/popRecord`).
   */
  recordCalls: string[];
  signIn: {
    fields: SignInField[];
    connectionFields: ConnectionField[];
    /**
     * A sign-in waits for the vendor's answer: the form shows "Signing in…" (`identity` is absent
     * until the vendor accepted it). Its failure comes as the connection's `failed` `failure`.
     */
    pending?: boolean;
    /** What the agent typed at the last sign-in but the secrets, for the form to offer again. */
    values?: Record<string, string>;
  };
  /** Who is signed in; absent when signed out. */
  identity?: { username: string };
  notices: Notice[];
  recent: HistoryEntry[];
  /** Vendor writes not sent yet, oldest first. */
  outbox: OutboxEntry[];
  /**
   * Dials waiting for the agent's yes (settings `confirmInternational`): the panel is one of the
   * surfaces no page can script where the agent confirms them (`panel/confirmDial`).
   */
  dialConfirmations?: DialConfirmation[];
}

export interface AgentTools {
  /** The agent's queues (`joinQueue` / `leaveQueue` take their ids). */
  queues: QueueInfo[];
  /** Live figures by queue id. */
  queueStats: Record<string, QueueStats>;
  callbacks: CallbackItem[];
  presence: Presence;
  agentStats: AgentStat[];
  vendorActions: VendorAction[];
}

/**
 * A vendor write the outbox still holds (utils/background/outbox.ts): waiting to be sent, or
 * refused by the vendor and waiting for the agent (retry, edit, discard).
 */
export interface OutboxEntry {
  key: string;
  /** The command it carries (`dispose`: a disposition). */
  kind: CommandType;
  /** `waiting` covers `pending` and `sending`. */
  status: 'waiting' | 'rejected' | 'uncertain';
  /** The vendor it goes to. */
  vendorLabel: string;
  /** Why it is still here: the last failure, the vendor's reason, what it waits for. */
  reason?: string;
  attempts: number;
  /** When the next attempt is due (waiting items). */
  nextAt?: number;
  callId?: string;
  remote?: RemoteParty;
  /** A disposition's code, notes and call-back time. */
  code?: string;
  notes?: string;
  callbackAt?: number;
  /** The callback a reschedule or a cancellation is about (`CallbackItem.id`). */
  callbackId?: string;
  /** The number a scheduled callback will call. */
  number?: string;
  /** When a scheduled or rescheduled callback is due (epoch ms). */
  at?: number;
  /** The keys of call data waiting to be attached (`setCallData`). */
  dataKeys?: string[];
}

export interface DialConfirmation {
  id: string;
  e164: string;
  extension?: string;
  /** Where the request came from, for the agent: "example.com", "the panel". */
  from: string;
}

// ── background → diagnostics page: `panel/diagnostics` answers a DiagnosticsReport ────────────

/**
 * One moment of the connection's story (utils/background/diagnostics.ts). Failed reconnect
 * attempts in a row with the same reason are one `retry` record (`attempt` to `lastAttempt`).
 */
export interface ConnectionRecord {
  at: number;
  kind:
    | 'started'
    | 'signIn'
    | 'signInFailed'
    | 'connecting'
    | 'connected'
    | 'lost'
    | 'retry'
    | 'failed'
    | 'signedOut';
  reason?: string;
  attempt?: number;
  lastAttempt?: number;
  /** When the last attempt of a `retry` record failed. */
  lastAt?: number;
  /** When the next attempt is due. */
  retryAt?: number;
}

/** A normalized vendor event the session applied to the call store. */
export interface EventRecord {
  at: number;
  type: CtiEvent['type'];
  /** The event with secrets redacted (utils/cti/log.ts); absent when it was too large to keep. */
  event?: unknown;
  /** The size of an event too large to keep (characters of JSON). */
  size?: number;
  /** Events of this type that came right after it (lists, figures): kept as one record. */
  repeats?: number;
  lastAt?: number;
}

/** Why a screen-pop rule did not match a call. */
export interface RuleMiss {
  ruleId: string;
  why: RuleMismatch;
  /** What the rule asks for: its trigger, direction or queue pattern. */
  wants?: string;
}

/** A screen-pop decision (utils/screenpop/screen-pop.ts) with what explains it. */
export interface PopRecord extends PopDecision {
  /** The URL that opened, or failed to open. */
  url?: string;
  call?: { direction: Call['direction']; number: string; queue?: string };
  /** `noRule`: why each rule passed the call by; empty when there are no rules. */
  misses?: RuleMiss[];
}

/** A setting in force and where its value comes from. */
export interface SettingSource {
  path: string;
  value: unknown;
  /** `policy`: set and locked by the administrator; `agent`: differs from the default. */
  source: 'policy' | 'agent' | 'default';
}

export interface DiagnosticsReport {
  at: number;
  about: { version: string; browser: string };
  vendor: { id: string; label: string };
  signedIn: boolean;
  connection: Connection;
  /** Oldest first, as the lists below. */
  timeline: ConnectionRecord[];
  events: EventRecord[];
  pops: PopRecord[];
  outbox: (OutboxEntry & { createdAt: number })[];
  settings: SettingSource[];
  problems: SettingsProblem[];
  /** How many records each list keeps at most (older ones are dropped). */
  limits: { timeline: number; events: number; pops: number };
}

/** Name of the runtime port over which the background pushes `PanelState` updates. */
export const PANEL_PORT = 'switchboard/panel';

/** What the background posts on the panel port. */
export interface StatePush {
  type: 'state';
  state: PanelState;
}

export const isStatePush = (value: unknown): value is StatePush =>
  typeof value === 'object' &&
  value !== null &&
  (value as { type?: unknown }).type === 'state' &&
  typeof (value as { state?: unknown }).state === 'object' &&
  (value as { state?: unknown }).state !== null;

// ── background → panel, through storage.session: the last state, for a panel just opened ──────

/** The version of `PanelSnapshot`; a snapshot of another version is ignored. */
export const PANEL_SNAPSHOT_VERSION = 1;

/**
 * The last `PanelState` the background showed, kept in `storage.session`
 * (`STORAGE.session.panelSnapshot`, utils/background/panel-snapshot.ts) so that a panel renders
 * it at once instead of waiting for the worker. Only extension contexts can read or write that
 * area. A view shows it as the last known state, with its controls disabled, until the
 * background's own state arrives; nothing ever acts on it.
 */
export interface PanelSnapshot {
  version: typeof PANEL_SNAPSHOT_VERSION;
  /** When the background wrote it (epoch ms). */
  savedAt: number;
  /**
   * Built from the agent's own settings before the admin's policy could be read (Chromium
   * answers `storage.managed` only seconds after it starts): the sign-in form as it most likely
   * is, not a state the background has shown.
   */
  provisional: boolean;
  state: PanelState;
}

export const isPanelSnapshot = (value: unknown): value is PanelSnapshot =>
  typeof value === 'object' &&
  value !== null &&
  (value as { version?: unknown }).version === PANEL_SNAPSHOT_VERSION &&
  typeof (value as { savedAt?: unknown }).savedAt === 'number' &&
  typeof (value as { provisional?: unknown }).provisional === 'boolean' &&
  typeof (value as { state?: unknown }).state === 'object' &&
  (value as { state?: unknown }).state !== null;

// ── panel and content script → background ─────────────────────────────────────────────────────
// The `panel/*` and `content/*` messages, their types and their zod checks: utils/message-checks.ts,
// which only the background loads.

/** The background's answer to a `panel/*` or `content/*` message. */
export type Reply<T = undefined> = { ok: true; value: T } | { ok: false; error: string };

export const ok = <T>(value: T): Reply<T> => ({ ok: true, value });
export const fail = (error: string): Reply<never> => ({ ok: false, error });

/**
 * The value of a `content/dial` or dial command the background did not carry out yet: the agent
 * must confirm it first on a surface no page can script (a notification, the panel).
 */
export interface DialPending {
  confirm: 'notification' | 'panel';
}

// ── background → extension pages ──────────────────────────────────────────────────────────────

/** Settings changed (a save or policy): ask for them again with `panel/getSettings`. */
export interface SettingsChanged {
  type: 'settingsChanged';
}

export const isSettingsChanged = (value: unknown): value is SettingsChanged =>
  typeof value === 'object' &&
  value !== null &&
  (value as { type?: unknown }).type === 'settingsChanged';

export const isReply = (value: unknown): value is Reply<unknown> =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { ok?: unknown }).ok === 'boolean';

// ── background → tab ──────────────────────────────────────────────────────────────────────────
// Both come from a trusted gesture the browser itself reported to the background: the
// "Call <number>" context-menu item or the "Dial selected number" keyboard command.
// `runtime.onMessage` in a content script only ever hears this extension, never the page; the
// content script still checks the shape before acting on one.

export type TabMessage =
  /**
   * The text selected in this frame. A frame with an empty selection does not answer (so that
   * the frame that has one wins); the answer is `TabSelection`.
   */
  | { type: 'tab/selection' }
  /**
   * The `ContentConfig` changed: every frame of every tab gets the new one (the content script
   * checks it with `parseContentConfig`). Not answered.
   */
  | { type: 'tab/config'; config: unknown };

export interface TabSelection {
  text: string;
}

/** True for a well-formed `TabMessage`; anything else is ignored. */
export function isTabMessage(value: unknown): value is TabMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  if (message.type === 'tab/selection') return true;
  return message.type === 'tab/config' && 'config' in message;
}
