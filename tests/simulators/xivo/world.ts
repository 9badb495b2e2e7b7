/**
 * The simulated xuc's state: users, tokens, agents, calls and the connected CTI clients, with
 * the pushes xuc makes when any of them change. Transport-free so that it can be read (and
 * tested) without sockets.
 */
import { randomBytes } from 'node:crypto';
import { Timers } from '../shared/timers';
import { SimAgent } from './agents';
import { SimCallImpl, type CallInit } from './calls';
import { XucFeatures } from './features';
import { XucCallbacks } from './sim-callbacks';
import type { CallHistoryRecord, SimUser, XivoSimOptions } from './types';

export const DEFAULT_USERS: SimUser[] = [
  {
    login: 'alice',
    password: 'secret',
    agentId: 22,
    userId: 9,
    phoneNumber: '1001',
    fullName: 'Alice Johnson',
    mobileNumber: '+33612345678',
  },
];

/** cti.js PhoneStatusUpdate codes (§1.7). */
const PHONE_STATUS = { AVAILABLE: 0, CALLING: 1, BUSY: 2, RINGING: 8, ONHOLD: 16 } as const;

export interface Client {
  readonly login: string;
  /** LoggedOn was sent: the client receives pushes. */
  loggedOn: boolean;
  send(text: string): void;
  close(code: number, reason: string): void;
  terminate(): void;
}

export interface TokenRecord {
  login: string;
  expiresAt: number;
  revoked: boolean;
}

/** Options the features read themselves (features.ts, sim-callbacks.ts). */
type FeatureOptions =
  | 'queues'
  | 'members'
  | 'contacts'
  | 'rooms'
  | 'callbackLists'
  | 'callbackPeriods'
  | 'sheetUrl'
  | 'statsByQueueRef';
type Settings = Required<Omit<XivoSimOptions, 'port' | 'host' | 'users' | FeatureOptions>>;

export class XucWorld {
  readonly users: SimUser[];
  readonly settings: Settings;
  readonly agents = new Map<string, SimAgent>();
  readonly tokens = new Map<string, TokenRecord>();
  readonly clients = new Set<Client>();
  /** Attended transfers under way, by login: the held original and the consultation leg. */
  readonly transfers = new Map<string, { original: SimCallImpl; consult: SimCallImpl }>();
  readonly features: XucFeatures;
  readonly callbacks: XucCallbacks;
  /** Voicemail counts by login (VoiceMailStatusUpdate). */
  readonly voicemail = new Map<string, { newMessages: number; oldMessages: number }>();
  /** Commands received and ignored, as xuc ignores a failing setAgentQueue (`ignoreCommands`). */
  ignoredCommands = new Set<string>();
  silenced = false;
  rejectingLogins = false;
  stallingLogins = false;
  private calls: SimCallImpl[] = [];
  /** Every ended call per login, oldest first (api-pages "Call History"). */
  private readonly history = new Map<string, CallHistoryRecord[]>();
  private readonly timers = new Timers();
  private readonly idBase = Math.floor(Date.now() / 1000);
  private seq = 0;

  constructor(opts: XivoSimOptions) {
    this.users = (opts.users ?? DEFAULT_USERS).map((u) => ({ ...u }));
    this.settings = {
      tokenTtlSeconds: opts.tokenTtlSeconds ?? 3600,
      holdToggles: opts.holdToggles ?? true,
      answerWorks: opts.answerWorks ?? true,
      loggedOnTimeoutMs: opts.loggedOnTimeoutMs ?? 10_000,
      dialAnswerMs: opts.dialAnswerMs ?? 300,
      wrapUpMs: opts.wrapUpMs ?? 2000,
      agentErrorMsgType: opts.agentErrorMsgType ?? 'AgentError',
      failDestinations: opts.failDestinations ?? [],
      extraPhones: opts.extraPhones ?? [],
      historyTimeZone: opts.historyTimeZone ?? '',
    };
    this.features = new XucFeatures(this, opts);
    this.callbacks = new XucCallbacks(
      this,
      opts,
      wallTime(Date.now(), this.settings.historyTimeZone).slice(0, 10),
    );
    const host = {
      callsOf: (login: string) => this.callsOf(login),
      pushTo: (login: string, msgType: string, msg: unknown) => this.pushTo(login, msgType, msg),
      later: (fn: () => void, ms: number) => this.later(fn, ms),
      wrapUpMs: this.settings.wrapUpMs,
      queueIdsOf: (agentId: number) => this.features.queues.queueIdsOf(agentId),
      stateChanged: () => this.features.changed(),
    };
    for (const user of this.users) {
      if (user.agentId > 0) this.agents.set(user.login, new SimAgent(host, user));
      this.voicemail.set(user.login, { newMessages: 0, oldMessages: 0 });
    }
  }

