/**
 * XiVO's directory → DirectoryEntry (features.ts): `directoryLookUp(term)` answered by
 * DirectoryResult, `getFavorites` answered by Favorites, `addFavorite` / `removeFavorite`
 * answered by FavoriteUpdated (api-pages "Directory And Favorites"), and the conference rooms of
 * `getConferenceRooms` (ConferenceList) as entries of kind `room`: dialling into a room is
 * dialling its number.
 *
 * A DirectoryResult row is a list of values in the order of `headers`, and the headers are the
 * administrator's display columns. Assumed (the page shows one English example): columns are
 * recognised by name, in English or French — first name, last name or name, favourite, and any
 * number, phone, mobile or extension column; the other columns make the line under the name.
 */
import type { DirectoryEntry, DirectoryStatus } from '../../features';
import { CtiError } from '../../model';
import type { Requests } from './requests';
import { clientFrames, type ClientFrame, type InboundMessage } from './wire';
import type { ConferenceRoom, DirectoryPayload, DirectoryRow } from './wire-features';

type Column = 'first' | 'last' | 'name' | 'favorite' | 'number' | 'skip' | 'detail';

const fold = (value: string): string =>
  value
    .normalize('NFKD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();

/** What a header names (assumed vocabulary, see the file comment). */
export function columnOf(header: string): Column {
  const h = fold(header);
  if (/^(first ?name|prenom|given ?name)$/.test(h)) return 'first';
  if (/^(last ?name|surname|family ?name|nom de famille)$/.test(h)) return 'last';
  if (/^(name|nom|full ?name|display ?name|contact)$/.test(h)) return 'name';
  if (/favou?rite|favori/.test(h)) return 'favorite';
  if (/fax|mail|personal|personnel|^status$|^statut$/.test(h)) return 'skip';
  if (/number|numero|phone|telephone|^tel|mobile|portable|gsm|extension|poste/.test(h))
    return 'number';
  return 'detail';
}

/** cti.js PhoneStatus codes (vendors/README.md §1.7) → whether the person can take a call. */
export function statusOf(code: number | null | undefined): DirectoryStatus | undefined {
  switch (code) {
    case 0:
      return 'available';
    case 1:
    case 2:
    case 8:
    case 9:
    case 16:
      return 'busy';
    case 4:
    case -1:
      return 'offline';
    case -2:
    case -99:
      return 'unknown';
    default:
      return undefined;
  }
}

const DIALLABLE = /^\+?[\d\s().*#/-]{1,64}$/;
const CONTACT = 'contact:';

/** The entry id of a contact xuc can make a favourite: its source and contact id. */
export function contactEntryId(source: string, contactId: string): string {
  return `${CONTACT}${encodeURIComponent(source)}/${encodeURIComponent(contactId)}`;
}

export function parseContactEntryId(id: string): { source: string; contactId: string } | undefined {
  if (!id.startsWith(CONTACT)) return undefined;
  const [source, contactId, ...rest] = id.slice(CONTACT.length).split('/');
  if (!source || !contactId || rest.length > 0) return undefined;
  try {
    return { source: decodeURIComponent(source), contactId: decodeURIComponent(contactId) };
  } catch {
    return undefined;
  }
}

/** One directory row as an entry; undefined when it has no number to call. */
export function entryOf(
  headers: readonly string[],
  row: DirectoryRow,
  favorites = false,
): DirectoryEntry | undefined {
  const values: Partial<Record<Column, string[]>> = {};
  const numbers: DirectoryEntry['numbers'] = [];
  row.entry.forEach((raw, index) => {
    const value = raw === null ? '' : String(raw).trim();
    const header = headers[index] ?? '';
    const column = columnOf(header);
    if (!value || column === 'skip') return;
    if (column === 'number') {
      if (DIALLABLE.test(value) && /\d/.test(value) && !numbers.some((n) => n.number === value)) {
        numbers.push({ number: value, ...(header ? { label: header.slice(0, 100) } : {}) });
      }
      return;
    }
    (values[column] ??= []).push(value);
  });
  const first = numbers[0];
  if (!first) return undefined;
  const person = [values.first?.[0], values.last?.[0]].filter(Boolean).join(' ');
  const name = (values.name?.[0] ?? (person || first.number)).slice(0, 200);
  const contactId = row.contact_id ?? row.contactId;
  const favorite =
    favorites ||
    (row.favorite ??
      (values.favorite ? /^(true|1|yes|oui)$/i.test(values.favorite[0] ?? '') : undefined));
  const status = statusOf(row.status);
  const detail = values.detail?.join(' · ').slice(0, 200);
  return {
    id: (contactId && row.source
      ? contactEntryId(row.source, contactId)
      : `dir:${name}|${first.number}`
    ).slice(0, 300),
    kind: 'person',
    name,
    numbers: numbers.slice(0, 10),
    ...(detail ? { detail } : {}),
    ...(status ? { status } : {}),
    // Only a contact xuc names can be added or removed: the others leave `favorite` unsaid.
    ...(favorite !== undefined && contactId && row.source ? { favorite } : {}),
  };
}

export function entriesOf(payload: DirectoryPayload, favorites = false): DirectoryEntry[] {
  return payload.entries.flatMap((row) => entryOf(payload.headers, row, favorites) ?? []);
}

export function roomEntryOf(room: ConferenceRoom): DirectoryEntry {
  const members = room.members?.length ?? 0;
  const detail = [
    'Conference room',
    members > 0 ? `${members} in the room` : undefined,
    room.pinRequired ? 'PIN required' : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
  return {
    id: `room:${room.number}`.slice(0, 300),
    kind: 'room',
    name: (room.name || room.number).slice(0, 200),
    numbers: [{ number: room.number.slice(0, 64) }],
    detail,
  };
}

export interface DirectoryDeps {
  send(frame: ClientFrame): void;
  requests: Requests;
}

export class Directory {
  private rooms: ConferenceRoom[] = [];
  /** One lookup at a time: DirectoryResult does not say which term it answers. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: DirectoryDeps) {}

  onMessage(message: InboundMessage): boolean {
    if (message.msgType !== 'ConferenceList') return false;
    this.rooms = message.payload;
    return true;
  }

  search(term: string, limit: number): Promise<DirectoryEntry[]> {
    const wanted = term.trim();
    return this.serial(async () => {
      if (!wanted) {
        const favorites = await this.deps.requests.ask({
          send: () => this.deps.send(clientFrames.getFavorites()),
          match: (m) => (m.msgType === 'Favorites' ? { value: m.payload } : undefined),
          late: 'XiVO did not send your favourites in time',
        });
        return entriesOf(favorites, true).slice(0, limit);
      }
      const found = await this.deps.requests.ask({
        send: () => this.deps.send(clientFrames.directoryLookUp(wanted)),
        match: (m) => (m.msgType === 'DirectoryResult' ? { value: m.payload } : undefined),
        late: 'XiVO did not answer the directory search in time',
      });
      const needle = fold(wanted);
      const rooms = this.rooms
        .filter((room) => fold(`${room.name ?? ''} ${room.number}`).includes(needle))
        .map(roomEntryOf);
      return [...entriesOf(found), ...rooms].slice(0, limit);
    });
  }

  /** addFavorite / removeFavorite, confirmed by FavoriteUpdated (Added / Removed, or …Fail). */
  favorite(entryId: string, add: boolean): Promise<void> {
    const contact = parseContactEntryId(entryId);
    if (!contact) {
      throw new CtiError('unsupported', 'XiVO cannot keep this directory entry as a favourite');
    }
    const { contactId, source } = contact;
    const frame = add
      ? clientFrames.addFavorite(contactId, source)
      : clientFrames.removeFavorite(contactId, source);
    return this.deps.requests.ask({
      send: () => this.deps.send(frame),
      match: (m) => {
        if (m.msgType !== 'FavoriteUpdated') return undefined;
        const p = m.payload;
        if ((p.contact_id ?? p.contactId) !== contactId || p.source !== source) return undefined;
        if (p.action === (add ? 'Added' : 'Removed')) return { value: undefined };
        if (/fail/i.test(p.action)) {
          return {
            error: new CtiError(
              'rejected',
              add
                ? 'XiVO could not add this contact to your favourites'
                : 'XiVO could not remove this contact from your favourites',
            ),
          };
        }
        return undefined;
      },
      late: add
        ? 'XiVO did not confirm the new favourite: it may not have been saved'
        : 'XiVO did not confirm the favourite’s removal: it may still be listed',
    });
  }

  private serial<T>(run: () => Promise<T>): Promise<T> {
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
