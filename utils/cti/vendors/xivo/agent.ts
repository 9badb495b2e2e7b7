/**
 * XiVO agent frames → the normalized agent (vendors/README.md §1.8) and the agent-facing wording
 * of xuc's agent errors (§1.7 "Agent login errors", api-pages "Agent login").
 */
import type { AgentState, AgentStatus, CtiEvent } from '../../model';
import { clientFrames, type AgentStatePayload, type ClientFrame, type ErrorPayload } from './wire';

/**
 * AgentRinging/Dialing/OnCall mean "ready and busy": the call itself comes from PhoneEvents.
 * AgentLogin is deprecated (agents now go straight to AgentReady) but older servers send it.
 */
const STATUS: Readonly<Record<string, AgentStatus>> = {
  AgentLogin: 'ready',
  AgentReady: 'ready',
  AgentRinging: 'ready',
  AgentDialing: 'ready',
  AgentOnCall: 'ready',
  AgentOnPause: 'notReady',
  AgentOnWrapup: 'wrapUp',
  AgentLoggedOut: 'loggedOut',
};

/** Undefined for names we do not know: the agent state is left as it was. */
export function agentStatusOf(event: AgentStatePayload): Omit<AgentState, 'since'> | undefined {
  // Own keys only: a name such as "hasOwnProperty" is an unknown state, not a lookup of Object's.
  const status = Object.hasOwn(STATUS, event.name) ? STATUS[event.name] : undefined;
  if (status === undefined) return undefined;
  // `cause` is the pause reason on AgentOnPause [INFERRED, §1.8]; on other states it is noise.
  return status === 'notReady' && event.cause ? { status, reason: event.cause } : { status };
}

/**
 * Tracks our agent's state so that repeated frames (AgentRinging → AgentOnCall are both "ready")
 * keep the same `since`.
 */
export class AgentTracker {
  agentId: number | undefined;
  /** True once UserConfigUpdate has told us whether this user is an agent. */
  known = false;
  current: AgentState | undefined;
  /** AgentStateEvents that arrived before UserConfigUpdate named our agent (order is [UNKNOWN], §1.4). */
  private early = new Map<number, AgentStatePayload>();

  constructor(private readonly now: () => number) {}

  /** Records who our agent is; returns the last AgentStateEvent held back for it, if any. */
  setAgentId(agentId: number | undefined): AgentStatePayload | undefined {
    this.agentId = agentId;
    this.known = true;
    const held = agentId === undefined ? undefined : this.early.get(agentId);
    this.early.clear();
    return held;
  }

  /** The new agent state for an AgentStateEvent about our agent, or undefined to ignore it. */
  apply(event: AgentStatePayload): AgentState | undefined {
    if (!this.known) {
      this.early.set(event.agentId, event);
      return undefined;
    }
    // Supervisors receive every agent's events: only ours count (§1.7, security profiles).
    if (event.agentId !== this.agentId) return undefined;
    const next = agentStatusOf(event);
    if (!next) return undefined;
    return this.set(next);
  }

  set(next: Omit<AgentState, 'since'>): AgentState {
    const prev = this.current;
    const same = prev && prev.status === next.status && prev.reason === next.reason;
    this.current = { ...next, since: same && prev.since !== undefined ? prev.since : this.now() };
    return this.current;
  }
}

/** A clear sentence for the agent about an Error/AgentError frame. */
export function errorNotice(error: ErrorPayload, signedInPhone: string | undefined): string {
  switch (error.Error) {
    case 'PhoneNumberUnknown': {
      const phone = signedInPhone ? ` ${signedInPhone}` : '';
      return `XiVO does not know the phone number${phone}, so your agent was not logged in. Sign in again with the number of your desk phone or softphone.`;
    }
    case 'LoggedInOnAnotherPhone':
      return `Your agent is already logged in on phone ${error.phoneNb ?? 'another phone'}, so XiVO did not log it in on ${error.RequestedNb ?? signedInPhone ?? 'this phone'}. Log the agent out there first, or sign in with ${error.phoneNb ?? 'that phone'}.`;
    default:
      return `XiVO reported an error: ${error.Error}`;
  }
}

/**
 * After sign-in the agent must be logged in on the sign-in phone (api-pages "Agent login"),
 * once both LoggedOn (no command before it, §1.4) and our agentId (UserConfigUpdate) are known,
 * in whichever order they come. agentLogin is harmless when the agent already sits on that phone;
 * on another phone xuc answers LoggedInOnAnotherPhone, which becomes a notice: we do not move the
 * agent off a phone someone else may be using. Reconnects do not log in again, so an agent who
 * logged out stays logged out. Nothing for a user who is not an agent.
 */
export function agentLoginStep(
  agentId: number | undefined,
  phoneNumber: string | undefined,
): { kind: 'frame'; frame: ClientFrame } | { kind: 'notice'; event: CtiEvent } | undefined {
  if (agentId === undefined) return undefined;
  if (!phoneNumber) {
    const message = 'Sign in with a phone number to log your agent in';
    return { kind: 'notice', event: { type: 'notice', level: 'error', message } };
  }
  return { kind: 'frame', frame: clientFrames.agentLogin(agentId, phoneNumber) };
}
