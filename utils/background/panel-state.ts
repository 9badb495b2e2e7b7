/**
 * Builds the one snapshot every view renders from the store, the settings and the vendor's
 * descriptor. Views know nothing else.
 */
import type { Capabilities } from '../cti/adapter';
import type { CodeLabel } from '../cti/model';
import type { StoreState } from '../cti/store';
import { signInConnectionFields, type VendorDescriptor } from '../cti/vendor';
import type { HistoryEntry, OutboxEntry, PanelState } from '../messaging';
import { matchRule } from '../screenpop/rules';
import { isLocked } from '../settings/policy';
import type { Settings } from '../settings/schema';
import type { OutboxItem } from '../storage/outbox-db';

export interface PanelInputs {
  store: StoreState;
  settings: Settings;
  locked: readonly string[];
  vendor: VendorDescriptor;
  capabilities: Capabilities;
  identity: { username: string } | undefined;
  /** A sign-in under way, and what the agent typed at the last one (sign-in.ts `SignInView`). */
  signInProgress?: { pending: boolean; values: Record<string, string> };
  recent: HistoryEntry[];
  /** The outbox's items (outbox.ts). */
  outbox?: readonly OutboxItem[];
  /** Any vendor's label by registry id: an item may be for a vendor no longer in use. */
  vendorLabel?: (id: string) => string;
}

/** An outbox item as the panel shows it: what it is, for whom, and why it is still here. */
export function outboxEntry(item: OutboxItem, vendorLabel: string): OutboxEntry {
  const { command, call } = item;
  const dispose = command.type === 'dispose' ? command : undefined;
  return {
    key: item.key,
    kind: command.type,
    status: item.status === 'pending' || item.status === 'sending' ? 'waiting' : item.status,
    vendorLabel,
    ...(item.reason !== undefined ? { reason: item.reason } : {}),
    attempts: item.attempts,
    ...(item.status === 'pending' ? { nextAt: item.nextAt } : {}),
    ...('callId' in command ? { callId: command.callId } : {}),
    ...(call ? { remote: call.remote } : {}),
    ...(dispose ? { code: dispose.code, notes: dispose.notes } : {}),
    ...(dispose?.callbackAt !== undefined ? { callbackAt: dispose.callbackAt } : {}),
    ...featureWriteFields(command),
  };
}

/** What the panel shows of a queued agent-feature write: which callback, number, time, keys. */
function featureWriteFields(command: OutboxItem['command']): Partial<OutboxEntry> {
  switch (command.type) {
    case 'scheduleCallback':
      return { number: command.number, at: command.at };
    case 'rescheduleCallback':
      return { callbackId: command.callbackId, at: command.at };
    case 'cancelCallback':
      return { callbackId: command.callbackId };
    case 'setCallData':
      return { dataKeys: Object.keys(command.data) };
    default:
      return {};
  }
}

/**
 * The disposition codes the agent may choose: the vendor's own list, or the admin's policy codes
 * for a vendor without one; and whether a call-back time goes with them.
 */
export function offeredDispositions(
  capabilities: Capabilities,
  store: StoreState,
  settings: Settings,
): { codes: CodeLabel[]; callback: boolean } {
  const vendor = capabilities.dispositions === 'vendor';
  return {
    codes: vendor ? (store.lists.resultCodes ?? []) : settings.dispositions.codes,
    // The time goes to the vendor with the disposition: only with the vendor's own dispositions.
    callback: vendor && capabilities.dispositionCallback,
  };
}

/**
 * The pause reasons the agent may choose: the vendor's list, or the admin's policy list for a
 * vendor that takes a reason but publishes none; nothing for a vendor that takes no reason.
 */
export function offeredPauseReasons(
  capabilities: Capabilities,
  store: StoreState,
  settings: Settings,
): CodeLabel[] {
  switch (capabilities.pauseReasons ?? 'vendor') {
    case 'vendor':
      return store.lists.pauseReasons ?? [];
    case 'policy':
      return settings.agent.pauseReasons;
    case 'none':
      return [];
  }
}

export function buildPanelState(input: PanelInputs): PanelState {
  const { store, settings, vendor } = input;
  const adapterCaps = input.capabilities;
  const connectionSettings = (settings.connection as Record<string, Record<string, unknown>>)[
    settings.vendor
  ];
  const dispositions = offeredDispositions(adapterCaps, store, settings);
  return {
    language: settings.ui.language,
    vendor: settings.vendor,
    vendorLabel: vendor.label,
    connection: store.connection,
    lastEventAt: store.lastEventAt,
    transport: store.transport,
    agent: store.agent,
    calls: store.calls,
    commands: [...adapterCaps.commands],
    agentStates: [...adapterCaps.agentStates],
    pauseReasons: offeredPauseReasons(adapterCaps, store, settings),
    features: [...(adapterCaps.features ?? [])],
    agentTools: {
      queues: store.queues,
      queueStats: store.queueStats,
      callbacks: store.callbacks,
      presence: store.presence,
      agentStats: store.agentStats,
      vendorActions: store.vendorActions,
    },
    dialVariables: adapterCaps.dialVariables ?? false,
    dialRoutes: [...(adapterCaps.dialRoutes ?? [])],
    ...(adapterCaps.internalDial ? { internalDial: adapterCaps.internalDial } : {}),
    ...(settings.clickToDial.defaultCountry
      ? { defaultCountry: settings.clickToDial.defaultCountry }
      : {}),
    hasSpeedDial: settings.directory.speedDial.length > 0,
    queues: store.lists.queues ?? [],
    dispositionCodes: dispositions.codes,
    dispositionRequired: settings.dispositions.required,
    dispositionCallback: dispositions.callback,
    recordCalls: store.calls
      .filter((call) => call.state !== 'ended')
      .filter((call) => matchRule(settings.screenPop.rules, call, 'manual'))
      .map((call) => call.id),
    signIn: {
      fields: [...vendor.signInFields],
      connectionFields: signInConnectionFields(vendor).map((f) => ({
        key: f.key,
        label: f.label,
        placeholder: f.placeholder,
        value: String(connectionSettings?.[f.key] ?? ''),
        locked: isLocked(input.locked, `connection.${settings.vendor}.${f.key}`),
      })),
      pending: input.signInProgress?.pending ?? false,
      values: input.signInProgress?.values ?? {},
    },
    identity: input.identity,
    notices: store.notices,
    recent: input.recent,
    outbox: (input.outbox ?? []).map((item) =>
      outboxEntry(item, input.vendorLabel?.(item.vendor) ?? vendor.label),
    ),
  };
}
