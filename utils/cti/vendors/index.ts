/**
 * The vendor registry: the only list of the vendors. Adding a vendor adds one entry here; its
 * folder holds everything else (utils/cti/vendor.ts). The first entry is the default vendor.
 */
import type { z } from 'zod';
import type { VendorDescriptor } from '../vendor';
import { anywhere365 } from './anywhere365';
import { ccs } from './ccs';
import { maxcontact } from './maxcontact';
import { ucontact } from './ucontact';
import { xivo } from './xivo';

export const VENDORS = [xivo, ccs, maxcontact, ucontact, anywhere365] as const;

export type KnownVendor = (typeof VENDORS)[number];
export type VendorId = KnownVendor['id'];

/** Every vendor's `connection.<id>` settings, as the settings schema parses them. */
export type VendorConnections = {
  [V in KnownVendor as V['id']]: z.output<V['connection']['schema']>;
};

/** The descriptor of a registered vendor; the settings accept no other id. */
export function vendorDescriptor(id: string): VendorDescriptor {
  const vendor = (VENDORS as readonly VendorDescriptor[]).find((v) => v.id === id);
  if (!vendor) throw new Error(`No vendor "${id}" in the registry`);
  return vendor;
}
