/**
 * The normalized call model (DESIGN.md "The normalized model"). Every vendor adapter speaks
 * only these types; views render only these types. Nothing here knows any vendor's wire.
 */
import { z } from 'zod';
import { pastCallbackMessage } from './callback-time';
import {
  AgentStat,
  CallbackItem,
  ForwardKind,
  Presence,
  QueueInfo,
  QueueStats,
  VendorAction,
} from './features';

// ── Connection ────────────────────────────────────────────────────────────────────────────────

/**
 * Why a connection could not be made, as the agent is told (each has its sentence in
 * components/sign-in-text.ts): the name does not resolve (`dns`), nothing listens there
 * (`unreachable`), the certificate is refused (`tls`), a server answers but it is not the vendor's
 * API (`notFound`: a 404, HTML for JSON, a refused WebSocket upgrade), the extension may not reach
 * the server (`origin`), the vendor refused the credentials (`credentials`), no answer in time
 * (`timeout`), the settings cannot work (`config`), the vendor refused for its own reason
 * (`refused`), or a network failure nothing told apart (`network`). Adapters set the vendor's own
 * (`credentials`, `notFound`); the session and the background's network watch find the rest
 * (docs/architecture.md, "Sign-in failures").
 */
export const CONNECT_FAILURES = [
  'unreachable',
  'dns',
  'tls',
  'notFound',
  'origin',
  'credentials',
  'timeout',
  'config',
  'refused',
  'network',
] as const;
export const ConnectFailure = z.enum(CONNECT_FAILURES);
export type ConnectFailure = z.infer<typeof ConnectFailure>;

export const Connection = z.discriminatedUnion('status', [
  z.object({ status: z.literal('idle') }),
  z.object({ status: z.literal('connecting') }),
  z.object({ status: z.literal('connected'), since: z.number() }),
  z.object({
    status: z.literal('reconnecting'),
    attempt: z.number().int().min(1),
    retryAt: z.number(),
    reason: z.string(),
  }),
  // Retrying cannot fix this (bad credentials, forbidden, bad settings), or the first connection
  // of a sign-in failed: ask the agent. `reason` is the technical detail, `failure` the kind.
  z.object({
    status: z.literal('failed'),
    reason: z.string(),
    failure: ConnectFailure.optional(),
  }),
]);
export type Connection = z.infer<typeof Connection>;

// ── Agent ─────────────────────────────────────────────────────────────────────────────────────

export const AgentStatus = z.enum(['loggedOut', 'ready', 'notReady', 'wrapUp']);
export type AgentStatus = z.infer<typeof AgentStatus>;

export const AgentState = z.object({
  status: AgentStatus,
  /** Pause reason for `notReady`, as the vendor names it. */
  reason: z.string().optional(),
  /** Epoch ms when this state was observed to start (our clock). */
  since: z.number().optional(),
});
export type AgentState = z.infer<typeof AgentState>;

// ── Calls ─────────────────────────────────────────────────────────────────────────────────────

export const CallDirection = z.enum(['inbound', 'outbound']);
export type CallDirection = z.infer<typeof CallDirection>;

export const CallState = z.enum([
  'ringing',
  'dialing',
  'connected',
  'held',
  'transferring',
  'ended',
]);
export type CallState = z.infer<typeof CallState>;

export const RemoteParty = z.object({
  /** Exactly what the vendor sent. */
  raw: z.string(),
  /** E.164 when `raw` parses as a phone number. */
  e164: z.string().optional(),
  name: z.string().optional(),
});
export type RemoteParty = z.infer<typeof RemoteParty>;

export const RecordingState = z.enum(['on', 'paused', 'unknown']);
export type RecordingState = z.infer<typeof RecordingState>;

/** The commands on the call in hand and the agent's state. */
export const CALL_COMMAND_TYPES = [
  'dial',
  'answer',
  'hangup',
  'hold',
  'resume',
  'blindTransfer',
  'attendedTransfer',
  'completeTransfer',
  'cancelTransfer',
  'sendDtmf',
  'pauseRecording',
  'resumeRecording',
  'dispose',
  'setAgentState',
  'redirectToQueue',
] as const;
/** Agent features (features.ts): what the side panel offers beyond the call in hand. */
export const FEATURE_COMMAND_TYPES = [
  'setCallData',
  'joinQueue',
  'leaveQueue',
  'takeCallback',
  'releaseCallback',
  'startCallback',
  'rescheduleCallback',
  'scheduleCallback',
  'cancelCallback',
  'setDnd',
  'setForward',
  'addFavorite',
  'removeFavorite',
  'vendorAction',
] as const;
export const COMMAND_TYPES = [...CALL_COMMAND_TYPES, ...FEATURE_COMMAND_TYPES] as const;
export const CommandType = z.enum(COMMAND_TYPES);
export type CommandType = z.infer<typeof CommandType>;