  // ── Users and tokens ──────────────────────────────────────────────────────────────────────────

  user(login: string): SimUser | undefined {
    return this.users.find((u) => u.login === login);
  }

  firstLogin(): string {
    const first = this.users[0];
    if (!first) throw new Error('The XiVO simulator has no users');
    return first.login;
  }

  agentById(agentId: unknown): SimAgent | undefined {
    return [...this.agents.values()].find((a) => a.agentId === Number(agentId));
  }

  issueToken(login: string): string {
    const token = randomBytes(16).toString('hex');
    this.tokens.set(token, {
      login,
      expiresAt: Date.now() + this.settings.tokenTtlSeconds * 1000,
      revoked: false,
    });
    return token;
  }

  /** `valid` with the login, `expired` for a known token past its time, `unknown` otherwise. */
  checkToken(
    token: string | null | undefined,
  ): { status: 'valid'; login: string; record: TokenRecord } | { status: 'expired' | 'unknown' } {
    const record = token ? this.tokens.get(token) : undefined;
    if (!record) return { status: 'unknown' };
    if (record.revoked || record.expiresAt <= Date.now()) return { status: 'expired' };
    return { status: 'valid', login: record.login, record };
  }

  knownPhone(phone: string): boolean {
    return (
      this.users.some((u) => u.phoneNumber === phone) || this.settings.extraPhones.includes(phone)
    );
  }

  // ── Pushes ────────────────────────────────────────────────────────────────────────────────────

  pushTo(login: string, msgType: string, ctiMessage: unknown): void {
    const text = JSON.stringify({ msgType, ctiMessage });
    for (const client of this.clients)
      if (client.loggedOn && client.login === login) client.send(text);
  }

  /** To every logged-on client: what any user's client may see (queue members, callbacks). */
  pushAll(msgType: string, ctiMessage: unknown): void {
    this.pushRaw(JSON.stringify({ msgType, ctiMessage }));
  }

  pushRaw(text: string): void {
    for (const client of this.clients) if (client.loggedOn) client.send(text);
  }

  /** Agent errors: which msgType carries them is [UNKNOWN] (§1.7), so it is an option. */
  agentError(login: string, payload: Record<string, unknown>): void {
    this.pushTo(login, this.settings.agentErrorMsgType, payload);
  }

  // ── Calls ─────────────────────────────────────────────────────────────────────────────────────

  /** Asterisk-style ids ("1447670382.37"). */
  nextId(): string {
    this.seq += 1;
    return `${this.idBase}.${this.seq}`;
  }

  liveCalls(): SimCallImpl[] {
    return this.calls.filter((c) => c.live);
  }

  callsOf(login: string): SimCallImpl[] {
    return this.calls.filter((c) => c.live && c.login === login);
  }

  findCall(login: string, uniqueId: unknown): SimCallImpl | undefined {
    return this.callsOf(login).find((c) => c.uniqueId === uniqueId);
  }

  /** The call a verb without uniqueId acts on: the one the agent talks on, else held, ringing, dialing. */
  currentCall(
    login: string,
    states: SimCallImpl['state'][] = ['established', 'held', 'ringing', 'dialing'],
  ): SimCallImpl | undefined {
    const calls = this.callsOf(login);
    for (const state of states) {
      const call = calls.find((c) => c.state === state);
      if (call) return call;
    }
    return undefined;
  }

  createCall(init: Omit<CallInit, 'uniqueId' | 'linkedId'> & { linkedId?: string }): SimCallImpl {
    const linkedId = init.linkedId ?? this.nextId();
    const uniqueId =
      init.linkedId === undefined && init.direction === 'Outgoing' ? linkedId : this.nextId();
    const host = {
      phoneNumberOf: (login: string) => this.user(login)?.phoneNumber ?? '',
      userIdOf: (login: string) => this.user(login)?.userId ?? 0,
      callChanged: (call: SimCallImpl, eventType: string) => this.callChanged(call, eventType),
      announce: (call: SimCallImpl) => this.pushTo(call.login, 'PhoneEvent', call.phoneEvent()),
    };
    const call = new SimCallImpl(host, { ...init, uniqueId, linkedId });
    this.calls.push(call);
    this.callChanged(call, call.state === 'ringing' ? 'EventRinging' : 'EventDialing');
    return call;
  }

