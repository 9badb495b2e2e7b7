/**
 * CCS presence → the normalized agent (vendors/README.md §5.4, §5.6), and the presence option
 * name `updateAgentState` needs for each state the agent picks.
 */
import type { AgentStat } from '../../features';
import type { AgentState, CodeLabel, Command, CtiEvent } from '../../model';
import { CtiError } from '../../model';
import { durationSeconds } from './times';
import type { AgentStateResponse, PresenceOption, PresenceState } from './wire';

/** The name the API page uses for the ready state (§4.16: `"name": "Ready"`). */
export const READY_NAME = 'Ready';

/**
 * `agent_state.state.type`: ready → ready, away → not ready (its name is the reason),
 * sign_out → logged out (§5.6). Wrap-up is [UNKNOWN]: a type that says "wrap" is read as it.
 * Undefined for types we do not know: the agent state is left as it was.
 */
export function agentStateOf(state: PresenceState): Omit<AgentState, 'since'> | undefined {
  const type = state.type.toLowerCase();
  if (type === 'ready') return { status: 'ready' };
  if (type === 'away')
    return state.name ? { status: 'notReady', reason: state.name } : { status: 'notReady' };
  if (type === 'sign_out' || type === 'signout' || type === 'signed_out')
    return { status: 'loggedOut' };
  if (type.includes('wrap')) return { status: 'wrapUp' };
  return undefined;
}

/**
 * The agent state with when it began: CCS says how long the agent has been in it (`duration`,
 * §4.15 `"117:56:46"`), so the panel's time in state counts from before the sign-in too.
 */
export function observedAgent(
  state: PresenceState,
  duration: unknown,
  now: number,
): AgentState | undefined {
  const agent = agentStateOf(state);
  if (!agent) return undefined;
  const seconds = durationSeconds(duration);
  return seconds === undefined ? agent : { ...agent, since: now - seconds * 1000 };
}

/** The agent's own figures in the agent state (§4.15): the calls missed in a row. */
export function agentFigures(answer: AgentStateResponse): AgentStat[] {
  const missed = answer.consecutive_missed;
  return missed === undefined
    ? []
    : [{ name: 'consecutive_missed', label: 'Missed in a row', value: missed, unit: 'count' }];
}

/** Away options are the pause reasons; the code is the name `updateAgentState` takes. */
export function pauseReasons(options: readonly PresenceOption[]): CodeLabel[] {
  return options
    .filter((o) => o.type === 'away' && o.name)
    .map((o) => ({ code: o.name, label: o.name }));
}

/**
 * The presence name to send for a setAgentState command. A reason matching a known option
 * (case-insensitively) is sent with the option's own spelling; an unknown reason is sent as
 * typed and CCS says whether it knows it.
 */
export function presenceNameFor(
  command: Extract<Command, { type: 'setAgentState' }>,
  options: readonly PresenceOption[],
): string {
  if (command.state === 'ready') return READY_NAME;
  const type = command.state === 'notReady' ? 'away' : 'sign_out';
  const ofType = options.filter((o) => o.type === type && o.name);
  const reason = command.reason?.trim();
  if (reason) {
    const known = ofType.find((o) => o.name.toLowerCase() === reason.toLowerCase());
    return known?.name ?? reason;
  }
  // No reason: the plain "Sign Out" option (§4.7 example), else the first of the type.
  const plain = ofType.find((o) => o.name.toLowerCase().replace(/[\s_-]/g, '') === 'signout');
  const chosen = (type === 'sign_out' ? plain : undefined) ?? ofType[0];
  if (!chosen) {
    throw new CtiError(
      'unsupported',
      command.state === 'notReady'
        ? 'Windstream CCS lists no away state to pause with'
        : 'Windstream CCS lists no sign-out state',
    );
  }
  return chosen.name;
}

/** Turns agent reads into events: polls repeat the same state, and only a change is news. */
export class AgentNews {
  private lastAgent = '';
  private lastStats = '';

  /** `always`: the state even when unchanged (resync promises it; the agent just asked). */
  events(read: { agent?: AgentState; stats: AgentStat[] }, always: boolean): CtiEvent[] {
    const events: CtiEvent[] = [];
    if (read.agent) {
      const key = `${read.agent.status}\n${read.agent.reason ?? ''}`;
      if (always || key !== this.lastAgent) events.push({ type: 'agent', agent: read.agent });
      this.lastAgent = key;
    }
    if (read.stats.length) {
      const stats = JSON.stringify(read.stats);
      if (always || stats !== this.lastStats)
        events.push({ type: 'agentStats', stats: read.stats });
      this.lastStats = stats;
    }
    return events;
  }
}
