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

/** §3.4 "ACD (Skill) Queue", as `acdqueues` returns it (the stats objects' fields are [UNKNOWN]). */
export interface SimAcdQueue {
  ID: number;
  AcdName: string;
  Active: boolean;
}

/** A phone of a lead: §3.4 "Lead Phone" plus the id `changelead` takes (its name is [UNKNOWN]). */
export interface SimLeadPhone {
  LeadPhoneID: number;
  LeadId: number;
  PhoneNumber: string;
  RecordType: string;
  RecordTypeId: number;
}

export interface SimLead {
  readonly LeadId: number;
  readonly phones: readonly SimLeadPhone[];
}

/** A lead to start with: its phones, each with a record type ("Home", "Mobile"…). */
export interface LeadSeed {
  /** Default: the next free id. */
  LeadId?: number;
  phones: { number: string; type?: string }[];
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
  /** Default: Support, Sales and an inactive queue (see world.ts). */
  acdQueues?: SimAcdQueue[];
  /**
   * Leads the platform holds at start (default: two demo callers, leads.ts); calls to and from
   * their numbers are matched to them, and other numbers get a new lead.
   */
  leads?: LeadSeed[];
  /**
   * The name of the id field of a lead phone in `leadphones` answers ([UNKNOWN], §3.4: the API
   * page's Lead Phone entity has none, yet `changelead` takes a LeadPhoneID). Default
   * `LeadPhoneID`; '' leaves the id out.
   */
  leadPhoneIdField?: string;
  /**
   * How "Transfer To User" (v1.8, URL [UNKNOWN], §3.4) behaves: `direct` (default) hands the call
   * to the user at once; `withComplete` offers it and waits for `completetransfer`.
   */
  userTransfer?: 'direct' | 'withComplete';
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
  /** The lead the call is associated with (§3.4 dial: matched to the newest lead, or a new one). */
  readonly leadId: number | undefined;
  /** The users who transferred it away, first to last ("Transfer To User"). */
  readonly transferredBy: readonly number[];
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
  /** The lead it belongs to; default the newest lead with the caller's number, else a new lead. */
  leadId?: number;
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
  /** The platform's users (the `users` directory), agents included. */
  users: SimUser[];
  acdQueues: SimAcdQueue[];
  /** Every lead, oldest first. */
  leads(): SimLead[];
  /** A new lead with these phones. */
  addLead(seed: LeadSeed): SimLead;
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
