/**
 * Normalized commands → CCS REST requests (vendors/README.md §5.4, §5.7). CCS answers each with
 * `{"success":true}` or an error (rest.ts), so a command succeeds when CCS says so; the call's
 * new state then arrives as an event or through a poll.
 *
 * Not offered, because CCS has no request for them (§5.7): answer, hold/resume, attended
 * transfer, DTMF, disposition. Redirect to a queue is `wait_redirect` with the ACD's uuid (§5.4,
 * api-pages §4.26); the uuids come from GET /acds (§4.6, lists.ts), so the agent picks a queue by
 * name instead of typing its extension into a blind transfer. Hang-up is `kill`, or `wait_kill`
 * (§4.27) for a queue call still ringing (the `waitingCallHangup` setting): the neutral hang-up
 * is what the agent presses to end a call, whatever state it is in, and `wait_kill` is the page's
 * request for a call still waiting, so no extra control is needed for it.
 */
import type { Command, CtiEvent } from '../../model';
import { CtiError } from '../../model';
import { dialString } from '../shared/dial';
import { presenceNameFor } from './agent';
import type { Identity } from './identity';
import { queueOf, type CallTracker, type TrackedCall } from './calls';
import type { CcsConfig } from './config';
import type { Routes } from './routes';
import { CallRecord, requests, type PresenceOption, type RequestBody } from './wire';

export interface CommandDeps {
  config: CcsConfig;
  routes: Routes;
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
  const { config, calls, me, routes } = deps;
  const callPath = (call: TrackedCall) => routes.call(call.vendorCallId);
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
        path: routes.dial(me.uuid),
        body: requests.dial(target, config.outboundQueueId.trim()),
        then: 'dialed',
      };
    }
    case 'hangup': {
      const call = liveCall(calls, command.callId);
      return {
        path: callPath(call),
        body:
          waiting(call) && config.waitingHangup === 'wait_kill'
            ? requests.waitKill()
            : requests.kill(),
        then: 'none',
      };
    }
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
        path: routes.setAgentState(me.uuid),
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

/**
 * A queue call still ringing at the agent: the API page's "waiting" call, which `wait_kill` ends
 * (§4.27; assumed, the page does not define "waiting"). Other calls are hung up with `kill`.
 */
const waiting = (call: TrackedCall): boolean =>
  call.direction === 'inbound' && call.state === 'ringing' && queueOf(call.record) !== undefined;

function liveCall(calls: CallTracker, callId: string): TrackedCall {
  const call = calls.get(callId);
  if (!call) throw new CtiError('unsupported', 'This call is no longer active on Windstream CCS');
  return call;
}

/** The call a dial answer names (§4.28), as a record to show at once as dialling. */
export function dialledRecord(callId: string, body: object, me: Identity): CallRecord | undefined {
  const target = (body as { target?: string }).target;
  const record = CallRecord.safeParse({
    call_id: callId,
    direction: 'outbound',
    calling_number: me.number,
    called_number: target,
  });
  return record.success ? record.data : undefined;
}
