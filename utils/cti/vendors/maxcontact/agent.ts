/**
 * The agent's state as far as Switchboard knows it. MaxContact never reports agent state
 * (vendors/README.md §3.7 "Agent state events ✘"), so it follows our own successful commands and
 * what the calls imply (§3.6): goready → ready; go-not-ready / request-break → not ready;
 * hangup → wrap-up (documented); dispose → ready [INFERRED]; logout → logged out.
 */
import type { AgentState, CodeLabel } from '../../model';

/** The pause reason that sends `requestbreak` instead of `gonotready`. */
export const BREAK_REASON = 'break';
export const PAUSE_REASONS: CodeLabel[] = [{ code: BREAK_REASON, label: 'Break' }];
/** Until the agent picks a state, or a call tells us more: the platform cannot be asked. */
export const UNCONFIRMED = 'unconfirmed';

export class AgentTracker {
  current: AgentState | undefined;

  constructor(private readonly now: () => number) {}

  /** What a resync reports: what we know, else what the calls suggest. */
  report(onCall: boolean): AgentState {
    if (this.current) return this.current;
    // A dialler only connects calls to an agent who was ready (the XiVO mapping of "on call" too).
    return onCall ? this.set('ready') : this.set('notReady', UNCONFIRMED);
  }

  /** Always a new state: the answer to an agent command is news even when it repeats. */
  set(status: AgentState['status'], reason?: string): AgentState {
    const prev = this.current;
    const same = prev?.status === status && prev.reason === reason;
    this.current = {
      status,
      ...(reason ? { reason } : {}),
      since: same && prev.since !== undefined ? prev.since : this.now(),
    };
    return this.current;
  }

  /** An inferred state: undefined when it changes nothing. */
  infer(status: AgentState['status']): AgentState | undefined {
    if (this.current?.status === status) return undefined;
    return this.set(status);
  }
}
