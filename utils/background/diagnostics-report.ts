/**
 * The `DiagnosticsReport` the diagnostics page shows and exports (`panel/diagnostics`): the
 * journal (diagnostics.ts), the outbox as it is now, and the settings in force with where each
 * value comes from. Secrets are redacted as in the logs (utils/cti/log.ts); phone numbers are
 * left in: the page masks them in the export unless the agent asks for them.
 */
import { redact } from '../cti/log';
import type { StoreState } from '../cti/store';
import type { VendorDescriptor } from '../cti/vendor';
import type { DiagnosticsReport, SettingSource } from '../messaging';
import { leafPaths, type ResolvedSettings } from '../settings/policy';
import { DEFAULT_SETTINGS } from '../settings/schema';
import type { OutboxItem } from '../storage/outbox-db';
import { JOURNAL_LIMITS, type Journal } from './diagnostics';
import { outboxEntry } from './panel-state';

export interface ReportInputs {
  at: number;
  about: DiagnosticsReport['about'];
  vendor: VendorDescriptor;
  store: StoreState;
  signedIn: boolean;
  journal: Journal;
  outbox: readonly OutboxItem[];
  vendorLabel(id: string): string;
  resolved: ResolvedSettings;
}

function valueAt(value: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (v, key) =>
        typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined,
      value,
    );
}

/** A policy path locks itself and everything under it. */
const lockedBy = (locked: readonly string[], path: string): boolean =>
  locked.some((p) => p === path || path.startsWith(`${p}.`));

/** Connection settings of other vendors than the one in use: nothing support needs. */
const otherVendors = (path: string, vendor: string): boolean =>
  path.startsWith('connection.') && !path.startsWith(`connection.${vendor}.`);

/**
 * Every setting in force (of the connection settings, the vendor's in use), with its source:
 * policy (locked), the agent's own value, or the default. A value under a key that names a secret
 * is redacted, as in the logs.
 */
export function settingSources(resolved: ResolvedSettings): SettingSource[] {
  const paths = leafPaths(resolved.settings);
  return paths
    .filter((path) => !otherVendors(path, resolved.settings.vendor))
    .map((path) => {
      const value = valueAt(resolved.settings, path);
      const name = path.slice(path.lastIndexOf('.') + 1);
      const shown = (redact({ [name]: value }) as Record<string, unknown>)[name];
      const source = lockedBy(resolved.locked, path)
        ? 'policy'
        : JSON.stringify(value) === JSON.stringify(valueAt(DEFAULT_SETTINGS, path))
          ? 'default'
          : 'agent';
      return { path, value: shown, source };
    });
}

export function diagnosticsReport(input: ReportInputs): DiagnosticsReport {
  const { journal, resolved } = input;
  return {
    at: input.at,
    about: input.about,
    vendor: { id: input.vendor.id, label: input.vendor.label },
    signedIn: input.signedIn,
    connection: redact(input.store.connection) as DiagnosticsReport['connection'],
    ...journal,
    outbox: input.outbox.map(
      (item) =>
        redact({
          ...outboxEntry(item, input.vendorLabel(item.vendor)),
          createdAt: item.createdAt,
        }) as DiagnosticsReport['outbox'][number],
    ),
    settings: settingSources(resolved),
    problems: resolved.problems,
    limits: { ...JOURNAL_LIMITS },
  };
}
