import type { Capabilities } from '../cti/adapter';
import type { Settings } from '../settings/schema';

/**
 * What the panel may offer: the vendor's own commands, plus disposition when the vendor has no
 * list of its own but the admin configured codes (they are saved with the call to history).
 */
export function effectiveCapabilities(vendor: Capabilities, settings: Settings): Capabilities {
  if (vendor.dispositions !== 'policy') return vendor;
  const commands = new Set(vendor.commands);
  if (settings.dispositions.codes.length > 0) commands.add('dispose');
  else commands.delete('dispose');
  return { ...vendor, commands };
}
