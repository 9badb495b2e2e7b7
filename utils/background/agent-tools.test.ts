import { describe, expect, it } from 'vitest';
import type { Capabilities, PastCall, VendorAdapter } from '../cti/adapter';
import type { DirectoryEntry, Feature } from '../cti/features';
import { CtiError } from '../cti/model';
import type { Session } from '../cti/session';
import type { HistoryEntry } from '../history/entry';
import { DEFAULT_SETTINGS, type Settings } from '../settings/schema';
import { createAgentTools, speedDialEntries, speedDialMatches } from './agent-tools';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const NOW = 1_700_000_000_000;

function tools(opts: {
  features?: Feature[];
  adapter?: Partial<VendorAdapter>;
  speedDial?: Settings['directory']['speedDial'];
  local?: HistoryEntry[];
}) {
  const adapter = opts.adapter ?? {};
  // The session's query as session.ts runs it: the adapter's method, or unsupported.
  const session = {
    async query<T>(use: (a: VendorAdapter) => Promise<T> | undefined) {
      const pending = use(adapter as VendorAdapter);
      if (!pending) throw new CtiError('unsupported', 'The phone system cannot do this');
      return pending;
    },
  } as unknown as Session;
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    directory: { speedDial: opts.speedDial ?? [] },
  };
  const capabilities = { features: new Set(opts.features ?? []) } as unknown as Capabilities;
  return {
    tools: createAgentTools({
      session: () => session,
      capabilities: () => capabilities,
      settings: () => settings,
      localHistory: async (limit) => (opts.local ?? []).slice(0, limit),
      clock: { now: () => NOW } as never,
      log: quiet,
    }),
  };
}

const SPEED = [
  { name: 'Help desk', number: '2000', detail: 'IT' },
  { name: 'Émilie Durand', number: '+33142685300' },
];
const person = (name: string, number: string): DirectoryEntry => ({
  id: `p:${name}`,
  kind: 'person',
  name,
  numbers: [{ number }],
});

describe('speed dial', () => {
  it('matches words of the name or detail without accents or case, and digits of the number', () => {
    expect(speedDialMatches(SPEED[1]!, 'emilie')).toBe(true);
    expect(speedDialMatches(SPEED[0]!, 'it')).toBe(true);
    expect(speedDialMatches(SPEED[1]!, '01 42 68')).toBe(false);
    expect(speedDialMatches(SPEED[1]!, '42 68')).toBe(true);
    expect(speedDialMatches(SPEED[0]!, 'sales')).toBe(false);
    expect(speedDialEntries(SPEED, '').map((e) => e.id)).toEqual(['speedDial:0', 'speedDial:1']);
  });
});

describe('directory', () => {
  it('puts speed dial first and leaves out vendor entries whose numbers are all listed', async () => {
    const seen: [string, number][] = [];
    const { tools: t } = tools({
      features: ['directory'],
      speedDial: SPEED,
      adapter: {
        searchDirectory: async (term, limit) => {
          seen.push([term, limit]);
          return [person('Help desk (queue)', '2000'), person('Hélène', '2001')];
        },
      },
    });
    const found = await t.directory('  e ');
    expect(seen).toEqual([['e', 50]]);
    expect(found.entries.map((e) => e.name)).toEqual(['Help desk', 'Émilie Durand', 'Hélène']);
    expect(found.error).toBeUndefined();
  });

  it('asks the vendor for favourites on an empty term only when it has them', async () => {
    let calls = 0;
    const adapter = { searchDirectory: async () => (calls++, [person('Fav', '3000')]) };
    expect((await tools({ features: ['directory'], adapter }).tools.directory('')).entries).toEqual(
      [],
    );
    expect(calls).toBe(0);
    const t = tools({ features: ['directory', 'favorites'], adapter }).tools;
    expect((await t.directory('')).entries.map((e) => e.name)).toEqual(['Fav']);
  });

  it('keeps speed dial and says why when the vendor search fails', async () => {
    const { tools: t } = tools({
      features: ['directory'],
      speedDial: SPEED,
      adapter: {
        searchDirectory: async () => {
          throw new CtiError('timeout', 'The directory did not answer');
        },
      },
    });
    expect(await t.directory('help')).toEqual({
      entries: [expect.objectContaining({ name: 'Help desk' })],
      error: 'The directory did not answer',
    });
  });

  it('never asks a vendor without a directory', async () => {
    const { tools: t } = tools({ speedDial: SPEED });
    expect((await t.directory('zzz')).entries).toEqual([]);
  });
});

describe('history', () => {
  const local: HistoryEntry[] = [
    { callId: 'l1', direction: 'inbound', remote: { raw: '1002' }, startedAt: NOW - 10_000 },
  ];
  it('merges the vendor’s last week with the local history', async () => {
    let window: { from: number; to: number } | undefined;
    const vendorCall: PastCall = {
      direction: 'outbound',
      remote: { raw: '1003' },
      startedAt: NOW - 5_000,
      endedAt: NOW - 1_000,
      missed: false,
    };
    const { tools: t } = tools({
      features: ['history'],
      local,
      adapter: { pastCalls: async (w) => ((window = w), [vendorCall]) },
    });
    const found = await t.history();
    expect(window).toEqual({ from: NOW - 7 * 86_400_000, to: NOW });
    expect(found.entries.map((e) => ('remote' in e ? e.remote : undefined))).toEqual([
      { raw: '1003' },
      { raw: '1002' },
    ]);
  });

  it('shows the local history with the reason when the vendor part fails', async () => {
    const { tools: t } = tools({
      features: ['history'],
      local,
      adapter: {
        pastCalls: async () => {
          throw new CtiError('network', 'Not connected to the phone system');
        },
      },
    });
    expect(await t.history()).toEqual({
      entries: local,
      error: 'Not connected to the phone system',
    });
  });

  it('reads only the local history for a vendor without the history feature', async () => {
    let asked = false;
    const { tools: t } = tools({ local, adapter: { pastCalls: async () => ((asked = true), []) } });
    expect(await t.history()).toEqual({ entries: local });
    expect(asked).toBe(false);
  });
});
