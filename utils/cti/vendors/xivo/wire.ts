/**
 * The XiVO xuc wire: zod schemas of the frames we read and builders of the frames we send.
 * Sources: vendors/README.md §1.2–§1.7 and api-pages/xivo-xuc.txt. Nothing outside this folder
 * knows these shapes.
 *
 * Schemas are lenient where xuc versions differ (optional or null fields, numbers where strings
 * are documented) and strict only on what we key on (`uniqueId`, `agentId`, `eventType`).
 */
import { z } from 'zod';
import { text } from './fields';
import { CallHistoryPayload } from './history';
import {
  AgentListenPayload,
  AgentStatisticsPayload,
  CallbackListsPayload,
  CallbackPeriodsPayload,
  CallbackStartedPayload,
  CallbackTakenPayload,
  CallbackUpdatedPayload,
  CallbackUuidPayload,
  ConferenceListPayload,
  DirectoryPayload,
  FavoriteUpdatedPayload,
  QueueConfigPayload,
  QueueListPayload,
  QueueMemberListPayload,
  QueueMemberPayload,
  QueueStatisticsPayload,
  SheetPayload,
  UsersStatusesPayload,
  UserStatusPayload,
  VoiceMailPayload,
} from './wire-features';

// ── Server → client ───────────────────────────────────────────────────────────────────────────

/** Every server frame is `{"msgType": "<T>", "ctiMessage": <payload>}` (§1.2, cti.js `receive`). */
export const Envelope = z.object({ msgType: z.string().min(1), ctiMessage: z.unknown() });

/** §1.7 "PhoneEvent"; `eventType` stays a string so the undocumented failure event still parses. */
export const PhoneEventPayload = z.object({
  eventType: z.string().min(1),
  DN: text,
  otherDN: text,
  otherDName: text,
  linkedId: text,
  uniqueId: z.string().min(1),
  queueName: text,
  callDirection: text,
  userData: z.record(z.string(), z.unknown()).nullish(),
});
export type PhoneEventPayload = z.infer<typeof PhoneEventPayload>;

/** §1.7 "CurrentCallsPhoneEvents": the answer to `getCurrentCallsPhoneEvents`. */
export const CurrentCallsPayload = z.object({ events: z.array(PhoneEventPayload) });

/** §1.7 "AgentStateEvent"; `since` is ambiguous in the docs and deliberately not read. */
export const AgentStatePayload = z.object({
  name: z.string().min(1),
  agentId: z.number().int(),
  phoneNb: text,
  cause: text,
  /** Only on `AgentOnCall`: `ACTIVE` while the call is recorded (§1.7). */
  monitorState: text,
  acd: z.boolean().nullish(),
});
export type AgentStatePayload = z.infer<typeof AgentStatePayload>;

const flag = z.boolean().nullish();

/**
 * api-pages "User Config Update": `agentId` is absent, null or 0 for users who are not agents;
 * do-not-disturb and the three forwards with their destinations; the user's mobile (where
 * dialFromMobile calls from).
 */
export const UserConfigPayload = z.object({
  userId: z.number().int().nullish(),
  agentId: z.number().int().nullish(),
  fullName: text,
  dndEnabled: flag,
  naFwdEnabled: flag,
  naFwdDestination: text,
  uncFwdEnabled: flag,
  uncFwdDestination: text,
  busyFwdEnabled: flag,
  busyFwdDestination: text,
  mobileNumber: text,
});
export type UserConfigPayload = z.infer<typeof UserConfigPayload>;

/** generic.html (§1.4): `{"Error":"loggedOnFailed"|"loggedOnTimeout"}`, then the socket closes. */
export const LoggedOnErrorPayload = z.object({ Error: z.string().min(1) });

/**
 * `Error` and `AgentError` payloads (§1.7 "Agent login errors"): `{"Error":"PhoneNumberUnknown"}`,
 * `{"Error":"LoggedInOnAnotherPhone","phoneNb":"1002","RequestedNb":"1001"}`. Some errors may come
 * as a bare string, which we read as the same shape.
 */
export const ErrorPayload = z.union([
  z.object({ Error: z.string().min(1), phoneNb: text, RequestedNb: text }),
  z
    .string()
    .min(1)
    .transform((Error) => ({ Error, phoneNb: undefined, RequestedNb: undefined })),
]);
export type ErrorPayload = z.output<typeof ErrorPayload>;

