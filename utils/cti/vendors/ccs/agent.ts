/**
 * CCS presence → the normalized agent (vendors/README.md §5.4, §5.6), and the presence option
 * name `updateAgentState` needs for each state the agent picks.
 */
import type { AgentState, CodeLabel, Command } from '../../model';
import { CtiError } from '../../model';
import type { PresenceOption, PresenceState } from './wire';

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
