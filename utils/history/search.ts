/**
 * Searching and filtering the agent's history (the History tab): by number or name, and by kind
 * of call. Pure, and cheap enough to run over every kept entry on each keystroke: numbers are
 * compared as digits, never parsed.
 */
import { nationalDigits } from '../phone/format';
import { isOutage, type CallEntry, type HistoryEntry } from './entry';

/** Which calls: every one, missed calls (incoming, never answered), incoming or outgoing ones. */
export const HISTORY_KINDS = ['all', 'missed', 'inbound', 'outbound'] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

export interface HistoryQuery {
  /** Digits of a number (any spelling: "06 12", "+33 6 12", "(415) 555"), or part of a name. */
  text: string;
  kind: HistoryKind;
  /** Only calls with no disposition saved yet. */
  undisposed: boolean;
}

export const EMPTY_QUERY: HistoryQuery = { text: '', kind: 'all', undisposed: false };

export const isMissed = (entry: CallEntry): boolean =>
  entry.direction === 'inbound' && entry.answeredAt === undefined;

/** Lower case, without accents: "Élodie" is found by "elodie". */
export const folded = (value: string): string =>
  value
    .normalize('NFKD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

const NUMBER_TERM = /^[\d\s+().\-/]+$/;
const digitsOf = (value: string): string => value.replace(/\D/g, '');

/**
 * The entry's number contains the digits typed: in E.164 ("33612…"), as the platform wrote it,
 * or, for a term written with its trunk zero ("0612"), in the national number ("612…").
 */
function numberMatches(entry: CallEntry, digits: string): boolean {
  const { e164, raw } = entry.remote;
  if (digitsOf(raw).includes(digits)) return true;
  if (!e164) return false;
  if (digitsOf(e164).includes(digits)) return true;
  const withoutTrunk = digits.replace(/^0+/, '');
  return withoutTrunk !== '' && nationalDigits(e164).includes(withoutTrunk);
}

function textMatches(entry: CallEntry, text: string): boolean {
  const term = text.trim();
  if (term === '') return true;
  if (NUMBER_TERM.test(term) && digitsOf(term) !== '') return numberMatches(entry, digitsOf(term));
  const wanted = folded(term);
  return [entry.remote.name, entry.remote.raw].some((v) => v && folded(v).includes(wanted));
}

function kindMatches(entry: CallEntry, kind: HistoryKind): boolean {
  switch (kind) {
    case 'all':
      return true;
    case 'missed':
      return isMissed(entry);
    case 'inbound':
    case 'outbound':
      return entry.direction === kind;
  }
}

/** True when nothing narrows the list: outage rows show only then. */
export const isEmptyQuery = (query: HistoryQuery): boolean =>
  query.text.trim() === '' && query.kind === 'all' && !query.undisposed;

export function matchesQuery(entry: HistoryEntry, query: HistoryQuery): boolean {
  // An outage is no call: it belongs to the whole list, not to a search for calls.
  if (isOutage(entry)) return isEmptyQuery(query);
  return (
    kindMatches(entry, query.kind) &&
    (!query.undisposed || entry.disposition === undefined) &&
    textMatches(entry, query.text)
  );
}

/** The entries that match, in their order. */
export function searchHistory<E extends HistoryEntry>(
  entries: readonly E[],
  query: HistoryQuery,
): E[] {
  return isEmptyQuery(query) ? [...entries] : entries.filter((e) => matchesQuery(e, query));
}