/** The msgTypes we act on. Every other msgType (there are dozens, §1.7) is ignored quietly. */
const INBOUND = {
  // The payload is unknown (§1.4) and clients ignore it.
  LoggedOn: z.unknown(),
  LoggedOnError: LoggedOnErrorPayload,
  PhoneEvent: PhoneEventPayload,
  CurrentCallsPhoneEvents: CurrentCallsPayload,
  AgentStateEvent: AgentStatePayload,
  UserConfigUpdate: UserConfigPayload,
  Error: ErrorPayload,
  AgentError: ErrorPayload,
  CallHistory: CallHistoryPayload,
  // Agent features (wire-features.ts)
  DirectoryResult: DirectoryPayload,
  Favorites: DirectoryPayload,
  FavoriteUpdated: FavoriteUpdatedPayload,
  ConferenceList: ConferenceListPayload,
  QueueList: QueueListPayload,
  QueueConfig: QueueConfigPayload,
  QueueMember: QueueMemberPayload,
  QueueMemberList: QueueMemberListPayload,
  QueueStatistics: QueueStatisticsPayload,
  AgentStatistics: AgentStatisticsPayload,
  AgentListen: AgentListenPayload,
  VoiceMailStatusUpdate: VoiceMailPayload,
  UsersStatuses: UsersStatusesPayload,
  UserStatusUpdate: UserStatusPayload,
  CallbackLists: CallbackListsPayload,
  CallbackTaken: CallbackTakenPayload,
  CallbackReleased: CallbackUuidPayload,
  CallbackClotured: CallbackUuidPayload,
  CallbackStarted: CallbackStartedPayload,
  CallbackRequestUpdated: CallbackUpdatedPayload,
  PreferredCallbackPeriodList: CallbackPeriodsPayload,
  Sheet: SheetPayload,
} as const;
type Inbound = typeof INBOUND;

export type InboundMessage = {
  [K in keyof Inbound]: { msgType: K; payload: z.output<Inbound[K]> };
}[keyof Inbound];

export type ParsedFrame =
  | { kind: 'message'; message: InboundMessage }
  | { kind: 'ignored'; msgType: string }
  | { kind: 'invalid'; message: string };

function isKnown(msgType: string): msgType is keyof Inbound {
  return Object.hasOwn(INBOUND, msgType);
}

/** Parse one text frame. Never throws: bad input comes back as `invalid`. */
export function parseFrame(raw: string): ParsedFrame {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { kind: 'invalid', message: 'XiVO sent a frame that is not JSON' };
  }
  const envelope = Envelope.safeParse(json);
  if (!envelope.success) {
    return { kind: 'invalid', message: 'XiVO sent a frame without a msgType' };
  }
  const { msgType, ctiMessage } = envelope.data;
  if (!isKnown(msgType)) return { kind: 'ignored', msgType };
  const payload = INBOUND[msgType].safeParse(ctiMessage);
  if (!payload.success) {
    const issue = payload.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    return {
      kind: 'invalid',
      message: `Invalid ${msgType} from XiVO${where}: ${issue?.message ?? 'bad payload'}`,
    };
  }
  // TypeScript cannot correlate `msgType` with the schema picked by it; the pair is consistent
  // because both come from the same INBOUND entry.
  return { kind: 'message', message: { msgType, payload: payload.data } as InboundMessage };
}

// ── REST auth (§1.3) ──────────────────────────────────────────────────────────────────────────

export const LOGIN_PATH = '/xuc/api/2.0/auth/login';
export const CTI_PATH = '/xuc/api/2.0/cti';

export const LoginSuccess = z.object({
  login: z.string().optional(),
  token: z.string().min(1),
  /** Unit unknown (§1.3): assumed seconds. */
  TTL: z.number().nullish(),
});
export type LoginSuccess = z.infer<typeof LoginSuccess>;

/** Codes: InvalidCredentials, InvalidJson, UnhandledError (rest.html). */
export const LoginError = z.object({ error: z.string().min(1), message: z.string().nullish() });

// ── Client → server (§1.6, copied from cti.js `WebsocketMessageFactory`) ─────────────────────

export type ClientFrame =
  { claz: 'ping' } | ({ claz: 'web'; command: string } & Record<string, unknown>);

const web = (command: string, args: Record<string, unknown> = {}): ClientFrame => ({
  claz: 'web',
  command,
  ...args,
});

