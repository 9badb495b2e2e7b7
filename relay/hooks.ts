/**
 * Webhook endpoints: POST /hooks/<secret>/anywhere365 and /hooks/<secret>/ucontact. The secret path
 * segment is the only authentication the vendors support (neither documents signed webhooks:
 * vendors/README §2.3, §4.4), so it is compared in constant time, rate-limited per client IP with
 * every other hook request, and never logged. Unknown secrets and sources get the same 404 as any
 * unknown URL. Bad bodies get a 4xx and a log line; nothing here throws past Fastify.
 *
 * Answers, as docs/relay.md states them: 204 accepted (routed, or a valid event with nothing to
 * route); 404 unknown secret or source; 415 a Content-Type other than `application/json` (with no
 * charset or a UTF-8 one), a missing one included — decided before the body is read; 413 a body
 * over the limit; 400 a body that is not JSON or fails validation; 429 over the rate limit; 503
 * the event could not be stored (scale-out mode without Redis: relay/redis-mode.ts).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { Deduper } from './dedupe';
import type { Logger } from './log';
import type { RelayCounters } from './metrics';
import { EventSource } from './protocol';
import { anywhere365Identity, agentKey, ucontactIdentity, type RouteResult } from './router';
import { Anywhere365Event, UcontactEvent, sessionOf } from './wire';

/** Where a valid event goes: its agent, and for an Anywhere365 call event its call session. */
interface Target {
  identity: string;
  session?: string;
}

export interface HookDeps {
  secrets: readonly string[];
  bodyLimitBytes: number;
  rateLimit: { max: number; windowMs: number };
  counters: RelayCounters;
  log: Logger;
  dedupe: Deduper;
  now: () => number;
  route: (
    source: EventSource,
    identity: string,
    payload: unknown,
    session?: string,
  ) => RouteResult | Promise<RouteResult>;
}

/** `application/json`, any case, parameters allowed but a charset other than UTF-8 is not. */
export function isJsonContentType(header: string | undefined): boolean {
  const [type = '', ...params] = (header ?? '').split(';');
  if (type.trim().toLowerCase() !== 'application/json') return false;
  return params.every((p) => {
    const [name = '', value = ''] = p.split('=');
    if (name.trim().toLowerCase() !== 'charset') return true;
    return /^"?utf-?8"?$/i.test(value.trim());
  });
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Constant-time membership test (hashing first makes lengths equal). */
export function secretMatcher(secrets: readonly string[]): (candidate: string) => boolean {
  const known = secrets.map(digest);
  return (candidate) => {
    const c = digest(candidate);
    let hit = false;
    for (const k of known) hit = timingSafeEqual(k, c) || hit;
    return hit;
  };
}

/** Issue paths and codes only: values may hold phone numbers. */
const summarize = (error: z.ZodError) =>
  error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(root)'}:${i.code}`)
    .join(', ');

interface HookRoute {
  Params: { secret: string; source: string };
  Body: unknown;
}

export function registerHooks(app: FastifyInstance, deps: HookDeps): void {
  const isKnownSecret = secretMatcher(deps.secrets);
  const { counters, log } = deps;

  app.post<HookRoute>(
    '/hooks/:secret/:source',
    {
      bodyLimit: deps.bodyLimitBytes,
      config: { rateLimit: { max: deps.rateLimit.max, timeWindow: deps.rateLimit.windowMs } },
      onRequest: async (req, reply) => {
        // Checked before the body is read, so guessing costs the guesser the upload only.
        if (
          !isKnownSecret(req.params.secret) ||
          !EventSource.safeParse(req.params.source).success
        ) {
          counters.dropped({ reason: 'unknown_path' });
          log.warn('webhook to an unknown path', { ip: req.ip });
          return reply.code(404).send({ error: 'not found' });
        }
        if (!isJsonContentType(req.headers['content-type'])) {
          counters.dropped({ reason: 'invalid' });
          log.warn('webhook with a content type other than JSON', { ip: req.ip });
          return reply.code(415).send({ error: 'Content-Type must be application/json' });
        }
      },
    },
    async (req, reply) => {
      const source = EventSource.parse(req.params.source);
      const target = source === 'anywhere365' ? anywhere365(req.body) : ucontact(req.body);
      if (target === 'invalid') return reply.code(400).send({ error: 'invalid payload' });
      if (target === 'skip') return reply.code(204).send();
      const routed = await deps.route(source, target.identity, req.body, target.session);
      // Not stored (scale-out mode without Redis): the platform retries on 503.
      if (routed === 'unavailable') return reply.code(503).send({ error: 'try again later' });
      return reply.code(204).send();
    },
  );

  function anywhere365(body: unknown): Target | 'invalid' | 'skip' {
    const parsed = Anywhere365Event.safeParse(body);
    if (!parsed.success) {
      counters.dropped({ reason: 'invalid' });
      log.warn('anywhere365 webhook rejected', { issues: summarize(parsed.error) });
      return 'invalid';
    }
    counters.received({ source: 'anywhere365' });
    const e = parsed.data;
    const identity = anywhere365Identity(e.ImAddress);
    const key = JSON.stringify([agentKey(identity), e.eventType, e.SessionType, e.callId, e.ani]);
    if (deps.dedupe.isDuplicate(key, e.SubscriptionId ?? '', deps.now())) {
      counters.dropped({ reason: 'duplicate' });
      return 'skip';
    }
    return { identity, session: sessionOf(e) };
  }

  function ucontact(body: unknown): Target | 'invalid' | 'skip' {
    const parsed = UcontactEvent.safeParse(body);
    if (!parsed.success) {
      counters.dropped({ reason: 'invalid' });
      log.warn('ucontact webhook rejected', { issues: summarize(parsed.error) });
      return 'invalid';
    }
    counters.received({ source: 'ucontact' });
    if (!parsed.data.agent) {
      // A valid event about no agent (§4.4 lists campaign-level ones): acknowledged, not routed,
      // so the sender does not retry it.
      counters.dropped({ reason: 'unroutable' });
      log.info('ucontact webhook without agent ignored', { event: parsed.data.event });
      return 'skip';
    }
    return { identity: ucontactIdentity(parsed.data.agent) };
  }
}
