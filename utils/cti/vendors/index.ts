/**
 * The vendor registry: the only place that lists the vendors. Adding a vendor adds one line here.
 */
import type { Capabilities, SignInField, VendorAdapter } from '../adapter';
import type { VendorId } from '../model';
import type { Settings } from '../../settings/schema';
import { anywhere365 } from './anywhere365';
import { ccs } from './ccs';
import { maxcontact } from './maxcontact';
import { ucontact } from './ucontact';
import { xivo } from './xivo';

export interface VendorDescriptor {
  id: VendorId;
  /** Product name shown to the agent. */
  label: string;
  /** What the agent types at sign-in (never stored on disk). */
  signInFields: SignInField[];
  /** Keys of `connection.<id>` the sign-in form shows unless policy sets them. */
  connectionFields: { key: string; label: string; placeholder?: string }[];
  /** The same as every adapter instance's: known before sign-in so the panel can be drawn. */
  capabilities: Capabilities;
  /** Throws CtiError('config') when the settings cannot work (no server URL…). */
  create(settings: Settings): VendorAdapter;
}

export const VENDORS: Partial<Record<VendorId, VendorDescriptor>> = {
  xivo,
  ccs,
  maxcontact,
  anywhere365,
  ucontact,
};

export function vendorDescriptor(id: VendorId): VendorDescriptor | undefined {
  return VENDORS[id];
}
