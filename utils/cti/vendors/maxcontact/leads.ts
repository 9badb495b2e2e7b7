/**
 * The lead of the call in hand (vendors/README.md §3.4): its phones from `leadphones`, shown in
 * the call's data, and the two lead changes the API offers as vendor actions on the call's card:
 * "Change lead phone" (`changelead`, a choice among the lead's phones) and "Save as a new lead"
 * (`createnewlead`, the new lead's number).
 */
import { z } from 'zod';
import type { VendorActionInput } from '../../features';
import { CtiError, type Command, type CtiEvent } from '../../model';
import { dialString, type DialPlan } from '../shared/dial';
import type { CallTracker, TrackedCall } from './calls';
import { failureOf } from './http';
import {
  LeadPhoneList,
  leadPhoneIdOf,
  NewLeadData,
  telephony,
  type TelephonyRequest,
  type WireLeadPhone,
} from './wire';

export const CHANGE_LEAD = 'changeLead';
export const CREATE_LEAD = 'createLead';
/** The form fields of the two actions. */
export const LEAD_PHONE_FIELD = 'leadPhone';
export const NEW_LEAD_NUMBER_FIELD = 'number';
/** A lead whose phones could not be read is asked again after this long, not at every poll. */
export const LEAD_RETRY_MS = 30_000;
/** The leads whose phones are kept (the calls' leads change rarely). */
const LEADS_KEPT = 20;

export interface LeadPhone {
  /** What `changelead` takes; absent when the answer has no id under the configured field. */
  id?: string;
  leadId: string;
  number: string;
  type?: string;
}

export interface LeadHost {
  readonly userId: string;
  readonly config: DialPlan & { leadPhoneIdField: string };
  readonly calls: CallTracker;
  /** One telephony GET, signing in again once if the token was refused. Rejects with a WireFailure. */
  request<S extends z.ZodType>(req: TelephonyRequest, schema: S): Promise<z.output<S>>;
  emit(event: CtiEvent): void;
  now(): number;
}

type Known = { phones: LeadPhone[] } | { failedAt: number };

const phoneLabel = (p: LeadPhone) => (p.type ? `${p.number} (${p.type})` : p.number).slice(0, 200);

export class LeadBook {
  private readonly known = new Map<string, Known>();
  private readonly loading = new Map<string, Promise<void>>();

  constructor(private readonly host: LeadHost) {}

  phones(leadId: string): LeadPhone[] | undefined {
    const entry = this.known.get(leadId);
    return entry && 'phones' in entry ? entry.phones : undefined;
  }

  /** Call data about the lead: its phones, for the agent and screen-pop templates. */
  dataOf(leadId: string): Record<string, string> {
    const phones = this.phones(leadId);
    return phones?.length ? { LeadPhones: phones.map(phoneLabel).join('; ') } : {};
  }

  /**
   * Reads the phones of the live calls' leads not known yet (or whose last read failed a while
   * ago). Resolves true when some arrived.
   */
  async load(calls: readonly TrackedCall[]): Promise<boolean> {
    const wanted = new Set(calls.flatMap((c) => this.host.calls.leadOf(c) ?? []));
    const due = [...wanted].filter((id) => {
      const entry = this.known.get(id);
      if (!entry) return true;
      return 'failedAt' in entry && this.host.now() - entry.failedAt >= LEAD_RETRY_MS;
    });
    const results = await Promise.all(due.map((id) => this.read(id)));
    return results.some(Boolean);
  }

  /** The actions on offer for these calls (the whole list, `vendorActions`). */
  actions(calls: readonly TrackedCall[]): VendorActionInput[] {
    return calls.flatMap((call) => {
      const leadId = this.host.calls.leadOf(call);
      const choices = (leadId ? (this.phones(leadId) ?? []) : []).filter((p) => p.id);
      const change: VendorActionInput[] = choices.length
        ? [
            {
              id: CHANGE_LEAD,
              callId: call.id,
              label: 'Change lead phone',
              hint: 'Put this call under the lead of the phone you choose.',
              fields: [
                {
                  key: LEAD_PHONE_FIELD,
                  label: 'Lead phone',
                  kind: 'choice',
                  options: choices
                    .slice(0, 200)
                    .map((p) => ({ code: p.id ?? '', label: phoneLabel(p) })),
                },
              ],
              submit: 'Change',
            },
          ]
        : [];
      return [
        ...change,
        {
          id: CREATE_LEAD,
          callId: call.id,
          label: 'Save as a new lead',
          hint: 'Create a new MaxContact lead with this number and put this call under it.',
          fields: [{ key: NEW_LEAD_NUMBER_FIELD, label: 'Phone number', kind: 'text', max: 40 }],
          submit: 'Create lead',
        },
      ];
    });
  }

