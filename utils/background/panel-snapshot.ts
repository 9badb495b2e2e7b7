/**
 * The snapshot of the panel state (`PanelSnapshot`, utils/messaging.ts): the last state the
 * panels were shown, kept in `storage.session` so that a panel that opens renders it at once,
 * without waiting for the worker to wake, load the settings and answer. The panel marks it as the
 * last known state and keeps its controls disabled until the background's own state arrives
 * (docs/architecture.md, "Panels").
 *
 * What it holds is what the panel shows anyway (the agent's name, numbers of calls and history),
 * in the area that already holds the session itself, which only extension contexts can read or
 * write (TRUSTED_CONTEXTS). It holds nothing of the sign-in's credentials: `PanelState` carries
 * none, and `snapshotState` keeps only the fields `PanelState` declares.
 */
import type { Clock, Logger } from '../cti/adapter';
import type { KeyValueArea } from '../cti/store';
import { createOrderedWrites } from '../lib/ordered-writes';
import { PANEL_SNAPSHOT_VERSION, type PanelSnapshot, type PanelState } from '../messaging';
import { STORAGE } from '../storage/registry';

/** Every field of `PanelState`, and only those: the compiler holds this list to the type. */
const PANEL_STATE_FIELDS = {
  vendor: true,
  vendorLabel: true,
  connection: true,
  lastEventAt: true,
  transport: true,
  agent: true,
  calls: true,
  commands: true,
  agentStates: true,
  pauseReasons: true,
  features: true,
  agentTools: true,
  dialVariables: true,
  dialRoutes: true,
  hasSpeedDial: true,
  queues: true,
  dispositionCodes: true,
  dispositionRequired: true,
  dispositionCallback: true,
  recordCalls: true,
  signIn: true,
  identity: true,
  notices: true,
  recent: true,
  outbox: true,
  dialConfirmations: true,
  defaultCountry: true,
  internalDial: true,
  language: true,
} as const satisfies Record<keyof PanelState, true>;

/** What a snapshot keeps of `state`: the fields `PanelState` declares, nothing else. */
export function snapshotState(state: PanelState): PanelState {
  const kept: Record<string, unknown> = {};
  for (const field of Object.keys(PANEL_STATE_FIELDS)) {
    const value = (state as unknown as Record<string, unknown>)[field];
    if (value !== undefined) kept[field] = value;
  }
  return kept as unknown as PanelState;
}

export interface PanelSnapshotDeps {
  /** `storage.session`. */
  area: KeyValueArea;
  clock: Pick<Clock, 'now'>;
  log: Logger;
}

export interface PanelSnapshots {
  /** The state the panels are shown now; not written again when it is the one last written. */
  write(state: PanelState): void;
  /**
   * A state built before the admin's policy could be read: written only where there is no
   * snapshot yet (the browser has just started, or the extension was installed or updated) and
   * no real state has been written meanwhile.
   */
  writeProvisional(state: PanelState): Promise<void>;
  /** Resolves when every write asked for so far has settled. */
  flushed(): Promise<void>;
}

const KEY = STORAGE.session.panelSnapshot.key;

export function createPanelSnapshots(deps: PanelSnapshotDeps): PanelSnapshots {
  // A failed write leaves the snapshot before it, which panels still show as the last known.
  const writes = createOrderedWrites((snapshot: PanelSnapshot) => deps.area.set(KEY, snapshot));
  let lastWritten: string | undefined;

  const store = (kept: PanelState, provisional: boolean) => {
    const snapshot: PanelSnapshot = {
      version: PANEL_SNAPSHOT_VERSION,
      savedAt: deps.clock.now(),
      provisional,
      state: kept,
    };
    writes.write(snapshot).catch((error: unknown) => {
      deps.log.warn('panel snapshot not saved', error);
    });
  };

  return {
    write(state) {
      // The same state again (a badge-only change, a repeated push) is not written again.
      const kept = snapshotState(state);
      const text = JSON.stringify(kept);
      if (text === lastWritten) return;
      lastWritten = text;
      store(kept, false);
    },

    async writeProvisional(state) {
      if (lastWritten !== undefined) return;
      const existing = await deps.area.get(KEY).catch(() => undefined);
      // Checked again after the wait: a real state written meanwhile is never replaced.
      if (existing !== undefined || lastWritten !== undefined) return;
      store(snapshotState(state), true);
    },

    flushed: () => writes.flushed(),
  };
}
