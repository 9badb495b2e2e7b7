/**
 * Public shape of the Windstream CCS simulator (tests, demo, end-to-end tests).
 */

/**
 * Who the tokens belong to (api-pages §4): an agent's own sign-in is a tenant-level user
 * (`agent`); `tenantAdmin` has the Tenant Admin role; `telco` is a telco user.
 */
export type SimRole = 'agent' | 'tenantAdmin' | 'telco';

/** The permissions of api-pages §3 and the views §4 names. */
export type SimPermission =
  | 'API'
  | 'Agent Control'
  | 'Call Control'
  | 'Agent Events'
  | 'Call Events'
  | 'Inbound Queue Events'
  | 'Tenants View'
  | 'Voice IQs View'
  | 'Calls Listing View'
  | 'Calls View';

export interface SimExtension {
  uuid: string;
  extension: string;
  firstname: string;
  lastname: string;
  /** The API token issued for this extension's user (how tokens are issued is [UNKNOWN], §5.3). */
  token: string;
  /** For the /6/api `extensions.auth` PIN login (§5.2). */
  pin: string;
}

export interface SimPresenceOption {
  uuid: string;
  /** `sign_out`, `away`, … (api-pages §4.7). */
  type: string;
  name: string;
}

export interface SimAcd {
  uuid: string;
  name: string;
  extension: string;
}

/** The assumed event catalogue (§5.5, §9): the same defaults as the extension's settings. */
export interface SimEventNames {
  typeKey: string;
  /** '' puts the payload's fields in the frame itself. */
  payloadKey: string;
  callRinging: string;
  callDialing: string;
  callAnswered: string;
  callEnded: string;
  agentState: string;
  /** Inbound queue figures, to sockets that asked with `fetch_queue_events` ('' = none). */
  queueSnapshot: string;
  queueUpdate: string;
}

export interface CcsSimOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Default c255052e-c560-4340-b73e-675eabc3aed3 (the API page's example). */
  tenantId?: string;
  /** `sil_tenant_url` the PIN login accepts (when the client sends one). Default /ccsl06. */
  silTenantUrl?: string;
  /** Default: one agent, extension 104, PIN 0104, token `ccs-token-104`. */
  extensions?: SimExtension[];
  /** Default: the API page's three options plus "Lunch Break" (§4.7, §4.16). */
  presenceOptions?: SimPresenceOption[];
  /** The outbound queue `dial` must name. Default az123456-c0ed-42b7-8e8c-d50c4991828c. */
  outboundQueueId?: string;
  /** Default: the API page's two voice queues, Q3878 and Q386 (§4.6). */
  acds?: SimAcd[];
  events?: Partial<SimEventNames>;
  /** Answer a good `connect` with a frame ([UNKNOWN] whether CCS does). Default false. */
  connectAck?: boolean;
  /** Delay before a dialled number answers. Default 300. */
  dialAnswerMs?: number;
  /** Default `agent` (an agent's own sign-in). */
  role?: SimRole;
  /** Default all of them. */
  permissions?: readonly SimPermission[];
}

export type SimCallStatus = 'progress' | 'answered' | 'ended';

export interface SimCall {
  readonly callId: string;
  readonly direction: 'inbound' | 'outbound';
  readonly status: SimCallStatus;
  /** The extension whose line carries the call. */
  readonly extension: string;
  readonly callingNumber: string;
  readonly callingName: string | undefined;
  readonly calledNumber: string;
  readonly queueName: string | undefined;
  /** Recording suppressed (startSuppression). */
  readonly suppressed: boolean;
  readonly startTime: Date;
  readonly answerTime: Date | undefined;
  readonly endTime: Date | undefined;
  /** Picked up on the phone (CCS has no answer request). */
  answer(): void;
  /** The remote party hangs up. */
  hangup(): void;
  /** Push the call's current event again (a repeated event). */
  repeatLastEvent(): void;
}

export interface InboundCallOptions {
  from?: string;
  name?: string;
  /** Default 'support'; '' for a direct (non-queue) call. */
  queue?: string;
  /** Whose line rings; default the first extension's number. */
  extension?: string;
}

export interface RestRecord {
  at: number;
  kind: 'rest';
  method: string;
  /** Below /6/v2/api (or /6/api for the PIN login), without the query. */
  path: string;
  query: Record<string, string>;
  body: unknown;
}

export interface FrameRecord {
  at: number;
  kind: 'ws';
  /** Parsed JSON, or the text as sent (`ping`). */
  frame: unknown;
}

export type SimRecord = RestRecord | FrameRecord;

export interface CcsSimulator {
  /** http://HOST:PORT: the value of the extension's CCS domain setting. */
  url: string;
  tenantId: string;
  outboundQueueId: string;
  /** The ACDs GET /acds lists and `wait_redirect` accepts (api-pages §4.6, §4.26). */
  acds: readonly SimAcd[];
  /** The first extension (the default agent). */
  extension: SimExtension;
  events: SimEventNames;
  /** Every REST request and every client frame, pings included. */
  received: SimRecord[];
  /** First matching record (past or future) not returned by an earlier call. Default 15 s. */
  waitFor(pred: (r: SimRecord) => boolean, timeoutMs?: number): Promise<SimRecord>;
  waitForRequest(pred: (r: RestRecord) => boolean, timeoutMs?: number): Promise<RestRecord>;
  waitForFrame(pred: (frame: unknown) => boolean, timeoutMs?: number): Promise<unknown>;
  /** Open sockets that sent a good `connect`. */
  connections(): number;
  inboundCall(o?: InboundCallOptions): SimCall;
  /** Live calls. */
  calls(): SimCall[];
  /** Calls that ended, oldest first (what the call search also finds, api-pages §4.21). */
  endedCalls(): SimCall[];
  /** The presence of an extension (default the first). */
  agent(extension?: string): { type: string; name: string };
  /** The agent changes presence elsewhere (their phone, the CCS portal). */
  setPresence(name: string, extension?: string): void;
  startTraffic(o?: { intervalMs?: number }): void;
  stopTraffic(): void;
  // Faults
  dropSockets(): void;
  /** While on, every token and PIN login is refused with 401. */
  rejectTokens(on: boolean): void;
  /** Every token stops working for good; open sockets are closed. */
  expireTokens(): void;
  /** While set, REST answers with this status and the documented error body. */
  failRequests(status: number | false): void;
  /** While on, REST answers 200 with a body that is not JSON. */
  malformedJson(on: boolean): void;
  /** Push a frame the client cannot read. */
  sendMalformed(kind?: 'notJson' | 'badEvent'): void;
  /** While on, sockets connect and answer pings but carry no call or agent events. */
  silentEvents(on: boolean): void;
  /** While on, call events carry only `call_id` and `status` (GET /calls/<id> has the rest). */
  sparseCallEvents(on: boolean): void;
  /** What the tokens may do from now on (api-pages §3); 'all' gives every permission back. */
  setPermissions(permissions: readonly SimPermission[] | 'all'): void;
  /**
   * The server goes away: sockets are cut and the port refuses connections until `comeBack()`.
   * Tokens, agents and calls stay (calls may ring and end meanwhile).
   */
  goAway(): Promise<void>;
  /** Listens again on the same port. */
  comeBack(): Promise<void>;
  close(): Promise<void>;
}
