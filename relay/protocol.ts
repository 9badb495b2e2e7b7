/**
 * The WebSocket protocol between the Switchboard relay and the extension. Both sides import this
 * file: the relay (Node) and the vendor adapters that read events through it (Anywhere365, uContact
 * webhooks). Browsers cannot put headers on a WebSocket, so the agent's token rides in the first
 * frame rather than in an Authorization header.
 *
 *   extension → relay   {"type":"hello","token":"…","after":41}      first frame, within 10 s
 *   relay → extension   {"type":"welcome","agent":"sip:alice@example.com","seq":57}
 *   relay → extension   {"type":"event","seq":42,"source":"anywhere365","at":1732230000000,"payload":{…}}
 *   relay → extension   {"type":"gap","from":1,"to":40}               events after `after` were dropped
 *   extension → relay   {"type":"ping"}        relay → extension   {"type":"pong"}
 *   relay → extension   {"type":"error","code":"unauthorized","message":"…"}, then close 4401
 *   relay → extension   {"type":"error","code":"replaced","message":"…"}, then close 4409
 *
 * `seq` counts per agent from 1 and never repeats while the relay runs (with a data directory, across
 * restarts too: relay/journal.ts); `after` is the last seq the extension handled (0 at first). The
 * relay replays every buffered event with seq > after, then streams new ones. A `gap` means the
 * buffer no longer holds what was asked for (or the relay restarted without a data directory, which
 * resets seq): the adapter must resync with the vendor.
 */
import { z } from 'zod';

export const RELAY_PATH = '/v1/agent';
export const HELLO_TIMEOUT_MS = 10_000;
export const CLOSE_UNAUTHORIZED = 4401;
/**
 * A newer socket said hello with the same token (one live socket per token): the older one is
 * closed with this code after an `error` frame with code `replaced`. Reconnecting would only push
 * the other connection out in turn, so a client stops and tells the user.
 */
export const CLOSE_REPLACED = 4409;

export const EventSource = z.enum(['anywhere365', 'ucontact']);
export type EventSource = z.infer<typeof EventSource>;

export const ClientFrame = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('hello'),
    token: z.string().min(1).max(2000),
    after: z.number().int().min(0).default(0),
  }),
  z.object({ type: z.literal('ping') }),
]);
export type ClientFrame = z.input<typeof ClientFrame>;

export const ServerFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('welcome'), agent: z.string(), seq: z.number().int().min(0) }),
  z.object({
    type: z.literal('event'),
    seq: z.number().int().min(1),
    source: EventSource,
    at: z.number(),
    /** The vendor's webhook body as it arrived (validated by the relay, mapped by the adapter). */
    payload: z.unknown(),
  }),
  z.object({ type: z.literal('gap'), from: z.number().int(), to: z.number().int() }),
  z.object({ type: z.literal('pong') }),
  z.object({
    type: z.literal('error'),
    code: z.enum(['unauthorized', 'badRequest', 'timeout', 'replaced']),
    message: z.string(),
  }),
]);
export type ServerFrame = z.infer<typeof ServerFrame>;

/**
 * Agent tokens: `base64url(JSON {sub, exp, jti}) + "." + base64url(HMAC-SHA256(secret, first part))`.
 * `sub` is the identity events are routed by: the Anywhere365 ImAddress ("sip:alice@example.com")
 * or "ucontact:<agent>". `exp` is epoch seconds. `jti` is the token's id, what the relay's
 * revocation list names (tokens issued before ids existed have none; relay/tokens.ts derives one).
 */
export const TokenClaims = z.object({
  sub: z.string().min(1).max(320),
  exp: z.number().int(),
  jti: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .optional(),
});
export type TokenClaims = z.infer<typeof TokenClaims>;
