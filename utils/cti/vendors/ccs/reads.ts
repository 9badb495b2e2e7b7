/**
 * The REST reads the adapter makes on connect, on resync and when it polls (vendors/README.md
 * §5.4): agent state, the calls list, the presence options and the ACDs (queues).
 */
import type { AgentState, CodeLabel } from '../../model';
import { agentStateOf } from './agent';
import { segment, type Identity } from './auth';
import { belongsTo } from './calls';
import type { CcsRest } from './rest';
import {
  Acd,
  AgentStateResponse,
  CallRecord,
  CallsResponse,
  ListEnvelope,
  PresenceOption,
  readItems,
} from './wire';

/** GET /tenants/<tid>/extensions/<uuid>/agent_state (§4.15); undefined for an unknown type. */
export async function readAgent(
  rest: CcsRest,
  tenantId: string,
  me: Identity,
): Promise<Omit<AgentState, 'since'> | undefined> {
  const path = `/tenants/${segment(tenantId)}/extensions/${segment(me.uuid)}/agent_state`;
  const answer = await rest.get(path, AgentStateResponse);
  return agentStateOf(answer.agent_state.state);
}

/**
 * GET /calls (§4.19), our rows only; the row shape is assumed (wire.ts CallRecord). `invalid`
 * counts rows without a call id, which the caller reports.
 */
export async function readOurCalls(
  rest: CcsRest,
  me: Identity,
): Promise<{ calls: CallRecord[]; invalid: number }> {
  const rows = await rest.get('/calls', CallsResponse);
  const { items, invalid } = readItems(CallRecord, rows);
  return { calls: items.filter((record) => belongsTo(record, me, false)), invalid };
}

/** GET /tenants/<tid>/presence_options (§4.7). */
export async function readPresenceOptions(
  rest: CcsRest,
  tenantId: string,
): Promise<PresenceOption[]> {
  const rows = await rest.get(`/tenants/${segment(tenantId)}/presence_options`, ListEnvelope);
  return readItems(PresenceOption, rows).items;
}

/**
 * GET /tenants/<tid>/acds (§4.6) as the queues a call can be redirected to (§5.4 `wait_redirect`,
 * whose target is the ACD's uuid). The outbound queue that `dial` names is left out: it places the
 * agent's own calls and is no place to send a caller.
 */
export async function readQueues(
  rest: CcsRest,
  tenantId: string,
  outboundQueueId: string,
): Promise<CodeLabel[]> {
  const rows = await rest.get(`/tenants/${segment(tenantId)}/acds`, ListEnvelope);
  return readItems(Acd, rows)
    .items.filter((acd) => acd.uuid !== outboundQueueId.trim())
    .map((acd) => ({ code: acd.uuid, label: acd.name ?? acd.extension ?? acd.uuid }));
}
