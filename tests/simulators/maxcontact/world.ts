/**
 * The simulated MaxContact platform: users, tokens, agent states, calls and result codes, and what
 * each telephony method does to them (vendors/README.md §3.4, api-pages/maxcontact-telephony.txt).
 * Transport-free: server.ts turns requests into `run()` calls and outcomes into envelopes.
 */
import { randomBytes } from 'node:crypto';
import { Timers } from '../shared/timers';
import type {
  MaxContactSimOptions,
  SimAgentStatus,
  SimCall,
  SimCallState,
  SimResultCode,
  SimUser,
} from './types';

export const DEFAULT_USERS: SimUser[] = [
  { login: '1001', password: 'secret', userId: 1001, fullName: 'Alex Morgan' },
];

function code(Code: string, Description: string, more: Partial<SimResultCode> = {}): SimResultCode {
  return {
    Code,
    Description,
    IsAgentViewable: true,
    IsCallAgain: false,
    IsCallback: false,
    IsSuccess: false,
    IsSystemResultCode: false,
    IsTransfer: false,
    ResultCodeID: 0,
    Sales: 0,
    StatusID: 1,
    SuccessType: 0,
    ...more,
  };
}

export const DEFAULT_RESULT_CODES: SimResultCode[] = [
  code('SALE', 'Sale', { IsSuccess: true, Sales: 1, ResultCodeID: 1 }),
  code('NOSALE', 'No sale', { ResultCodeID: 2 }),
  code('CALLBACK', 'Call back later', { IsCallback: true, IsCallAgain: true, ResultCodeID: 3 }),
  code('XFER', 'Transferred', { IsTransfer: true, ResultCodeID: 4 }),
  // Set by the dialler, never by an agent.
  code('AM', 'Answer machine', {
    IsSystemResultCode: true,
    IsAgentViewable: false,
    ResultCodeID: 5,
  }),
];

/** CallIds are in-memory integers that start at 1000 (§3.4 note, §9). */
export const FIRST_CALL_ID = 1000;

/** The simulator's own integers for the [UNKNOWN] `CallState` (§3.5). */
const CALL_STATE: Record<SimCallState, number> = {
  offered: 1,
  dialing: 1,
  connected: 2,
  held: 3,
  ended: 0,
};

export type Outcome = { ok: true; data?: unknown } | { ok: false; detail: string };
const ok = (data?: unknown): Outcome => ({ ok: true, data });
const no = (detail: string): Outcome => ({ ok: false, detail });

interface CallInit {
  userId: number;
  direction: 'inbound' | 'outbound';
  phoneNumber: string;
  customerName?: string;
  customerName2?: string;
  campaign?: string;
  queue?: string;
  state: 'offered' | 'dialing';
}

export class SimCallImpl implements SimCall {
  readonly CallId: number;
  readonly startedAt = new Date();
  state: SimCallState;
  recording = true;
  resultCode: string | undefined;
  bridgedTo: number | undefined;

  constructor(
    private readonly world: MaxContactWorld,
    CallId: number,
    private readonly init: CallInit,
  ) {
    this.CallId = CallId;
    this.state = init.state;
  }

  get userId() {
    return this.init.userId;
  }
  get direction() {
    return this.init.direction;
  }
  get phoneNumber() {
    return this.init.phoneNumber;
  }
  get customerName() {
    return this.init.customerName ?? '';
  }
  get campaign() {
    return this.init.campaign || undefined;
  }
  get queue() {
    return this.init.queue || undefined;
  }
  get live(): boolean {
    return this.state !== 'ended';
  }

  answer(): void {
    if (this.state === 'offered' || this.state === 'dialing') this.state = 'connected';
  }
  hangup(): void {
    if (!this.live) return;
    this.state = 'ended';
    this.world.afterCall(this.userId);
  }
  hold(): void {
    if (this.state === 'connected') this.state = 'held';
  }
  retrieve(): void {
    if (this.state === 'held') this.state = 'connected';
  }

