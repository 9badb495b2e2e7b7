/**
 * Builds the one snapshot every view renders from the store, the settings and the vendor's
 * descriptor. Views know nothing else.
 */
import type { Capabilities } from '../cti/adapter';
import type { CodeLabel } from '../cti/model';
import type { StoreState } from '../cti/store';
import { signInConnectionFields, type VendorDescriptor } from '../cti/vendor';
import type { HistoryEntry, PanelState } from '../messaging';
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

export function buildPanelState(input: PanelInputs): PanelState {
  const { store, settings, vendor } = input;
  const adapterCaps = input.capabilities;
  const connectionSettings = (settings.connection as Record<string, Record<string, unknown>>)[
    settings.vendor
  ];
  const dispositionCodes: CodeLabel[] =
    adapterCaps.dispositions === 'vendor'
      ? (store.lists.resultCodes ?? [])
      : settings.dispositions.codes;
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
    dispositionCodes,
    dispositionRequired: settings.dispositions.required,
    // The time goes to the vendor with the disposition: only with the vendor's own dispositions.
    dispositionCallback: adapterCaps.dispositions === 'vendor' && adapterCaps.dispositionCallback,
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
