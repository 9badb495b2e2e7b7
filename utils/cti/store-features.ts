/**
 * How the call store applies the agent-feature events (features.ts): queues, queue figures,
 * callbacks, presence extras, the agent's figures and the vendor's actions. Each is checked with
 * its schema; a bad one is a protocol error and leaves the state as it was.
 */
import { z } from 'zod';
import { AgentStat, CallbackItem, Presence, QueueInfo, QueueStats, VendorAction } from './features';
import type { CtiEvent } from './model';
import { describeIssues } from './store-helpers';
import type { StoreState } from './store-state';

export type FeatureEvent = Extract<
  CtiEvent,
  { type: 'queues' | 'queueStats' | 'callbacks' | 'presence' | 'agentStats' | 'vendorActions' }
>;

const FEATURE_EVENTS = new Set<string>([
  'queues',
  'queueStats',
  'callbacks',
  'presence',
  'agentStats',
  'vendorActions',
]);

export const isFeatureEvent = (event: CtiEvent): event is FeatureEvent =>
  FEATURE_EVENTS.has(event.type);

/** Upper bounds that keep a vendor's flood from filling the session storage. */
export const FEATURE_LIMITS = { queues: 500, callbacks: 500, agentStats: 50, actions: 50 } as const;

const Queues = z.array(QueueInfo).max(FEATURE_LIMITS.queues);
const Stats = z.record(z.string().min(1).max(200), QueueStats);
const Callbacks = z.array(CallbackItem).max(FEATURE_LIMITS.callbacks);
const AgentStats = z.array(AgentStat).max(FEATURE_LIMITS.agentStats);
const Actions = z.array(VendorAction).max(FEATURE_LIMITS.actions);

type Applied = { ok: true; state: StoreState } | { ok: false; error: string };

function checked<T>(
  schema: z.ZodType<T>,
  value: unknown,
  what: string,
  use: (data: T) => StoreState,
): Applied {
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    return { ok: false, error: `Invalid ${what}: ${describeIssues(parsed.error)}` };
  return { ok: true, state: use(parsed.data) };
}

/** Merges presence extras: a field left out stays; forwards merge kind by kind. */
function mergePresence(previous: Presence, change: Presence): Presence {
  return {
    ...previous,
    ...Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)),
    ...(change.forwards ? { forwards: { ...previous.forwards, ...change.forwards } } : {}),
  };
}

/** The state after one feature event; `now` stamps queue figures the vendor did not time. */
export function applyFeatureEvent(state: StoreState, event: FeatureEvent, now: number): Applied {
  switch (event.type) {
    case 'queues':
      return checked(Queues, event.queues, 'queue list', (queues) => {
        // Figures of queues no longer listed go with them.
        const ids = new Set(queues.map((q) => q.id));
        const queueStats = Object.fromEntries(
          Object.entries(state.queueStats).filter(([id]) => ids.has(id)),
        );
        return { ...state, queues, queueStats };
      });
    case 'queueStats':
      return checked(Stats, event.stats, 'queue statistics', (stats) => {
        const merged = { ...state.queueStats };
        for (const [id, figures] of Object.entries(stats)) {
          merged[id] = { ...merged[id], ...figures, at: figures.at ?? now };
        }
        return { ...state, queueStats: merged };
      });
    case 'callbacks':
      return checked(Callbacks, event.callbacks, 'callback list', (callbacks) => ({
        ...state,
        callbacks,
      }));
    case 'presence':
      return checked(Presence, event.presence, 'presence', (presence) => ({
        ...state,
        presence: mergePresence(state.presence, presence),
      }));
    case 'agentStats':
      return checked(AgentStats, event.stats, 'agent statistics', (agentStats) => ({
        ...state,
        agentStats,
      }));
    case 'vendorActions':
      return checked(Actions, event.actions, 'vendor actions', (vendorActions) => ({
        ...state,
        vendorActions,
      }));
  }
}
