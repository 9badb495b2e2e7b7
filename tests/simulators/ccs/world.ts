/**
 * The simulated CCS tenant: extensions, presence, tokens, calls and the connected event sockets,
 * with the events CCS pushes when any of them change (vendors/README.md §5, §9). Transport-free
 * so that it can be read without sockets.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Timers } from '../shared/timers';
import { CCS_PERMISSIONS, type Access } from './access';
import { duration, SimCallImpl } from './calls';
import { queueRows } from './queues';
import type {
  CcsSimOptions,
  SimAcd,
  SimEventNames,
  SimExtension,
  SimPermission,
  SimPresenceOption,
  SimRole,
} from './types';

export const DEFAULT_TENANT = 'c255052e-c560-4340-b73e-675eabc3aed3';
export const DEFAULT_OUTBOUND_QUEUE = 'az123456-c0ed-42b7-8e8c-d50c4991828c';

export const DEFAULT_EXTENSIONS: SimExtension[] = [
  {
    uuid: 'az123456-5cca-4ff1-874e-dc1c92d6de64',
    extension: '104',
    firstname: 'Reese',
    lastname: 'Nath',
    token: 'ccs-token-104',
    pin: '0104',
  },
];

/** A second agent of the tenant (api-pages §4.8's Sonny Patel), for directory and routing tests. */
export const COLLEAGUE: SimExtension = {
  uuid: 'az123456-57be-4919-aa73-b2e6341fe461',
  extension: '113',
  firstname: 'Sonny',
  lastname: 'Patel',
  token: 'ccs-token-113',
  pin: '0113',
};

/** api-pages §4.7, plus the "Lunch Break" of §4.16's example. */
export const DEFAULT_PRESENCE_OPTIONS: SimPresenceOption[] = [
  { uuid: 'az123456-a751-4bcd-a8d8-8c1c9d48186e', type: 'sign_out', name: 'Holiday In Bahamas' },
  { uuid: 'az123456-2aa9-4aa3-aa9d-cc8513e95a6d', type: 'sign_out', name: 'Sign Out' },
  { uuid: 'az123456-6227-4ddc-9204-bd3cb9496e23', type: 'away', name: 'Coffee Break' },
  { uuid: 'az123456-6227-4ddc-9204-bd3cb9496e24', type: 'away', name: 'Lunch Break' },
];

/** api-pages §4.6. */
export const DEFAULT_ACDS: SimAcd[] = [
  { uuid: 'az123456-0817-40a5-86aa-0f43becbd6f6', name: 'Q3878', extension: '387' },
  { uuid: 'az123456-d988-4239-ab9c-c393eeb2d217', name: 'Q386', extension: '386' },
];

/** The assumed catalogue (§5.5): the extension's settings default to the same names. */
export const DEFAULT_EVENTS: SimEventNames = {
  typeKey: 'action',
  payloadKey: 'response',
  callRinging: 'call_ringing',
  callDialing: 'call_dialing',
  callAnswered: 'call_answered',
  callEnded: 'call_ended',
  agentState: 'update_agent',
  queueSnapshot: 'create_queue',
  queueUpdate: 'update_queue',
};

/** Ended calls the call search remembers. */
const HISTORY = 500;

export interface Client {
  /** Set by a good `connect`: the extension uuid whose events this socket gets. */
  extensionUuid: string | undefined;
  /** Asked for queue events (`fetch_queue_events`). */
  queueEvents: boolean;
  send(text: string): void;
  close(code: number, reason: string): void;
}

interface Presence {
  type: string;
  name: string;
  since: number;
}

export class CcsWorld {
  readonly tenantId: string;
  readonly silTenantUrl: string;
  readonly extensions: SimExtension[];
  readonly presenceOptions: SimPresenceOption[];
  readonly acds: SimAcd[];
  readonly outboundQueueId: string;
  readonly events: SimEventNames;
  readonly connectAck: boolean;
  readonly dialAnswerMs: number;
  readonly clients = new Set<Client>();
  /** Session tokens from the PIN login, by value → extension uuid. */
  readonly sessions = new Map<string, string>();
  rejecting = false;
  expired = false;
  silent = false;
  failStatus: number | false = false;
  malformed = false;
  sparse = false;
  readonly role: SimRole;
  permissions: Set<SimPermission>;
  private readonly presence = new Map<string, Presence>();
  private calls: SimCallImpl[] = [];
  private ended: SimCallImpl[] = [];
  private lastQueues = '';
  private readonly timers = new Timers();

