/**
 * The Windstream CCS wire: zod schemas of what we read and builders of what we send.
 * Sources: vendors/README.md §5 and api-pages/windstream-ccs.txt. Nothing outside this folder
 * knows these shapes.
 *
 * The API page documents the REST envelope and the agent/presence shapes; the calls list's body
 * and the WebSocket event catalogue are not public (§5.4, §5.5). Schemas for those are lenient
 * (several plausible field names, extra fields kept) and strict only on what we key on: a call
 * id, an agent state's `type`.
 */
import { z } from 'zod';

export const API_PATH = '/6/v2/api';
export const SOCK_PATH = '/6/v2/sock';
/** The older `extensions.auth` PIN login of the /6 API (§5.2 "Older/dev variant"). */
export const PIN_LOGIN_PATH = '/6/api';

/** Display text that may come as a number or null. */
const text = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined || v === '' ? undefined : String(v)));

// ── REST envelopes (api-pages §4, every endpoint) ─────────────────────────────────────────────

/** `{"success":false,"reason":<ReasonString>}`; 400s sometimes say `success: true` (§4.19). */
export const Failure = z.object({ success: z.boolean().optional(), reason: text });
/** `{"status":401,"reason":"Unauthorized"}`. */
export const Unauthorized = z.object({ status: z.literal(401), reason: text });

/** Every list endpoint answers `{success, total, items:[…]}` (§4.6 nests one array deeper). */
export const ListEnvelope = z
  .object({ items: z.array(z.unknown()) })
  .transform(({ items }) => items.flat(2));

/** The valid items of a list, and how many were not: one bad row must not hide the others. */
export function readItems<T extends z.ZodType>(
  item: T,
  rows: readonly unknown[],
): { items: z.output<T>[]; invalid: number } {
  const items: z.output<T>[] = [];
  let invalid = 0;
  for (const row of rows) {
    const parsed = item.safeParse(row);
    if (parsed.success) items.push(parsed.data);
    else invalid += 1;
  }
  return { items, invalid };
}

// ── Agent (§4.15, §4.7, §4.8) ─────────────────────────────────────────────────────────────────

export const PresenceState = z.object({ type: z.string().min(1), name: text });
export type PresenceState = z.infer<typeof PresenceState>;

/**
 * A count the page writes as a number or as digits (`"total": "62"` beside `"total": 2`); an
 * unreadable one fails the row.
 */
export const count = z
  .union([
    z.number().int().min(0),
    z
      .string()
      .trim()
      .regex(/^\d{1,9}$/)
      .transform(Number),
  ])
  .nullish()
  .transform((v) => v ?? undefined);

/** GET /tenants/<tid>/extensions/<uuid>/agent_state (§4.15). */
export const AgentStateResponse = z.object({
  /** How long the agent has been in this state, `"117:56:46"`. */
  agent_state: z.object({ state: PresenceState, duration: text }),
  phone_state: z.object({ state: text }).partial().nullish(),
  /** Offered calls the agent missed in a row (§4.15). */
  consecutive_missed: count.catch(undefined),
});
export type AgentStateResponse = z.infer<typeof AgentStateResponse>;

export const PresenceOption = z.object({ uuid: text, type: z.string().min(1), name: z.string() });
export type PresenceOption = z.infer<typeof PresenceOption>;

/** One row of GET /extensions (§4.8). */
export const Extension = z.object({
  uuid: z.string().min(1).max(200),
  extension: text,
  firstname: text,
  lastname: text,
});

/**
 * One ACD of GET /tenants/<tid>/acds (api-pages §4.6): a queue a call can be redirected to by its
 * uuid (`wait_redirect`, §4.26). The page shows `type: "voice_queues"`; other types are unknown.
 */
export const Acd = z.object({
  /** A queue id of the model (at most 200 characters). */
  uuid: z.string().min(1).max(200),
  name: text,
  extension: text,
  type: text,
});
export type Acd = z.infer<typeof Acd>;
export type Extension = z.infer<typeof Extension>;

/** `{core_cookie:"<uuid>"}` from the /6 API's extensions.auth; `token` accepted too. */
export const PinLoginResponse = z
  .object({ core_cookie: z.string().min(1).optional(), token: z.string().min(1).optional() })
  .refine((r) => r.core_cookie ?? r.token, 'no core_cookie or token')
  .transform((r) => (r.core_cookie ?? r.token) as string);

