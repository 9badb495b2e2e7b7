/**
 * The agent portal's events mapped onto the model (vendors/README.md §4.5): a ringing or dialing
 * call starts (or tells us more about one we know), an ended one ends, a disposition ends the
 * wrap-up, a login makes the agent ready.
 */
import type { CtiEvent } from '../../model';
import type { CallTracker, PortalMemory, TrackedCall } from './calls';
import type { PortalSignal } from './wire';

export interface PortalHost {
  calls: CallTracker;
  memory: PortalMemory;
  emit(event: CtiEvent): void;
  /** End the call; with wrap-up when the agent must now dispose it. */
  end(call: TrackedCall, wrapUp: boolean): void;
  /** Starts the "assume connected" timer of a new call (§4.5). */
  track(callId: string): void;
}

export function applyPortal(host: PortalHost, signal: PortalSignal): void {
  const { calls, memory, emit } = host;
  switch (signal.kind) {
    case 'ringing':
    case 'dialing': {
      const direction = signal.kind === 'ringing' ? 'inbound' : 'outbound';
      const known = calls.find(signal, direction);
      if (known) {
        // Our own AgentCall, or the other event API reporting the same call: learn what it adds.
        if (!known.guid && signal.guid) known.guid = signal.guid;
        if (!known.campaign && signal.campaign) known.campaign = signal.campaign;
        if (!known.name && signal.name) known.name = signal.name;
        emit({ type: 'callUpsert', call: calls.update(known) });
        return;
      }
      const call = calls.start({ direction, state: signal.kind, ...signal });
      emit({ type: 'callUpsert', call: calls.update(call) });
      host.track(call.id);
      return;
    }
    case 'ended': {
      // Already ended by the relay's FinishInteraction: not another call's end.
      if (signal.guid && calls.wasEnded(signal.guid)) return;
      const call = calls.find(signal) ?? calls.live().at(-1);
      if (call) host.end(call, true);
      return;
    }
    case 'disposed':
      if (memory.agent.status === 'wrapUp') emit({ type: 'agent', agent: calls.agent('ready') });
      return;
    case 'loggedIn':
      emit({ type: 'agent', agent: calls.agent('ready') });
      return;
    case 'ignored':
      return;
  }
}
