/**
 * Normalized commands → MaxContact telephony GETs (vendors/README.md §3.4, §3.6, §3.7). Each
 * command waits for the platform's `Success` before it changes any state; a refusal rejects with
 * a CtiError and changes nothing.
 */
import { z } from 'zod';
import { CtiError, type Command, type CtiEvent } from '../../model';
import type { DialFormat } from '../../../phone/format';
import { dialString } from '../shared/dial';
import { BREAK_REASON, type AgentTracker } from './agent';
import { vendorCallIdOf, type CallTracker, type TrackedCall } from './calls';
import { DialData, telephony, type ResultCode, type TelephonyRequest } from './wire';

export interface MaxContactCommandConfig {
  dialFormat: DialFormat;
  defaultCountry: string;
  /** connectcalls needs a result code per leg; empty: the platform's first `IsTransfer` code. */
  transferResultCode: string;
}

export interface CommandHost {
  readonly userId: string;
  readonly config: MaxContactCommandConfig;
  readonly calls: CallTracker;
  readonly agent: AgentTracker;
  /** The latest request sequence number issued (CallTracker.apply). */
  seq(): number;
  /** One telephony GET, signing in again once if the token was refused. Rejects with a CtiError. */
  request<S extends z.ZodType>(req: TelephonyRequest, schema: S): Promise<z.output<S>>;
  /** The platform's result codes, all of them (system and transfer codes included). */
  resultCodes(): readonly ResultCode[];
  emit(event: CtiEvent): void;
  now(): number;
}

const UNSUPPORTED: Partial<Record<Command['type'], string>> = {
  // The dialler connects the agent itself (§3.7 "answer ✘").
  answer: 'MaxContact connects calls to the agent itself: there is nothing to answer',
  // "Transfer To User" exists in v1.8 but its URL is [UNKNOWN] (§3.4).
  blindTransfer: 'MaxContact transfers through an attended (warm) transfer only',
  sendDtmf: 'MaxContact has no keypad request',
  // No request sends a call back to a queue (§3.4, §3.7).
  redirectToQueue: 'MaxContact cannot send a call to a queue',
};

/** Commands whose Data we do not read: only `Success` matters. */
const anyData = z.unknown();

/** A command whose case the switch does not list: MaxContact cannot do it (yet). */
function unsupported(command: Command): never {
  throw new CtiError('unsupported', `MaxContact cannot do “${command.type}”`);
}

export async function runCommand(command: Command, host: CommandHost): Promise<void> {
  const { userId, calls } = host;
  switch (command.type) {
    case 'answer':
    case 'blindTransfer':
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
  }
}

async function dial(host: CommandHost, number: string, leadId?: string): Promise<void> {
  const { config, calls } = host;
  const phone = dialString(number, config);
  if (!phone) throw new CtiError('unsupported', 'Enter a number to dial');
  const wire = await host.request(telephony.dial(host.userId, phone, leadId), DialData);
  const call = calls.registerDial(wire ?? undefined, host.seq());
  if (call) host.emit({ type: 'callUpsert', call: calls.update(call) });
}

/**
 * A warm transfer is two calls bridged by `connectcalls` (§3.4): hold the customer, dial the
 * target (the consultation leg), then complete (bridge) or cancel (hang up the consultation and
 * retrieve the customer). Holding first keeps the consultation private whether or not the
 * platform would hold by itself ([UNKNOWN]).
 */
async function startTransfer(host: CommandHost, call: TrackedCall, target: string): Promise<void> {
  const { calls, userId } = host;
  if (call.transfer || (call.state !== 'connected' && call.state !== 'held')) {
    throw new CtiError('unsupported', 'Only a connected call can start a transfer');
  }
  if (calls.live().some((c) => c.transfer)) {
    throw new CtiError('unsupported', 'Another transfer is already under way');
  }
  const phone = dialString(target, host.config);
  const heldByUs = call.state === 'connected';
  if (heldByUs) {
    await host.request(telephony.hold(userId, call.vendorCallId), anyData);
    call.state = 'held';
  }
  host.emit({ type: 'callUpsert', call: calls.setTransfer(call, { target: phone, heldByUs }) });
  let consult: TrackedCall | undefined;
  try {
    const wire = await host.request(telephony.dial(userId, phone), DialData);
    consult = calls.registerDial(wire ?? undefined, host.seq());
  } catch (error) {
    calls.setTransfer(call, undefined);
    if (heldByUs) await retrieveQuietly(host, call);
    host.emit({ type: 'callUpsert', call: calls.update(call) });
    throw error;
  }
  if (consult) host.emit({ type: 'callUpsert', call: calls.update(consult) });
  const transfer = { target: phone, heldByUs, ...(consult ? { consultId: consult.id } : {}) };
  host.emit({ type: 'callUpsert', call: calls.setTransfer(call, transfer) });
}

