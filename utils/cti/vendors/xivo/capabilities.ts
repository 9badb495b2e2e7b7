/**
 * What Switchboard can do on XiVO (vendors/README.md §1.9, docs/vendors.md "XiVO"): the
 * panel shows exactly these controls and sections.
 */
import type { Capabilities } from '../../adapter';
import { FEATURES } from '../../features';
import { CALL_COMMAND_TYPES, FEATURE_COMMAND_TYPES, type CommandType } from '../../model';

/**
 * The agent-feature commands xuc has a frame for (features.ts, commands.ts): all but
 * scheduleCallback and cancelCallback, since the page has no command that creates or deletes a
 * callback.
 */
const FEATURE_COMMANDS = FEATURE_COMMAND_TYPES.filter(
  (c) => c !== 'scheduleCallback' && c !== 'cancelCallback',
);

export const XIVO_CAPABILITIES: Capabilities = {
  // Every call command but two: xuc has no qualification (disposition) command (§1.9) and no
  // way to send a call back to a queue. No scheduleCallback or cancelCallback: the page has no
  // command that creates or deletes a callback.
  commands: new Set<CommandType>([
    ...CALL_COMMAND_TYPES.filter((c) => c !== 'dispose' && c !== 'redirectToQueue'),
    ...FEATURE_COMMANDS,
  ]),
  agentStates: new Set(['ready', 'notReady', 'loggedOut']),
  // xuc has no qualification command (§1.9): codes come from the admin's policy.
  dispositions: 'policy',
  dispositionCallback: false,
  recordingControl: 'queueCalls',
  // Every agent feature (features.ts): xuc publishes them all.
  features: new Set(FEATURES),
  // pauseAgent takes a reason but xuc lists none: the admin's `agent.pauseReasons` supplies them.
  pauseReasons: 'policy',
  // dial `variables` come back as USR_ call data (api-pages "Cti.dial").
  dialVariables: true,
  dialRoutes: new Set(['mobile', 'queue']),
  // XiVO's service extensions (*98 voicemail, *8 call pick-up, *10 phone status…) are dialled
  // like any number: xuc's `dial` hands the destination to the agent's dial plan as typed.
  internalDial: { extensionDigits: { min: 2, max: 6 }, serviceCodes: true },
};

const FEATURE_TYPES: ReadonlySet<CommandType> = new Set(FEATURE_COMMAND_TYPES);

/** Commands for features.ts; setCallData acts on a call and goes with the call commands. */
export const isFeatureCommand = (type: CommandType): boolean =>
  type !== 'setCallData' && FEATURE_TYPES.has(type);
