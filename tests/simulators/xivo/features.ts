/**
 * The simulated xuc's agent features (api-pages/xivo-xuc.txt, vendors/README.md §1.6): queues and
 * their membership and statistics, the directory and favourites, conference rooms, presence
 * (do-not-disturb, forwards, user status, voicemail), the agent's statistics and screen-pop
 * sheets. Callbacks are in sim-callbacks.ts. Like xuc, commands get no reply: their effects come
 * as events, and queue membership failures send nothing at all.
 */
import { DEFAULT_CONTACTS, DEFAULT_MEMBERS, DEFAULT_QUEUES, DEFAULT_ROOMS } from './features-data';
import type { SimCallImpl } from './calls';
import type {
  ClientFrame,
  SimContact,
  SimFeatureState,
  SimQueue,
  SimUser,
  XivoSimOptions,
} from './types';
import type { XucWorld } from './world';

type ForwardCommand = 'naFwd' | 'uncFwd' | 'busyFwd';
const FORWARDS: readonly ForwardCommand[] = ['naFwd', 'uncFwd', 'busyFwd'];
const DIRECTORY_HEADERS = ['Firstname', 'Lastname', 'Number', 'Mobile', 'Favorite'];
/** cti.js PhoneStatus: AVAILABLE 0, BUSY 2, UNEXISTING -2 (a number that is not a line). */
const HINT = { available: 0, busy: 2, unexisting: -2 } as const;

interface Presence {
  dnd: boolean;
  forwards: SimFeatureState['forwards'];
  status: string;
  favorites: Set<string>;
}

const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isInteger(v) ? v : undefined;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const contactKey = (source: string, contactId: string) => `${source}/${contactId}`;

export class XucFeatures {
  readonly queues: SimQueue[];
  /** Every agent's queues: agentId → (queueId → penalty). */
  readonly members = new Map<number, Map<number, number>>();
  private readonly contacts: SimContact[];
  private readonly presence = new Map<string, Presence>();
  private readonly statsSubscribers = new Set<string>();
  private readonly agentStatsSubscribers = new Set<string>();
  private readonly lastStats = new Map<string, string>();
  private readonly totals = new Map<
    number,
    { entered: number; answered: number; abandoned: number }
  >();

  constructor(
    private readonly world: XucWorld,
    private readonly opts: XivoSimOptions,
  ) {
    this.queues = (opts.queues ?? DEFAULT_QUEUES).map((q) => ({ ...q }));
    for (const m of opts.members ?? DEFAULT_MEMBERS)
      this.setMember(m.agentId, m.queueId, m.penalty);
    this.contacts = opts.contacts ?? DEFAULT_CONTACTS;
  }

  /** The UserConfigUpdate payload of the page's example, with this user's state. */
  userConfig(user: SimUser): Record<string, unknown> {
    const p = this.presenceOf(user.login);
    const [firstName = '', ...rest] = user.fullName.split(' ');
    const agent = this.world.agents.get(user.login);
    return {
      userId: user.userId,
      dndEnabled: p.dnd,
      naFwdEnabled: p.forwards.naFwd.enabled,
      naFwdDestination: p.forwards.naFwd.destination,
      uncFwdEnabled: p.forwards.uncFwd.enabled,
      uncFwdDestination: p.forwards.uncFwd.destination,
      busyFwdEnabled: p.forwards.busyFwd.enabled,
      busyFwdDestination: p.forwards.busyFwd.destination,
      firstName,
      lastName: rest.join(' '),
      fullName: user.fullName,
      mobileNumber: user.mobileNumber ?? '',
      agentId: agent ? agent.agentId : null,
      lineIds: [user.userId + 100],
      voiceMailId: user.userId + 50,
      voiceMailEnabled: true,
    };
  }

  status(login: string): string {
    return this.presenceOf(login).status;
  }

  state(login: string): Omit<SimFeatureState, 'callbacks'> {
    const p = this.presenceOf(login);
    const agent = this.world.agents.get(login);
    const queues = agent ? this.members.get(agent.agentId) : undefined;
    return {
      dnd: p.dnd,
      forwards: structuredClone(p.forwards),
      queues: Object.fromEntries(queues ?? []),
      favorites: [...p.favorites],
      status: p.status,
    };
  }

  queueIdsOf(agentId: number): number[] {
    return [...(this.members.get(agentId)?.keys() ?? [])];
  }

