/**
 * uContact commands (vendors/README.md §4.3): each is one form-encoded POST whose text answer is
 * `1` (or AgentCall's GUID) on success and `0` on error.
 */
import { toE164ByLibphonenumber } from '../../../phone/format';
import type { QueuedWrite } from '../../adapter';
import { checkCallbackAt, CtiError, type Call, type Command, type CtiEvent } from '../../model';
import { runVendorAction, type ActionHost } from './actions';
import type { TrackedCall } from './calls';
import {
  destinationOf,
  dialerData,
  formatSchedule,
  parseCallbackId,
  removeScheduled,
  scheduleCall,
} from './dialer';
import { GUID, PATHS } from './wire';

export { formatSchedule } from './dialer';

/** What the commands work with; `agent` and `extension` are this session's. */
export interface CommandHost extends ActionHost {
  motive: { get(): string; set(motive: string): void };
  emit(event: CtiEvent): void;
  /** Starts the "assume connected" timer of a new call (§4.5). */
  track(callId: string): void;
}

/**
 * A disposition code as the three uContact levels: `l1/l2/l3` (vendors/README.md §4.3
 * DispositionCall; docs/vendors.md "uContact"). A code without slashes is level 1 only.
 */
export function levelsOf(code: string): { l1: string; l2: string; l3: string } {
  const [l1 = '', l2 = '', l3 = ''] = code.split('/').map((s) => s.trim());
  return { l1, l2, l3 };
}

/**
 * What DispositionCall needs of a call the tracker no longer holds (it keeps ended calls only
 * until the next one starts): the outbox's copy of the call, as the tracker described it
 * (`CallTracker.update`).
 */
function fromQueued(
  call: Call | undefined,
): Pick<TrackedCall, 'number' | 'guid' | 'campaign'> | undefined {
  // `remote.raw` is the number as uContact knows it (CallTracker.update).
  if (!call) return undefined;
  const { guid, campaign } = call.data;
  return {
    number: call.remote.raw,
    ...(guid ? { guid } : {}),
    ...(campaign ? { campaign } : {}),
  };
}

export async function runCommand(
  command: Command,
  host: CommandHost,
  queued?: QueuedWrite,
): Promise<void> {
  const { http, calls } = host;
  switch (command.type) {
    case 'dial':
      return dial(command, host);
    case 'hangup': {
      const call = calls.byId(command.callId);
      if (!call || call.state === 'ended') throw new CtiError('rejected', 'That call has ended');
      await http.command(PATHS.hangup, { phone: host.extension }, 'hang up');
      // HungupPhone answered 1: the call is over even if the portal is not open to say so.
      calls.set(call, 'ended');
      host.emit({ type: 'callEnded', callId: call.id, endedAt: call.endedAt ?? Date.now() });
      host.emit({ type: 'agent', agent: calls.agent('wrapUp') });
      return;
    }
    case 'dispose': {
      const call = calls.byId(command.callId) ?? fromQueued(queued?.call);
      if (!call) throw new CtiError('rejected', 'That call is no longer known');
      checkCallbackAt(command.callbackAt, host.now());
      await http.command(
        PATHS.disposition,
        {
          campaign: call.campaign ?? host.config.campaign,
          agent: host.agent,
          // The customer's number as dialled (or as the portal reported it), not as typed.
          callerid: call.number,
          guid: call.guid ?? '',
          ...levelsOf(command.code),
          d1: '',
          d2: '',
          comment: command.notes,
          // uContact calls the number back then when the chosen disposition's action (configured
          // in uContact) is a reschedule; empty: no call back asked (docs/vendors.md).
          schedule: command.callbackAt === undefined ? '' : formatSchedule(command.callbackAt),
        },
        'save the disposition',
      );
      // [INFERRED] §4.5: wrap-up lasts until the disposition.
      host.emit({ type: 'agent', agent: calls.agent('ready') });
      return;
    }
    case 'setAgentState':
      return setAgentState(command, host);
    case 'scheduleCallback':
      checkCallbackAt(command.at, host.now());
      return scheduleCall(host, command);
    case 'cancelCallback':
      return removeScheduled(host, parseCallbackId(command.callbackId));
    case 'vendorAction':
      return runVendorAction(command, host);
    default:
      throw new CtiError('unsupported', `uContact cannot do “${command.type}”`);
  }
}

/**
 * AgentCall, two-step: uContact rings the agent's phone, then the destination (§4.3). With
 * `variables`, AgentCallwithData, which takes them as `data` for uContact's forms and workflows
 * (Assumed: the same `Par1=Val1:Par2=Val2` as the dialer's `data`). A queue route names the
 * outbound campaign the call is counted under (`outqueue`).
 */
async function dial(command: Extract<Command, { type: 'dial' }>, host: CommandHost): Promise<void> {
  const { calls } = host;
  if (command.route?.kind === 'mobile') {
    throw new CtiError('unsupported', 'uContact cannot place a call from your mobile');
  }
  const destination = destinationOf(command.number, host);
  const campaign = command.route?.kind === 'queue' ? command.route.queue : host.config.campaign;
  const variables = command.variables ?? {};
  const withData = Object.keys(variables).length > 0;
  const form: Record<string, string> = {
    callerid: host.config.callerId,
    agent: host.agent,
    phone: host.extension,
    tech: 'SIP',
    context: host.config.context,
    outqueue: campaign,
    destination,
    ...(withData ? { data: dialerData(variables, 'call data') } : {}),
  };
  const answer = await host.http.command(
    withData ? PATHS.agentCallWithData : PATHS.agentCall,
    form,
    'place the call',
  );
  const guid = GUID.test(answer) && answer !== '1' ? answer : undefined;
  const e164 = toE164ByLibphonenumber(command.number, host.config.defaultCountry);
  const call = calls.start({
    direction: 'outbound',
    state: 'dialing',
    // The number as dialled: what DispositionCall must name (its `callerid`).
    number: destination,
    ...(e164 ? { e164 } : {}),
    ...(guid ? { guid } : {}),
    ...(campaign ? { campaign } : {}),
  });
  host.emit({ type: 'callUpsert', call: calls.update(call) });
  host.track(call.id);
}

/** AgentBreak with a motive (the pause reason), AgentUnBreak naming it again, AgentLogoff. */
async function setAgentState(
  command: Extract<Command, { type: 'setAgentState' }>,
  host: CommandHost,
): Promise<void> {
  const { http, calls } = host;
  const iface = `SIP/${host.extension}`;
  if (command.state === 'notReady') {
    const motive = command.reason?.trim() || 'Break';
    await http.command(
      PATHS.agentBreak,
      { agent: host.agent, interface: iface, motive, message: '' },
      'start the break',
    );
    host.motive.set(motive);
    host.emit({ type: 'agent', agent: calls.agent('notReady', motive) });
  } else if (command.state === 'ready') {
    await http.command(
      PATHS.agentUnbreak,
      { agent: host.agent, interface: iface, motive: host.motive.get(), message: '' },
      'end the break',
    );
    host.emit({ type: 'agent', agent: calls.agent('ready') });
  } else {
    await http.command(
      PATHS.agentLogoff,
      { agent: host.agent, interface: iface, message: '' },
      'log off',
    );
    host.emit({ type: 'agent', agent: calls.agent('loggedOut') });
  }
}