/** What an adapter reports about a call. The store adds `actions`. */
export const CallUpdate = z.object({
  /** Ours and stable: the adapter derives it from the vendor's identity of the leg. */
  id: z.string().min(1),
  vendorCallId: z.string().min(1),
  /**
   * Identity of the whole call across legs and transfers (XiVO `linkedId`). Screen-pop keys on
   * it so a transferred call does not pop twice. Defaults to `id`.
   */
  groupId: z.string().optional(),
  direction: CallDirection,
  state: CallState,
  remote: RemoteParty,
  queue: z.string().optional(),
  startedAt: z.number(),
  answeredAt: z.number().optional(),
  endedAt: z.number().optional(),
  /**
   * The platform's own record of the customer (MaxContact's lead id), so that calling back from
   * history dials against the same record.
   */
  recordId: z.string().optional(),
  /** Vendor user data (attached variables), as strings. */
  data: z.record(z.string(), z.string()).default({}),
  recording: RecordingState.default('unknown'),
  /** Set while an attended transfer is under way. */
  transferTarget: z.string().optional(),
  /**
   * A page the platform itself asks to open for this call (XiVO `Sheet` `popupUrl`): a
   * screen-pop rule whose url is `{vendorUrl}` opens it (screenpop/template.ts).
   */
  popUrl: z.string().max(2000).optional(),
});
export type CallUpdate = z.input<typeof CallUpdate>;
export type CallData = z.output<typeof CallUpdate>;

export const Disposition = z.object({
  code: z.string().min(1),
  label: z.string().optional(),
  notes: z.string().max(4000).default(''),
  at: z.number(),
  /** When the vendor was asked to call the customer back (epoch ms), if it was. */
  callbackAt: z.number().optional(),
});
export type Disposition = z.infer<typeof Disposition>;

export const Call = CallUpdate.extend({
  /** The commands valid now, derived from state and the adapter's capabilities. */
  actions: z.array(CommandType),
  disposition: Disposition.optional(),
});
export type Call = z.infer<typeof Call>;

// ── Commands ──────────────────────────────────────────────────────────────────────────────────

const callId = z.string().min(1);
/** The latest instant a Date can hold (ECMAScript §21.4.1.1): anything later is no time at all. */
export const MAX_TIME_MS = 8.64e15;
/** Call data as the agent or a dial attaches it: a few short keys and values. */
const CallVariables = z
  .record(
    z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'A call data key is letters, digits, _ . or - (up to 64)'),
    z.string().max(1000),
  )
  .refine((data) => Object.keys(data).length <= 20, 'Up to 20 call data values at a time');