  /** Handles a feature command; false when it is not one. */
  handle(login: string, frame: ClientFrame): boolean {
    const push = (msgType: string, payload: unknown) => this.world.pushTo(login, msgType, payload);
    switch (frame.command) {
      case 'getList':
        return this.getList(login, frame.objectType);
      case 'setAgentQueue':
      case 'removeAgentFromQueue':
        this.membership(frame);
        return true;
      case 'subscribeToQueueStats':
        this.statsSubscribers.add(login);
        for (const key of [...this.lastStats.keys()])
          if (key.startsWith(`${login}|`)) this.lastStats.delete(key);
        this.pushQueueStats();
        return true;
      case 'subscribeToAgentStats':
        this.agentStatsSubscribers.add(login);
        this.pushAgentStats(login);
        return true;
      case 'directoryLookUp':
        push('DirectoryResult', this.directory(login, str(frame.term) ?? ''));
        return true;
      case 'getFavorites':
        push('Favorites', this.directory(login, undefined));
        return true;
      case 'addFavorite':
      case 'removeFavorite':
        this.favorite(login, frame);
        return true;
      case 'dnd':
      case 'naFwd':
      case 'uncFwd':
      case 'busyFwd':
        this.presenceCommand(login, frame);
        return true;
      case 'userStatusUpdate': {
        const status = str(frame.status);
        if (status && ['available', 'away', 'disconnected'].includes(status)) {
          this.presenceOf(login).status = status;
          push('UserStatusUpdate', { status });
        }
        return true;
      }
      case 'setData':
        this.setData(login, frame.variables);
        return true;
      case 'dialFromMobile':
      case 'dialFromQueue':
        this.dialRoute(login, frame);
        return true;
      default:
        return false;
    }
  }

  /** Something that the statistics count changed (a call, an agent state). */
  changed(): void {
    this.pushQueueStats();
    for (const login of this.agentStatsSubscribers) this.pushAgentStats(login);
  }

  /** Counts a queue call: entered at its first event, answered, or abandoned when it ends unanswered. */
  countCall(call: SimCallImpl, eventType: string): void {
    const queue = this.queues.find((q) => q.name === call.queueName);
    if (!queue || call.direction !== 'Incoming') return;
    const totals = this.totals.get(queue.id) ?? { entered: 0, answered: 0, abandoned: 0 };
    if (eventType === 'EventRinging' && !call.answered) totals.entered += 1;
    if (eventType === 'EventEstablished' && !call.counted) {
      call.counted = true;
      totals.answered += 1;
      this.world.agents.get(call.login)?.countInbound();
    }
    if (!call.live && !call.answered) totals.abandoned += 1;
    this.totals.set(queue.id, totals);
  }

  /** api-pages "Sheet": the page's example shape, for the inbound call `call`. */
  sheet(call: SimCallImpl): void {
    const template = this.opts.sheetUrl ?? '';
    if (!template || call.direction !== 'Incoming') return;
    const url = template.replace('{otherDN}', encodeURIComponent(call.otherDN));
    this.world.pushTo(call.login, 'Sheet', {
      timenow: Math.floor(Date.now() / 1000),
      compressed: false,
      serial: 'xml',
      payload: {
        profile: {
          user: {
            internal: [
              { content: 'xivo', name: 'ipbxid' },
              // Sent when the call rings ("dial"); the page's example is one sent on answer ("link").
              { content: 'dial', name: 'where' },
              { content: call.linkedId, name: 'uid' },
            ],
            sheetQtui: null,
            sheetInfo: [
              { value: url, name: 'popupUrl', order: 10, type: 'url' },
              { value: `&caller=${call.otherDN}`, name: 'folderNumber', order: 30, type: 'text' },
            ],
            systrayInfo: [],
          },
        },
      },
      channel: `SIP/sim-${call.uniqueId}`,
    });
  }

  // ── Queues ────────────────────────────────────────────────────────────────────────────────────

  private getList(login: string, objectType: unknown): boolean {
    const push = (msgType: string, payload: unknown) => this.world.pushTo(login, msgType, payload);
    if (objectType === 'queue') {
      push(
        'QueueList',
        this.queues.map((q) => ({ ...q, context: 'default' })),
      );
    } else if (objectType === 'queuemember') {
      push(
        'QueueMemberList',
        [...this.members].flatMap(([agentId, queues]) =>
          [...queues].map(([queueId, penalty]) => ({ agentId, queueId, penalty })),
        ),
      );
    } else if (objectType === 'meetme') {
      const rooms = this.opts.rooms ?? DEFAULT_ROOMS;
      push(
        'ConferenceList',
        rooms.map((r) => ({ ...r, startTime: 0, members: [] })),
      );
    } else {
      return false;
    }
    return true;
  }

