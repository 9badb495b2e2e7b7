/**
 * The one typed protocol between contexts. Message types are named by direction:
 * `panel/*` come from extension pages (popup, side panel, options), `content/*` from content
 * scripts on web pages, which are untrusted. The background validates every payload with zod and
 * checks the sender's origin before it acts (DESIGN.md "Security rules").
 */
import { z } from 'zod';
import type { SignInField } from './cti/adapter';
import type { AgentState, Call, CodeLabel, CommandType, Connection, VendorId } from './cti/model';
import { Command } from './cti/model';

// ── State snapshot that every view renders ────────────────────────────────────────────────────

export interface Notice {
  id: string;
  level: 'info' | 'warning' | 'error';
  message: string;
  at: number;
}

export interface HistoryEntry {
  callId: string;
  direction: Call['direction'];
  remote: Call['remote'];
  queue?: string;
  recordId?: string;
  startedAt: number;
  answeredAt?: number;
  endedAt?: number;
  disposition?: Call['disposition'];
}

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
  vendor: VendorId;
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
  pauseReasons: CodeLabel[];
  /** The vendor's queues a call can be sent to (`redirectToQueue`); code = the vendor's id. */
  queues: CodeLabel[];
  dispositionCodes: CodeLabel[];
  dispositionRequired: boolean;
  /**
   * The vendor can schedule a call back with the disposition (`Capabilities.dispositionCallback`):
   * the wrap-up form offers a time. False: the form has no such field.
   */
  dispositionCallback: boolean;
  signIn: {
    fields: SignInField[];
    connectionFields: ConnectionField[];
    /** Why no sign-in is possible (the chosen vendor is not in this build). */
    unavailable?: string;
  };
  /** Who is signed in; absent when signed out. */
  identity?: { username: string };
  notices: Notice[];
  recent: HistoryEntry[];
}

// ── Messages from extension pages ─────────────────────────────────────────────────────────────

const Strings = z.record(z.string().max(100), z.string().max(2000));

export const PanelMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('panel/getState') }),
  z.object({
    type: z.literal('panel/signIn'),
    credentials: Strings,
    /** Values of the visible connection fields (server…), saved as the user's settings. */
    connection: Strings,
  }),
  z.object({ type: z.literal('panel/signOut') }),
  z.object({ type: z.literal('panel/command'), command: Command }),
  z.object({ type: z.literal('panel/dismissNotice'), id: z.string() }),
]);
export type PanelMessage = z.input<typeof PanelMessage>;

// ── Messages from content scripts ─────────────────────────────────────────────────────────────

export const ContentMessage = z.discriminatedUnion('type', [
  /** Sent only after a trusted click on our own button; the number is already E.164. */
  z.object({
    type: z.literal('content/dial'),
    e164: z.string().regex(/^\+[1-9][0-9]{6,14}$/),
    extension: z
      .string()
      .regex(/^[0-9]{1,8}$/)
      .optional(),
  }),
  /**
   * An event the uContact agent portal's softphone frame posted (vendors/README.md §4.4), from
   * the portal bridge content script. The background accepts it only from a tab on the configured
   * portal origin; the adapter validates the payload with its wire schema. It only reports what
   * the portal says: it can never start a command.
   */
  z.object({
    type: z.literal('content/portalEvent'),
    payload: z.record(z.string().max(100), z.unknown()),
  }),
]);
export type ContentMessage = z.input<typeof ContentMessage>;

export type Reply<T = undefined> = { ok: true; value: T } | { ok: false; error: string };

export const ok = <T>(value: T): Reply<T> => ({ ok: true, value });
export const fail = (error: string): Reply<never> => ({ ok: false, error });

/** Name of the runtime port over which the background pushes `PanelState` updates. */
export const PANEL_PORT = 'switchboard/panel';
