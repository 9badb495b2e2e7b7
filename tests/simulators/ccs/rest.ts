/**
 * The simulated CCS REST API `/6/v2/api` (api-pages §4, vendors/README.md §5.3–§5.4, §9) and the
 * /6 API's PIN login (§5.2). Tokens ride as `Authorization: Bearer` (assumed, §5.3) or as the
 * `core_cookie` cookie the /6 API used. Errors use the documented bodies.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CORS_HEADERS, handlePreflight, readBody, sendJson } from '../shared/http';
import { ANY_ROLE, refusal, refuse, TENANT_LEVEL, type Ctx } from './access';
import { calls } from './calls-rest';
import type { RestRecord, SimExtension } from './types';
import type { CcsWorld } from './world';

export const API = '/6/v2/api';
export const PIN_LOGIN = '/6/api';

const UNAUTHORIZED = { status: 401, reason: 'Unauthorized' };
/** Sic: the API page's 500 body says success: true. */
const INTERNAL = { success: true, reason: 'Internal Server Error' };

export async function handleRest(
  world: CcsWorld,
  req: IncomingMessage,
  res: ServerResponse,
  record: (r: RestRecord) => void,
): Promise<void> {
  if (handlePreflight(req, res)) return;
  const url = new URL(req.url ?? '/', 'http://sim');
  const method = req.method ?? 'GET';
  const text = method === 'POST' || method === 'PUT' ? await readBody(req) : '';
  let body: unknown;
  try {
    body = text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    body = text;
  }
  const inApi = url.pathname === API || url.pathname.startsWith(`${API}/`);
  const path = inApi ? url.pathname.slice(API.length) || '/' : url.pathname;
  record({
    at: Date.now(),
    kind: 'rest',
    method,
    path,
    query: Object.fromEntries(url.searchParams),
    body,
  });
  if (url.pathname === PIN_LOGIN && method === 'POST') return pinLogin(world, body, res);
  if (!inApi) return refuse(res, 'Not found', 404);
  if (text && typeof body === 'string') return refuse(res, 'Invalid JSON');
  const caller = world.checkToken(tokenOf(req));
  if (!caller) return sendJson(res, 401, UNAUTHORIZED);
  if (world.failStatus) return sendJson(res, world.failStatus, INTERNAL);
  if (world.malformed) {
    res.writeHead(200, {
      ...CORS_HEADERS,
      'Content-Type': 'application/json',
      Connection: 'close',
    });
    res.end('{"success": tru');
    return;
  }
  route(world, caller, method, path, url.searchParams, body, res);
}

function pinLogin(world: CcsWorld, body: unknown, res: ServerResponse): void {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (b.function !== 'extensions.auth') return refuse(res, 'Unknown function');
  const token = world.pinLogin(b.extension, b.pin, b.sil_tenant_url);
  if (!token) return sendJson(res, 401, UNAUTHORIZED);
  sendJson(res, 200, { core_cookie: token });
}

function tokenOf(req: IncomingMessage): string | undefined {
  const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (bearer) return bearer.trim();
  return /(?:^|;\s*)core_cookie=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
}

function route(
  world: CcsWorld,
  caller: SimExtension,
  method: string,
  path: string,
  query: URLSearchParams,
  body: unknown,
  res: ServerResponse,
): void {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const request = (body as { request?: unknown } | undefined)?.request;
  const ctx: Ctx = {
    world,
    caller,
    res,
    allowed: (rule) => {
      const reason = refusal(world.access(caller), rule);
      if (reason) refuse(res, reason, 403);
      return !reason;
    },
  };
  // /tenants/<tid>/… (telco paths, and the ones the page shows only there): the tenant must be ours.
  if (parts[0] === 'tenants') {
    if (parts[1] !== world.tenantId) return refuse(res, 'Invalid tenant');
    return tenantRoute(ctx, method, parts.slice(2), request, body);
  }
  // Tenant-level paths.
  if (method === 'GET' && path === '/extensions') {
    if (ctx.allowed({ roles: TENANT_LEVEL, permission: 'Tenants View' })) listExtensions(ctx);
    return;
  }
  if (method === 'GET' && path === '/acds') {
    if (ctx.allowed({ roles: TENANT_LEVEL, permission: 'Voice IQs View' })) listAcds(ctx);
    return;
  }
  // "Update Agent State (self)" (§4.17).
  if (method === 'POST' && path === '/agent_state' && request === 'updateAgentState') {
    if (ctx.allowed({ roles: TENANT_LEVEL, permission: 'Agent Control' }))
      updateAgentState(world, caller, body, res);
    return;
  }
  // "By TenantAdmin" (§4.18).
  if (method === 'POST' && parts[0] === 'extensions' && parts.length === 2) {
    const ext = world.byUuid(parts[1]);
    if (!ext) return refuse(res, 'Invalid extension');
    if (request !== 'updateAgentState') return refuse(res, 'Invalid request');
    if (ctx.allowed({ roles: ['tenantAdmin'], permission: 'Agent Control' }))
      updateAgentState(world, ext, body, res);
    return;
  }
  if (parts[0] === 'calls') return calls(ctx, method, parts, query, body);
  refuse(res, 'Not found', 404);
}