  /** "On success triggers a Queue Member event, does not send anything in case of failure". */
  private membership(frame: ClientFrame): void {
    const agentId = num(frame.agentId);
    const queueId = num(frame.queueId);
    const agent = agentId === undefined ? undefined : this.world.agentById(agentId);
    if (!agent || !this.queues.some((q) => q.id === queueId) || queueId === undefined) return;
    if (frame.command === 'setAgentQueue') {
      const penalty = num(frame.penalty);
      if (penalty === undefined || penalty < 0) return;
      this.setMember(agent.agentId, queueId, penalty);
      this.world.pushAll('QueueMember', { agentId, queueId, penalty });
    } else {
      if (!this.members.get(agent.agentId)?.delete(queueId)) return;
      this.world.pushAll('QueueMember', { agentId, queueId, penalty: -1 });
    }
    agent.refresh();
    this.changed();
  }

  private setMember(agentId: number, queueId: number, penalty: number): void {
    let queues = this.members.get(agentId);
    if (!queues) this.members.set(agentId, (queues = new Map()));
    queues.set(queueId, penalty);
  }

  /** The api-pages counters, computed from the calls and agents the simulator holds. */
  private countersOf(queue: SimQueue): { statName: string; value: number }[] {
    const waiting = this.world
      .liveCalls()
      .filter(
        (c) => c.queueName === queue.name && c.direction === 'Incoming' && c.state === 'ringing',
      );
    const oldest = Math.min(Date.now(), ...waiting.map((c) => c.startedAt));
    const agents = [...this.world.agents.values()].filter((a) =>
      this.members.get(a.agentId)?.has(queue.id),
    );
    const named = (name: string) => agents.filter((a) => a.name() === name).length;
    const totals = this.totals.get(queue.id) ?? { entered: 0, answered: 0, abandoned: 0 };
    return [
      { statName: 'WaitingCalls', value: waiting.length },
      { statName: 'LongestWaitingTime', value: Math.round((Date.now() - oldest) / 1000) },
      { statName: 'AvailableAgents', value: named('AgentReady') },
      { statName: 'LoggedAgents', value: agents.filter((a) => a.phoneNb !== undefined).length },
      { statName: 'TalkingAgents', value: named('AgentOnCall') },
      { statName: 'TotalNumberCallsEntered', value: totals.entered },
      { statName: 'TotalNumberCallsAnswered', value: totals.answered },
      { statName: 'TotalNumberCallsAbandonned', value: totals.abandoned },
      { statName: 'EWT', value: 0 },
    ];
  }

  /** First all counters, then a notification for each queue whose counters changed. */
  private pushQueueStats(): void {
    for (const login of this.statsSubscribers) {
      for (const queue of this.queues) {
        const counters = this.countersOf(queue);
        const key = `${login}|${queue.id}`;
        const text = JSON.stringify(counters);
        if (this.lastStats.get(key) === text) continue;
        this.lastStats.set(key, text);
        const id = this.opts.statsByQueueRef ? { queueRef: queue.name } : { queueId: queue.id };
        this.world.pushTo(login, 'QueueStatistics', { ...id, counters });
      }
    }
  }

  private pushAgentStats(login: string): void {
    const agent = this.world.agents.get(login);
    if (agent)
      this.world.pushTo(login, 'AgentStatistics', {
        id: agent.agentId,
        statistics: agent.statistics(),
      });
  }

  // ── Directory ─────────────────────────────────────────────────────────────────────────────────

