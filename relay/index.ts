/**
 * Switchboard relay: receives vendor webhooks (Anywhere365 CTI Broker callbacks, uContact
 * notifications) and streams them to each agent's extension over the WebSocket protocol in
 * relay/protocol.ts. Operators run it with `relay/main.ts`; docs/relay.md is the admin guide.
 *
 * In-process API (tests, adapters' test kits):
 *
 *   import { createRelay } from '../relay';
 *   const relay = await createRelay({ secret: 'at-least-32-characters-of-secret!!' });
 *   relay.url                        'http://127.0.0.1:<port>' (port 0 by default: a free one)
 *   relay.wsUrl                      'ws://127.0.0.1:<port>/v1/agent' (RELAY_PATH)
 *   relay.hookUrl('anywhere365')     'http://127.0.0.1:<port>/hooks/<secret>/anywhere365'
 *   relay.issueToken('sip:alice@example.com', 3600)   token for the `hello` frame (default 1 day)
 *   await relay.restart()            stop and start again on the same port and hook secret. With
 *                                    `dataDir` the buffers and seqs are restored from the journal
 *                                    (relay/journal.ts): cursors stay valid, no gap. Without, the
 *                                    buffers start empty: seq restarts, clients see a gap (from: 0)
 *   await relay.renewSubscriptions() renew the Anywhere365 subscriptions now (see subscription.ts)
 *   relay.health()                   the /healthz body;  relay.metric(name, labels) a metric value
 *   await relay.inject({method, url, headers, payload})   an HTTP request handled in-process
 *                                    (Fastify's inject: no socket), for tests that send many
 *   await relay.close()              unsubscribes from the broker, closes sockets (1001) and HTTP
 *
 * Options: relay/config.ts (`RelayOptions`; every field but `secret` has a default). Pass
 * `anywhere365: { brokerUrl, imAddresses }` to subscribe at start; the callback URL defaults to
 * `hookUrl('anywhere365')`. Dependencies (logger, fetch, clock) are the optional second argument.
 * With `redisUrl` several relays share events, seqs and call sessions (relay/redis-mode.ts); tests
 * start a redis-server with tests/support/redis.ts.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { once } from 'node:events';
import { join } from 'node:path';
import rateLimit from '@fastify/rate-limit';
import Fastify, {
  type FastifyError,
  type InjectOptions,
  type LightMyRequestResponse,
} from 'fastify';
import { WebSocketServer } from 'ws';
import { AgentBuffers } from './buffer';
import { clientAddressResolver } from './client-address';
import { parseOptions, type RelayConfig, type RelayOptionsInput } from './config';
import { Deduper } from './dedupe';
import { registerHooks } from './hooks';
import { createHub } from './hub';
import { openJournal } from './journal';
import { createLogger, type Logger } from './log';
import { Metrics, createRelayCounters } from './metrics';
import { RELAY_PATH, type EventSource } from './protocol';
import { startRedisMode, type RedisState } from './redis-mode';
import { REVOCATION_FILE_NAME, watchRevocations, type Revocations } from './revocation';
import { createRouter } from './router';
import { SessionDirectory } from './sessions';
import { anywhere365Store } from './state-file';
import { createSubscriptions, type SubscriptionStatus } from './subscription';
import { issueToken, verifyToken } from './tokens';

export { RELAY_PATH } from './protocol';
export type { RelayConfig, RelayOptionsInput } from './config';

export interface RelayDeps {
  log?: Logger;
  fetch?: typeof fetch;
  now?: () => number;
}

export interface Health {
  status: 'ok' | 'degraded';
  uptimeSeconds: number;
  connections: number;
  /** Sockets that have not said hello yet. */
  pendingConnections: number;
  connectedAgents: number;
  bufferedAgents: number;
  bufferedEvents: number;
  bufferedBytes: number;
  /** Anywhere365 calls whose agents the relay remembers (relay/sessions.ts). */
  callSessions: number;
  /** Ids in the revocation list; undefined without one. */
  revokedTokens?: number;
  /** The data directory's journal: 'failing' while it cannot write (events are in memory only). */
  journal: 'disabled' | 'ok' | 'failing';
  /**
   * Scale-out mode only (relay/redis-mode.ts): 'down' while Redis is unreachable (webhooks get
   * 503, agent sockets are closed). The buffered and session counts are then this process's
   * (none): the events are in Redis.
   */
  redis?: RedisState;
  anywhere365: SubscriptionStatus;
}