  /** Carries out one of the actions; rejects with a CtiError the agent can read. */
  async run(command: Extract<Command, { type: 'vendorAction' }>): Promise<void> {
    const { calls, userId } = this.host;
    const call = command.callId ? calls.get(command.callId) : undefined;
    if (!call) throw new CtiError('unsupported', 'This call is no longer active on MaxContact');
    switch (command.action) {
      case CHANGE_LEAD: {
        const chosen = command.values[LEAD_PHONE_FIELD]?.trim() ?? '';
        if (!chosen) throw new CtiError('rejected', 'Choose one of the lead’s phones');
        const leadId = calls.leadOf(call);
        const phone = leadId ? this.phones(leadId)?.find((p) => p.id === chosen) : undefined;
        if (!phone?.id) {
          throw new CtiError(
            'rejected',
            'That phone is not one of this call’s lead phones: choose again',
          );
        }
        const req = telephony.changelead(userId, call.vendorCallId, phone.id);
        await this.host.request(req, z.unknown());
        this.host.emit({ type: 'callUpsert', call: calls.setLead(call, phone.leadId) });
        return;
      }
      case CREATE_LEAD: {
        const typed = command.values[NEW_LEAD_NUMBER_FIELD]?.trim() ?? '';
        const number = typed ? dialString(typed, this.host.config) : '';
        if (!/^\+?[0-9]{3,20}$/.test(number)) {
          throw new CtiError(
            'rejected',
            'Enter the new lead’s phone number (digits, + for international)',
          );
        }
        const req = telephony.createnewlead(userId, call.vendorCallId, number);
        const leadId = await this.host.request(req, NewLeadData);
        this.host.emit({ type: 'callUpsert', call: calls.setLead(call, leadId) });
        return;
      }
      default:
        throw new CtiError('unsupported', `MaxContact has no “${command.action}” action`);
    }
  }

  private async read(leadId: string): Promise<boolean> {
    const pending = this.loading.get(leadId);
    if (pending) return pending.then(() => false);
    const task = this.host
      .request(telephony.leadphones(this.host.userId, leadId), LeadPhoneList)
      .then(({ items, dropped }) => {
        if (dropped > 0) {
          this.host.emit({
            type: 'protocolError',
            message: `MaxContact listed ${dropped} unreadable phone(s) of lead ${leadId}`,
          });
        }
        const phones = items.map((p) => this.phoneOf(p)).filter((p) => p.number !== '');
        this.remember(leadId, { phones });
      })
      .catch((error: unknown) => {
        // Calls work without the lead's phones: the action and data wait for a later read.
        const { error: err, frame } = failureOf(error);
        if (err.code === 'protocol') {
          this.host.emit({
            type: 'protocolError',
            message: err.message,
            ...(frame ? { frame } : {}),
          });
        }
        this.remember(leadId, { failedAt: this.host.now() });
      })
      .finally(() => this.loading.delete(leadId));
    this.loading.set(leadId, task);
    await task;
    return 'phones' in (this.known.get(leadId) ?? {});
  }

  private phoneOf(wire: WireLeadPhone): LeadPhone {
    const id = leadPhoneIdOf(wire, this.host.config.leadPhoneIdField);
    return {
      ...(id ? { id } : {}),
      leadId: wire.LeadId,
      number: wire.PhoneNumber ?? '',
      ...(wire.RecordType ? { type: wire.RecordType } : {}),
    };
  }

  private remember(leadId: string, entry: Known): void {
    this.known.delete(leadId);
    this.known.set(leadId, entry);
    for (const old of [...this.known.keys()].slice(0, -LEADS_KEPT)) this.known.delete(old);
  }
}
