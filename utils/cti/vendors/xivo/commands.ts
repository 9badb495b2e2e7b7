/**
 * Normalized commands → xuc frames (vendors/README.md §1.6, §1.9). xuc answers commands with
 * events, never with a reply, so a command "succeeds" once its frames are sent; refusals arrive
 * later as Error/AgentError frames, which the adapter turns into notices.
 */
import type { Command, CtiEvent } from '../../model';
import { CtiError } from '../../model';
import type { DialFormat } from '../../../phone/format';
import { dialString } from '../shared/dial';
import type { AgentTracker } from './agent';
import type { CallTracker, TrackedCall } from './calls';
import { clientFrames, type ClientFrame } from './wire';
import type { QueueConfigPayload } from './wire-features';

export interface XivoConfig {
  server: string;
  dialFormat: DialFormat;
  dialPrefix: string;
  /** The zone of the times xuc writes (call history, callback due dates); '' = the browser's. */
  historyTimeZone?: string;
  defaultCountry: string | undefined;
  /** How long a request may wait for xuc's answer (requests.ts); default 10 s. */
  answerTimeoutS?: number;
  /** The penalty the agent joins a queue with (setAgentQueue); default 0. */
  queuePenalty?: number;
  /** Whose call history to read: the user's line (default) or the agent's. */
  historySource?: 'user' | 'agent';
}

export interface CommandDeps {
  config: XivoConfig;
  calls: CallTracker;
  agent: AgentTracker;
  /** The phone number typed at sign-in: where agentLogin puts the agent. */
  phoneNumber: string | undefined;
  /** A queue xuc listed, by its QueueInfo id (dialFromQueue). */
  queue(id: string): QueueConfigPayload | undefined;
  /** The user's mobile (UserConfigUpdate), where dialFromMobile calls from. */
  mobileNumber: string | undefined;
}

export interface CommandPlan {
  frames: ClientFrame[];
  /** Local state that changes once the frames are out (transfer flag, recording). */
  after?: () => CtiEvent[];
}

export function planCommand(command: Command, deps: CommandDeps): CommandPlan {
  const { calls, config } = deps;
  const dialled = (n: string) => dialString(n, config);

  switch (command.type) {
    case 'dial':
      return { frames: [dialFrame(command, deps)] };
    case 'setCallData': {
      // "Attach data to the device current calls … when there is a call connected" (api-pages
      // setData): the frame names no call, so only a connected or held call takes data.
      const call = liveCall(calls, command.callId);
      if (call.state !== 'connected' && call.state !== 'held') {
        throw new CtiError('unsupported', 'XiVO attaches call data to a connected call only');
      }
      return {
        frames: [clientFrames.setData(command.data)],
        after: () => [{ type: 'callUpsert', call: calls.attachData(call, command.data) }],
      };
    }
    case 'answer': {
      const call = liveCall(calls, command.callId);
      // Answer only works where the device accepts remote answer (§1.6, GLPI plugin note).
      if (call.state !== 'ringing')
        throw new CtiError('unsupported', 'Only a ringing call can be answered');
      return { frames: [clientFrames.answer(call.uniqueId)] };
    }
    case 'hangup':
      return { frames: [clientFrames.hangup(liveCall(calls, command.callId).uniqueId)] };
    case 'hold':
    case 'resume': {
      // `hold` is xuc's only hold verb and is assumed to toggle (§1.6 [UNKNOWN]): send it only
      // when it will do what the agent asked, never on a call already in the wanted state.
      const call = liveCall(calls, command.callId);
      const from = command.type === 'hold' ? 'connected' : 'held';
      if (call.transfer || call.state !== from) {
        throw new CtiError(
          'unsupported',
          command.type === 'hold'
            ? 'Only a connected call can be put on hold'
            : 'The call is not on hold',
        );
      }
      return { frames: [clientFrames.hold(call.uniqueId)] };
    }
    case 'blindTransfer': {
      // directTransfer acts on the device's current call: it names no leg (§1.6).
      const call = liveCall(calls, command.callId);
      if (call.state !== 'connected' && call.state !== 'held') {
        throw new CtiError('unsupported', 'Only a connected or held call can be transferred');
      }
      return { frames: [clientFrames.directTransfer(dialled(command.target))] };
    }
    case 'attendedTransfer': {
      const call = liveCall(calls, command.callId);
      if (call.state !== 'connected' || call.transfer) {
        throw new CtiError('unsupported', 'Only a connected call can start an attended transfer');
      }
      const destination = dialled(command.target);
      return {
        frames: [clientFrames.attendedTransfer(destination)],
        after: () => [{ type: 'callUpsert', call: calls.startTransfer(call, destination) }],
      };
    }
    case 'completeTransfer':
    case 'cancelTransfer': {
      const call = calls.transferOf(command.callId);
      if (!call)
        throw new CtiError('unsupported', 'No attended transfer is under way on this call');
      const frame =
        command.type === 'completeTransfer'
          ? clientFrames.completeTransfer()
          : clientFrames.cancelTransfer();
      return {
        frames: [frame],
        after: () => [{ type: 'callUpsert', call: calls.endTransfer(call) }],
      };
    }
    case 'sendDtmf': {
      const call = liveCall(calls, command.callId);
      if (call.state !== 'connected')
        throw new CtiError('unsupported', 'Tones can only be sent on a connected call');
      // cti.js sends one key per frame (§1.6).
      return { frames: [...command.digits].map((key) => clientFrames.sendDtmf(key)) };
    }
    case 'pauseRecording':
    case 'resumeRecording': {
      const call = liveCall(calls, command.callId);
      // "You can only pause the recording of a call answered by an agent" (api-pages monitorPause).
      if (!call.last.queueName || call.answeredAt === undefined) {
        throw new CtiError(
          'unsupported',
          'XiVO can only pause the recording of an answered queue call',
        );
      }
      const agentid = requireAgent(deps);
      const pause = command.type === 'pauseRecording';
      return {
        frames: [pause ? clientFrames.monitorPause(agentid) : clientFrames.monitorUnpause(agentid)],
        after: () => [
          { type: 'callUpsert', call: calls.setMonitorState(call, pause ? 'PAUSED' : 'ACTIVE') },
        ],
      };
    }
    case 'setAgentState':
      return { frames: [agentStateFrame(command, deps)] };
    case 'dispose':
      // No xuc command for qualifications (§1.9): the background keeps policy dispositions itself.
      throw new CtiError('unsupported', 'XiVO has no disposition command');
    case 'redirectToQueue':
      // xuc has no request that sends a call back to a queue (§1.6, §1.9).
      throw new CtiError('unsupported', 'XiVO cannot send a call to a queue');
    default:
      throw new CtiError('unsupported', `XiVO cannot do “${command.type}” yet`);
  }
}

