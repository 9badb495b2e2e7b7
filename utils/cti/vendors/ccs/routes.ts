/**
 * Which REST routes the adapter calls (api-pages §4). The page offers some operations in up to
 * three route families, told apart by who calls them:
 *
 * - `self`: the signed-in user acting on themselves: `POST /agent_state` (§4.17), and the lists of
 *   a tenant-level user, `GET /extensions` (§4.8) and `GET /acds` (§4.6). An agent's own sign-in
 *   is a tenant-level user, so this is the default.
 * - `tenantAdmin`: "By TenantAdmin", `POST /extensions/<uuid>` (§4.18), same lists.
 * - `telco`: "By TelcoUser", `POST /tenants/<tid>/extensions/<uuid>` (§4.16), and the telco
 *   user's lists `GET /tenants/<tid>/extensions` (§4.8) and `GET /tenants/<tid>/acds` (§4.6).
 *
 * Operations the page shows in one form only are called that way whatever the family: reading
 * the agent state (§4.15, shown "By TelcoUser"), the presence options (§4.7), dial (§4.28) and
 * the calls (§4.19–§4.27, "Only for tenant level users").
 * Assumed (docs/vendors.md): an agent's token may read its own agent state and the presence
 * options through those `/tenants/<tid>/…` routes, and `GET /acds` is the tenant-level form of
 * the ACD list as `GET /extensions` is of the extension list.
 */

/** One path segment, escaped: ids come from settings and from the vendor. */
export const segment = (value: string): string => encodeURIComponent(value.trim());

export const ROUTE_FAMILIES = ['self', 'tenantAdmin', 'telco'] as const;
export type RouteFamily = (typeof ROUTE_FAMILIES)[number];

export interface Routes {
  /** GET: the tenant's extensions (identity, directory). */
  extensions: string;
  /** GET: the tenant's ACDs (queues). */
  acds: string;
  /** GET: the presence options (pause reasons). */
  presenceOptions: string;
  /** GET: one extension's agent state. */
  agentState(extensionUuid: string): string;
  /** POST `updateAgentState`. */
  setAgentState(extensionUuid: string): string;
  /** POST `dial`. */
  dial(extensionUuid: string): string;
  /** GET the calls list. */
  calls: string;
  /** GET one call, or POST a request on it. */
  call(callId: string): string;
  /** GET a call search (`?calling_number=…`). */
  callSearch: string;
}

export function routesFor(family: RouteFamily, tenantId: string): Routes {
  const tenant = `/tenants/${segment(tenantId)}`;
  const extension = (uuid: string) => `${tenant}/extensions/${segment(uuid)}`;
  const telco = family === 'telco';
  return {
    extensions: telco ? `${tenant}/extensions` : '/extensions',
    acds: telco ? `${tenant}/acds` : '/acds',
    presenceOptions: `${tenant}/presence_options`,
    agentState: (uuid) => `${extension(uuid)}/agent_state`,
    setAgentState: (uuid) =>
      family === 'self'
        ? '/agent_state'
        : family === 'tenantAdmin'
          ? `/extensions/${segment(uuid)}`
          : extension(uuid),
    dial: extension,
    calls: '/calls',
    call: (callId) => `/calls/${segment(callId)}`,
    callSearch: '/calls/filter',
  };
}
