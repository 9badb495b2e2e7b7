/**
 * The simulated CCS REST API `/6/v2/api` (api-pages §4, vendors/README.md §5.3–§5.4, §9) and the
 * /6 API's PIN login (§5.2). Tokens ride as `Authorization: Bearer` (assumed, §5.3) or as the
 * `core_cookie` cookie the /6 API used. Errors use the documented bodies.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CORS_HEADERS, handlePreflight, readBody, sendJson } from '../shared/http';
import type { RestRecord, SimExtension } from './types';
import type { CcsWorld } from './world';

export const API = '/6/v2/api';
export const PIN_LOGIN = '/6/api';

const UNAUTHORIZED = { status: 401, reason: 'Unauthorized' };
/** Sic: the API page's 500 body says success: true. */
const INTERNAL = { success: true, reason: 'Internal Server Error' };
const refuse = (res: ServerResponse, reason: string, status = 400) =>
  sendJson(res, status, { success: false, reason });

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
  const list = (items: unknown[]) =>
    sendJson(res, 200, { total: String(items.length), success: true, items });
  const extensionRows = () =>
    world.extensions.map(({ uuid, extension, firstname, lastname }) => ({
      uuid,
      lastname,
      firstname,
      extension,
    }));
  // Nested one array deeper, with the fields the page shows; total counts the ACDs (§4.6).
  const acds = () =>
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

  // /tenants/<tid>/… (telco paths): the tenant must be ours.
  if (parts[0] === 'tenants') {
    if (parts[1] !== world.tenantId) return refuse(res, 'Invalid tenant');
    const rest = parts.slice(2);
    if (method === 'GET' && rest.join('/') === 'extensions') return list(extensionRows());
    if (method === 'GET' && rest.join('/') === 'presence_options')
      return list(world.presenceOptions);
    if (method === 'GET' && rest.join('/') === 'acds') return acds();
    if (rest[0] === 'extensions' && rest[1]) {
      const ext = world.byUuid(rest[1]);
      if (!ext) return refuse(res, 'Invalid extension');
      if (method === 'GET' && rest[2] === 'agent_state' && rest.length === 3)
        return sendJson(res, 200, world.agentStateBody(ext.uuid));
      if (method === 'POST' && rest.length === 2) {
        if (request === 'dial') return dial(world, ext, body, res);
        if (request === 'updateAgentState') return updateAgentState(world, ext, body, res);
        return refuse(res, 'Invalid request');
      }
    }
    return refuse(res, 'Not found', 404);
  }
  // Tenant-level paths.
  if (method === 'GET' && path === '/extensions') return list(extensionRows());
  if (method === 'GET' && path === '/acds') return acds();
  if (method === 'POST' && path === '/agent_state' && request === 'updateAgentState')
    return updateAgentState(world, caller, body, res);
  if (method === 'POST' && parts[0] === 'extensions' && parts.length === 2) {
    const ext = world.byUuid(parts[1]);
    if (!ext) return refuse(res, 'Invalid extension');
    if (request === 'updateAgentState') return updateAgentState(world, ext, body, res);
    return refuse(res, 'Invalid request');
  }
  if (parts[0] === 'calls') return calls(world, method, parts, query, body, res);
  refuse(res, 'Not found', 404);
}

function calls(
  world: CcsWorld,
  method: string,
  parts: string[],
  query: URLSearchParams,
  body: unknown,
  res: ServerResponse,
): void {
  const rows = world.liveCalls();
  if (method === 'GET' && parts.length === 1) {
    return sendJson(res, 200, {
      total: String(rows.length),
      success: true,
      items: rows.map((c) => c.record()),
    });
  }
  if (method === 'GET' && parts[1] === 'filter') {
    const calling = query.get('calling_number');
    const called = query.get('called_number');
    const found = rows.filter(
      (c) => (!calling || c.callingNumber === calling) && (!called || c.calledNumber === called),
    );
    return sendJson(res, 200, {
      total: String(found.length),
      success: true,
      items: found.map((c) => c.record()),
    });
  }
  const call = parts[1] ? world.findCall(parts[1]) : undefined;
  if (!call) return refuse(res, 'Call not found');
  if (method === 'GET') return sendJson(res, 200, { success: true, ...call.record() });
  const b = (body ?? {}) as { request?: unknown; target?: unknown };
  switch (b.request) {
    case 'startSuppression':
    case 'stopSuppression':
      if (call.status !== 'answered') return refuse(res, 'Call is not answered');
      call.suppressed = b.request === 'startSuppression';
      return sendJson(res, 200, { success: true });
    case 'kill':
    case 'wait_kill':
      call.hangup();
      return sendJson(res, 200, { success: true });
    case 'wait_transfer':
      if (typeof b.target !== 'string' || !b.target) return refuse(res, 'Invalid target');
      // The call leaves the agent's line for the target ([UNKNOWN] semantics, §5.4).
      call.hangup();
      return sendJson(res, 200, { success: true });
    case 'wait_redirect':
      // The target is an ACD's uuid (api-pages §4.26); the ACD takes the call off the agent's
      // line ([UNKNOWN] semantics, §5.4), so the agent sees it end.
      if (!world.acds.some((a) => a.uuid === b.target)) return refuse(res, 'Invalid acd');
      call.hangup();
      return sendJson(res, 200, { success: true });
    default:
      return refuse(res, 'Invalid request');
  }
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
