/**
 * Scale-out mode's wiring (RELAY_REDIS_URL, docs/relay.md "Scale-out with Redis"): webhooks are
 * appended to the agents' Redis streams (relay/redis-store.ts) before they are acknowledged, and
 * every instance delivers to the sockets it holds from those streams.
 *
 * Live delivery: each append publishes `[agent, seq]`; the instance holding a socket of that
 * agent reads the stream after the lowest seq it sent the agent (`hub.cursor`) and hands the
 * events to the hub, which sends each socket only seqs above its own. One read per agent runs at
 * a time (a notification during a read asks for one more), so a socket gets every seq once and in
 * order. Notifications are only a wake-up: after a reconnect to Redis, and after a socket is
 * attached, the instance reads anyway, so a missed notification loses nothing.
 *
 * Losing Redis (either connection): webhooks get 503 (the platform retries), every agent socket
 * is closed with 1013 so the extension reconnects, possibly to a healthy instance, and /healthz
 * says `redis: 'down'`. ioredis reconnects by itself; the instance then works again.
 */
import type { Redis } from 'ioredis';
import type { BufferLimits } from './buffer';
import type { EventStore } from './event-store';
import type { Hub } from './hub';
import type { Logger } from './log';
import type { RelayCounters } from './metrics';
import type { EventSource } from './protocol';
import { createRedisSessions } from './redis-sessions';
import { APPENDED_CHANNEL, createRedisStore, redisClient } from './redis-store';
import { agentKey, type RouteResult } from './router';
import type { SessionLimits } from './sessions';
import { CLOSE_TRY_LATER } from './hub';

export interface RedisModeDeps {
  url: string;
  buffer: BufferLimits;
  sessions: SessionLimits;
  counters: RelayCounters;
  log: Logger;
  now: () => number;
}

export type RedisState = 'ok' | 'down';

export async function startRedisMode(deps: RedisModeDeps) {
  const { log, now, counters } = deps;
  const client = redisClient(deps.url);
  const subscriber = redisClient(deps.url);
  const store = createRedisStore(client, deps.buffer);
  const sessions = createRedisSessions(client, deps.sessions);
  let hub: Hub | undefined;
  let state: RedisState = 'down';
  let stopping = false;

  const up = () => client.status === 'ready' && subscriber.status === 'ready';

  function update(): void {
    const next: RedisState = up() ? 'ok' : 'down';
    if (next === state) return;
    state = next;
    if (next === 'down') {
      if (stopping) return;
      log.error('redis unavailable: refusing webhooks, closing agent sockets');
      hub?.closeAllWith(CLOSE_TRY_LATER, 'redis_down');
    } else {
      log.info('redis available');
      // Commands on one connection run in order: once this PING is answered, the subscription
      // ioredis renews on reconnect is active, so a read now misses no later notification.
      void subscriber
        .ping()
        .catch(() => undefined)
        .then(catchUpAll);
    }
  }

  for (const c of [client, subscriber]) {
    c.on('ready', update);
    c.on('close', update);
    c.on('end', update);
    c.on('error', (err: Error) => log.warn('redis error', { error: err.message }));
  }

  /** Agents whose stream is being read; true when another read was asked for meanwhile. */
  const reading = new Map<string, boolean>();

  async function catchUp(agent: string): Promise<void> {
    if (reading.has(agent)) {
      reading.set(agent, true);
      return;
    }
    try {
      do {
        reading.set(agent, false);
        const after = hub?.cursor(agent);
        if (after === undefined) break;
        const { replay } = await store.read(agent, after, now());
        if (replay.gap) hub?.gap(agent, replay.gap);
        for (const event of replay.events) hub?.deliver(agent, event);
      } while (reading.get(agent));
    } catch (err) {
      // Redis went away: `update` closes the sockets; their clients resume elsewhere.
      log.warn('redis read failed', { error: (err as Error).message });
    } finally {
      reading.delete(agent);
    }
  }

  function catchUpAll(): void {
    for (const agent of hub?.agents() ?? []) void catchUp(agent);
  }

  subscriber.on('message', (_channel: string, message: string) => {
    try {
      const [agent, seq] = JSON.parse(message) as [string, number];
      const cursor = hub?.cursor(agent);
      if (cursor !== undefined && seq > cursor) void catchUp(agent);
    } catch {
      log.warn('malformed redis notification');
    }
  });

  async function connect(c: Redis): Promise<void> {
    try {
      await c.connect();
    } catch (err) {
      // Starts degraded; ioredis keeps trying.
      log.error('redis unreachable at start', { error: (err as Error).message });
    }
  }
  await Promise.all([connect(client), connect(subscriber)]);
  // ioredis subscribes again by itself after a reconnect.
  await subscriber.subscribe(APPENDED_CHANNEL).catch(() => undefined);
  if (subscriber.status !== 'ready') {
    subscriber.once(
      'ready',
      () => void subscriber.subscribe(APPENDED_CHANNEL).catch(() => undefined),
    );
  }
  update();

  const eventStore: EventStore = {
    // Checked after the read too: a socket attached once Redis went away would never be closed.
    async open(agent, after, at) {
      if (!up()) throw new Error('redis unavailable');
      const opened = await store.read(agent, after, at);
      if (!up()) throw new Error('redis unavailable');
      return opened;
    },
  };

  return {
    store: eventStore,
    /** The hub whose sockets this instance feeds. */
    attach(h: Hub): void {
      hub = h;
    },
    /** Called by the hub once a socket is attached: what was appended meanwhile follows. */
    caughtUp: (agent: string) => void catchUp(agent),
    get state(): RedisState {
      return state;
    },
    /** The webhook's routing: 'unavailable' when the events are not all stored (503). */
    async route(
      source: EventSource,
      identity: string,
      payload: unknown,
      session?: string,
    ): Promise<RouteResult> {
      if (!up()) return 'unavailable';
      const key = agentKey(identity);
      const at = now();
      try {
        const others = session === undefined ? [] : await sessions.join(session, key);
        for (const agent of [key, ...others]) await store.append(agent, source, payload, at);
        counters.routed({ source });
        if (others.length > 0) counters.sessionCopies({ source }, others.length);
        return 'routed';
      } catch (err) {
        log.error('redis append failed', { source, error: (err as Error).message });
        return 'unavailable';
      }
    },
    async close(): Promise<void> {
      stopping = true;
      client.disconnect();
      subscriber.disconnect();
    },
  };
}
export type RedisMode = Awaited<ReturnType<typeof startRedisMode>>;
