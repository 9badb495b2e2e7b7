/**
 * Settings that change while the agent is signed in, from the options page or from policy: they
 * apply at once (DESIGN.md "Policy changes apply live").
 *
 * - Another vendor: the session belongs to the old one, so the agent is signed out and told why.
 * - Anything an adapter is built from (`VendorSettings`: the vendor's connection settings, the
 *   default country, and the disposition codes where the vendor files dispositions itself): the
 *   session connects again at once, with the same credentials.
 * - Everything else (click-to-dial, screen-pop rules…) is read where it is used.
 */
import type { Capabilities } from '../cti/adapter';
import type { Settings } from '../settings/schema';

export type SettingsChange = 'vendor' | 'adapter' | 'none';

/** What an adapter of `settings.vendor` is built from, as a comparable string. */
function adapterInputs(settings: Settings, capabilities: Capabilities): string {
  const connection = (settings.connection as Record<string, unknown>)[settings.vendor];
  const codes = capabilities.dispositions === 'vendor' ? settings.dispositions.codes : [];
  return JSON.stringify([connection, settings.clickToDial.defaultCountry, codes]);
}

/** How a change from `before` to `after` affects a signed-in session. */
export function settingsChange(
  before: Settings,
  after: Settings,
  capabilities: Capabilities,
): SettingsChange {
  if (before.vendor !== after.vendor) return 'vendor';
  return adapterInputs(before, capabilities) === adapterInputs(after, capabilities)
    ? 'none'
    : 'adapter';
}
