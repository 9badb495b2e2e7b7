/**
 * Normalized commands → MaxContact telephony GETs (vendors/README.md §3.4, §3.6, §3.7). Each
 * command waits for the platform's `Success` before it changes any state; a refusal rejects with
 * a CtiError and changes nothing.
 */
import { CtiError, type Command } from '../../model';
import { dialString } from '../shared/dial';
import { BREAK_REASON } from './agent';
import { vendorCallIdOf } from './calls';
import { anyData, ended, liveCall, refuseUserId, type CommandHost } from './command-host';
import { expandPath } from './paths';
import { cancelTransfer, completeTransfer, startTransfer, transferToUser } from './transfer';
import { DialData, telephony } from './wire';

export type { CommandHost, MaxContactCommandConfig } from './command-host';

const UNSUPPORTED: Partial<Record<Command['type'], string>> = {
  // The dialler connects the agent itself (§3.7 "answer ✘").
  answer: 'MaxContact connects calls to the agent itself: there is nothing to answer',
  sendDtmf: 'MaxContact has no keypad request',
  // No request sends a call back to a queue (§3.4, §3.7).
  redirectToQueue: 'MaxContact cannot send a call to a queue',
};

/** A command whose case the switch does not list: MaxContact cannot do it (yet). */
function unsupported(command: Command): never {
  throw new CtiError('unsupported', `MaxContact cannot do “${command.type}”`);
}

export async function runCommand(command: Command, host: CommandHost): Promise<void> {
  const { userId, calls } = host;
  switch (command.type) {
    case 'answer':
    case 'sendDtmf':
    case 'redirectToQueue':
      throw new CtiError('unsupported', UNSUPPORTED[command.type] ?? 'Not supported');
    default:
      return unsupported(command);
    case 'dial':
      return dial(host, command.number, command.recordId);
    case 'hangup': {
      const call = liveCall(calls, command.callId);
      await host.request(telephony.hangup(userId, call.vendorCallId), anyData);
      return ended(host, call);
    }
    case 'hold':
    case 'resume': {
      const call = liveCall(calls, command.callId);
      const hold = command.type === 'hold';
      if (call.transfer || call.state !== (hold ? 'connected' : 'held')) {
        throw new CtiError(
          'unsupported',
          hold ? 'Only a connected call can be put on hold' : 'The call is not on hold',
        );
      }
      const req = hold ? telephony.hold : telephony.retrieve;
      await host.request(req(userId, call.vendorCallId), anyData);
      host.emit({ type: 'callUpsert', call: calls.setState(call, hold ? 'held' : 'connected') });
      return;
    }
    case 'blindTransfer':
      return transferToUser(host, liveCall(calls, command.callId), command.target.trim());
    case 'attendedTransfer':
      return startTransfer(host, liveCall(calls, command.callId), command.target);
    case 'completeTransfer':
      return completeTransfer(host, command.callId);
    case 'cancelTransfer':
      return cancelTransfer(host, command.callId);
    case 'pauseRecording':
    case 'resumeRecording': {
      const call = liveCall(calls, command.callId);
      const pause = command.type === 'pauseRecording';
      const req = pause ? telephony.stoprecord : telephony.startrecord;
      await host.request(req(userId, call.vendorCallId), anyData);
      // The web agent's button does not follow these requests (api-pages NOTE); the panel does.
      host.emit({ type: 'callUpsert', call: calls.setRecording(call, pause ? 'paused' : 'on') });
      return;
    }
    case 'dispose':
      return dispose(host, command.callId, command.code);
    case 'setAgentState':
      return setAgentState(host, command.state, command.reason);
    case 'vendorAction':
      return host.leads.run(command);
  }
}

async function dial(host: CommandHost, number: string, leadId?: string): Promise<void> {
  const { config, calls } = host;
  const phone = dialString(number, config);
  if (!phone) throw new CtiError('unsupported', 'Enter a number to dial');
  await refuseUserId(
    host,
    number,
    'MaxContact cannot call a colleague; transfer a call to them instead',
  );
  const wire = await host.request(telephony.dial(host.userId, phone, leadId), DialData);
  const call = calls.registerDial(wire ?? undefined, host.seq(), leadId);
  if (call) host.emit({ type: 'callUpsert', call: calls.update(call) });
}

async function dispose(host: CommandHost, callId: string, code: string): Promise<void> {
  const { calls } = host;
  const live = calls.get(callId);
  const gone = calls.ended(callId);
  const vendorCallId = live?.vendorCallId ?? gone?.vendorCallId ?? vendorCallIdOf(callId);
  if (!vendorCallId) throw new CtiError('rejected', 'This is not a MaxContact call');
  // connectcalls filed both legs of a completed transfer under a result code, which MaxContact
  // requires (§3.4): there is nothing left to send, and the panel's code stays in history.
  if (gone?.bridged) return;
  // CallIds restart at 1000 with the platform (§3.4): never dispose a newer call by mistake.
  const record = gone ?? { id: callId, vendorCallId, endedAt: -1 };
  if (!live && calls.recycled(record)) {
    throw new CtiError(
      'rejected',
      'MaxContact has given this call’s id to a newer call (the platform restarted), so its disposition cannot be sent',
    );
  }
  // dispose also hangs up a live call (api-pages "Dispose"). It takes no notes: they stay in
  // Switchboard's history.
  await host.request(telephony.dispose(host.userId, vendorCallId, code), anyData);
  if (live) ended(host, live, false);
  if (calls.live().length === 0) {
    host.emit({ type: 'agent', agent: host.agent.set('ready') });
  }
}

async function setAgentState(
  host: CommandHost,
  state: 'ready' | 'notReady' | 'loggedOut',
  reason: string | undefined,
): Promise<void> {
  const { userId, agent, config } = host;
  const user = { user: userId };
  if (state === 'ready') {
    await host.request(telephony.goready(userId), anyData);
    host.emit({ type: 'agent', agent: agent.set('ready') });
  } else if (state === 'notReady' && reason === BREAK_REASON) {
    await host.request(expandPath(config.breakPath, user), anyData);
    host.emit({ type: 'agent', agent: agent.set('notReady', 'Break') });
  } else if (state === 'notReady') {
    // Go Not Ready takes no reason (assumed, §3.4): report none rather than one never sent.
    await host.request(expandPath(config.notReadyPath, user), anyData);
    host.emit({ type: 'agent', agent: agent.set('notReady') });
  } else {
    await host.request(expandPath(config.logoutPath, user), anyData);
    host.emit({ type: 'agent', agent: agent.set('loggedOut') });
  }
}
