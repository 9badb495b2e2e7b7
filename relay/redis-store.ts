/**
 * Scale-out mode (RELAY_REDIS_URL): each agent's events live in a Redis stream that every relay
 * instance shares, so a webhook may reach any instance and the agent's socket may sit on any other.
 *
 * Keys, per agent key (relay/router.ts `agentKey`):
 * - `switchboard:seq:<agent>`: the agent's seq counter. It never expires: numbering never restarts
 *   (as long as Redis keeps its data — run it with persistence, e.g. `appendonly yes`).
 * - `switchboard:events:<agent>`: a stream whose entry ids are `<seq>-0`, fields `at`, `source`,
 *   `payload` (JSON). Trimmed at each append to `maxEvents` entries and to events younger than
 *   `maxAgeMs` (by the relays' clocks); it expires `maxAgeMs` after its last append.
 * - channel `switchboard:appended`: `[agent, seq]` after each append, so the instance holding the
 *   agent's socket reads the stream (relay/redis-mode.ts).
 *
 * The append is one Lua script (INCR, XADD, trim, PUBLISH): Redis runs it atomically, so every
 * instance agrees on each agent's seq and a stream always holds `evictedThrough + 1 … lastSeq`
 * in order, the same invariant as relay/buffer.ts — and replay follows the same rules there.
 * The per-agent and relay-wide byte limits are not applied here: Redis's own `maxmemory` bounds it.
 */
import { Redis } from 'ioredis';
import type { BufferLimits, BufferedEvent, Replay } from './buffer';
import type { EventSource } from './protocol';

/** Every key and channel of Switchboard's in Redis (relay/redis-sessions.ts too). */
export const redisKey = (name: string) => `switchboard:${name}`;
export const APPENDED_CHANNEL = redisKey('appended');
const seqKey = (agent: string) => redisKey(`seq:${agent}`);
const streamKey = (agent: string) => redisKey(`events:${agent}`);

/** KEYS: seq, stream. ARGV: at, source, payload, maxEvents, maxAgeMs, channel, agent. */
const APPEND = `
local seq = redis.call('INCR', KEYS[1])
local at = tonumber(ARGV[1])
local maxAge = tonumber(ARGV[5])
redis.call('XADD', KEYS[2], seq .. '-0', 'at', ARGV[1], 'source', ARGV[2], 'payload', ARGV[3])
redis.call('XTRIM', KEYS[2], 'MAXLEN', tonumber(ARGV[4]))
while true do
  local first = redis.call('XRANGE', KEYS[2], '-', '+', 'COUNT', 1)
  if #first == 0 then break end
  local fields = first[1][2]
  local firstAt = at
  for i = 1, #fields, 2 do
    if fields[i] == 'at' then firstAt = tonumber(fields[i + 1]) end
  end
  if at - firstAt <= maxAge then break end
  redis.call('XDEL', KEYS[2], first[1][1])
end
redis.call('PEXPIRE', KEYS[2], maxAge)
redis.call('PUBLISH', ARGV[6], cjson.encode({ARGV[7], seq}))
return seq
`;

type StreamEntry = [id: string, fields: string[]];

function toEvent([id, fields]: StreamEntry): BufferedEvent {
  const f: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i] ?? ''] = fields[i + 1] ?? '';
  return {
    seq: Number(id.split('-')[0]),
    source: f.source as EventSource,
    at: Number(f.at),
    payload: JSON.parse(f.payload ?? 'null') as unknown,
  };
}

/**
 * The replay rules of relay/buffer.ts `ReplayBuffer.replay`, for what a stream holds: `firstSeq`
 * its oldest entry (undefined when empty) and `tail` its entries from some seq on — at least all
 * those above `after` (all of them when `after > lastSeq`). Events older than the age limit count
 * as evicted even before an append trims them.
 */
export function replayFrom(
  lastSeq: number,
  firstSeq: number | undefined,
  tail: BufferedEvent[],
  after: number,
  now: number,
  maxAgeMs: number,
): Replay {
  const held = tail.filter((e) => e.seq <= lastSeq);
  const old = held.filter((e) => now - e.at > maxAgeMs).at(-1)?.seq;
  const events = held.filter((e) => e.seq > (old ?? 0));
  const evictedThrough = Math.max(firstSeq === undefined ? lastSeq : firstSeq - 1, old ?? 0);
  if (after > lastSeq) return { gap: { from: 0, to: evictedThrough }, events };
  if (after < evictedThrough) {
    return {
      gap: { from: after + 1, to: evictedThrough },
      events: events.filter((e) => e.seq > after),
    };
  }
  return { events: events.filter((e) => e.seq > after) };
}

export interface RedisStore {
  /** The client commands go through (relay/redis-sessions.ts uses it too). */
  readonly redis: Redis;
  /** Appends atomically and returns the event with the seq every instance agrees on. */
  append(agent: string, source: EventSource, payload: unknown, at: number): Promise<BufferedEvent>;
  /** The agent's last seq and what a client that handled `after` must get. */
  read(agent: string, after: number, now: number): Promise<{ seq: number; replay: Replay }>;
  close(): Promise<void>;
}

/**
 * Commands fail at once while the connection is down (no offline queue, one try): a webhook must
 * get its 503 rather than wait. ioredis reconnects by itself, with backoff.
 */
export function redisClient(url: string): Redis {
  return new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    lazyConnect: true,
    retryStrategy: (times) => Math.min(times * 100, 2_000),
  });
}

export function createRedisStore(redis: Redis, limits: BufferLimits): RedisStore {
  redis.defineCommand('switchboardAppend', { numberOfKeys: 2, lua: APPEND });
  const run = redis as Redis & {
    switchboardAppend(...args: Array<string | number>): Promise<number>;
  };
  return {
    redis,
    async append(agent, source, payload, at) {
      const seq = await run.switchboardAppend(
        seqKey(agent),
        streamKey(agent),
        at,
        source,
        JSON.stringify(payload),
        limits.maxEvents,
        limits.maxAgeMs,
        APPENDED_CHANNEL,
        agent,
      );
      return { seq: Number(seq), source, at, payload };
    },
    async read(agent, after, now) {
      // One MULTI: the counter, the oldest entry and the entries after `after` as of one moment.
      const stream = streamKey(agent);
      const results = await redis
        .multi()
        .get(seqKey(agent))
        .xrange(stream, '-', '+', 'COUNT', 1)
        .xrange(stream, `${after + 1}-0`, '+')
        .exec();
      if (!results) throw new Error('redis transaction aborted');
      for (const [err] of results) if (err) throw err;
      const seq = Number(results[0]?.[1] ?? 0);
      const first = ((results[1]?.[1] ?? []) as StreamEntry[]).map(toEvent)[0];
      let tail = ((results[2]?.[1] ?? []) as StreamEntry[]).map(toEvent);
      // A cursor beyond the counter (Redis lost its data): everything retained is replayed.
      if (after > seq)
        tail = ((await redis.xrange(stream, '-', '+')) as StreamEntry[]).map(toEvent);
      return { seq, replay: replayFrom(seq, first?.seq, tail, after, now, limits.maxAgeMs) };
    },
    async close() {
      redis.disconnect();
    },
  };
}