const callbackId = z.string().min(1).max(300);
const epochMs = z.number().int().min(0).max(MAX_TIME_MS);
/** Transfer targets and DTMF are typed by the agent: keep them to dialable characters. */
const target = z
  .string()
  .trim()
  .regex(/^\+?[0-9*#]{1,32}$/, 'Enter a number or extension (digits, * and # only)');

export const Command = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('dial'),
    number: z.string().trim().min(1).max(64),
    /**
     * The extension written after the number on the page ("x123"): keyed in as DTMF once the
     * call is answered (utils/cti/post-dial.ts), the way a desk phone user would.
     */
    extension: z
      .string()
      .regex(/^[0-9]{1,8}$/, 'An extension is 1 to 8 digits')
      .optional(),
    /** Dial against this customer record (CallUpdate.recordId) where the platform has records. */
    recordId: z.string().trim().min(1).max(100).optional(),
    /** Call data to attach to the new call (XiVO dial `variables`); `Capabilities.dialVariables`. */
    variables: CallVariables.optional(),
    /**
     * Where the call goes out from: the agent's own phone (default), their mobile, or on behalf
     * of a queue (its `QueueInfo.id`); `Capabilities.dialRoutes`.
     */
    route: z
      .discriminatedUnion('kind', [
        z.object({ kind: z.literal('mobile') }),
        z.object({ kind: z.literal('queue'), queue: z.string().trim().min(1).max(200) }),
      ])
      .optional(),
  }),
  z.object({ type: z.literal('answer'), callId }),
  z.object({ type: z.literal('hangup'), callId }),
  z.object({ type: z.literal('hold'), callId }),
  z.object({ type: z.literal('resume'), callId }),
  z.object({ type: z.literal('blindTransfer'), callId, target }),
  z.object({ type: z.literal('attendedTransfer'), callId, target }),
  z.object({ type: z.literal('completeTransfer'), callId }),
  z.object({ type: z.literal('cancelTransfer'), callId }),
  z.object({
    type: z.literal('sendDtmf'),
    callId,
    digits: z.string().regex(/^[0-9*#A-D]{1,32}$/, 'DTMF digits are 0-9, *, # and A-D'),
  }),
  z.object({ type: z.literal('pauseRecording'), callId }),
  z.object({ type: z.literal('resumeRecording'), callId }),
  z.object({
    type: z.literal('dispose'),
    callId,
    code: z.string().min(1).max(200),
    notes: z.string().max(4000).default(''),
    /**
     * Ask the vendor to call the customer back then (epoch ms). Only for vendors whose
     * `Capabilities.dispositionCallback` is true; a time that has passed is refused
     * (`checkCallbackAt`).
     */
    callbackAt: z.number().int().min(0).max(MAX_TIME_MS).optional(),
  }),
  z.object({
    type: z.literal('setAgentState'),
    state: z.enum(['ready', 'notReady', 'loggedOut']),
    reason: z.string().max(200).optional(),
  }),
  /** Send the call back to a queue; `queue` is a code from the vendor's `lists.queues`. */
  z.object({
    type: z.literal('redirectToQueue'),
    callId,
    queue: z.string().trim().min(1).max(200),
  }),
  /** Attach key/values to a live call (merged into the vendor's call data). */
  z.object({ type: z.literal('setCallData'), callId, data: CallVariables }),
  /** Join or leave one of the agent's queues (`QueueInfo.id`). */
  z.object({ type: z.literal('joinQueue'), queue: z.string().min(1).max(200) }),
  z.object({ type: z.literal('leaveQueue'), queue: z.string().min(1).max(200) }),
  /** Callbacks (`CallbackItem.id`): take one for yourself, give it back, call it. */
  z.object({ type: z.literal('takeCallback'), callbackId }),
  z.object({ type: z.literal('releaseCallback'), callbackId }),
  z.object({ type: z.literal('startCallback'), callbackId }),
  /** Move a callback to a later time (`dueUntil`: the end of the new window, if any). */
  z.object({
    type: z.literal('rescheduleCallback'),
    callbackId,
    at: epochMs,
    until: epochMs.optional(),
  }),
  /** Ask the platform to call this number back then (uContact ScheduleDialerCall). */
  z.object({
    type: z.literal('scheduleCallback'),
    number: z.string().trim().min(1).max(64),
    at: epochMs,
    note: z.string().max(2000).optional(),
    /** The campaign or queue it belongs to, where the vendor needs one. */
    queue: z.string().trim().min(1).max(200).optional(),
  }),
  /** Remove a scheduled callback. */
  z.object({ type: z.literal('cancelCallback'), callbackId }),
  z.object({ type: z.literal('setDnd'), enabled: z.boolean() }),
  z.object({
    type: z.literal('setForward'),
    kind: ForwardKind,
    enabled: z.boolean(),
    /** Required when enabling. */
    destination: z.string().trim().max(64).default(''),
  }),
  /** Favourites in the vendor's directory (`DirectoryEntry.id`). */
  z.object({ type: z.literal('addFavorite'), entryId: z.string().min(1).max(300) }),
  z.object({ type: z.literal('removeFavorite'), entryId: z.string().min(1).max(300) }),
  /**
   * One of the vendor's own actions (features.ts `VendorAction`), with its form's values; the
   * adapter checks them against the action's fields.
   */
  z.object({
    type: z.literal('vendorAction'),
    action: z.string().min(1).max(100),
    callId: callId.optional(),
    values: z.record(z.string().max(100), z.string().max(4000)).default({}),
  }),
]);
export type Command = z.infer<typeof Command>;
export type CommandInput = z.input<typeof Command>;

// ── Vendor lists ──────────────────────────────────────────────────────────────────────────────

export const CodeLabel = z.object({ code: z.string(), label: z.string() });
export type CodeLabel = z.infer<typeof CodeLabel>;

