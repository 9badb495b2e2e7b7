/**
 * The simulated xuc's agent features (api-pages/xivo-xuc.txt, vendors/README.md §1.6): the
 * directory and favourites, conference rooms, presence (do-not-disturb, forwards, user status,
 * voicemail), the agent's statistics, screen-pop sheets and dial routes. Queues are in
 * sim-queues.ts, callbacks in sim-callbacks.ts. Like xuc, commands get no reply: their effects
 * come as events.
 */
import { DEFAULT_CONTACTS, DEFAULT_ROOMS } from './features-data';
import { XucQueues } from './sim-queues';
import type { SimCallImpl } from './calls';
import type { ClientFrame, SimContact, SimFeatureState, SimUser, XivoSimOptions } from './types';
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

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const contactKey = (source: string, contactId: string) => `${source}/${contactId}`;

export class XucFeatures {
  readonly queues: XucQueues;
  private readonly contacts: SimContact[];
  private readonly presence = new Map<string, Presence>();
  private readonly agentStatsSubscribers = new Set<string>();

  constructor(
    private readonly world: XucWorld,
    private readonly opts: XivoSimOptions,
  ) {
    this.queues = new XucQueues(world, opts);
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

    return {
      dnd: p.dnd,
      forwards: structuredClone(p.forwards),
      queues: agent ? this.queues.penalties(agent.agentId) : {},
      favorites: [...p.favorites],
      status: p.status,
    };
  }

  /** Handles a feature command; false when it is not one. */
  handle(login: string, frame: ClientFrame): boolean {
    const push = (msgType: string, payload: unknown) => this.world.pushTo(login, msgType, payload);
    if (this.queues.handle(login, frame)) return true;
    switch (frame.command) {
      case 'getList':
        // getConferenceRooms (getList "meetme"); "agent", "agentgroup": not simulated.
        if (frame.objectType !== 'meetme') return false;
        push(
          'ConferenceList',
          (this.opts.rooms ?? DEFAULT_ROOMS).map((r) => ({ ...r, startTime: 0, members: [] })),
        );
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
    this.queues.pushStats();
    for (const login of this.agentStatsSubscribers) this.pushAgentStats(login);
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
    const queue = this.queues.queues.find((q) => q.id === frame.queueId);
    const free =
      queue &&
      [...this.world.agents.values()].find(
        (a) => this.queues.isMember(a.agentId, queue.id) && a.name() === 'AgentReady',
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
