/**
 * The panel snapshot (panel-snapshot.ts): what it keeps of the state, when it is written, and the
 * provisional one of a browser start.
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { Logger } from '../cti/adapter';
import type { KeyValueArea } from '../cti/store';
import { PANEL_SNAPSHOT_VERSION, type PanelSnapshot, type PanelState } from '../messaging';
import { STORAGE } from '../storage/registry';
import { checkProperty } from '../../tests/support/property';
import { sampleCall, signedInState, signedOutState } from '../../tests/support/sample-state';
import { createPanelSnapshots, snapshotState } from './panel-snapshot';

const KEY = STORAGE.session.panelSnapshot.key;

/** A session area that records every write. */
function recordingArea(initial?: unknown) {
  const data = new Map<string, unknown>(initial === undefined ? [] : [[KEY, initial]]);
  const writes: PanelSnapshot[] = [];
  const area: KeyValueArea = {
    get: async (key) => structuredClone(data.get(key)),
    set: async (key, value) => {
      if (key === KEY) writes.push(structuredClone(value) as PanelSnapshot);
      data.set(key, structuredClone(value));
    },
  };
  return { area, writes, stored: () => data.get(KEY) as PanelSnapshot | undefined };
}

const log: Logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
const clock = { now: () => 1_000 };

describe('createPanelSnapshots', () => {
  it('writes each new state, with its version and time, and skips a state already written', async () => {
    const { area, writes } = recordingArea();
    const snapshots = createPanelSnapshots({ area, clock, log });
    const ringing = signedInState({ calls: [sampleCall()] });
    snapshots.write(signedInState());
    snapshots.write(signedInState());
    snapshots.write(ringing);
    await snapshots.flushed();
    expect(writes).toEqual([
      {
        version: PANEL_SNAPSHOT_VERSION,
        savedAt: 1_000,
        provisional: false,
        state: signedInState(),
      },
      { version: PANEL_SNAPSHOT_VERSION, savedAt: 1_000, provisional: false, state: ringing },
    ]);
  });

  it('writes a provisional state only where there is no snapshot and no real state yet', async () => {
    const empty = recordingArea();
    const first = createPanelSnapshots({ area: empty.area, clock, log });
    await first.writeProvisional(signedOutState());
    await first.flushed();
    expect(empty.stored()).toMatchObject({ provisional: true, state: signedOutState() });
    // The real state replaces it; a provisional one asked for later changes nothing.
    first.write(signedOutState({ vendorLabel: 'Real' }));
    await first.writeProvisional(signedOutState());
    await first.flushed();
    expect(empty.stored()).toMatchObject({ provisional: false, state: { vendorLabel: 'Real' } });

    // A worker restarted within the browser's session finds the last snapshot and keeps it.
    const kept = {
      version: PANEL_SNAPSHOT_VERSION,
      savedAt: 5,
      provisional: false,
      state: signedInState(),
    };
    const restarted = recordingArea(kept);
    await createPanelSnapshots({ area: restarted.area, clock, log }).writeProvisional(
      signedOutState(),
    );
    expect(restarted.writes).toEqual([]);
  });

  it('never lets a provisional state overwrite a real one written while it looked', async () => {
    let release = (): void => undefined;
    const { area, stored } = recordingArea();
    const slowGet: KeyValueArea = {
      get: (key) => new Promise((resolve) => (release = () => resolve(area.get(key)))),
      set: area.set,
    };
    const snapshots = createPanelSnapshots({ area: slowGet, clock, log });
    const provisional = snapshots.writeProvisional(signedOutState({ vendorLabel: 'Guess' }));
    snapshots.write(signedInState());
    release();
    await provisional;
    await snapshots.flushed();
    expect(stored()).toMatchObject({ provisional: false, state: signedInState() });
  });

  it('says so in the log when a snapshot cannot be written, and carries on', async () => {
    const warn = vi.fn();
    const area: KeyValueArea = {
      get: async () => undefined,
      set: async () => {
        throw new Error('QuotaExceededError');
      },
    };
    const snapshots = createPanelSnapshots({ area, clock, log: { ...log, warn } });
    snapshots.write(signedInState());
    await snapshots.flushed();
    await vi.waitFor(() =>
      expect(warn).toHaveBeenCalledWith('panel snapshot not saved', expect.any(Error)),
    );
  });
});

/** Names under which a careless change could put what the agent typed into the state. */
const CREDENTIAL_KEYS = [
  'credentials',
  'password',
  'secret',
  'token',
  'apiToken',
  'session',
  'pin',
];

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

/** Panel states of every shape the background sends: signed in or out, calls, notices… */
const panelState: fc.Arbitrary<PanelState> = fc
  .record({
    signedIn: fc.boolean(),
    username: fc.string(),
    calls: fc.array(
      fc.record({ id: fc.string({ minLength: 1 }), raw: fc.string(), name: maybe(fc.string()) }),
      { maxLength: 3 },
    ),
    lastEventAt: maybe(fc.nat()),
    hasSpeedDial: maybe(fc.boolean()),
    notices: fc.array(
      fc.record({ id: fc.string(), level: fc.constantFrom('info', 'error'), message: fc.string() }),
      { maxLength: 2 },
    ),
    dialConfirmations: maybe(
      fc.array(fc.record({ id: fc.string(), e164: fc.string(), from: fc.string() }), {
        maxLength: 2,
      }),
    ),
  })
  .map(({ signedIn, username, calls, ...rest }) => {
    const base = signedIn ? signedInState({ identity: { username } }) : signedOutState();
    const state: PanelState = {
      ...base,
      notices: rest.notices as PanelState['notices'],
      calls: calls.map(({ id, raw, name }) =>
        sampleCall({ id, remote: name === undefined ? { raw } : { raw, name } }),
      ),
    };
    if (rest.lastEventAt !== undefined) state.lastEventAt = rest.lastEventAt;
    if (rest.hasSpeedDial !== undefined) state.hasSpeedDial = rest.hasSpeedDial;
    if (rest.dialConfirmations !== undefined) state.dialConfirmations = rest.dialConfirmations;
    return state;
  });

describe('snapshotState', () => {
  it('keeps every field a panel state declares and nothing else (property)', () => {
    checkProperty(
      'panel snapshot fields',
      fc.property(
        panelState,
        fc.dictionary(fc.constantFrom(...CREDENTIAL_KEYS), fc.string(), { minKeys: 1 }),
        (state, extra) => {
          const kept = snapshotState({ ...state, ...extra } as PanelState);
          expect(kept).toEqual(state);
          for (const key of CREDENTIAL_KEYS) expect(kept).not.toHaveProperty(key);
        },
      ),
      { numRuns: 300, label: 'random states with credential-like fields' },
    );
  });
});
