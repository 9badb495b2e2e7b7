/**
 * Public shape of the XiVO xuc simulator (tests, demo, end-to-end tests).
 */

export interface SimUser {
  login: string;
  password: string;
  /** 0 or less: a plain user who is not an agent. */
  agentId: number;
  userId: number;
  phoneNumber: string;
  fullName: string;
  /** The phone the agent is logged in on at start; absent = logged out. */
  loggedInOn?: string;
  /** Where dialFromMobile calls from (UserConfigUpdate `mobileNumber`); absent: none. */
  mobileNumber?: string;
}

/** A queue (api-pages "Queue List"). */
export interface SimQueue {
  id: number;
  name: string;
  displayName: string;
  number: string;
}

/** A directory contact (DirectoryResult row, favourites). */
export interface SimContact {
  firstName: string;
  lastName: string;
  number: string;
  mobile?: string;
  /** The directory source and id that addFavorite / removeFavorite name. */
  source: string;
  contactId: string;
}

/** A conference room (api-pages "Cti.getConferenceRooms"). */
export interface SimRoom {
  number: string;
  name: string;
  pinRequired: boolean;
}

/** A callback period (callback.js PreferredCallbackPeriodList). */
export interface SimPeriod {
  uuid: string;
  name: string;
  periodStart: string;
  periodEnd: string;
  default: boolean;
}

/** A callback request as CallbackLists shows it (api-pages "Callback lists"). */
export interface SimCallbackRequest {
  uuid: string;
  listUuid: string;
  phoneNumber: string;
  mobilePhoneNumber: string;
  firstName: string;
  lastName: string;
  company: string;
  description: string | null;
  agentId: number | null;
  dueDate: string;
  preferredPeriod: SimPeriod;
}

export interface SimCallbackList {
  uuid: string;
  name: string;
  queueId: number;
  callbacks: SimCallbackRequest[];
}

export interface XivoSimOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Default: one agent, alice / secret, agentId 22, userId 9, phone 1001, logged out. */
  users?: SimUser[];
  /** TTL returned by auth/login, in seconds (unit [UNKNOWN], §1.3). Default 3600. */
  tokenTtlSeconds?: number;
  /** A second `hold` retrieves the call (§1.6 [UNKNOWN], assumed). Default true. */
  holdToggles?: boolean;
  /** `answer` works (remote-answer-capable device). Default true. */
  answerWorks?: boolean;
  /** How long the CTI session takes to give up while `stallLogins(true)` (xuc default 10 s). */
  loggedOnTimeoutMs?: number;
  /** Delay before a dialled number (or consultation leg) answers. Default 300. */
  dialAnswerMs?: number;
  /** Wrap-up after a queue call before the agent is ready again. Default 2000. */
  wrapUpMs?: number;
  /** Which msgType carries agent login errors ([UNKNOWN], §1.7). Default 'AgentError'. */
  agentErrorMsgType?: 'AgentError' | 'Error';
  /** Destinations whose dial fails with the undocumented failure event (assumed `EventFailure`). */
  failDestinations?: string[];
  /** Phone numbers agentLogin accepts besides the users' own. */
  extraPhones?: string[];
  /**
   * The time zone of the call history's `start` (IANA name; '' = this process's). The page does
   * not say which zone xuc uses: assumed the server's.
   */
  historyTimeZone?: string;
  /** Default: support (1), sales (2), billing (3) and XiVO's internal __switchboard (4). */
  queues?: SimQueue[];
  /** Default: agent 22 in support (penalty 0) and sales (penalty 1). */
  members?: { agentId: number; queueId: number; penalty: number }[];
  /** The directory; default a few colleagues and customers (features-data.ts). */
  contacts?: SimContact[];
  /** Default: two rooms, one with a PIN. */
  rooms?: SimRoom[];
  /** Default: one list on the support queue with three requests (features-data.ts). */
  callbackLists?: SimCallbackList[];
  /** Default: Morning 09:00–12:00 and Afternoon 14:00–17:00. */
  callbackPeriods?: SimPeriod[];
  /**
   * A Sheet with this page (`{otherDN}` replaced) is sent for every inbound call (api-pages
   * "Sheet"); '' (default): no Sheet.
   */
  sheetUrl?: string;
  /** QueueStatistics name the queue by `queueRef` (its name) instead of `queueId` (api-pages). */
  statsByQueueRef?: boolean;
}

