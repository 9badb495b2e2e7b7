/**
 * The simulated calls routes (api-pages §4.19–§4.27), "Only for tenant level users": the list of
 * live calls, one call, the call search over live and ended calls, and the requests on a call.
 * The page's 400 answers of these sections say `"success": true` (sic); the simulator keeps that
 * for the reads.
 */
import { sendJson } from '../shared/http';
import { refuse, TENANT_LEVEL, type Ctx } from './access';
import type { SimCallImpl } from './calls';

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;

export function calls(
  ctx: Ctx,
  method: string,
  parts: string[],
  query: URLSearchParams,
  body: unknown,
): void {
  const { world, res } = ctx;
  const list = (rows: SimCallImpl[]) =>
    sendJson(res, 200, {
      total: String(rows.length),
      success: true,
      items: rows.map((c) => c.record()),
    });
  if (method === 'GET' && parts.length === 1) {
    if (ctx.allowed({ roles: TENANT_LEVEL, permission: 'Calls Listing View' }))
      list(world.liveCalls());
    return;
  }
  if (method === 'GET' && parts[1] === 'filter' && parts.length === 2) {
    if (!ctx.allowed({ roles: TENANT_LEVEL, permission: 'Calls View' })) return;
    const found = search(ctx, query);
    if (found) list(found);
    return;
  }
  if (parts.length !== 2) return refuse(res, 'Not found', 404);
  const callId = parts[1] as string;
  if (method === 'GET') {
    if (!ctx.allowed({ roles: TENANT_LEVEL, permission: 'Calls View' })) return;
    const call = world.findCall(callId);
    // A call that is not live is not found (the page shows "progress" and "answered" bodies).
    if (!call) return sendJson(res, 400, { success: true, reason: 'Call not found' });
    return sendJson(res, 200, { success: true, ...call.record() });
  }
  if (!ctx.allowed({ roles: TENANT_LEVEL, permission: 'Call Control' })) return;
  const call = world.findCall(callId);
  if (!call) return refuse(res, 'Call not found');
  callRequest(ctx, call, body);
}

/** GET /calls/filter (§4.21): by number and start time, over live and ended calls; null = 400 sent. */
function search(ctx: Ctx, query: URLSearchParams): SimCallImpl[] | null {
  const bad = (reason: string) => {
    sendJson(ctx.res, 400, { success: true, reason });
    return null;
  };
  const from = query.get('from_datetime');
  const to = query.get('to_datetime');
  if (from !== null && !DATETIME.test(from)) return bad('Invalid from_datetime');
  if (to !== null && !DATETIME.test(to)) return bad('Invalid to_datetime');
  const zone = query.get('time_z');
  if (zone !== null && zone !== 'UTC') return bad('Invalid time_z');
  const calling = query.get('calling_number');
  const called = query.get('called_number');
  const all = [...ctx.world.endedCalls(), ...ctx.world.liveCalls()];
  return all.filter((c) => {
    const start = String(c.record().start_time);
    return (
      (!calling || c.callingNumber === calling) &&
      (!called || c.calledNumber === called) &&
      (from === null || start >= from) &&
      (to === null || start <= to)
    );
  });
}

function callRequest(ctx: Ctx, call: SimCallImpl, body: unknown): void {
  const { world, res } = ctx;
  const b = (body ?? {}) as { request?: unknown; target?: unknown };
  const ok = () => sendJson(res, 200, { success: true });
  switch (b.request) {
    case 'startSuppression':
    case 'stopSuppression':
      if (call.status !== 'answered') return refuse(res, 'Call is not answered');
      call.suppressed = b.request === 'startSuppression';
      return ok();
    case 'kill':
      call.hangup();
      return ok();
    case 'wait_kill':
      // Ends a call still waiting in a queue (§4.27; assumed meaning, docs/vendors.md).
      if (!call.waiting) return refuse(res, 'Call is not waiting');
      call.hangup();
      return ok();
    case 'wait_transfer':
      if (typeof b.target !== 'string' || !b.target) return refuse(res, 'Invalid target');
      // The call leaves the agent's line for the target ([UNKNOWN] semantics, §5.4).
      call.hangup();
      return ok();
    case 'wait_redirect':
      // The target is an ACD's uuid (api-pages §4.26); the ACD takes the call off the agent's
      // line ([UNKNOWN] semantics, §5.4), so the agent sees it end.
      if (!world.acds.some((a) => a.uuid === b.target)) return refuse(res, 'Invalid acd');
      call.hangup();
      return ok();
    default:
      return refuse(res, 'Invalid request');
  }
}
