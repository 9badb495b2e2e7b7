/**
 * The REST reads the adapter makes on connect, on resync and when it polls (vendors/README.md
 * §5.4): agent state, the calls list, one call, the presence options, the ACDs (queues) and the
 * extensions (directory). Paths come from the route family (routes.ts).
 */
import type { AgentStat } from '../../features';
import { CtiError, type AgentState } from '../../model';
import { agentFigures, observedAgent } from './agent';
import type { Identity } from './identity';
import { belongsTo } from './calls';
import type { CcsRest } from './rest';
import type { Routes } from './routes';
import {
  Acd,
  AgentStateResponse,
  CallLookupResponse,
  CallRecord,
  CallsResponse,
  Extension,
  ListEnvelope,
  PresenceOption,
  readItems,
} from './wire';

export interface AgentRead {
  /** Undefined for a presence type we do not know: the agent state is left as it was. */
  agent: AgentState | undefined;
  stats: AgentStat[];
}

/** GET …/extensions/<uuid>/agent_state (§4.15), `now` on our clock for the state's start. */
export async function readAgent(
  rest: CcsRest,
  routes: Routes,
  me: Identity,
  now: () => number,
): Promise<AgentRead> {
  const answer = await rest.get(routes.agentState(me.uuid), AgentStateResponse);
  const { state, duration } = answer.agent_state;
  return { agent: observedAgent(state, duration, now()), stats: agentFigures(answer) };
}

/**
 * GET /calls (§4.19), our rows only; the row shape is assumed (wire.ts CallRecord). `invalid`
 * counts rows without a call id, which the caller reports.
 */
export async function readOurCalls(
  rest: CcsRest,
  routes: Routes,
  me: Identity,
): Promise<{ calls: CallRecord[]; invalid: number }> {
  const rows = await rest.get(routes.calls, CallsResponse);
  const { items, invalid } = readItems(CallRecord, rows);
  return { calls: items.filter((record) => belongsTo(record, me, false)), invalid };
}

/**
 * GET /calls/<id> (§4.20): one call's row; CtiError('protocol') when the answer is no call (the
 * body is truncated on the page, wire.ts CallLookupResponse).
 */
export async function readCall(rest: CcsRest, routes: Routes, callId: string): Promise<CallRecord> {
  const row = await rest.get(routes.call(callId), CallLookupResponse);
  const parsed = CallRecord.safeParse(row);
  if (!parsed.success || parsed.data.callId !== callId) {
    throw new CtiError(
      'protocol',
      `Windstream CCS answered GET /calls/${callId} with no such call`,
    );
  }
  return parsed.data;
}

/** GET /tenants/<tid>/presence_options (§4.7). */
export async function readPresenceOptions(
  rest: CcsRest,
  routes: Routes,
): Promise<PresenceOption[]> {
  const rows = await rest.get(routes.presenceOptions, ListEnvelope);
  return readItems(PresenceOption, rows).items;
}

/**
 * The ACDs (§4.6): the queues a call can be redirected to by uuid (§5.4 `wait_redirect`), the
 * agent's queues and transfer targets by extension. The outbound queue that `dial` names is left
 * out: it places the agent's own calls and is no place to send a caller.
 */
export async function readAcds(
  rest: CcsRest,
  routes: Routes,
  outboundQueueId: string,
): Promise<Acd[]> {
  const rows = await rest.get(routes.acds, ListEnvelope);
  return readItems(Acd, rows).items.filter((acd) => acd.uuid !== outboundQueueId.trim());
}

/** The tenant's extensions (§4.8). */
export async function readExtensions(rest: CcsRest, routes: Routes): Promise<Extension[]> {
  const rows = await rest.get(routes.extensions, ListEnvelope);
  return readItems(Extension, rows).items;
}
