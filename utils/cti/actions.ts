/**
 * Which commands a call offers right now (DESIGN.md "The normalized model": the panel shows exactly
 * the actions a vendor can do). Pure: the store calls it whenever a call or the capabilities change.
 */
import type { Capabilities } from './adapter';
import type { CallData, CommandType } from './model';

export interface DeriveOptions {
  /** The ended call already has its disposition: nothing is left to do with it. */
  disposed?: boolean;
}

export function deriveActions(
  call: CallData,
  caps: Capabilities,
  opts: DeriveOptions = {},
): CommandType[] {
  return byState(call, caps, opts).filter((command) => caps.commands.has(command));
}

function byState(call: CallData, caps: Capabilities, opts: DeriveOptions): CommandType[] {
  switch (call.state) {
    case 'ringing':
      // A ringing inbound call can go back to a queue instead of being answered (CCS
      // `wait_redirect`, vendors/README.md §5.4); an outbound one has no queue to go to.
      return call.direction === 'inbound' ? ['answer', 'hangup', 'redirectToQueue'] : ['hangup'];
    case 'dialing':
      return ['hangup'];
    // Call data goes onto a call the agent is in (connected, held, transferring).
    case 'connected':
      return [
        'hangup',
        'hold',
        'blindTransfer',
        'redirectToQueue',
        'attendedTransfer',
        'sendDtmf',
        'setCallData',
        ...recordingActions(call, caps),
      ];
    case 'held':
      // A held call can still be sent on blind; an attended transfer needs the call connected.
      return ['resume', 'hangup', 'blindTransfer', 'setCallData'];
    case 'transferring':
      return ['completeTransfer', 'cancelTransfer', 'hangup', 'setCallData'];
    case 'ended':
      return opts.disposed ? [] : ['dispose'];
  }
}

function recordingActions(call: CallData, caps: Capabilities): CommandType[] {
  if (caps.recordingControl === 'none') return [];
  // XiVO can only pause the recording of a call a queue delivered (xivo-xuc "Pause call recording").
  if (caps.recordingControl === 'queueCalls' && !call.queue) return [];
  // Most vendors never say whether a call is recorded. When we do not know, offer Pause: the
  // agent needs a way to stop the recording before a card number is read out.
  return call.recording === 'paused' ? ['resumeRecording'] : ['pauseRecording'];
}
