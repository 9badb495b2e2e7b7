/**
 * Public shape of the MaxContact Telephony Data Services simulator (unit, conformance and
 * end-to-end tests, the demo). It follows vendors/README.md §3 and §9 "MaxContact".
 */

export interface SimUser {
  /** What the token service takes in its path (§3.3). */
  login: string;
  password: string;
  /** The numeric UserID every telephony method names (§3.4). */
  userId: number;
  fullName: string;
}

/** §3.4 "Result Code", as `resultcodes` returns it. */
export interface SimResultCode {
  Code: string;
  Description: string;
  IsAgentViewable: boolean;
  IsCallAgain: boolean;
  IsCallback: boolean;
  IsSuccess: boolean;
  IsSystemResultCode: boolean;
  IsTransfer: boolean;
  ResultCodeID: number;
  Sales: number;
  StatusID: number;
  SuccessType: number;
}

export interface MaxContactSimOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Default: one agent, login 1001 / secret, UserID 1001. */
  users?: SimUser[];
  /** Default: a few agent codes, a transfer code and a system code (see world.ts). */
  resultCodes?: SimResultCode[];
  /** Delay before a dialled number answers (the sim's CallState changes). Default 300 ms. */
  dialAnswerMs?: number;
  /**
   * How `CallStartTime` is written ([UNKNOWN] serialization, §3.5): ISO 8601 (default), .NET
   * `/Date(ms)/`, or left out (to test identity without it).
   */
  startTimeFormat?: 'iso' | 'dotnet' | 'none';
  /**
   * Add `CampaignName` / `AcdName` to calls that have them. Not in the documented Call entity
   * ([UNKNOWN], §3.5); default true so the adapter's optional reading is exercised.
   */
  extendedCallFields?: boolean;
}

/**
 * The simulator's own call states. `CallState`/`CallStatus`/`RecordingState` integers on the wire
 * are arbitrary values of its own (their real meanings are [UNKNOWN], §3.5).
 */
export type SimCallState = 'offered' | 'dialing' | 'connected' | 'held' | 'ended';

export interface SimCall {
  readonly CallId: number;
  readonly userId: number;
  readonly direction: 'inbound' | 'outbound';
  readonly phoneNumber: string;
  readonly customerName: string;
  readonly campaign: string | undefined;
  readonly queue: string | undefined;
  readonly state: SimCallState;
  readonly recording: boolean;
  /** Result code from `dispose` or `connectcalls`. */
  readonly resultCode: string | undefined;
  /** `connectcalls` bridged it to another call. */
  readonly bridgedTo: number | undefined;
  /** The agent's device picks it up (MaxContact has no remote answer, §3.7). */
  answer(): void;
  /** The remote party hangs up. */
  hangup(): void;
  hold(): void;
  retrieve(): void;
}

export interface InboundCallOptions {
  from?: string;
  name?: string;
  name2?: string;
  campaign?: string;
  queue?: string;
  /** Whose calls it joins; default the first user. */
  userId?: number;
}

export type SimAgentStatus = 'ready' | 'notReady' | 'break' | 'wrap' | 'loggedOut';

export interface ReceivedRequest {
  at: number;
  method: string;
  /** Decoded path, e.g. /webservices/services/telephony/dial/user/1001/phone/+33123456789 */
  path: string;
  query: Record<string, string>;
  /** Lower-cased names. */
  headers: Record<string, string>;
  /** The `TokenKey` from the Cookie header, when there was one. */
  cookieToken: string | undefined;
  /** The telephony method (`getcalls`, `dial`…), `login` for the token service, else undefined. */
  api: string | undefined;
  status: number;
}

export type MalformedKind = 'notJson' | 'badEnvelope' | 'badCall';

export interface MaxContactSimulator {
  /** http://HOST:PORT: the value of the extension's Server (baseUrl) setting. */
  url: string;
  /** Every request but CORS preflights, in order. */
  requests: ReceivedRequest[];
  /** First matching request (past or future) not returned by an earlier call. Default 15 s. */
  waitForRequest(
    pred: (r: ReceivedRequest) => boolean,
    timeoutMs?: number,
  ): Promise<ReceivedRequest>;
  inboundCall(o?: InboundCallOptions): SimCall;
  /** Live calls, of one user or all. */
  calls(userId?: number): SimCall[];
  /** Every call since the start (or the last platform restart), ended ones included. */
  allCalls(): SimCall[];
  resultCodes: SimResultCode[];
  agent(userId?: number): SimAgentStatus;
  /** Tokens currently valid. */
  tokens(): string[];
  startTraffic(o?: { intervalMs?: number }): void;
  stopTraffic(): void;
  // Faults
  /** Every token stops working: requests get 401 until the client logs in again. */
  expireTokens(): void;
  /**
   * The next `count` requests (whose path passes `match`, default all but the token service)
   * answer HTTP `status`. Resolves when they have all been answered.
   */
  fail(status: number, count?: number, match?: (path: string) => boolean): Promise<void>;
  /** The platform is back: every pending `fail` ends now (its promise resolves). */
  clearFaults(): void;
  /** The next `count` getcalls answers are malformed. */
  sendMalformed(kind?: MalformedKind, count?: number): void;
  /** While on, the token service refuses every password (401). */
  rejectLogins(on: boolean): void;
  /** The platform restarts: calls and tokens are lost and CallIds start again at 1000. */
  restartPlatform(): void;
  close(): Promise<void>;
}