async function completeTransfer(host: CommandHost, callId: string): Promise<void> {
  const { calls } = host;
  const original = calls.transferOf(callId);
  if (!original?.transfer) throw noTransfer();
  const consult = original.transfer.consultId ? calls.get(original.transfer.consultId) : undefined;
  if (!consult) {
    throw new CtiError('rejected', 'The call to the transfer target has not started yet');
  }
  const code = host.config.transferResultCode || host.resultCodes().find((c) => c.IsTransfer)?.Code;
  if (!code) {
    throw new CtiError(
      'unsupported',
      'MaxContact needs a transfer result code to connect the calls: ask your administrator to set connection.maxcontact.transferResultCode',
    );
  }
  await host.request(
    telephony.connectcalls(host.userId, {
      call1: original.vendorCallId,
      call2: consult.vendorCallId,
      resultcode1: code,
      resultcode2: code,
    }),
    anyData,
  );
  // Both calls leave the agent; the next poll reports them ended (no fake end before that).
  original.bridged = true;
  consult.bridged = true;
}

async function cancelTransfer(host: CommandHost, callId: string): Promise<void> {
  const { calls } = host;
  const original = calls.transferOf(callId);
  if (!original?.transfer) throw noTransfer();
  const { consultId, heldByUs } = original.transfer;
  const consult = consultId ? calls.get(consultId) : undefined;
  if (consult) {
    await host.request(telephony.hangup(host.userId, consult.vendorCallId), anyData);
    ended(host, consult);
  }
  calls.setTransfer(original, undefined);
  try {
    if (heldByUs && original.state === 'held') {
      await host.request(telephony.retrieve(host.userId, original.vendorCallId), anyData);
      original.state = 'connected';
    }
  } finally {
    // Retrieved, or still on hold with Resume offered: either way no longer transferring.
    host.emit({ type: 'callUpsert', call: calls.update(original) });
  }
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
  const { userId, agent } = host;
  if (state === 'ready') {
    await host.request(telephony.goready(userId), anyData);
    host.emit({ type: 'agent', agent: agent.set('ready') });
  } else if (state === 'notReady' && reason === BREAK_REASON) {
    await host.request(telephony.requestbreak(userId), anyData);
    host.emit({ type: 'agent', agent: agent.set('notReady', 'Break') });
  } else if (state === 'notReady') {
    // gonotready takes no reason (assumed, §3.4): report none rather than one never sent.
    await host.request(telephony.gonotready(userId), anyData);
    host.emit({ type: 'agent', agent: agent.set('notReady') });
  } else {
    await host.request(telephony.logout(userId), anyData);
    host.emit({ type: 'agent', agent: agent.set('loggedOut') });
  }
}

/** Our request ended the call: report it, and wrap-up once the agent has no call left. */
function ended(host: CommandHost, call: TrackedCall, wrapUp = true): void {
  const { calls } = host;
  const dependents = calls.end(call, host.seq());
  host.emit({ type: 'callEnded', callId: call.id, endedAt: host.now() });
  for (const update of dependents) host.emit({ type: 'callUpsert', call: update });
  if (wrapUp && calls.live().length === 0) {
    // "Hangs up the specified call and places the agent in the wrapping status" (api-pages).
    host.emit({ type: 'agent', agent: host.agent.set('wrapUp') });
  }
}

async function retrieveQuietly(host: CommandHost, call: TrackedCall): Promise<void> {
  try {
    await host.request(telephony.retrieve(host.userId, call.vendorCallId), anyData);
    call.state = 'connected';
  } catch {
    // The customer stays on hold: the panel says so and offers Resume.
  }
}

function liveCall(calls: CallTracker, callId: string): TrackedCall {
  const call = calls.get(callId);
  if (!call) throw new CtiError('unsupported', 'This call is no longer active on MaxContact');
  return call;
}

function noTransfer(): CtiError {
  return new CtiError('unsupported', 'No transfer is under way on this call');
}