  /** §3.5 "Call", plus the [UNKNOWN] campaign and queue names when the options say so. */
  toWire(): Record<string, unknown> {
    const { startTimeFormat, extendedCallFields } = this.world.settings;
    const ms = this.startedAt.getTime();
    return {
      CallId: this.CallId,
      ...(startTimeFormat === 'none'
        ? {}
        : {
            CallStartTime:
              startTimeFormat === 'dotnet' ? `/Date(${ms})/` : this.startedAt.toISOString(),
          }),
      CallState: CALL_STATE[this.state],
      CallStatus: this.direction === 'inbound' ? 0 : 1,
      CustomerName: this.customerName,
      CustomerName2: this.init.customerName2 ?? '',
      PhoneNumber: this.phoneNumber,
      RecordingState: this.recording ? 1 : 0,
      ...(extendedCallFields && this.campaign ? { CampaignName: this.campaign } : {}),
      ...(extendedCallFields && this.queue ? { AcdName: this.queue } : {}),
    };
  }
}

type Settings = Required<Omit<MaxContactSimOptions, 'port' | 'host' | 'users' | 'resultCodes'>>;

export class MaxContactWorld {
  readonly users: SimUser[];
  readonly resultCodes: SimResultCode[];
  readonly settings: Settings;
  readonly agents = new Map<number, SimAgentStatus>();
  readonly tokens = new Map<string, string>();
  rejectingLogins = false;
  private callList: SimCallImpl[] = [];
  private nextCallId = FIRST_CALL_ID;
  private readonly timers = new Timers();

  constructor(opts: MaxContactSimOptions) {
    this.users = (opts.users ?? DEFAULT_USERS).map((u) => ({ ...u }));
    this.resultCodes = (opts.resultCodes ?? DEFAULT_RESULT_CODES).map((c) => ({ ...c }));
    this.settings = {
      dialAnswerMs: opts.dialAnswerMs ?? 300,
      startTimeFormat: opts.startTimeFormat ?? 'iso',
      extendedCallFields: opts.extendedCallFields ?? true,
    };
    this.resetAgents();
  }

  /** The token service (§3.3): the password arrives Base64 in `Authorization`. */
  login(login: string, authorization: string | undefined): string | undefined {
    const password = Buffer.from(authorization ?? '', 'base64').toString('utf8');
    const user = this.users.find((u) => u.login === login && u.password === password);
    if (!user || this.rejectingLogins) return undefined;
    const token = randomBytes(12).toString('hex');
    this.tokens.set(token, login);
    return token;
  }

  firstUserId(): number {
    const user = this.users[0];
    if (!user) throw new Error('The MaxContact simulator has no users');
    return user.userId;
  }

  createCall(init: CallInit): SimCallImpl {
    const call = new SimCallImpl(this, this.nextCallId++, init);
    this.callList.push(call);
    return call;
  }

  live(userId?: number): SimCallImpl[] {
    return this.callList.filter((c) => c.live && (userId === undefined || c.userId === userId));
  }

  all(): SimCallImpl[] {
    return [...this.callList];
  }

  /** A call of this agent ended: wrap-up, as `hangup` documents. */
  afterCall(userId: number): void {
    if (this.live(userId).length === 0 && this.agents.get(userId) !== 'loggedOut') {
      this.agents.set(userId, 'wrap');
    }
  }

  later(fn: () => void, ms: number): void {
    this.timers.later(fn, ms);
  }

  /** The platform restarts: in-memory calls, tokens and CallIds are gone (§3.4 note). */
  restart(): void {
    this.timers.clear();
    this.callList = [];
    this.nextCallId = FIRST_CALL_ID;
    this.tokens.clear();
    this.resetAgents();
  }