// ── Calls (§4.19–§4.21; bodies truncated on the API page: [UNKNOWN], assumed) ─────────────────

/**
 * One call, from GET /calls or a call event. The page shows call ids like "0BS9DD02LEMUI", the
 * filter's `calling_number`/`called_number`, and "progress" vs "answered" bodies; the rest is
 * assumed (§5.6) and read leniently.
 */
export const CallRecord = z
  .looseObject({
    call_id: text,
    id: text,
    uuid: text,
    status: text,
    state: text,
    direction: text,
    calling_number: text,
    calling_name: text,
    called_number: text,
    called_name: text,
    queue_name: text,
    queue: text,
    acd_name: text,
    /** Whose line the call is on, when the platform says (assumed names). */
    extension: text,
    agent_extension: text,
    extension_uuid: text,
  })
  .transform((r, ctx) => {
    const callId = r.call_id ?? r.id ?? r.uuid;
    if (!callId) {
      ctx.addIssue({ code: 'custom', message: 'a call needs call_id' });
      return z.NEVER;
    }
    return { ...r, callId };
  });
export type CallRecord = z.output<typeof CallRecord>;

/**
 * GET /calls/<id> (§4.20; body truncated on the page): the call's fields beside `success`, or
 * (read too) under `call` or as the one item of a list.
 */
export const CallLookupResponse = z.union([
  z.object({ call: z.looseObject({}) }).transform((r) => r.call as unknown),
  ListEnvelope.transform((items) => items[0]),
  z.looseObject({}),
]);

/** `{success, total, items:[…]}` like every other list; a bare array or `calls` also read. */
export const CallsResponse = z.union([
  ListEnvelope,
  z.object({ calls: z.array(z.unknown()) }).transform((r) => r.calls),
  z.array(z.unknown()),
]);

/** The dial answer is truncated on the page (§4.28): a call id is used when one comes back. */
export const DialResponse = z
  .object({ call_id: text, uuid: text, id: text })
  .partial()
  .transform((r) => r.call_id ?? r.uuid ?? r.id);

// ── WebSocket (§5.2, §5.5) ────────────────────────────────────────────────────────────────────

/** The agent-presence event payload (assumed: the wallboard's `update_agent` rows, §5.2). */
export const AgentEventPayload = z
  .looseObject({
    extension: text,
    uuid: text,
    extension_uuid: text,
    agent_state: z
      .union([z.object({ state: PresenceState, duration: text }), PresenceState])
      .optional(),
    state: PresenceState.optional(),
    duration: text,
  })
  .transform((r, ctx) => {
    const agentState = r.agent_state;
    const state = agentState && 'type' in agentState ? agentState : (agentState?.state ?? r.state);
    if (!state) {
      ctx.addIssue({ code: 'custom', message: 'an agent event needs agent_state.state' });
      return z.NEVER;
    }
    const duration = agentState && 'state' in agentState ? agentState.duration : r.duration;
    return { extension: r.extension, uuid: r.extension_uuid ?? r.uuid, state, duration };
  });
export type AgentEventPayload = z.output<typeof AgentEventPayload>;

export const clientFrames = {
  /** Must be the first frame, or the server closes the socket (§5.2). */
  connect: (token: string) => JSON.stringify({ request: 'connect', token }),
  subscribe: (request: string) => JSON.stringify({ request }),
  /** Plain-text keepalive, answered with `pong` (§5.2, the /6/sock wallboard). */
  ping: () => 'ping',
  pong: () => 'pong',
};

/** REST request bodies (§5.4): always a `request` key. */
export const requests = {
  dial: (target: string, outboundQueueUuid: string) => ({
    request: 'dial',
    target,
    outbound_queue_uuid: outboundQueueUuid,
  }),
  kill: () => ({ request: 'kill' }),
  /** Ends a call still waiting (api-pages §4.27). */
  waitKill: () => ({ request: 'wait_kill' }),
  waitTransfer: (target: string) => ({ request: 'wait_transfer', target }),
  /** `target` is an ACD's uuid, not its extension (api-pages §4.26). */
  waitRedirect: (acdUuid: string) => ({ request: 'wait_redirect', target: acdUuid }),
  startSuppression: () => ({ request: 'startSuppression' }),
  stopSuppression: () => ({ request: 'stopSuppression' }),
  updateAgentState: (name: string) => ({ request: 'updateAgentState', name }),
};

export type RequestBody = ReturnType<(typeof requests)[keyof typeof requests]>;