/** `dial`, or `dialFromMobile` / `dialFromQueue` for a route (api-pages "Phone Methods"). */
function dialFrame(command: Extract<Command, { type: 'dial' }>, deps: CommandDeps): ClientFrame {
  const destination = dialString(command.number, deps.config);
  if (!destination) throw new CtiError('unsupported', 'Enter a number to dial');
  // xuc attaches the variables as USR_ call data (api-pages "Cti.dial").
  const variables = command.variables ?? {};
  const route = command.route;
  if (route?.kind === 'mobile') {
    if (!deps.mobileNumber) {
      throw new CtiError('unsupported', 'XiVO has no mobile number for you to call from');
    }
    return clientFrames.dialFromMobile(destination, variables);
  }
  if (route?.kind === 'queue') {
    const queue = deps.queue(route.queue);
    if (!queue) throw new CtiError('unsupported', 'XiVO does not list this queue');
    // Assumed: the caller id both sides see is the queue's own name and number ("Caller id on
    // both sides is set to callerId", api-pages dialFromQueue).
    const name = queue.displayName || queue.name;
    return clientFrames.dialFromQueue(destination, queue.id, name, queue.number ?? '', variables);
  }
  return clientFrames.dial(destination, variables);
}

function agentStateFrame(
  command: Extract<Command, { type: 'setAgentState' }>,
  deps: CommandDeps,
): ClientFrame {
  const agentid = requireAgent(deps);
  const loggedOut = deps.agent.current?.status === 'loggedOut';
  switch (command.state) {
    case 'ready': {
      if (!loggedOut) return clientFrames.unpauseAgent(agentid);
      if (!deps.phoneNumber)
        throw new CtiError('unsupported', 'Sign in with a phone number to log your agent in');
      return clientFrames.agentLogin(agentid, deps.phoneNumber);
    }
    case 'notReady':
      if (loggedOut) throw new CtiError('unsupported', 'Log your agent in before taking a pause');
      return clientFrames.pauseAgent(agentid, command.reason || undefined);
    case 'loggedOut':
      return clientFrames.agentLogout(agentid);
  }
}

function requireAgent(deps: CommandDeps): number {
  if (deps.agent.agentId === undefined) {
    throw new CtiError(
      'unsupported',
      deps.agent.known
        ? 'This XiVO user is not an agent'
        : 'XiVO has not said yet whether you are an agent',
    );
  }
  return deps.agent.agentId;
}

function liveCall(calls: CallTracker, callId: string): TrackedCall {
  const call = calls.get(callId);
  if (!call) throw new CtiError('unsupported', 'This call is no longer active on XiVO');
  return call;
}
