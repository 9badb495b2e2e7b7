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
  // Faults
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