  /** DirectoryResult for `term`, or the user's favourites (term undefined). */
  private directory(login: string, term: string | undefined): Record<string, unknown> {
    const favorites = this.presenceOf(login).favorites;
    const wanted = term?.trim().toLowerCase();
    const rows = this.contacts.filter((c) =>
      wanted === undefined
        ? favorites.has(contactKey(c.source, c.contactId))
        : wanted.length > 0 &&
          `${c.firstName} ${c.lastName} ${c.number} ${c.mobile ?? ''}`
            .toLowerCase()
            .includes(wanted),
    );
    return {
      headers: DIRECTORY_HEADERS,
      entries: rows.map((c) => {
        const user = this.world.users.find((u) => u.phoneNumber === c.number);
        const busy = user && this.world.callsOf(user.login).length > 0;
        const favorite = favorites.has(contactKey(c.source, c.contactId));
        return {
          status: user ? (busy ? HINT.busy : HINT.available) : HINT.unexisting,
          entry: [c.firstName, c.lastName, c.number, c.mobile ?? '', String(favorite)],
          contact_id: c.contactId,
          source: c.source,
          favorite,
        };
      }),
    };
  }

  /** FavoriteUpdated Added / Removed, or AddFail / RemoveFail for an unknown contact. */
  private favorite(login: string, frame: ClientFrame): void {
    const contactId = str(frame.contactId) ?? '';
    const source = str(frame.source) ?? '';
    const add = frame.command === 'addFavorite';
    const known = this.contacts.some((c) => c.contactId === contactId && c.source === source);
    const favorites = this.presenceOf(login).favorites;
    if (known && add) favorites.add(contactKey(source, contactId));
    if (known && !add) favorites.delete(contactKey(source, contactId));
    const action = known ? (add ? 'Added' : 'Removed') : add ? 'AddFail' : 'RemoveFail';
    this.world.pushTo(login, 'FavoriteUpdated', { action, contact_id: contactId, source });
  }

  // ── Presence and calls ────────────────────────────────────────────────────────────────────────

  /** dnd and forwards: the new state comes back as UserConfigUpdate. */
  private presenceCommand(login: string, frame: ClientFrame): void {
    const state = frame.state;
    if (typeof state !== 'boolean') return;
    const p = this.presenceOf(login);
    if (frame.command === 'dnd') {
      p.dnd = state;
    } else {
      const destination = str(frame.destination) ?? '';
      // Assumed: xuc does not forward to nowhere (nothing is sent back).
      if (state && !/^\+?[0-9*#]+$/.test(destination)) return;
      p.forwards[frame.command as ForwardCommand] = { enabled: state, destination };
    }
    const user = this.world.user(login);
    if (user) this.world.pushTo(login, 'UserConfigUpdate', this.userConfig(user));
  }

  /** "Attach data to the device current calls" (api-pages setData), USR_ prefixed. */
  private setData(login: string, variables: unknown): void {
    if (typeof variables !== 'object' || variables === null) return;
    const calls = this.world
      .callsOf(login)
      .filter((c) => c.state === 'established' || c.state === 'held');
    for (const call of calls) {
      for (const [key, value] of Object.entries(variables)) {
        call.userData[key.startsWith('USR_') ? key : `USR_${key}`] = String(value);
      }
    }
  }

  /**
   * dialFromMobile: assumed, the call shows on the user's line like a dial (xuc's events for it
   * are not on the page); without a mobile it fails with the failure event. dialFromQueue: "from
   * some free Agent attached to queueId", the call carrying the queue's name.
   */
  private dialRoute(login: string, frame: ClientFrame): void {
    const destination = str(frame.destination);
    if (!destination) return;
    const variables = Object.fromEntries(
      Object.entries(
        typeof frame.variables === 'object' && frame.variables ? frame.variables : {},
      ).map(([k, v]) => [k.startsWith('USR_') ? k : `USR_${k}`, String(v)]),
    );
    if (frame.command === 'dialFromMobile') {
      if (this.world.user(login)?.mobileNumber) this.world.dialOut(login, destination, variables);
      else this.world.failedDial(login, destination);
      return;
    }
    const queue = this.queues.find((q) => q.id === num(frame.queueId));
    const free =
      queue &&
      [...this.world.agents.values()].find(
        (a) => this.members.get(a.agentId)?.has(queue.id) && a.name() === 'AgentReady',
      );
    if (queue && free) this.world.dialOut(free.user.login, destination, variables, queue.name);
  }

  private presenceOf(login: string): Presence {
    let p = this.presence.get(login);
    if (!p) {
      const off = { enabled: false, destination: '' };
      p = {
        dnd: false,
        forwards: Object.fromEntries(FORWARDS.map((f) => [f, { ...off }])) as Presence['forwards'],
        status: 'available',
        favorites: new Set(),
      };
      this.presence.set(login, p);
    }
    return p;
  }
}