export interface Relay {
  readonly url: string;
  readonly wsUrl: string;
  hookUrl(source: EventSource): string;
  issueToken(agent: string, ttlSeconds?: number): string;
  renewSubscriptions(): Promise<void>;
  health(): Health;
  metric(name: string, labels?: Record<string, string>): number;
  inject(request: InjectOptions): Promise<LightMyRequestResponse>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

const HOOK_ROUTE = '/hooks/:secret/:source';
const SWEEP_MS = 30_000;
/** Bounds shutdown: sockets that ignore the close handshake are cut after this. */
const CLOSE_GRACE_MS = 2_000;
/** The largest client frame is a hello with a 2000-character token (relay/protocol.ts). */
const MAX_WS_FRAME_BYTES = 8 * 1024;

export async function createRelay(
  options: RelayOptionsInput,
  deps: RelayDeps = {},
): Promise<Relay> {
  const parsed = parseOptions(options);
  const config = {
    ...parsed,
    hookSecrets: parsed.hookSecrets ?? [randomBytes(24).toString('base64url')],
  };
  const log = deps.log ?? createLogger();
  const now = deps.now ?? Date.now;
  let instance = await start(config, config.port, { log, now, fetch: deps.fetch ?? fetch });
  const port = instance.port;
  const base = baseUrl(config.host, port);
  let closed = false;

  return {
    url: base,
    wsUrl: `${base.replace(/^http/, 'ws')}${RELAY_PATH}`,
    hookUrl: (source) => `${base}/hooks/${config.hookSecrets[0]}/${source}`,
    issueToken: (agent, ttlSeconds = 86_400) => issueToken(agent, ttlSeconds, config.secret, now()),
    renewSubscriptions: () => instance.renewSubscriptions(),
    health: () => instance.health(),
    metric: (name, labels) => instance.metrics.value(name, labels),
    inject: (request) => instance.inject(request),
    async restart() {
      if (closed) throw new Error('relay is closed');
      await instance.close();
      instance = await start(config, port, { log, now, fetch: deps.fetch ?? fetch });
    },
    async close() {
      if (closed) return;
      closed = true;
      await instance.close();
    },
  };
}

type Config = RelayConfig & { hookSecrets: string[] };

/** The URL this machine reaches the relay at (a wildcard listen address means loopback). */
function baseUrl(listenHost: string, port: number): string {
  const host = /^(0\.0\.0\.0|::)$/.test(listenHost) ? '127.0.0.1' : listenHost;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

async function start(config: Config, port: number, deps: Required<RelayDeps>) {
  const { log, now } = deps;
  const startedAt = now();
  const metrics = new Metrics();
  const counters = createRelayCounters(metrics);
  const buffers = new AgentBuffers(config.buffer);
  const sessions = new SessionDirectory(config.sessions);
  // Restores the buffers before anything can reach them (the port opens below).
  const journal = config.dataDir
    ? await openJournal({
        dir: config.dataDir,
        buffers,
        sessions,
        log,
        now,
        onFailure: (op) => counters.journalFailures({ op }),
      })
    : undefined;
  const redis = config.redisUrl
    ? await startRedisMode({
        url: config.redisUrl,
        buffer: config.buffer,
        sessions: config.sessions,
        counters,
        log,
        now,
      })
    : undefined;
  let revocations: Revocations | undefined;
  const hub = createHub({
    buffers,
    store: redis?.store,
    attached: redis?.caughtUp,
    counters,
    log,
    now,
    verify: (token) => {
      const result = verifyToken(token, config.secret, now());
      return result.ok && revocations?.has(result.id) ? { ok: false, reason: 'revoked' } : result;
    },
    helloTimeoutMs: config.helloTimeoutMs,
    maxConnections: config.maxConnections,
    maxPending: config.maxPending,
    maxPendingPerClient: config.maxPendingPerClient,
    rateLimit: config.wsRateLimit,
  });
  const revocationFile =
    config.revocationFile ??
    (config.dataDir ? join(config.dataDir, REVOCATION_FILE_NAME) : undefined);
  try {
    revocations = revocationFile
      ? watchRevocations({
          file: revocationFile,
          log,
          onChange: () => hub.revoke((id) => revocations?.has(id) ?? false),
          onFailure: () => counters.revocationFailures(),
        })
      : undefined;
  } catch (err) {
    await journal?.close();
    await redis?.close();
    throw err;
  }
  redis?.attach(hub);
  const memoryRoute = createRouter({
    buffers,
    counters,
    log,
    now,
    maxAgents: config.maxAgents,
    sessions,
    joined: (id, agent, at) => journal?.appendSession(id, agent, at),
    // Journaled before any socket sees it or the webhook is answered (relay/journal.ts).
    deliver: (agent, event) => {
      journal?.append(agent, event);
      hub.deliver(agent, event);
    },
  });

  const app = Fastify({
    logger: false,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
  });
  await app.register(rateLimit, { global: false });
  app.setErrorHandler((error: FastifyError, req, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (req.routeOptions.url === HOOK_ROUTE) {
      counters.dropped({ reason: status === 429 ? 'rate_limited' : 'invalid' });
    }
    // Neither the URL (it holds the hook secret) nor the body is logged.
    if (status >= 500)
      log.error('request failed', { status, code: error.code, error: error.message });
    else log.warn('request rejected', { status, code: error.code, ip: req.ip });
    return reply.code(status).send({ error: status >= 500 ? 'internal error' : error.message });
  });
  app.setNotFoundHandler((_req, reply) => reply.code(404).send({ error: 'not found' }));
  // An unknown path is answered before its body is read (else a bad body would get 400 or 413).
  app.addHook('onRequest', async (req, reply) => {
    if (req.is404) return reply.code(404).send({ error: 'not found' });
  });

  let subscriptions: ReturnType<typeof createSubscriptions> | undefined;
  const subscriptionStore =
    config.dataDir && config.anywhere365
      ? anywhere365Store(config.dataDir, config.anywhere365.brokerUrl, log)
      : undefined;
  const listenUrl = () => baseUrl(config.host, (app.server.address() as AddressInfo).port);

  registerHooks(app, {
    secrets: config.hookSecrets,
    bodyLimitBytes: config.bodyLimitBytes,
    rateLimit: config.hookRateLimit,
    counters,
    log,
    now,
    dedupe: new Deduper(config.dedupeWindowMs),
    route: redis?.route ?? memoryRoute,
  });

  const health = (): Health => {
    const anywhere365 = subscriptions?.status() ?? {
      state: 'disabled',
      total: 0,
      subscribed: 0,
      retrying: 0,
    };
    const journalState = journal?.state ?? 'disabled';
    return {
      status:
        anywhere365.state === 'degraded' || journalState === 'failing' || redis?.state === 'down'
          ? 'degraded'
          : 'ok',
      uptimeSeconds: Math.round((now() - startedAt) / 1000),
      connections: hub.connections,
      pendingConnections: hub.pending,
      connectedAgents: hub.connectedAgents,
      bufferedAgents: buffers.agents,
      bufferedEvents: buffers.totalEvents,
      bufferedBytes: buffers.totalBytes,
      callSessions: sessions.size,
      revokedTokens: revocations?.size,
      journal: journalState,
      redis: redis?.state,
      anywhere365,
    };
  };
  app.get('/healthz', async () => health());
  app.get('/metrics', async (_req, reply) =>
    reply.type('text/plain; version=0.0.4; charset=utf-8').send(metrics.render()),
  );
  metrics.gauge('relay_connections', 'Open WebSocket connections.', () => [
    { value: hub.connections },
  ]);
  metrics.gauge('relay_pending_connections', 'WebSockets that have not said hello.', () => [
    { value: hub.pending },
  ]);
  metrics.gauge('relay_connected_agents', 'Agents with at least one authenticated socket.', () => [
    { value: hub.connectedAgents },
  ]);
  metrics.gauge('relay_buffer_events', 'Events held in replay buffers.', () => [
    { value: buffers.totalEvents },
  ]);
  metrics.gauge('relay_buffer_agents', 'Agents with a replay buffer.', () => [
    { value: buffers.agents },
  ]);
  metrics.gauge('relay_buffer_bytes', 'Payload bytes held in replay buffers.', () => [
    { value: buffers.totalBytes },
  ]);
  metrics.gauge('relay_call_sessions', 'Calls whose agents the relay remembers.', () => [
    { value: sessions.size },
  ]);
  metrics.gauge('relay_anywhere365_subscriptions', 'Anywhere365 subscriptions by state.', () => {
    const s = subscriptions?.status();
    return s
      ? [
          { labels: { state: 'subscribed' }, value: s.subscribed },
          { labels: { state: 'retrying' }, value: s.retrying },
        ]
      : [];
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_WS_FRAME_BYTES });
  const clientAddress = clientAddressResolver(config.trustProxy);
  app.server.on('upgrade', (req, socket, head) => {
    if ((req.url ?? '').split('?')[0] !== RELAY_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const address = clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for']);
    wss.handleUpgrade(req, socket, head, (ws) => hub.accept(ws, address));
  });

  try {
    await app.listen({ host: config.host, port });
  } catch (err) {
    revocations?.close();
    await journal?.close();
    await redis?.close();
    throw err;
  }
  log.info('relay listening', {
    host: config.host,
    port: (app.server.address() as AddressInfo).port,
  });

  const sweep = setInterval(() => {
    hub.expireTokens();
    buffers.prune(now());
    sessions.prune(now());
  }, SWEEP_MS);
  sweep.unref();

  if (config.anywhere365) {
    const a365 = config.anywhere365;
    const callbackUrl =
      a365.callbackUrl ?? `${listenUrl()}/hooks/${config.hookSecrets[0]}/anywhere365`;
    if (!a365.callbackUrl) log.warn('ANYWHERE365_CALLBACK_URL not set: using the local hook URL');
    subscriptions = createSubscriptions({
      options: { ...a365, callbackUrl },
      fetch: deps.fetch,
      log,
      counters,
      store: subscriptionStore,
    });
    await subscriptions.start();
  }

  return {
    port: (app.server.address() as AddressInfo).port,
    metrics,
    health,
    renewSubscriptions: () => subscriptions?.renewAll() ?? Promise.resolve(),
    inject: (request: InjectOptions) => app.inject(request),
    async close(): Promise<void> {
      revocations?.close();
      await subscriptions?.stop();
      subscriptionStore?.flush();
      clearInterval(sweep);
      const closedAll = Promise.all([...wss.clients].map((ws) => once(ws, 'close')));
      hub.closeAll();
      const grace = new Promise((r) => setTimeout(r, CLOSE_GRACE_MS).unref());
      await Promise.race([closedAll, grace]);
      hub.terminateAll();
      wss.close();
      await app.close();
      // Last: webhooks still answered above are in the final snapshot.
      await journal?.close();
      await redis?.close();
      log.info('relay stopped');
    },
  };
}
