/**
 * Routing: a webhook event goes to one agent's buffer and live sockets, keyed by identity.
 * Anywhere365 routes by `ImAddress` (vendors/README §2.6); uContact by `"ucontact:" + agent`
 * (§4.4). Token subjects use the same key function, so "sip:Alice@Example.com" in a token matches
 * the broker's "sip:alice@example.com" (Teams/Skype SIP addresses are e-mail-like and
 * case-insensitive).
 */
import type { AgentBuffers, BufferedEvent } from './buffer';
import type { Logger } from './log';
import type { RelayCounters } from './metrics';
import type { EventSource } from './protocol';

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
}

export type RouteResult = 'routed' | 'agentLimit';

export function createRouter(deps: RouterDeps) {
  return (source: EventSource, identity: string, payload: unknown): RouteResult => {
    const key = agentKey(identity);
    if (!deps.buffers.has(key) && deps.buffers.agents >= deps.maxAgents) {
      // Bounded memory: a flood of made-up identities cannot grow the relay without limit.
      deps.counters.dropped({ reason: 'agent_limit' });
      deps.log.warn('event dropped: agent limit reached', { source, maxAgents: deps.maxAgents });
      return 'agentLimit';
    }
    const event = deps.buffers.append(key, source, payload, deps.now());
    deps.counters.routed({ source });
    deps.deliver(key, event);
    return 'routed';
  };
}
