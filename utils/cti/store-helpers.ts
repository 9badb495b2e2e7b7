/** Pure helpers of the call store (utils/cti/store.ts). */
import type { z } from 'zod';
import type { AgentState } from './model';

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

/** Structural equality for the plain JSON values the store holds (undefined = absent). */
export function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return false;
  const defined = (o: object) => Object.entries(o).filter(([, v]) => v !== undefined);
  const ea = defined(a);
  const eb = new Map(defined(b));
  if (Array.isArray(a) !== Array.isArray(b) || ea.length !== eb.size) return false;
  return ea.every(([k, v]) => eb.has(k) && equal(v, eb.get(k)));
}

/** When the agent's state began: the vendor's word, else when we first saw this state. */
export function stamped(previous: AgentState, agent: AgentState, now: number): AgentState {
  const same = previous.status === agent.status && previous.reason === agent.reason;
  return { ...agent, since: agent.since ?? (same ? previous.since : undefined) ?? now };
}
