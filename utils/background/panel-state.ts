/**
 * Builds the one snapshot every view renders from the store, the settings and the vendor's
 * descriptor. Views know nothing else.
 */
import type { Capabilities } from '../cti/adapter';
import type { CodeLabel } from '../cti/model';
import type { StoreState } from '../cti/store';
import { signInConnectionFields, type VendorDescriptor } from '../cti/vendor';
import type { HistoryEntry, PanelState } from '../messaging';
import { matchRule } from '../screenpop/rules';
import { isLocked } from '../settings/policy';
import type { Settings } from '../settings/schema';

export interface PanelInputs {
  store: StoreState;
  settings: Settings;
  locked: readonly string[];
  vendor: VendorDescriptor;
  capabilities: Capabilities;
  identity: { username: string } | undefined;
  recent: HistoryEntry[];
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

export function buildPanelState(input: PanelInputs): PanelState {
  const { store, settings, vendor } = input;
  const adapterCaps = input.capabilities;
  const connectionSettings = (settings.connection as Record<string, Record<string, unknown>>)[
    settings.vendor
  ];
  const dispositions = offeredDispositions(adapterCaps, store, settings);
  return {
    vendor: settings.vendor,
    vendorLabel: vendor.label,
    connection: store.connection,
    lastEventAt: store.lastEventAt,
    transport: store.transport,
    agent: store.agent,
    calls: store.calls,
    commands: [...adapterCaps.commands],
    agentStates: [...adapterCaps.agentStates],
    pauseReasons: store.lists.pauseReasons ?? [],
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
    },
    identity: input.identity,
    notices: store.notices,
    recent: input.recent,
  };
}