  /** Outgoing leg that answers after `dialAnswerMs` (or fails, for `failDestinations`). */
  dialOut(
    login: string,
    destination: string,
    userData: Record<string, string> = {},
    queueName?: string,
  ): SimCallImpl {
    const call = this.createCall({
      login,
      direction: 'Outgoing',
      otherDN: destination,
      userData,
      state: 'dialing',
      ...(queueName ? { queueName } : {}),
    });
    const fails = this.settings.failDestinations.includes(destination);
    this.later(() => {
      if (fails) call.fail();
      else if (call.state === 'dialing') call.answer();
    }, this.settings.dialAnswerMs);
    return call;
  }

  /** A dial that fails at once (the failure PhoneEvent, §1.10). */
  failedDial(login: string, destination: string): void {
    this.createCall({
      login,
      direction: 'Outgoing',
      otherDN: destination,
      state: 'dialing',
    }).fail();
  }

  private callChanged(call: SimCallImpl, eventType: string): void {
    this.pushTo(call.login, 'PhoneEvent', call.phoneEvent(eventType));
    this.features.queues.countCall(call, eventType);
    if (eventType === 'EventRinging' && !call.answered) this.features.sheet(call);
    if (!call.live) {
      this.calls = this.calls.filter((c) => c !== call);
      this.recordHistory(call);
      const transfer = this.transfers.get(call.login);
      if (transfer && (transfer.original === call || transfer.consult === call))
        this.transfers.delete(call.login);
    }
    this.pushTo(call.login, 'PhoneStatusUpdate', { status: this.phoneStatus(call.login) });
    const agent = this.agents.get(call.login);
    if (agent) {
      if (!call.live && call.answered && call.queueName && this.callsOf(call.login).length === 0)
        agent.wrapUp();
      agent.refresh();
    }
    this.features.changed();
  }

  /** The last `size` calls of `login`, newest first (the order is assumed: the page does not say). */
  callHistory(login: string, size: number): CallHistoryRecord[] {
    return (this.history.get(login) ?? []).slice(-Math.max(0, size)).reverse();
  }

  /**
   * api-pages "Call History": `start` as "2014-01-01 08:00:00" in the server's time zone
   * (`historyTimeZone`, assumed), `duration` as "00:21:35" from the start to the end (assumed),
   * status `emitted` (outgoing), `answered` or `missed` (incoming).
   */
  private recordHistory(call: SimCallImpl): void {
    const own = this.user(call.login)?.phoneNumber ?? '';
    const incoming = call.direction === 'Incoming';
    const seconds = Math.max(0, Math.round((Date.now() - call.startedAt) / 1000));
    const record: CallHistoryRecord = {
      start: wallTime(call.startedAt, this.settings.historyTimeZone),
      duration: [seconds / 3600, (seconds % 3600) / 60, seconds % 60]
        .map((n) => String(Math.floor(n)).padStart(2, '0'))
        .join(':'),
      srcNum: incoming ? call.otherDN : own,
      dstNum: incoming ? own : call.otherDN,
      status: incoming ? (call.answered ? 'answered' : 'missed') : 'emitted',
    };
    const list = this.history.get(call.login) ?? [];
    list.push(record);
    this.history.set(call.login, list);
  }

  private phoneStatus(login: string): number {
    const calls = this.callsOf(login);
    if (calls.some((c) => c.state === 'established')) return PHONE_STATUS.BUSY;
    if (calls.some((c) => c.state === 'held')) return PHONE_STATUS.ONHOLD;
    if (calls.some((c) => c.state === 'ringing')) return PHONE_STATUS.RINGING;
    if (calls.some((c) => c.state === 'dialing')) return PHONE_STATUS.CALLING;
    return PHONE_STATUS.AVAILABLE;
  }

  // ── Lifecycle ─────────────────────────────────────────────────────────────────────────────────

  later(fn: () => void, ms: number): void {
    this.timers.later(fn, ms);
  }

  /** Forget calls and pending timers (restart, close); agents keep login and pause. */
  reset(): void {
    this.timers.clear();
    this.calls = [];
    this.transfers.clear();
    for (const agent of this.agents.values()) agent.reset();
  }
}

/** "2014-01-01 08:00:00" in `timeZone` ('' = this process's). */
function wallTime(epochMs: number, timeZone: string): string {
  // Swedish dates are written the ISO way: "2014-01-01 08:00:00".
  const format = new Intl.DateTimeFormat('sv-SE', {
    ...(timeZone ? { timeZone } : {}),
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  return format.format(new Date(epochMs));
}