  constructor(opts: CcsSimOptions) {
    this.tenantId = opts.tenantId ?? DEFAULT_TENANT;
    this.silTenantUrl = opts.silTenantUrl ?? '/ccsl06';
    this.extensions = (opts.extensions ?? DEFAULT_EXTENSIONS).map((e) => ({ ...e }));
    this.presenceOptions = (opts.presenceOptions ?? DEFAULT_PRESENCE_OPTIONS).map((o) => ({
      ...o,
    }));
    this.acds = (opts.acds ?? DEFAULT_ACDS).map((a) => ({ ...a }));
    this.outboundQueueId = opts.outboundQueueId ?? DEFAULT_OUTBOUND_QUEUE;
    this.events = { ...DEFAULT_EVENTS, ...opts.events };
    this.connectAck = opts.connectAck ?? false;
    this.dialAnswerMs = opts.dialAnswerMs ?? 300;
    this.role = opts.role ?? 'agent';
    this.permissions = new Set(opts.permissions ?? CCS_PERMISSIONS);
    for (const e of this.extensions) {
      this.presence.set(e.uuid, { type: 'ready', name: 'Ready', since: Date.now() });
    }
  }

  // ── Extensions and tokens ─────────────────────────────────────────────────────────────────────

  first(): SimExtension {
    const first = this.extensions[0];
    if (!first) throw new Error('The CCS simulator has no extensions');
    return first;
  }

  byUuid(uuid: string | undefined): SimExtension | undefined {
    return this.extensions.find((e) => e.uuid === uuid);
  }

  byNumber(extension: string | undefined): SimExtension | undefined {
    return this.extensions.find((e) => e.extension === extension);
  }

  /** The extension a token belongs to: an API token or a PIN session; undefined when refused. */
  checkToken(token: string | undefined): SimExtension | undefined {
    if (!token || this.rejecting || this.expired) return undefined;
    const session = this.sessions.get(token);
    if (session) return this.byUuid(session);
    return this.extensions.find((e) => e.token === token);
  }

  /** `extensions.auth` (§5.2): a session token for a good extension + PIN. */
  pinLogin(extension: unknown, pin: unknown, silTenantUrl: unknown): string | undefined {
    const ext = this.extensions.find((e) => e.extension === extension && e.pin === pin);
    if (!ext || this.rejecting || this.expired) return undefined;
    if (silTenantUrl !== undefined && silTenantUrl !== this.silTenantUrl) return undefined;
    const token = randomUUID();
    this.sessions.set(token, ext.uuid);
    return token;
  }

  access(caller: SimExtension): Access {
    return { role: this.role, permissions: this.permissions, uuid: caller.uuid };
  }

  // ── Presence ──────────────────────────────────────────────────────────────────────────────────

  presenceOf(uuid: string): Presence {
    return this.presence.get(uuid) ?? { type: 'sign_out', name: 'Sign Out', since: Date.now() };
  }

  /** `updateAgentState` (§4.16): "Ready" or an option's exact name; false when unknown. */
  setPresence(uuid: string, name: string): boolean {
    const option =
      name === 'Ready'
        ? { type: 'ready', name: 'Ready' }
        : this.presenceOptions.find((o) => o.name === name);
    if (!option) return false;
    this.presence.set(uuid, { type: option.type, name: option.name, since: Date.now() });
    this.pushAgent(uuid);
    this.pushQueues();
    return true;
  }

  /** The GET agent_state body, exactly as api-pages §4.15 shows it. */
  agentStateBody(uuid: string): Record<string, unknown> {
    const p = this.presenceOf(uuid);
    const mine = this.liveCalls().filter((c) => c.extensionUuid === uuid);
    const phone = mine.some((c) => c.status === 'answered')
      ? 'Busy'
      : mine.length
        ? 'Ringing'
        : 'Idle';
    return {
      success: true,
      queue_state: { state: 'None', queue: '', duration: '0' },
      phone_state: { state: phone, duration: duration(p.since) },
      consecutive_missed: 0,
      agent_state: { state: { type: p.type, name: p.name }, duration: duration(p.since) },
    };
  }