  /** One telephony method for `userId`; undefined when the method does not exist. */
  run(
    method: string,
    userId: number,
    rest: string[],
    query: Record<string, string>,
  ): Outcome | undefined {
    if (!this.users.some((u) => u.userId === userId)) return no(`Unknown user ${userId}`);
    const callArg = () => (rest[0] === 'call' ? this.find(userId, rest[1]) : undefined);
    switch (method) {
      case 'getcalls':
        return ok(this.live(userId).map((c) => c.toWire()));
      case 'resultcodes':
        return ok(this.resultCodes);
      case 'users':
        return ok(this.users.map((u) => ({ FullName: u.fullName, ID: u.userId })));
      case 'goready':
        return this.setAgent(userId, 'ready');
      case 'gonotready':
        return this.setAgent(userId, 'notReady');
      case 'requestbreak':
        return this.setAgent(userId, 'break');
      case 'logout':
        if (this.live(userId).length > 0) return no('The agent has live calls');
        return this.setAgent(userId, 'loggedOut');
      case 'dial':
        return this.dial(userId, rest[0] === 'phone' ? rest[1] : undefined);
      case 'hangup':
      case 'hold':
      case 'retrieve':
      case 'stoprecord':
      case 'startrecord':
        return this.onCall(method, callArg());
      case 'dispose':
        return this.dispose(userId, rest[0] === 'call' ? rest[1] : undefined, query.resultcode);
      case 'connectcalls':
        return this.connect(userId, query);
      default:
        return undefined;
    }
  }

  private resetAgents(): void {
    for (const user of this.users) this.agents.set(user.userId, 'ready');
  }

  private find(userId: number, id: string | undefined): SimCallImpl | undefined {
    return this.callList.find((c) => c.userId === userId && String(c.CallId) === id && c.live);
  }

  private setAgent(userId: number, status: SimAgentStatus): Outcome {
    this.agents.set(userId, status);
    return ok(null);
  }

  private dial(userId: number, phone: string | undefined): Outcome {
    if (!phone) return no('No phone number');
    if (this.agents.get(userId) === 'loggedOut') return no('The agent is not logged in');
    const call = this.createCall({
      userId,
      direction: 'outbound',
      phoneNumber: phone,
      state: 'dialing',
    });
    this.later(() => call.answer(), this.settings.dialAnswerMs);
    return ok(call.toWire());
  }

  private onCall(method: string, call: SimCallImpl | undefined): Outcome {
    if (!call) return no('Call not found');
    switch (method) {
      case 'hangup':
        call.hangup();
        return ok(null);
      case 'hold':
        // A delivered call is the agent's already: the dialler connects it (§3.7 "answer ✘").
        if (call.state !== 'connected' && call.state !== 'offered') {
          return no('The call is not connected');
        }
        call.answer();
        call.hold();
        return ok(null);
      case 'retrieve':
        if (call.state !== 'held') return no('The call is not on hold');
        call.retrieve();
        return ok(null);
      default:
        call.recording = method === 'startrecord';
        return ok(null);
    }
  }

  private knownCode(value: string | undefined): boolean {
    return value !== undefined && this.resultCodes.some((c) => c.Code === value);
  }

  /** Disposes a live call (hanging it up) or an ended one not yet disposed (api-pages "Dispose"). */
  private dispose(userId: number, id: string | undefined, resultCode: string | undefined): Outcome {
    if (!this.knownCode(resultCode)) return no(`Unknown result code ${resultCode ?? ''}`);
    const call = this.callList.find(
      (c) => c.userId === userId && String(c.CallId) === id && c.resultCode === undefined,
    );
    if (!call) return no('Call not found');
    call.resultCode = resultCode;
    if (call.live) call.hangup();
    if (this.live(userId).length === 0) this.agents.set(userId, 'ready');
    return ok(null);
  }

  /** Bridges two live calls; both result codes are required (api-pages "Connect Calls"). */
  private connect(userId: number, q: Record<string, string>): Outcome {
    const one = this.find(userId, q.call1);
    const two = this.find(userId, q.call2);
    if (!one || !two || one === two) return no('Both calls must be live');
    if (!this.knownCode(q.resultcode1) || !this.knownCode(q.resultcode2)) {
      return no('Both result codes are required');
    }
    one.resultCode = q.resultcode1;
    two.resultCode = q.resultcode2;
    one.bridgedTo = two.CallId;
    two.bridgedTo = one.CallId;
    one.state = 'ended';
    two.state = 'ended';
    if (this.live(userId).length === 0) this.agents.set(userId, 'ready');
    return ok(null);
  }
}
