/**
 * Routing: a webhook event goes to its agent's buffer and live sockets, keyed by identity.
 * Anywhere365 routes by `ImAddress` (vendors/README §2.6); uContact by `"ucontact:" + agent`
 * (§4.4). An Anywhere365 call event also goes to every other agent who took part in the same call
 * (relay/sessions.ts): after a transfer, the agent who handed the call on learns from the taking
 * agent's `Retrieve` that their leg ended. Each recipient gets its own copy under its own seq. Token subjects use the same key function, so "sip:Alice@Example.com" in a token matches
 * the broker's "sip:alice@example.com" (Teams/Skype SIP addresses are e-mail-like and
 * case-insensitive).
 */
import type { AgentBuffers, BufferedEvent } from './buffer';
import type { Logger } from './log';
import type { RelayCounters } from './metrics';
import type { EventSource } from './protocol';
import type { SessionDirectory } from './sessions';

export function agentKey(identity: string): string {
  const id = identity.trim();
  return /^sip:/i.test(id) ? id.toLowerCase() : id;
}

/** The broker's ImAddress as a token subject: "sip:" added when it came without a scheme. */
export function anywhere365Identity(imAddress: string): string {
  const id = imAddress.trim();
  return /^sip:/i.test(id) ? id : `sip:${id}`;
}

export const ucontactIdentity = (agent: string) => `ucontact:${agent}`;

export interface RouterDeps {
  buffers: AgentBuffers;
  counters: RelayCounters;
  log: Logger;
  maxAgents: number;
  now: () => number;
  deliver: (agent: string, event: BufferedEvent) => void;
  sessions: SessionDirectory;
  /** After `agent` joined call session `id` (the journal records it). */
  joined?: (id: string, agent: string, at: number) => void;
}

/** 'unavailable': the events could not be stored (scale-out mode without Redis): answer 503. */
export type RouteResult = 'routed' | 'agentLimit' | 'unavailable';

/**
 * The router: `session` is the call the event belongs to (relay/wire.ts `sessionOf`), or
 * undefined for an event that is only its agent's.
 */
export function createRouter(deps: RouterDeps) {
  // Bounded memory: a flood of made-up identities cannot grow the relay without limit.
  const admits = (key: string) => deps.buffers.has(key) || deps.buffers.agents < deps.maxAgents;
  return (
    source: EventSource,
    identity: string,
    payload: unknown,
    session?: string,
  ): RouteResult => {
    const key = agentKey(identity);
    if (!admits(key)) {
      deps.counters.dropped({ reason: 'agent_limit' });
      deps.log.warn('event dropped: agent limit reached', { source, maxAgents: deps.maxAgents });
      return 'agentLimit';
    }
    const now = deps.now();
    const others = session === undefined ? [] : deps.sessions.others(session, key, now);
    if (session !== undefined) {
      deps.sessions.join(session, key, now);
      deps.joined?.(session, key, now);
    }
    for (const agent of [key, ...others.filter(admits)]) {
      deps.deliver(agent, deps.buffers.append(agent, source, payload, now));
    }
    deps.counters.routed({ source });
    if (others.length > 0) deps.counters.sessionCopies({ source }, others.length);
    return 'routed';
  };
}