function tenantRoute(
  ctx: Ctx,
  method: string,
  rest: string[],
  request: unknown,
  body: unknown,
): void {
  const { world, res } = ctx;
  const sub = rest.join('/');
  if (method === 'GET' && sub === 'extensions') {
    if (ctx.allowed({ roles: ['telco'], permission: 'Tenants View' })) listExtensions(ctx);
    return;
  }
  if (method === 'GET' && sub === 'presence_options') {
    const list = world.presenceOptions;
    if (ctx.allowed({ roles: ANY_ROLE, permission: 'Tenants View' })) listOf(res, list);
    return;
  }
  if (method === 'GET' && sub === 'acds') {
    if (ctx.allowed({ roles: ['telco'], permission: 'Voice IQs View' })) listAcds(ctx);
    return;
  }
  if (rest[0] !== 'extensions' || !rest[1]) return refuse(res, 'Not found', 404);
  const ext = world.byUuid(rest[1]);
  if (!ext) return refuse(res, 'Invalid extension');
  const own = ext.uuid;
  if (method === 'GET' && rest[2] === 'agent_state' && rest.length === 3) {
    if (ctx.allowed({ roles: ANY_ROLE, permission: 'Agent Control', own }))
      sendJson(res, 200, world.agentStateBody(ext.uuid));
    return;
  }
  if (method !== 'POST' || rest.length !== 2) return refuse(res, 'Not found', 404);
  // Click to call is "Only for tenant level users" (§4.28); this path's state change is the
  // telco user's (§4.16).
  if (request === 'dial') {
    if (ctx.allowed({ roles: TENANT_LEVEL, permission: 'Call Control', own }))
      dial(world, ext, body, res);
    return;
  }
  if (request === 'updateAgentState') {
    if (ctx.allowed({ roles: ['telco'], permission: 'Agent Control' }))
      updateAgentState(world, ext, body, res);
    return;
  }
  refuse(res, 'Invalid request');
}

function listOf(res: ServerResponse, items: readonly unknown[]): void {
  sendJson(res, 200, { total: String(items.length), success: true, items });
}

function listExtensions({ world, res }: Ctx): void {
  listOf(
    res,
    world.extensions.map(({ uuid, extension, firstname, lastname }) => ({
      uuid,
      lastname,
      firstname,
      extension,
    })),
  );
}

/** Nested one array deeper, with the fields the page shows; total counts the ACDs (§4.6). */
function listAcds({ world, res }: Ctx): void {
  sendJson(res, 200, {
    total: world.acds.length,
    success: true,
    items: [
      world.acds.map(({ uuid, name, extension }) => ({
        uuid,
        type: 'voice_queues',
        tenant_id: world.tenantId,
        name,
        extension,
        alternate_extensions: [],
      })),
    ],
  });
}

function dial(world: CcsWorld, ext: SimExtension, body: unknown, res: ServerResponse): void {
  const b = body as { target?: unknown; outbound_queue_uuid?: unknown };
  if (typeof b.target !== 'string' || !/^\+?[0-9*#]{1,32}$/.test(b.target))
    return refuse(res, 'Invalid target');
  if (b.outbound_queue_uuid !== world.outboundQueueId) return refuse(res, 'Invalid outbound queue');
  const call = world.createCall({
    direction: 'outbound',
    extension: ext.extension,
    extensionUuid: ext.uuid,
    callingNumber: ext.extension,
    calledNumber: b.target,
  });
  world.later(() => call.answer(), world.dialAnswerMs);
  sendJson(res, 200, { success: true });
}

function updateAgentState(
  world: CcsWorld,
  ext: SimExtension,
  body: unknown,
  res: ServerResponse,
): void {
  const name = (body as { name?: unknown }).name;
  if (typeof name !== 'string' || !world.setPresence(ext.uuid, name))
    return refuse(res, 'Invalid state name');
  sendJson(res, 200, { success: true });
}