export const VendorLists = z.object({
  queues: z.array(CodeLabel).optional(),
  pauseReasons: z.array(CodeLabel).optional(),
  resultCodes: z.array(CodeLabel).optional(),
});
export type VendorLists = z.infer<typeof VendorLists>;

// ── Errors ────────────────────────────────────────────────────────────────────────────────────

export type CtiErrorCode =
  /** Credentials rejected or token unusable: retrying cannot help. */
  | 'auth'
  /** Settings incomplete or invalid (no server URL…): retrying cannot help. */
  | 'config'
  /** Transport failed or closed: retry with backoff. */
  | 'network'
  /** The vendor sent something we could not understand. */
  | 'protocol'
  /** The vendor refused a command. */
  | 'rejected'
  /** The adapter cannot do this command, or not in this state. */
  | 'unsupported'
  | 'timeout';

export class CtiError extends Error {
  override readonly name = 'CtiError';
  /** What kind of connection failure this is, when the adapter or the session knows. */
  readonly failure: ConnectFailure | undefined;
  constructor(
    readonly code: CtiErrorCode,
    message: string,
    options?: { cause?: unknown; failure?: ConnectFailure },
  ) {
    super(message, options && 'cause' in options ? { cause: options.cause } : undefined);
    this.failure = options?.failure;
  }
  /** Errors after which reconnecting with backoff is pointless. */
  get fatal(): boolean {
    return this.code === 'auth' || this.code === 'config';
  }
}

/** Refuses a disposition's call-back time that is not in the future (CtiError `rejected`). */
export function checkCallbackAt(callbackAt: number | undefined, now: number): void {
  if (callbackAt !== undefined && callbackAt <= now) {
    throw new CtiError('rejected', pastCallbackMessage());
  }
}

/** The failure kind of `error`: the one its adapter set, else what its code says. */
export function connectFailureOf(error: CtiError): ConnectFailure {
  if (error.failure) return error.failure;
  switch (error.code) {
    case 'auth':
      return 'credentials';
    case 'config':
      return 'config';
    case 'timeout':
      return 'timeout';
    // An answer that is not the vendor's API: a server answers there, but not the one expected.
    case 'protocol':
      return 'notFound';
    case 'rejected':
    case 'unsupported':
      return 'refused';
    case 'network':
      return 'network';
  }
}

export function toCtiError(error: unknown, fallback: CtiErrorCode = 'network'): CtiError {
  if (error instanceof CtiError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new CtiError(fallback, message, { cause: error });
}

// ── Events from adapters ──────────────────────────────────────────────────────────────────────

export type CtiEvent =
  | { type: 'agent'; agent: AgentState }
  | { type: 'callUpsert'; call: CallUpdate }
  | { type: 'callEnded'; callId: string; endedAt: number }
  /**
   * The complete list of the agent's current calls (the answer to a resync). Calls the store
   * holds that are missing from it have ended while we were not listening.
   */
  | { type: 'callsSnapshot'; calls: CallUpdate[] }
  | { type: 'lists'; lists: VendorLists }
  /** The agent's queues, the whole list (features.ts). */
  | { type: 'queues'; queues: QueueInfo[] }
  /** Live figures of some queues by `QueueInfo.id`, merged into what the store has. */
  | { type: 'queueStats'; stats: Record<string, QueueStats> }
  /** The callbacks the agent can see, the whole list. */
  | { type: 'callbacks'; callbacks: CallbackItem[] }
  /** Presence extras that changed; fields left out stay as they were. */
  | { type: 'presence'; presence: Presence }
  /** The agent's own figures, the whole set. */
  | { type: 'agentStats'; stats: z.input<typeof AgentStat>[] }
  /** The vendor's own actions on offer now, the whole list. */
  | { type: 'vendorActions'; actions: z.input<typeof VendorAction>[] }
  /** A frame failed validation: logged, counted, shown in diagnostics; never thrown. */
  | { type: 'protocolError'; message: string; frame?: string }
  /** The vendor reported a problem worth telling the agent (agent login refused…). */
  | { type: 'notice'; level: 'info' | 'warning' | 'error'; message: string }
  /**
   * How calls reach us now: pushed `events`, or `polling` (MaxContact always; CCS when its socket
   * brings no call events). The panel says which.
   */
  | { type: 'transport'; mode: 'events' | 'polling'; intervalMs?: number }
  /** The transport is gone. The session decides whether and when to reconnect. */
  | { type: 'connectionLost'; error: CtiError };
