/**
 * uContact commands (vendors/README.md §4.3): each is one form-encoded POST whose text answer is
 * `1` (or AgentCall's GUID) on success and `0` on error.
 */
import type { DialFormat } from '../../../phone/format';
import { dialString } from '../shared/dial';
import type { QueuedWrite } from '../../adapter';
import { checkCallbackAt, CtiError, type Call, type Command, type CtiEvent } from '../../model';
import type { CallTracker, TrackedCall } from './calls';
import type { UcontactHttp } from './http';
import { GUID, PATHS } from './wire';

export interface CommandConfig {
  campaign: string;
  context: string;
  callerId: string;
  dialFormat: DialFormat;
  defaultCountry: string;
}

export interface CommandHost {
  http: UcontactHttp;
  config: CommandConfig;
  calls: CallTracker;
  /** The agent name and extension this session works as. */
  agent: string;
  extension: string;
  motive: { get(): string; set(motive: string): void };
  emit(event: CtiEvent): void;
  /** Starts the "assume connected" timer of a new call (§4.5). */
  track(callId: string): void;
  /** The session clock (epoch ms). */
  now(): number;
}

/**
 * A disposition code as the three uContact levels: `l1/l2/l3` (vendors/README.md §4.3
 * DispositionCall; docs/vendors.md "uContact"). A code without slashes is level 1 only.
 */
export function levelsOf(code: string): { l1: string; l2: string; l3: string } {
  const [l1 = '', l2 = '', l3 = ''] = code.split('/').map((s) => s.trim());
  return { l1, l2, l3 };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * DispositionCall's `schedule` (§4.3): `YYYY-MM-DD HH:mm:ss` in the agent's local time.
 * [INFERRED] The vendor notes do not give this field's format; it is the one uContact's own API
 * pages show for dates (ScheduleDialerCall's `calldate` "2015-10-11 15:00:00", the
 * RemoveScheduleDialerCall range), and those carry no zone, so the agent's local time it is.
 */
export function formatSchedule(epochMs: number): string {
  const d = new Date(epochMs);
  const date = `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return `${date} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/**
 * What DispositionCall needs of a call the tracker no longer holds (it keeps ended calls only
 * until the next one starts): the outbox's copy of the call, as the tracker described it
 * (`CallTracker.update`).
 */
function fromQueued(
  call: Call | undefined,
): Pick<TrackedCall, 'number' | 'guid' | 'campaign'> | undefined {
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
  const iface = `SIP/${host.extension}`;
  switch (command.type) {
    case 'dial': {
      const destination = dialString(command.number, host.config);
      if (!destination) throw new CtiError('unsupported', 'Enter a number to dial');
      // Two-step: uContact rings the agent's phone, then the destination (§4.3).
      const answer = await http.command(
        PATHS.agentCall,
        {
          callerid: host.config.callerId,
          agent: host.agent,
          phone: host.extension,
          tech: 'SIP',
          context: host.config.context,
          outqueue: host.config.campaign,
          destination,
        },
        'place the call',
      );
      const guid = GUID.test(answer) && answer !== '1' ? answer : undefined;
      const call = calls.start({
        direction: 'outbound',
        state: 'dialing',
        number: command.number,
        ...(guid ? { guid } : {}),
        ...(host.config.campaign ? { campaign: host.config.campaign } : {}),
      });
      host.emit({ type: 'callUpsert', call: calls.update(call) });
      host.track(call.id);
      return;
    }
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
    case 'setAgentState': {
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
      return;
    }
    default:
      throw new CtiError('unsupported', `uContact cannot do “${command.type}”`);
  }
}
