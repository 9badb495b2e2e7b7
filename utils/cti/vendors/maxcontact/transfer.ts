/**
 * Transfers (vendors/README.md §3.4, §3.7). Warm: two calls bridged by `connectcalls`. Straight
 * to a colleague: MaxContact v1.8's "Transfer To User", whose URL is not published (the
 * `transferToUserPath` setting), optionally followed by "Complete Transfer"
 * (`completeTransferPath`); its target is a UserID from the `users` directory.
 */
import { CtiError } from '../../model';
import { dialString } from '../shared/dial';
import type { TrackedCall } from './calls';
import { anyData, ended, refuseUserId, type CommandHost } from './command-host';
import { failureOf } from './http';
import { expandPath } from './paths';
import { DialData, telephony } from './wire';

/**
 * Blind transfer to a MaxContact user (the neutral `blindTransfer` with a UserID as its target):
 * the call leaves the agent, and the next poll reports it ended. A number that is not a user's
 * id is refused with the way to reach it (a consult transfer dials numbers).
 */
export async function transferToUser(
  host: CommandHost,
  call: TrackedCall,
  target: string,
): Promise<void> {
  const { config, userId } = host;
  if (call.transfer) {
    throw new CtiError('unsupported', 'Complete or cancel the consult transfer first');
  }
  if (call.state !== 'connected' && call.state !== 'held') {
    throw new CtiError('unsupported', 'Only a connected call can be transferred');
  }
  if (target === userId) throw new CtiError('rejected', 'You cannot transfer a call to yourself');
  const user = await host.directory.find(target);
  if (!user) {
    throw new CtiError(
      'unsupported',
      `MaxContact transfers a call straight to a MaxContact user only, and ${target} is not one: choose a colleague in the directory, or use a consult transfer to call a number`,
    );
  }
  const values = { user: userId, call: call.vendorCallId, target };
  await host.request(expandPath(config.transferToUserPath, values), anyData);
  if (config.completeTransferPath) {
    try {
      await host.request(expandPath(config.completeTransferPath, values), anyData);
    } catch (error) {
      const { error: err } = failureOf(error);
      const name = user.FullName ?? `user ${target}`;
      throw new CtiError(
        err.code === 'auth' ? 'auth' : 'rejected',
        `MaxContact offered the call to ${name} but did not complete the transfer: ${err.message}`,
        { cause: err },
      );
    }
  }
  // No fake end: the call ends when MaxContact stops listing it (the next poll).
}

/**
 * A warm transfer is two calls bridged by `connectcalls` (§3.4): hold the customer, dial the
 * target (the consultation leg), then complete (bridge) or cancel (hang up the consultation and
 * retrieve the customer). Holding first keeps the consultation private whether or not the
 * platform would hold by itself ([UNKNOWN]).
 */
export async function startTransfer(
  host: CommandHost,
  call: TrackedCall,
  target: string,
): Promise<void> {
  const { calls, userId } = host;
  if (call.transfer || (call.state !== 'connected' && call.state !== 'held')) {
    throw new CtiError('unsupported', 'Only a connected call can start a transfer');
  }
  if (calls.live().some((c) => c.transfer)) {
    throw new CtiError('unsupported', 'Another transfer is already under way');
  }
  const phone = dialString(target, host.config);
  // A colleague's UserID (picked by name) would be dialled as a phone number, the customer held.
  await refuseUserId(host, target, 'transfer the call to them with a blind transfer');
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

export async function completeTransfer(host: CommandHost, callId: string): Promise<void> {
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

export async function cancelTransfer(host: CommandHost, callId: string): Promise<void> {
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

async function retrieveQuietly(host: CommandHost, call: TrackedCall): Promise<void> {
  try {
    await host.request(telephony.retrieve(host.userId, call.vendorCallId), anyData);
    call.state = 'connected';
  } catch {
    // The customer stays on hold: the panel says so and offers Resume.
  }
}

function noTransfer(): CtiError {
  return new CtiError('unsupported', 'No transfer is under way on this call');
}
