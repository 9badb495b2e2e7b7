/**
 * The call store's state (store.ts): what every view is built from and what a restarted worker
 * finds in storage.session.
 */
import { z } from 'zod';
import { AgentStat, CallbackItem, Presence, QueueInfo, QueueStats, VendorAction } from './features';
import { AgentState, Call, Connection, VendorLists } from './model';

/** Something the panel tells the agent until they dismiss it or newer ones push it out. */
const NoticeSchema = z.object({
  id: z.string(),
  level: z.enum(['info', 'warning', 'error']),
  message: z.string(),
  at: z.number(),
});
export type Notice = z.infer<typeof NoticeSchema>;

export const StateSchema = z.object({
  connection: Connection,
  lastEventAt: z.number().optional(),
  agent: AgentState,
  /** Live calls, oldest first, then ended calls awaiting disposition. */
  calls: z.array(Call),
  lists: VendorLists,
  notices: z.array(NoticeSchema),
  protocolErrors: z.number().int().min(0),
  /** The last few protocol errors for diagnostics: messages only, frames may carry secrets. */
  recentProtocolErrors: z.array(z.object({ at: z.number(), message: z.string() })),
  // Agent features (features.ts), as the adapter last reported them; empty until it does.
  queues: z.array(QueueInfo).default([]),
  /** Live figures by `QueueInfo.id`. */
  queueStats: z.record(z.string(), QueueStats).default({}),
  callbacks: z.array(CallbackItem).default([]),
  presence: Presence.default({}),
  agentStats: z.array(AgentStat).default([]),
  vendorActions: z.array(VendorAction).default([]),
  /** How calls reach us, as the adapter last said (absent until it says). */
  transport: z
    .object({ mode: z.enum(['events', 'polling']), intervalMs: z.number().optional() })
    .optional(),
});
export type StoreState = z.output<typeof StateSchema>;

/** One call that changed in one store update. */
export type CallTransition = { call: Call; previous?: Call };

/** Nobody signed in, nothing known yet. */
export function initialState(): StoreState {
  return {
    connection: { status: 'idle' },
    agent: { status: 'loggedOut' },
    calls: [],
    lists: {},
    queues: [],
    queueStats: {},
    callbacks: [],
    presence: {},
    agentStats: [],
    vendorActions: [],
    notices: [],
    protocolErrors: 0,
    recentProtocolErrors: [],
  };
}