  // ── Calls ─────────────────────────────────────────────────────────────────────────────────────

  liveCalls(): SimCallImpl[] {
    return this.calls.filter((c) => c.live);
  }

  findCall(callId: string): SimCallImpl | undefined {
    return this.liveCalls().find((c) => c.callId === callId);
  }

  endedCalls(): SimCallImpl[] {
    return [...this.ended];
  }

  createCall(init: Omit<ConstructorParameters<typeof SimCallImpl>[1], 'callId'>): SimCallImpl {
    const call = new SimCallImpl(
      { callChanged: (c, event) => this.callChanged(c, event) },
      { ...init, callId: callId() },
    );
    this.calls.push(call);
    this.callChanged(call, call.eventKind());
    return call;
  }

  private callChanged(call: SimCallImpl, event: 'ringing' | 'dialing' | 'answered' | 'ended') {
    const names = this.events;
    const name = {
      ringing: names.callRinging,
      dialing: names.callDialing,
      answered: names.callAnswered,
      ended: names.callEnded,
    }[event];
    const record = call.record();
    const payload = this.sparse ? { call_id: record.call_id, status: record.status } : record;
    if (name) this.pushEvent(call.extensionUuid, name, payload, 'Call Events');
    if (!call.live) {
      this.calls = this.calls.filter((c) => c !== call);
      this.ended = [...this.ended, call].slice(-HISTORY);
    }
    this.pushQueues();
  }

  /** The queue figures of every ACD (queues.ts). */
  queueRows(): Record<string, unknown>[] {
    return queueRows(this);
  }

  // ── Pushes ────────────────────────────────────────────────────────────────────────────────────

  /** `{"<typeKey>": name, "<payloadKey>": payload}` (§9) to the extension's sockets, if allowed. */
  pushEvent(uuid: string, name: string, payload: unknown, permission: SimPermission): void {
    if (this.silent || !this.permissions.has(permission)) return;
    const text = this.frame(name, payload);
    for (const client of this.clients) if (client.extensionUuid === uuid) client.send(text);
  }

  frame(name: string, payload: unknown): string {
    const { typeKey, payloadKey } = this.events;
    return JSON.stringify(
      payloadKey
        ? { [typeKey]: name, [payloadKey]: payload }
        : { ...(payload as Record<string, unknown>), [typeKey]: name },
    );
  }

  /** The queue figures that changed, to the sockets that asked for queue events. */
  pushQueues(): void {
    const rows = this.queueRows();
    const json = JSON.stringify(rows);
    if (json === this.lastQueues) return;
    this.lastQueues = json;
    const name = this.events.queueUpdate;
    if (this.silent || !name || !this.permissions.has('Inbound Queue Events')) return;
    const text = this.frame(name, rows);
    for (const client of this.clients)
      if (client.extensionUuid && client.queueEvents) client.send(text);
  }

  /** The wallboard's `update_agent` style: a list of agent rows keyed by extension (§5.2). */
  pushAgent(uuid: string): void {
    const ext = this.byUuid(uuid);
    if (!ext || !this.events.agentState) return;
    const p = this.presenceOf(uuid);
    this.pushEvent(
      uuid,
      this.events.agentState,
      [
        {
          extension: ext.extension,
          uuid,
          firstname: ext.firstname,
          lastname: ext.lastname,
          agent_state: { state: { type: p.type, name: p.name }, duration: duration(p.since) },
        },
      ],
      'Agent Events',
    );
  }

  pushRaw(text: string): void {
    for (const client of this.clients) if (client.extensionUuid) client.send(text);
  }

  // ── Lifecycle ─────────────────────────────────────────────────────────────────────────────────

  later(fn: () => void, ms: number): void {
    this.timers.later(fn, ms);
  }

  reset(): void {
    this.timers.clear();
    this.calls = [];
    this.ended = [];
  }
}

/** Call ids look like the API page's "0BS9DD02LEMUI": 13 capitals and digits. */
function callId(): string {
  return randomBytes(7).toString('hex').toUpperCase().slice(0, 13);
}
