/**
 * The simulated platform's methods beyond the call in hand (vendors/README.md §3.4): the `users`
 * directory, the `acdqueues` list, a call's lead (`leadphones`, `changelead`, `createnewlead`) and
 * MaxContact v1.8's "Transfer To User" / "Complete Transfer", whose URLs are [UNKNOWN]: the
 * simulator answers the paths the README suggests, as the adapter assumes them.
 */
import type { SimCallImpl } from './call';
import type { SimLeadPhone } from './types';
import { no, ok, type Outcome } from './outcome';
import type { MaxContactWorld } from './world';

/** A number in a path; undefined when the segment is not one. */
function idIn(segment: string | undefined): number | undefined {
  return segment !== undefined && /^\d+$/.test(segment) ? Number(segment) : undefined;
}

/** §3.4 "Lead Phone", with its id under the configured name ('' leaves it out). */
function phoneWire(world: MaxContactWorld, phone: SimLeadPhone): Record<string, unknown> {
  const { LeadPhoneID, ...documented } = phone;
  const field = world.settings.leadPhoneIdField;
  return field ? { ...documented, [field]: LeadPhoneID } : documented;
}

/** §3.4 "ACD (Skill) Queue" with every documented field; the stats objects' contents are [UNKNOWN]. */
function queueWire(queue: MaxContactWorld['acdQueues'][number]): Record<string, unknown> {
  return {
    AbandonThreshold: 20,
    AcceptableQueueTime: 30,
    AcdIcon: 'phone',
    DefaultTimeout: 600,
    DefaultTimeoutIvr: 0,
    SessionStats: {},
    SkipIndex: 0,
    SnapshotStats: {},
    TenMinuteOffers: {},
    TenMinuteOffersVirtualQueue: {},
    UserAddress: '',
    UserName: '',
    ZipTone: 0,
    ZipToneBeep: 0,
    ZipToneWav: null,
    ...queue,
  };
}

/** The method for `userId`; undefined when the platform has no such method. */
export function runAgentTool(
  world: MaxContactWorld,
  method: string,
  userId: number,
  rest: string[],
): Outcome | undefined {
  const call = () => (rest[0] === 'call' ? world.find(userId, rest[1]) : undefined);
  switch (method) {
    case 'users':
      return ok(world.users.map((u) => ({ FullName: u.fullName, ID: u.userId })));
    case 'acdqueues':
      return ok(world.acdQueues.map(queueWire));
    case 'leadphones': {
      const lead = rest[0] === 'lead' ? world.leads.get(idIn(rest[1]) ?? -1) : undefined;
      if (!lead) return no('Lead not found');
      return ok(lead.phones.map((p) => phoneWire(world, p)));
    }
    case 'changelead':
      return changeLead(world, call(), rest[2] === 'leadphone' ? idIn(rest[3]) : undefined);
    case 'createnewlead':
      return createLead(world, call(), rest[2] === 'phone' ? rest[3] : undefined);
    case 'transfertouser':
      return transferToUser(
        world,
        userId,
        call(),
        rest[2] === 'touser' ? idIn(rest[3]) : undefined,
      );
    case 'completetransfer':
      return completeTransfer(world, call());
    default:
      return undefined;
  }
}

/** The call now belongs to the lead phone's lead (api-pages "Change Lead Phone"). */
function changeLead(
  world: MaxContactWorld,
  call: SimCallImpl | undefined,
  leadPhoneId: number | undefined,
): Outcome {
  if (!call) return no('Call not found');
  const phone = leadPhoneId === undefined ? undefined : world.leads.phone(leadPhoneId);
  if (!phone) return no('Lead phone not found');
  call.leadId = phone.LeadId;
  return ok(null);
}

/** A new lead with this number, assigned to the call (api-pages "Create New Lead"). */
function createLead(
  world: MaxContactWorld,
  call: SimCallImpl | undefined,
  phone: string | undefined,
): Outcome {
  if (!call) return no('Call not found');
  if (!phone || !/\d/.test(phone)) return no('No phone number');
  const lead = world.leads.add({ phones: [{ number: phone, type: 'Other' }] });
  call.leadId = lead.LeadId;
  // The answer's Data is [UNKNOWN]: the simulator returns the new lead's id.
  return ok({ LeadId: lead.LeadId });
}

/**
 * "Transfer To User": the call goes to a colleague who is logged in, at once (`direct`), or once
 * "Complete Transfer" follows (`withComplete`).
 */
function transferToUser(
  world: MaxContactWorld,
  userId: number,
  call: SimCallImpl | undefined,
  target: number | undefined,
): Outcome {
  if (!call) return no('Call not found');
  // A delivered call is the agent's already (the dialler connects it, §3.7), as for `hold`.
  if (call.state === 'dialing') return no('The call is not connected');
  if (target === undefined || !world.users.some((u) => u.userId === target)) {
    return no('Target user not found');
  }
  if (target === userId) return no('Cannot transfer a call to yourself');
  const status = world.agents.get(target);
  if (status === 'loggedOut') return no('The target user is not logged in');
  call.answer();
  if (world.settings.userTransfer === 'withComplete') {
    call.offeredTo = target;
    return ok(null);
  }
  call.handTo(target);
  return ok(null);
}

function completeTransfer(world: MaxContactWorld, call: SimCallImpl | undefined): Outcome {
  if (!call) return no('Call not found');
  if (call.offeredTo === undefined) return no('No transfer in progress');
  if (world.agents.get(call.offeredTo) === 'loggedOut')
    return no('The target user is not logged in');
  call.handTo(call.offeredTo);
  return ok(null);
}
