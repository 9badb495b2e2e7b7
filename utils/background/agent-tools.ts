/**
 * The side panel's queries (architecture.md "Agent features"): the directory (the vendor's, and
 * the admin's speed-dial list for every vendor) and the history merged with the vendor's own
 * records. Both answer with what they have: a vendor that fails or cannot do it leaves the local
 * part and a message saying why.
 */
import type { Capabilities, Clock, Logger } from '../cti/adapter';
import type { DirectoryEntry } from '../cti/features';
import { toCtiError } from '../cti/model';
import type { Session } from '../cti/session';
import type { HistoryEntry } from '../history/entry';
import { mergeHistory } from '../history/merge';
import type { Settings, SpeedDial } from '../settings/schema';

/** At most this many directory entries in one answer. */
export const DIRECTORY_LIMIT = 50;
/**
 * How far back the vendor's records are read. This browser's history comes whole (at most
 * `history.maxEntries`): the History tab searches, filters and exports all of it.
 */
export const VENDOR_HISTORY_DAYS = 7;

export interface AgentToolsDeps {
  session(): Session;
  capabilities(): Capabilities;
  settings(): Settings;
  /** This browser's history, newest first. */
  localHistory(limit: number): Promise<HistoryEntry[]>;
  clock: Clock;
  log: Logger;
}

/** What a query found; `error`: why the vendor's part is missing (the rest is still there). */
export interface Found<T> {
  entries: T[];
  error?: string;
}

export interface AgentTools {
  directory(term: string): Promise<Found<DirectoryEntry>>;
  history(): Promise<Found<HistoryEntry>>;
}

const folded = (value: string): string =>
  value
    .normalize('NFKD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
const digitsOf = (value: string): string => value.replace(/\D/g, '');

/** A speed-dial entry matches on any word of its name or detail, or on digits of its number. */
export function speedDialMatches(entry: SpeedDial, term: string): boolean {
  const wanted = folded(term.trim());
  if (!wanted) return true;
  const text = folded(`${entry.name} ${entry.detail ?? ''}`);
  if (text.includes(wanted)) return true;
  // A term of digits (and the usual separators) also finds the number.
  const numeric = /^[\d\s+().-]+$/.test(wanted) && digitsOf(wanted).length > 0;
  return numeric && digitsOf(entry.number).includes(digitsOf(wanted));
}

export function speedDialEntries(list: readonly SpeedDial[], term: string): DirectoryEntry[] {
  return list
    .map((entry, index) => ({ entry, index }))
    .filter(({ entry }) => speedDialMatches(entry, term))
    .map(({ entry, index }) => ({
      id: `speedDial:${index}`,
      kind: 'speedDial' as const,
      name: entry.name,
      numbers: [{ number: entry.number }],
      ...(entry.detail ? { detail: entry.detail } : {}),
    }));
}

/** Speed dial first (the admin chose them), then the vendor's entries with a number not listed yet. */
function mergeDirectory(speed: DirectoryEntry[], vendor: DirectoryEntry[]): DirectoryEntry[] {
  const numbers = new Set(speed.flatMap((e) => e.numbers.map((n) => digitsOf(n.number))));
  const fresh = vendor.filter(
    (e) => e.numbers.length === 0 || !e.numbers.every((n) => numbers.has(digitsOf(n.number))),
  );
  return [...speed, ...fresh].slice(0, DIRECTORY_LIMIT);
}

export function createAgentTools(deps: AgentToolsDeps): AgentTools {
  const has = (feature: 'directory' | 'favorites' | 'history') =>
    deps.capabilities().features?.has(feature) ?? false;

  async function vendorPart<T>(
    wanted: boolean,
    read: () => Promise<T[]>,
    what: string,
  ): Promise<{ found: T[]; error?: string }> {
    if (!wanted) return { found: [] };
    try {
      return { found: await read() };
    } catch (error) {
      const message = toCtiError(error).message;
      deps.log.warn(`${what} failed`, message);
      return { found: [], error: message };
    }
  }

  return {
    async directory(term) {
      const trimmed = term.trim();
      const speed = speedDialEntries(deps.settings().directory.speedDial, trimmed);
      const wanted = trimmed ? has('directory') : has('favorites');
      const vendor = await vendorPart(
        wanted,
        () =>
          deps.session().query((adapter) => adapter.searchDirectory?.(trimmed, DIRECTORY_LIMIT)),
        'directory search',
      );
      const entries = mergeDirectory(speed, vendor.found);
      return vendor.error ? { entries, error: vendor.error } : { entries };
    },

    async history() {
      const local = await deps.localHistory(deps.settings().history.maxEntries);
      const to = deps.clock.now();
      const from = to - VENDOR_HISTORY_DAYS * 86_400_000;
      const vendor = await vendorPart(
        has('history'),
        () => deps.session().query((adapter) => adapter.pastCalls?.({ from, to })),
        'vendor history',
      );
      const entries = mergeHistory(local, vendor.found, local.length + vendor.found.length);
      return vendor.error ? { entries, error: vendor.error } : { entries };
    },
  };
}
