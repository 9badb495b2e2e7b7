/**
 * Who may call which route of the simulated CCS (api-pages §2.2, §3, §4): every request needs the
 * API permission and the one its section names; some sections are for telco users, some "Only for
 * tenant level users". An agent's own sign-in is a tenant-level user without the Tenant Admin
 * role. How CCS refuses a permission is not on the page ("an error response"): the simulator
 * answers 403 with the page's error body (assumed, docs/vendors.md).
 */
import type { ServerResponse } from 'node:http';
import { sendJson } from '../shared/http';
import type { SimExtension, SimPermission, SimRole } from './types';
import type { CcsWorld } from './world';

export const CCS_PERMISSIONS: readonly SimPermission[] = [
  'API',
  'Agent Control',
  'Call Control',
  'Agent Events',
  'Call Events',
  'Inbound Queue Events',
  'Tenants View',
  'Voice IQs View',
  'Calls Listing View',
  'Calls View',
];

export const TENANT_LEVEL: readonly SimRole[] = ['agent', 'tenantAdmin'];
export const ANY_ROLE: readonly SimRole[] = ['agent', 'tenantAdmin', 'telco'];

export interface Rule {
  roles: readonly SimRole[];
  permission: SimPermission;
  /** An agent may act on their own extension only. */
  own?: string;
}

export interface Access {
  role: SimRole;
  permissions: ReadonlySet<SimPermission>;
  /** The caller's extension uuid. */
  uuid: string;
}

/** The reason to refuse the request, or undefined when the caller may make it. */
export function refusal(access: Access, rule: Rule): string | undefined {
  if (!access.permissions.has('API') || !access.permissions.has(rule.permission))
    return 'Insufficient permissions';
  if (!rule.roles.includes(access.role)) return 'Not permitted for this user';
  if (access.role === 'agent' && rule.own !== undefined && rule.own !== access.uuid)
    return 'Not permitted for this user';
  return undefined;
}

/** The page's error body (§4): `{"success":false,"reason":…}`. */
export const refuse = (res: ServerResponse, reason: string, status = 400): void =>
  sendJson(res, status, { success: false, reason });

/** One request being answered. */
export interface Ctx {
  world: CcsWorld;
  caller: SimExtension;
  res: ServerResponse;
  /** False (and the 403 sent) when the caller may not make this request. */
  allowed(rule: Rule): boolean;
}