/** One call of api-pages "Call History" (`CallHistory`). */
export interface CallHistoryRecord {
  start: string;
  duration: string;
  srcNum: string;
  dstNum: string;
  status: string;
}

export type SimCallState = 'ringing' | 'dialing' | 'established' | 'held' | 'released';

export interface SimCall {
  readonly uniqueId: string;
  readonly linkedId: string;
  /** The user whose line carries the call. */
  readonly login: string;
  readonly direction: 'Incoming' | 'Outgoing';
  readonly otherDN: string;
  readonly otherDName: string | undefined;
  readonly queueName: string | undefined;
  readonly userData: Readonly<Record<string, string>>;
  readonly state: SimCallState;
  /** DTMF keys received on this call. */
  readonly dtmf: string;
  /** Queue calls only: recording state as AgentOnCall `monitorState` reports it. */
  readonly monitorState: 'ACTIVE' | 'PAUSED' | 'DISABLED';
  /** Picked up on the device (not through the CTI). */
  answer(): void;
  hold(): void;
  resume(): void;
  /** The remote party hangs up. */
  hangup(): void;
  /** Send the PhoneEvent of the current state again (xuc repeats events, e.g. around transfers). */
  repeatLastEvent(): void;
}

export interface InboundCallOptions {
  from?: string;
  name?: string;
  /** Default 'support'; '' for a direct (non-queue) call. */
  queue?: string;
  userData?: Record<string, string>;
  /** Whose line rings; default the first user. */
  login?: string;
}

export type ClientFrame = Record<string, unknown>;

export interface ReceivedFrame {
  at: number;
  login: string;
  frame: ClientFrame;
}

export interface XivoSimulator {
  /** http://HOST:PORT: the value of the extension's Server setting. */
  url: string;
  /** Every client frame, pings included. */
  received: ReceivedFrame[];
  /** First matching frame (past or future) not returned by an earlier call. Default timeout 15 s. */
  waitForFrame(pred: (f: ClientFrame) => boolean, timeoutMs?: number): Promise<ClientFrame>;
  /** Open sockets. */
  connections(): number;
  inboundCall(o?: InboundCallOptions): SimCall;
  /** Live calls. */
  calls(): SimCall[];
  /** The agent state name (AgentReady…) and phone of a user's agent; default the first user. */
  agent(login?: string): { name: string; phoneNb: string | undefined; cause: string };
  startTraffic(o?: { intervalMs?: number }): void;
  stopTraffic(): void;
  /** The user's presence, queues, callbacks and favourites as the simulator holds them. */
  state(login?: string): SimFeatureState;
  /** Voicemail counts change (VoiceMailStatusUpdate). */
  setVoicemail(newMessages: number, oldMessages: number, login?: string): void;
  /** A supervisor starts or stops listening to the agent (AgentListen). */
  supervisorListens(started: boolean, login?: string): void;
  // Faults
  /**
   * These commands are received and do nothing, as xuc does when setAgentQueue fails ("does not
   * send anything in case of failure"); [] restores them.
   */
  ignoreCommands(commands: string[]): void;
  dropSockets(): void;
  rejectLogins(on: boolean): void;
  expireTokens(): void;
  sendMalformed(kind?: 'notJson' | 'badPhoneEvent'): void;
  silence(on: boolean): void;
  /** The CTI session never comes up: LoggedOnError loggedOnTimeout after `loggedOnTimeoutMs`. */
  stallLogins(on: boolean): void;
  restart(): Promise<void>;
  /**
   * The server goes away: every socket is cut and the port refuses connections until
   * `comeBack()`. Users, agents, calls and history stay (calls may ring and end meanwhile).
   */
  goAway(): Promise<void>;
  /** Listens again on the same port. */
  comeBack(): Promise<void>;
  close(): Promise<void>;
}

export interface SimFeatureState {
  dnd: boolean;
  forwards: Record<'naFwd' | 'uncFwd' | 'busyFwd', { enabled: boolean; destination: string }>;
  /** The agent's queues: queueId → penalty. */
  queues: Record<number, number>;
  favorites: string[];
  status: string;
  callbacks: SimCallbackRequest[];
}
