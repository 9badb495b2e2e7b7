/**
 * What the command modules (commands.ts, transfer.ts, leads.ts) get from the adapter, and the
 * helpers they share. Each command waits for the platform's `Success` before it changes any
 * state; a refusal rejects with a CtiError and changes nothing.
 */
import { z } from 'zod';
import { CtiError, type CtiEvent } from '../../model';
import type { DialFormat } from '../../../phone/format';
import type { AgentTracker } from './agent';
import type { CallTracker, TrackedCall } from './calls';
import type { UserDirectory } from './directory';
import type { LeadBook } from './leads';
import type { AssumedPaths } from './paths';
import type { ResultCode, TelephonyRequest } from './wire';

export interface MaxContactCommandConfig extends AssumedPaths {
  dialFormat: DialFormat;
  defaultCountry: string | undefined;
  /** connectcalls needs a result code per leg; empty: the platform's first `IsTransfer` code. */
  transferResultCode: string;
  /** The field of a `leadphones` entry that `changelead` takes (assumed, settings.ts). */
  leadPhoneIdField: string;
}

export interface CommandHost {
  readonly userId: string;
  readonly config: MaxContactCommandConfig;
  readonly calls: CallTracker;
  readonly agent: AgentTracker;
  readonly directory: UserDirectory;
  readonly leads: LeadBook;
  /** The latest request sequence number issued (CallTracker.apply). */
  seq(): number;
  /** One telephony GET, signing in again once if the token was refused. Rejects with a CtiError. */
  request<S extends z.ZodType>(req: TelephonyRequest, schema: S): Promise<z.output<S>>;
  /** The platform's result codes, all of them (system and transfer codes included). */
  resultCodes(): readonly ResultCode[];
  emit(event: CtiEvent): void;
  now(): number;
}

/** Commands whose Data we do not read: only `Success` matters. */
export const anyData = z.unknown();

/** Our request ended the call: report it, and wrap-up once the agent has no call left. */
export function ended(host: CommandHost, call: TrackedCall, wrapUp = true): void {
  const { calls } = host;
  const dependents = calls.end(call, host.seq());
  host.emit({ type: 'callEnded', callId: call.id, endedAt: host.now() });
  for (const update of dependents) host.emit({ type: 'callUpsert', call: update });
  if (wrapUp && calls.live().length === 0) {
    // "Hangs up the specified call and places the agent in the wrapping status" (api-pages).
    host.emit({ type: 'agent', agent: host.agent.set('wrapUp') });
  }
}

export function liveCall(calls: CallTracker, callId: string): TrackedCall {
  const call = calls.get(callId);
  if (!call) throw new CtiError('unsupported', 'This call is no longer active on MaxContact');
  return call;
}

/** Refuses to dial a colleague's UserID as if it were a phone number (directory.ts). */
export async function refuseUserId(host: CommandHost, number: string, how: string): Promise<void> {
  const user = await host.directory.userWithId(number);
  if (!user) return;
  const name = user.FullName ?? `user ${user.ID}`;
  throw new CtiError(
    'unsupported',
    `${number} is the MaxContact user ID of ${name}, not a phone number: ${how}`,
  );
}
