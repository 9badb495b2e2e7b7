/**
 * MaxContact's `users` list (vendors/README.md §3.4, "Agent Name ID Pair") as the agent's
 * directory: colleagues to transfer a call to with "Transfer To User". The list is the whole
 * platform's, so it is read once and kept for a minute; a search filters it here.
 */
import type { DirectoryEntry } from '../../features';
import { telephony, UserList, type AgentUser, type TelephonyRequest } from './wire';

/** How long a `users` answer serves searches and transfers before it is read again. */
export const USERS_TTL_MS = 60_000;
/** The label of a user entry's number: it is the UserID "Transfer To User" takes, not a phone. */
export const USER_NUMBER_LABEL = 'MaxContact user';

export interface DirectoryHost {
  readonly userId: string;
  request(
    req: TelephonyRequest,
    schema: typeof UserList,
  ): Promise<{ items: AgentUser[]; dropped: number }>;
  now(): number;
  /** Some entries of an answer were unreadable. */
  protocolError(message: string): void;
}

const folded = (value: string): string =>
  value
    .normalize('NFKD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

function entryOf(user: AgentUser): DirectoryEntry {
  return {
    id: `user:${user.ID}`,
    kind: 'person',
    name: (user.FullName ?? `User ${user.ID}`).slice(0, 200),
    numbers: [{ number: user.ID, label: USER_NUMBER_LABEL, transferOnly: true }],
    detail: `MaxContact user ${user.ID}`,
  };
}

export class UserDirectory {
  private cache: { at: number; users: AgentUser[] } | undefined;
  private loading: Promise<AgentUser[]> | undefined;

  constructor(private readonly host: DirectoryHost) {}

  /** The platform's users, from the cache unless it is older than USERS_TTL_MS or `fresh`. */
  async users(fresh = false): Promise<AgentUser[]> {
    const cached = this.cache;
    if (!fresh && cached && this.host.now() - cached.at < USERS_TTL_MS) return cached.users;
    this.loading ??= this.load().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  /** Colleagues whose name has `term` in it, or whose UserID has its digits; never the agent. */
  async search(term: string, limit: number): Promise<DirectoryEntry[]> {
    const wanted = folded(term.trim());
    // No favourites on MaxContact: an empty term finds nothing.
    if (!wanted || limit <= 0) return [];
    const digits = /^\d+$/.test(wanted) ? wanted : undefined;
    return (await this.users())
      .filter((u) => u.ID !== this.host.userId)
      .filter((u) => folded(u.FullName ?? '').includes(wanted) || (digits && u.ID.includes(digits)))
      .sort((a, b) => (a.FullName ?? '').localeCompare(b.FullName ?? ''))
      .slice(0, limit)
      .map(entryOf);
  }

  /** The user with this UserID; a cached list that lacks it is read again once. */
  async find(id: string): Promise<AgentUser | undefined> {
    const cached = (await this.users()).find((u) => u.ID === id);
    return cached ?? (await this.users(true)).find((u) => u.ID === id);
  }

  /**
   * The user whose UserID `number` is, when it is one: a directory entry's number is a UserID,
   * which `dial` would call as a phone number (and file under a new lead). A list that cannot be
   * read says no: the dial goes ahead.
   */
  async userWithId(number: string): Promise<AgentUser | undefined> {
    const id = number.trim();
    if (!/^\d{1,19}$/.test(id)) return undefined;
    try {
      return (await this.users()).find((u) => u.ID === id);
    } catch {
      return undefined;
    }
  }

  private async load(): Promise<AgentUser[]> {
    const { items, dropped } = await this.host.request(telephony.users(this.host.userId), UserList);
    if (dropped > 0) {
      this.host.protocolError(`MaxContact listed ${dropped} user(s) without a readable ID`);
    }
    this.cache = { at: this.host.now(), users: items };
    return items;
  }
}
