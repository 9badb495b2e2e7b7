/**
 * How the simulated xuc reacts to client frames (vendors/README.md §1.6; api-pages "Agent login",
 * "Phone Methods"). Commands never get a direct reply: their effects arrive as events, and
 * refusals as Error/AgentError frames.
 */
import type { ClientFrame } from './types';
import type { XucWorld } from './world';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export function handleWebCommand(world: XucWorld, login: string, frame: ClientFrame): void {
  const call = (states?: Parameters<XucWorld['currentCall']>[1]) =>
    frame.uniqueId === undefined
      ? world.currentCall(login, states)
      : world.findCall(login, frame.uniqueId);
  const error = (message: string) => world.pushTo(login, 'Error', { Error: message });
  if (world.ignoredCommands.has(String(frame.command))) return;

  switch (frame.command) {
    case 'dial': {
      const destination = str(frame.destination);
      if (!destination) return error('Invalid destination');
      const variables =
        typeof frame.variables === 'object' && frame.variables !== null ? frame.variables : {};
      // "USR_ prefix is added to the key, if the key does not start with it" (api-pages setData).
      const userData = Object.fromEntries(
        Object.entries(variables).map(([k, v]) => [
          k.startsWith('USR_') ? k : `USR_${k}`,
          String(v),
        ]),
      );
      world.dialOut(login, destination, userData);
      return;
    }
    case 'answer': {
      const target = call(['ringing']);
      // The GLPI plugin found answer does nothing on phones without remote answer (§1.6).
      if (target?.state === 'ringing' && world.settings.answerWorks) target.answer();
      return;
    }
    case 'hangup':
      call()?.hangup();
      return;
    case 'hold': {
      const target = call(['established', 'held']);
      if (target?.state === 'established') target.hold();
      else if (target?.state === 'held' && world.settings.holdToggles) target.resume();
      return;
    }
    case 'directTransfer': {
      const target = call(['established', 'held']);
      if (!target || !str(frame.destination)) return error('No call to transfer');
      // The call leaves the agent's line for the destination.
      target.hangup();
      return;
    }
    case 'attendedTransfer':
      return attendedTransfer(world, login, str(frame.destination));
    case 'completeTransfer': {
      const transfer = world.transfers.get(login);
      if (!transfer) return error('No transfer in progress');
      // The two remote parties are bridged: both legs leave the agent's line.
      transfer.consult.hangup();
      transfer.original.hangup();
      return;
    }
    case 'cancelTransfer': {
      const transfer = world.transfers.get(login);
      if (!transfer) return error('No transfer in progress');
      world.transfers.delete(login);
      transfer.consult.hangup();
      transfer.original.resume();
      return;
    }
    case 'sendDtmf': {
      const target = world.currentCall(login, ['established']);
      const key = str(frame.key);
      if (!target || !key) return error('No call to send DTMF on');
      target.dtmf += key;
      return;
    }
    case 'monitorPause':
    case 'monitorUnpause':
      return monitor(world, login, frame);
    case 'getCurrentCallsPhoneEvents':
      world.pushTo(login, 'CurrentCallsPhoneEvents', {
        events: world.callsOf(login).map((c) => c.phoneEvent()),
      });
      return;
    case 'getUserCallHistory':
    case 'getAgentCallHistory': {
      // The page shows one entry; a list of them is assumed (vendors/README.md §1, docs/vendors.md).
      const size = typeof frame.size === 'number' ? frame.size : 0;
      world.pushTo(login, 'CallHistory', world.callHistory(login, size));
      return;
    }
    case 'getAgentStates':
      // Every agent's state, as a supervisor would get them: clients must keep their own.
      for (const agent of world.agents.values())
        world.pushTo(login, 'AgentStateEvent', agent.payload());
      return;
    case 'agentLogin':
    case 'agentLogout':
    case 'pauseAgent':
    case 'unpauseAgent':
      return agentCommand(world, login, frame);
    default:
      // Queues, directory, presence, statistics (features.ts), callbacks (sim-callbacks.ts);
      // getConfig, subscribeToAgentEvents, … are accepted and do nothing here.
      if (!world.features.handle(login, frame)) world.callbacks.handle(login, frame);
      return;
  }
}

function attendedTransfer(world: XucWorld, login: string, destination: string | undefined): void {
  const original = world.currentCall(login, ['established']);
  if (!original || !destination || world.transfers.has(login)) {
    world.pushTo(login, 'Error', { Error: 'Cannot start a transfer' });
    return;
  }
  original.hold();
  const consult = world.dialOut(login, destination);
  world.transfers.set(login, { original, consult });
}

function monitor(world: XucWorld, login: string, frame: ClientFrame): void {
  const agent = world.agentById(frame.agentid);
  const call = agent && world.currentCall(agent.user.login, ['established', 'held']);
  // "You can only pause the recording of a call answered by an agent" (api-pages monitorPause).
  if (!agent || !call?.queueName) {
    world.pushTo(login, 'Error', { Error: 'Recording can only be paused on a queue call' });
    return;
  }
  call.monitorState = frame.command === 'monitorPause' ? 'PAUSED' : 'ACTIVE';
  agent.refresh();
}

/** api-pages "Agent login": the five documented cases, plus pause/unpause/logout. */
function agentCommand(world: XucWorld, login: string, frame: ClientFrame): void {
  const agent = world.agentById(frame.agentid);
  if (!agent) {
    world.agentError(login, { Error: 'AgentNotFound' });
    return;
  }
  switch (frame.command) {
    case 'agentLogin': {
      const phone =
        typeof frame.agentphonenumber === 'number'
          ? String(frame.agentphonenumber)
          : str(frame.agentphonenumber);
      if (!phone || !world.knownPhone(phone)) {
        world.agentError(login, { Error: 'PhoneNumberUnknown' });
      } else if (agent.phoneNb === phone) {
        agent.refresh(true);
      } else if (agent.phoneNb !== undefined) {
        world.agentError(login, {
          Error: 'LoggedInOnAnotherPhone',
          phoneNb: agent.phoneNb,
          RequestedNb: phone,
        });
      } else {
        // A previous agent on that line is logged out: "the agent takes over the line".
        for (const other of world.agents.values())
          if (other !== agent && other.phoneNb === phone) other.logout();
        agent.login(phone);
      }
      return;
    }
    case 'agentLogout':
      agent.logout();
      return;
    case 'pauseAgent':
      if (agent.phoneNb !== undefined) agent.pause(str(frame.reason));
      return;
    case 'unpauseAgent':
      if (agent.phoneNb !== undefined) agent.unpause();
      return;
  }
}