/** Field names are case-sensitive and inconsistent (`agentid` here, `agentId` elsewhere): copy exactly. */
export const clientFrames = {
  ping: (): ClientFrame => ({ claz: 'ping' }),
  agentLogin: (agentid: number, agentphonenumber: string) =>
    web('agentLogin', { agentphonenumber, agentid }),
  agentLogout: (agentid: number) => web('agentLogout', { agentid }),
  pauseAgent: (agentid: number, reason?: string) =>
    web('pauseAgent', reason === undefined ? { agentid } : { agentid, reason }),
  unpauseAgent: (agentid: number) => web('unpauseAgent', { agentid }),
  dial: (destination: string, variables: Record<string, string> = {}) =>
    web('dial', { destination, variables }),
  answer: (uniqueId: string) => web('answer', { uniqueId }),
  hangup: (uniqueId: string) => web('hangup', { uniqueId }),
  hold: (uniqueId: string) => web('hold', { uniqueId }),
  directTransfer: (destination: string) => web('directTransfer', { destination }),
  attendedTransfer: (destination: string) => web('attendedTransfer', { destination }),
  completeTransfer: () => web('completeTransfer'),
  cancelTransfer: () => web('cancelTransfer'),
  sendDtmf: (key: string) => web('sendDtmf', { key }),
  monitorPause: (agentid: number) => web('monitorPause', { agentid }),
  monitorUnpause: (agentid: number) => web('monitorUnpause', { agentid }),
  getCurrentCallsPhoneEvents: () => web('getCurrentCallsPhoneEvents'),
  getAgentStates: () => web('getAgentStates'),
  getUserCallHistory: (size: number) => web('getUserCallHistory', { size }),
  getAgentCallHistory: (size: number) => web('getAgentCallHistory', { size }),
  // Agent features
  dialFromMobile: (destination: string, variables: Record<string, string> = {}) =>
    web('dialFromMobile', { destination, variables }),
  dialFromQueue: (
    destination: string,
    queueId: number,
    callerIdName: string,
    callerIdNumber: string,
    variables: Record<string, string> = {},
  ) => web('dialFromQueue', { destination, queueId, callerIdName, callerIdNumber, variables }),
  setData: (variables: Record<string, string>) => web('setData', { variables }),
  /** `queue`, `queuemember` (QueueList, QueueMemberList), `meetme` (getConferenceRooms). */
  getList: (objectType: 'queue' | 'queuemember' | 'meetme') => web('getList', { objectType }),
  setAgentQueue: (agentId: number, queueId: number, penalty: number) =>
    web('setAgentQueue', { agentId, queueId, penalty }),
  removeAgentFromQueue: (agentId: number, queueId: number) =>
    web('removeAgentFromQueue', { agentId, queueId }),
  subscribeToQueueStats: () => web('subscribeToQueueStats'),
  subscribeToAgentStats: () => web('subscribeToAgentStats'),
  directoryLookUp: (term: string) => web('directoryLookUp', { term }),
  getFavorites: () => web('getFavorites'),
  addFavorite: (contactId: string, source: string) => web('addFavorite', { contactId, source }),
  removeFavorite: (contactId: string, source: string) =>
    web('removeFavorite', { contactId, source }),
  dnd: (state: boolean) => web('dnd', { state }),
  forward: (kind: 'naFwd' | 'uncFwd' | 'busyFwd', state: boolean, destination: string) =>
    web(kind, { state, destination }),
  userStatusUpdate: (status: string) => web('userStatusUpdate', { status }),
  // callback.js: Callback.* builds its frames with cti.js createMessage (claz "web").
  getCallbackLists: () => web('getCallbackLists'),
  getCallbackPreferredPeriods: () => web('getCallbackPreferredPeriods'),
  takeCallback: (uuid: string) => web('takeCallback', { uuid }),
  releaseCallback: (uuid: string) => web('releaseCallback', { uuid }),
  startCallback: (uuid: string, number: string) => web('startCallback', { uuid, number }),
  /** callback.js sends dueDate and periodUuid only together. */
  updateCallbackTicket: (
    uuid: string,
    status: string,
    comment: string,
    due?: { dueDate: string; periodUuid: string },
  ) => web('updateCallbackTicket', { uuid, status, comment, ...(due ?? {}) }),
};
