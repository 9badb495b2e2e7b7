/**
 * The simulated MaxContact platform: users, tokens, agent states, calls, leads, queues and result
 * codes, and what each telephony method does to them (vendors/README.md §3.4,
 * api-pages/maxcontact-telephony.txt). Transport-free: server.ts turns requests into `run()` calls
 * and outcomes into envelopes; agent-tools.ts has the directory, queue, lead and user-transfer
 * methods.
 */
import { randomBytes } from 'node:crypto';
import { Timers } from '../shared/timers';
import { SimCallImpl, type CallInit } from './call';
import { runAgentTool } from './agent-tools';
import { DEFAULT_LEADS, SimLeads } from './leads';
import { no, ok, type Outcome } from './outcome';
import type {
  MaxContactSimOptions,
  SimAcdQueue,
  SimAgentStatus,
  SimResultCode,
  SimUser,
} from './types';

/** The agent who signs in (1001) and colleagues to transfer to (the `users` directory). */
export const DEFAULT_USERS: SimUser[] = [
  { login: '1001', password: 'secret', userId: 1001, fullName: 'Alex Morgan' },
  { login: '1002', password: 'secret', userId: 1002, fullName: 'Priya Shah' },
  { login: '1003', password: 'secret', userId: 1003, fullName: 'Tom Williams' },
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

/** §3.4 "ACD (Skill) Queue": two live skill queues and a retired one. */
export const DEFAULT_ACD_QUEUES: SimAcdQueue[] = [
  { ID: 11, AcdName: 'Support', Active: true },
  { ID: 12, AcdName: 'Inbound Sales', Active: true },
  { ID: 13, AcdName: 'Winter campaign (retired)', Active: false },
];

type Settings = Required<
  Omit<MaxContactSimOptions, 'port' | 'host' | 'users' | 'resultCodes' | 'acdQueues' | 'leads'>
>;

export class MaxContactWorld {
  readonly users: SimUser[];
  readonly resultCodes: SimResultCode[];
  readonly acdQueues: SimAcdQueue[];
  readonly leads: SimLeads;
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
    this.acdQueues = (opts.acdQueues ?? DEFAULT_ACD_QUEUES).map((q) => ({ ...q }));
    this.leads = new SimLeads(opts.leads ?? DEFAULT_LEADS);
    this.settings = {
      dialAnswerMs: opts.dialAnswerMs ?? 300,
      startTimeFormat: opts.startTimeFormat ?? 'iso',
      extendedCallFields: opts.extendedCallFields ?? true,
      leadPhoneIdField: opts.leadPhoneIdField ?? 'LeadPhoneID',
      userTransfer: opts.userTransfer ?? 'direct',
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

  /** A new call; without a lead it is matched to the newest lead with its number, or a new one. */
  createCall(init: CallInit): SimCallImpl {
    const leadId = init.leadId ?? this.leads.matchOrCreate(init.phoneNumber).LeadId;
    const call = new SimCallImpl(this, this.nextCallId++, { ...init, leadId });
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

  /** A live call of `userId` by its CallId as written in a path or query. */
  find(userId: number, id: string | undefined): SimCallImpl | undefined {
    return this.callList.find((c) => c.userId === userId && String(c.CallId) === id && c.live);
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
        return this.dial(userId, rest[0] === 'phone' ? rest[1] : undefined, query.leadid);
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
        return runAgentTool(this, method, userId, rest);
    }
  }

  private resetAgents(): void {
    for (const user of this.users) this.agents.set(user.userId, 'ready');
  }

  private setAgent(userId: number, status: SimAgentStatus): Outcome {
    this.agents.set(userId, status);
    return ok(null);
  }

  /** A manual dial, for the given lead or the newest lead with the number (api-pages "Dial"). */
  private dial(userId: number, phone: string | undefined, leadid: string | undefined): Outcome {
    if (!phone) return no('No phone number');
    if (this.agents.get(userId) === 'loggedOut') return no('The agent is not logged in');
    const lead = leadid === undefined ? undefined : this.leads.get(Number(leadid));
    if (leadid !== undefined && !lead) return no(`Lead ${leadid} not found`);
    const call = this.createCall({
      userId,
      direction: 'outbound',
      phoneNumber: phone,
      state: 'dialing',
      ...(lead ? { leadId: lead.LeadId } : {}),
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

  /**
   * Disposes a live call (hanging it up) or an ended one not yet disposed (api-pages "Dispose").
   * A user who transferred a call to a colleague files their own result for it.
   */
  private dispose(userId: number, id: string | undefined, resultCode: string | undefined): Outcome {
    if (!this.knownCode(resultCode) || resultCode === undefined) {
      return no(`Unknown result code ${resultCode ?? ''}`);
    }
    const handedOn = this.callList.find(
      (c) =>
        String(c.CallId) === id &&
        c.transferredBy.includes(userId) &&
        !c.earlierResults.has(userId),
    );
    if (handedOn) {
      handedOn.earlierResults.set(userId, resultCode);
      if (this.live(userId).length === 0) this.agents.set(userId, 'ready');
      return ok(null);
    }
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
