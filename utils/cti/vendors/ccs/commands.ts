/**
 * Normalized commands → CCS REST requests (vendors/README.md §5.4, §5.7). CCS answers each with
 * `{"success":true}` or an error (rest.ts), so a command succeeds when CCS says so; the call's
 * new state then arrives as an event or through a poll.
 *
 * Not offered, because CCS has no request for them (§5.7): answer, hold/resume, attended
 * transfer, DTMF, disposition. Redirect to a queue is `wait_redirect` with the ACD's uuid (§5.4,
 * api-pages §4.26); the uuids come from GET /acds (§4.6, lists.ts), so the agent picks a queue by
 * name instead of typing its extension into a blind transfer.
 */
import type { Command, CtiEvent } from '../../model';
import { CtiError } from '../../model';
import { dialString } from '../shared/dial';
import { presenceNameFor } from './agent';
import { segment, type Identity } from './auth';
import type { CallTracker, TrackedCall } from './calls';
import type { CcsConfig } from './config';
import { requests, type PresenceOption, type RequestBody } from './wire';

export interface CommandDeps {
  config: CcsConfig;
  calls: CallTracker;
  me: Identity;
  presenceOptions: readonly PresenceOption[];
}

export interface CommandPlan {
  path: string;
  body: RequestBody;
  /** What to do once CCS said yes. */
  then: 'dialed' | 'agentChanged' | { recording: TrackedCall; state: 'on' | 'paused' } | 'none';
}

export function planCommand(command: Command, deps: CommandDeps): CommandPlan {
  const { config, calls, me } = deps;
  const extensionPath = `/tenants/${segment(config.tenantId)}/extensions/${segment(me.uuid)}`;
  const dialled = (n: string) => dialString(n, config);

  switch (command.type) {
    case 'dial': {
      if (!config.outboundQueueId.trim()) {
        throw new CtiError(
          'config',
          'Calling out needs the outbound queue id in the Windstream CCS settings',
        );
      }
      const target = dialled(command.number);
      if (!target) throw new CtiError('unsupported', 'Enter a number to dial');
      return {
        path: extensionPath,
        body: requests.dial(target, config.outboundQueueId.trim()),
        then: 'dialed',
      };
    }
    case 'hangup':
      return {
        path: callPath(liveCall(calls, command.callId)),
        body: requests.kill(),
        then: 'none',
      };
    case 'blindTransfer': {
      const call = liveCall(calls, command.callId);
      if (call.state !== 'connected') {
        throw new CtiError('unsupported', 'Only a connected call can be transferred');
      }
      return {
        path: callPath(call),
        body: requests.waitTransfer(dialled(command.target)),
        then: 'none',
      };
    }
    case 'redirectToQueue': {
      const call = liveCall(calls, command.callId);
      // What `wait_*` does to a call beside `kill` is [UNKNOWN] (§5.4): offered, as the store
      // does, on the calls a queue could take back, a ringing inbound or a connected one.
      if (call.state === 'dialing') {
        throw new CtiError('unsupported', 'Only a ringing or connected call can go to a queue');
      }
      return {
        path: callPath(call),
        body: requests.waitRedirect(command.queue),
        then: 'none',
      };
    }
    case 'pauseRecording':
    case 'resumeRecording': {
      const call = liveCall(calls, command.callId);
      if (call.state !== 'connected') {
        throw new CtiError('unsupported', 'Recording can only be paused on a connected call');
      }
      const pause = command.type === 'pauseRecording';
      return {
        path: callPath(call),
        // Suppression stops the recording for a while (api-pages §4.22, §4.23).
        body: pause ? requests.startSuppression() : requests.stopSuppression(),
        then: { recording: call, state: pause ? 'paused' : 'on' },
      };
    }
    case 'setAgentState':
      return {
        path: extensionPath,
        body: requests.updateAgentState(presenceNameFor(command, deps.presenceOptions)),
        then: 'agentChanged',
      };
    case 'answer':
      throw new CtiError(
        'unsupported',
        'Windstream CCS cannot answer calls: pick up on your phone',
      );
    case 'hold':
    case 'resume':
      throw new CtiError('unsupported', 'Windstream CCS has no hold command');
    case 'attendedTransfer':
    case 'completeTransfer':
    case 'cancelTransfer':
      throw new CtiError('unsupported', 'Windstream CCS has no attended transfer');
    case 'sendDtmf':
      throw new CtiError('unsupported', 'Windstream CCS cannot send tones');
    case 'dispose':
      throw new CtiError('unsupported', 'Windstream CCS has no disposition command');
    default:
      throw new CtiError('unsupported', `Windstream CCS cannot do “${command.type}” yet`);
  }
}

/** The follow-up events of a successful recording change. */
export function recordingEvents(calls: CallTracker, plan: CommandPlan): CtiEvent[] {
  if (typeof plan.then !== 'object') return [];
  return [{ type: 'callUpsert', call: calls.setRecording(plan.then.recording, plan.then.state) }];
}

const callPath = (call: TrackedCall): string => `/calls/${segment(call.vendorCallId)}`;

function liveCall(calls: CallTracker, callId: string): TrackedCall {
  const call = calls.get(callId);
  if (!call) throw new CtiError('unsupported', 'This call is no longer active on Windstream CCS');
  return call;
}
