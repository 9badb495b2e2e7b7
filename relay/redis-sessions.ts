/**
 * Call sessions (relay/sessions.ts) shared through Redis in scale-out mode, so an event of a call
 * reaches every agent who took part whatever instance received the webhook. Session `id` is the
 * list `switchboard:session:<id>` of agent keys, oldest first, at most `maxAgentsPerSession`,
 * expiring `ttlMs` after its last event. `maxSessions` is not applied: the time limit bounds them.
 */
import type { Redis } from 'ioredis';
import { redisKey } from './redis-store';
import type { SessionLimits } from './sessions';

/** KEYS: session list. ARGV: agent, maxAgentsPerSession, ttlMs. Returns the agents before. */
const JOIN = `
local before = redis.call('LRANGE', KEYS[1], 0, -1)
redis.call('LREM', KEYS[1], 0, ARGV[1])
redis.call('RPUSH', KEYS[1], ARGV[1])
redis.call('LTRIM', KEYS[1], -tonumber(ARGV[2]), -1)
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]))
return before
`;

export interface RedisSessions {
  /** Records that `agent` got an event of session `id`; returns the other agents of the call. */
  join(id: string, agent: string): Promise<string[]>;
}

export function createRedisSessions(redis: Redis, limits: SessionLimits): RedisSessions {
  redis.defineCommand('switchboardJoin', { numberOfKeys: 1, lua: JOIN });
  const run = redis as Redis & {
    switchboardJoin(...args: Array<string | number>): Promise<string[]>;
  };
  return {
    async join(id, agent) {
      const before = await run.switchboardJoin(
        redisKey(`session:${id}`),
        agent,
        limits.maxAgentsPerSession,
        limits.ttlMs,
      );
      return before.filter((a) => a !== agent);
    },
  };
}
