import { describe, expect, it, vi } from 'vitest';
import { CcsDirectory, DIRECTORY_TTL_MS } from './directory';
import type { Acd, Extension } from './wire';

const EXTENSIONS: Extension[] = [
  { uuid: 'u-104', extension: '104', firstname: 'Reese', lastname: 'Nath' },
  { uuid: 'u-113', extension: '113', firstname: 'Sonny', lastname: 'Patel' },
  { uuid: 'u-112', extension: '112', firstname: 'Rob', lastname: 'Masters' },
  { uuid: 'u-120', extension: '120', firstname: 'Zoë', lastname: 'Lefèvre' },
  { uuid: 'u-130', extension: '130', firstname: undefined, lastname: undefined },
  { uuid: 'u-none', extension: undefined, firstname: 'No', lastname: 'Number' },
];
const ACDS: Acd[] = [
  { uuid: 'q-386', name: 'Q386', extension: '386', type: 'voice_queues' },
  { uuid: 'q-x', name: 'Sales', extension: undefined, type: 'voice_queues' },
];

function directory(read = vi.fn(async () => EXTENSIONS)) {
  let now = 1_000;
  const dir = new CcsDirectory({
    readExtensions: read,
    acds: () => ACDS,
    me: () => ({ uuid: 'u-104', number: '104' }),
    now: () => now,
  });
  return { dir, read, later: (ms: number) => (now += ms) };
}

describe('the CCS directory (api-pages §4.6, §4.8)', () => {
  it('finds people by any part of their name, without accents or case, as transfer targets', async () => {
    const { dir } = directory();
    expect(await dir.search('pat', 10)).toEqual([
      {
        id: 'extension:u-113',
        kind: 'person',
        name: 'Sonny Patel',
        numbers: [{ number: '113', label: 'Extension' }],
      },
    ]);
    expect((await dir.search('ZOE lef', 10)).map((e) => e.name)).toEqual(['Zoë Lefèvre']);
    expect((await dir.search('Rob Masters', 10)).map((e) => e.id)).toEqual(['extension:u-112']);
  });

  it('finds extensions and queues by number, people first, and never the agent', async () => {
    const { dir } = directory();
    expect((await dir.search('1', 10)).map((e) => e.numbers[0]?.number)).toEqual([
      // Sorted by name: "130" (no name) before the people.
      '130',
      '112',
      '113',
      '120',
    ]);
    expect(await dir.search('386', 10)).toEqual([
      {
        id: 'acd:q-386',
        kind: 'queue',
        name: 'Q386',
        numbers: [{ number: '386', label: 'Queue' }],
      },
    ]);
    expect(await dir.search('Reese', 10)).toEqual([]);
    expect(await dir.search('104', 10)).toEqual([]);
    // A queue without an extension cannot take a transfer; an extension row without a number
    // neither.
    expect(await dir.search('Sales', 10)).toEqual([]);
    expect(await dir.search('Number', 10)).toEqual([]);
  });

  it('answers nothing for an empty term, and at most the limit', async () => {
    const { dir, read } = directory();
    expect(await dir.search('  ', 10)).toEqual([]);
    expect(read).not.toHaveBeenCalled();
    expect(await dir.search('1', 2)).toHaveLength(2);
  });

  it('reads the list once a minute, once for searches typed together, again after forget', async () => {
    const { dir, read, later } = directory();
    await Promise.all([dir.search('s', 5), dir.search('so', 5), dir.search('son', 5)]);
    expect(read).toHaveBeenCalledTimes(1);
    later(DIRECTORY_TTL_MS - 1);
    await dir.search('sonn', 5);
    expect(read).toHaveBeenCalledTimes(1);
    later(1);
    await dir.search('sonny', 5);
    expect(read).toHaveBeenCalledTimes(2);
    dir.forget();
    await dir.search('sonny', 5);
    expect(read).toHaveBeenCalledTimes(3);
  });

  it('passes a refusal on, and tries again at the next search', async () => {
    const read = vi
      .fn<() => Promise<Extension[]>>()
      .mockRejectedValueOnce(new Error('refused'))
      .mockResolvedValue(EXTENSIONS);
    const { dir } = directory(read);
    await expect(dir.search('son', 5)).rejects.toThrow('refused');
    expect(await dir.search('son', 5)).toHaveLength(1);
  });
});
