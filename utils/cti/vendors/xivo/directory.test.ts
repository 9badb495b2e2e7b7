import { afterEach, describe, expect, it, vi } from 'vitest';
import { DirectoryEntry } from '../../features';
import { resynced, setup, xuc } from '../../../../tests/simulators/xivo/test-kit';
import { DirectoryPayload } from './wire-features';
import {
  columnOf,
  contactEntryId,
  entriesOf,
  parseContactEntryId,
  roomEntryOf,
  statusOf,
} from './directory';

afterEach(() => {
  vi.useRealTimers();
});

/** The page's DirectoryResult example. */
const PAGE_RESULT = {
  entries: [
    { status: 0, entry: ['hawkeye', 'pierce', '1002', '0761187406', 'false'] },
    { status: -2, entry: ['peter', 'pan', '1004', '', 'false'] },
  ],
  headers: ['Firstname', 'Lastname', 'Number', 'Mobile', 'Favorite'],
};

describe('XiVO directory rows', () => {
  it('reads the page’s example', () => {
    const entries = entriesOf(DirectoryPayload.parse(PAGE_RESULT));
    expect(entries).toEqual([
      {
        id: 'dir:hawkeye pierce|1002',
        kind: 'person',
        name: 'hawkeye pierce',
        numbers: [
          { number: '1002', label: 'Number' },
          { number: '0761187406', label: 'Mobile' },
        ],
        status: 'available',
      },
      {
        id: 'dir:peter pan|1004',
        kind: 'person',
        name: 'peter pan',
        numbers: [{ number: '1004', label: 'Number' }],
        status: 'unknown',
      },
    ]);
    expect(entries.every((e) => DirectoryEntry.safeParse(e).success)).toBe(true);
  });

  it('knows the columns by their English or French names', () => {
    expect(
      ['Prénom', 'Nom', 'Numéro', 'Portable', 'Favoris', 'Entreprise', 'Fax'].map(columnOf),
    ).toEqual(['first', 'name', 'number', 'number', 'favorite', 'detail', 'skip']);
  });

  it('keeps a contact xuc names as a favourite candidate, and drops rows without a number', () => {
    const entries = entriesOf(
      DirectoryPayload.parse({
        headers: ['Name', 'Phone', 'Company', 'Favorite'],
        entries: [
          {
            status: 2,
            entry: ['Ann Lee', '+33 1 42 68 53 00', 'Acme', 'true'],
            contact_id: 'a/1',
            source: 'crm',
          },
          { status: null, entry: ['No Number', 'n/a', 'Acme', 'false'] },
        ],
      }),
    );
    expect(entries).toEqual([
      {
        id: contactEntryId('crm', 'a/1'),
        kind: 'person',
        name: 'Ann Lee',
        numbers: [{ number: '+33 1 42 68 53 00', label: 'Phone' }],
        detail: 'Acme',
        status: 'busy',
        favorite: true,
      },
    ]);
    expect(parseContactEntryId(entries[0]!.id)).toEqual({ source: 'crm', contactId: 'a/1' });
    expect(parseContactEntryId('dir:Ann|1')).toBeUndefined();
    expect(parseContactEntryId('contact:%E0/1')).toBeUndefined();
  });

  it('maps the phone hint codes', () => {
    expect([0, 1, 2, 4, 8, 9, 16, -1, -2, -99, 7, null].map(statusOf)).toEqual([
      'available',
      'busy',
      'busy',
      'offline',
      'busy',
      'busy',
      'busy',
      'offline',
      'unknown',
      'unknown',
      undefined,
      undefined,
    ]);
  });

  it('offers a conference room to dial into', () => {
    expect(
      roomEntryOf({ number: '4001', name: 'conference_support', pinRequired: true, members: [{}] }),
    ).toEqual({
      id: 'room:4001',
      kind: 'room',
      name: 'conference_support',
      numbers: [{ number: '4001' }],
      detail: 'Conference room · 1 in the room · PIN required',
    });
  });
});

describe('XiVO directory search', () => {
  it('looks up the term, adds matching rooms, and lists favourites for an empty term', async () => {
    const s = setup();
    const { socket } = await resynced(s);
    socket.serverSend(
      xuc('ConferenceList', [
        { number: '4000', name: 'public', pinRequired: false, startTime: 0, members: [] },
        { number: '4001', name: 'Peter’s room', pinRequired: false, startTime: 0, members: [] },
      ]),
    );
    socket.sent.length = 0;
    const found = s.adapter.searchDirectory!('peter', 10);
    await vi.waitFor(() =>
      expect(socket.frames()).toEqual([{ claz: 'web', command: 'directoryLookUp', term: 'peter' }]),
    );
    socket.serverSend(xuc('DirectoryResult', PAGE_RESULT));
    expect((await found).map((e) => [e.kind, e.name])).toEqual([
      ['person', 'hawkeye pierce'],
      ['person', 'peter pan'],
      ['room', 'Peter’s room'],
    ]);
    socket.sent.length = 0;
    const favourites = s.adapter.searchDirectory!('', 10);
    await vi.waitFor(() =>
      expect(socket.frames()).toEqual([{ claz: 'web', command: 'getFavorites' }]),
    );
    socket.serverSend(
      xuc('Favorites', {
        headers: PAGE_RESULT.headers,
        entries: [{ ...PAGE_RESULT.entries[0], contact_id: '12', source: 'internal' }],
      }),
    );
    expect(await favourites).toEqual([
      expect.objectContaining({ name: 'hawkeye pierce', favorite: true }),
    ]);
  });

  it('asks one term at a time, since an answer does not say which term it is for', async () => {
    const s = setup();
    const { socket } = await resynced(s);
    socket.sent.length = 0;
    const first = s.adapter.searchDirectory!('pi', 10);
    const second = s.adapter.searchDirectory!('pierce', 10);
    await vi.waitFor(() => expect(socket.frames().map((f) => f.term)).toEqual(['pi']));
    socket.serverSend(xuc('DirectoryResult', PAGE_RESULT));
    expect(await first).toHaveLength(2);
    await vi.waitFor(() => expect(socket.frames().map((f) => f.term)).toEqual(['pi', 'pierce']));
    socket.serverSend(xuc('DirectoryResult', { headers: PAGE_RESULT.headers, entries: [] }));
    expect(await second).toEqual([]);
  });

  it('adds and removes favourites, with xuc’s refusal and its silence', async () => {
    const s = setup();
    const { socket } = await resynced(s);
    const id = contactEntryId('internal', '12');
    socket.sent.length = 0;
    const added = s.adapter.execute({ type: 'addFavorite', entryId: id });
    expect(socket.frames()).toEqual([
      { claz: 'web', command: 'addFavorite', contactId: '12', source: 'internal' },
    ]);
    socket.serverSend(
      xuc('FavoriteUpdated', { action: 'Added', contact_id: '12', source: 'internal' }),
    );
    await added;
    const removed = s.adapter.execute({ type: 'removeFavorite', entryId: id });
    socket.serverSend(
      xuc('FavoriteUpdated', { action: 'RemoveFail', contact_id: '12', source: 'internal' }),
    );
    await expect(removed).rejects.toMatchObject({
      code: 'rejected',
      message: expect.stringMatching(/could not remove/),
    });
    await expect(
      s.adapter.execute({ type: 'addFavorite', entryId: 'dir:x|1' }),
    ).rejects.toMatchObject({
      code: 'unsupported',
    });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const search = s.adapter.searchDirectory!('nobody', 10).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await search).toMatchObject({
      code: 'timeout',
      message: 'XiVO did not answer the directory search in time',
    });
  });
});
