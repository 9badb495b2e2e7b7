/**
 * uContact's outbound webhooks, read through the Switchboard relay (vendors/README.md §4.4 item 3),
 * mapped onto the model (§4.5). The portal may report the same call's end: each call ends once.
 */
import type { Logger } from '../../adapter';
import { CtiError, type CtiEvent } from '../../model';
import type { CallTracker, PortalMemory, TrackedCall } from './calls';
import type { LiveFrame, Welcome } from '../shared/relay-link';
import { frameOf } from './http';
import { parseWebhook, type Webhook } from './wire';

export interface WebhookHost {
  calls: CallTracker;
  memory: PortalMemory;
  emit(event: CtiEvent): void;
  /** End the call; with wrap-up when the agent must now dispose it. */
  end(call: TrackedCall, wrapUp: boolean): void;
  log: Logger;
}

export function applyWebhook(host: WebhookHost, hook: Webhook): void {
  const { calls, memory, emit } = host;
  switch (hook.event) {
    case 'AgentRingNoAnswer': {
      // The agent let it ring: the call was never answered, whatever was assumed (§4.5).
      const inbound = calls.live().filter((c) => c.direction === 'inbound');
      const call = hook.callerIdNum
        ? calls.find({ number: hook.callerIdNum }, 'inbound')
        : inbound.length === 1
          ? inbound[0]
          : undefined;
      if (call) {
        delete call.answeredAt;
        host.end(call, false);
        return;
      }
      const from = hook.callerIdNum ? ` from ${hook.callerIdNum}` : '';
      emit({ type: 'notice', level: 'info', message: `You did not answer a call${from}` });
      return;
    }
    case 'AgentLog':
      emit({ type: 'agent', agent: calls.agent(hook.isLogin ? 'ready' : 'loggedOut') });
      return;
    case 'AgentBreak':
      if (hook.isBreak) {
        const motive = hook.motive || 'Break';
        memory.motive = motive;
        emit({ type: 'agent', agent: calls.agent('notReady', motive) });
      } else {
        emit({ type: 'agent', agent: calls.agent('ready') });
      }
      return;
    case 'FinishInteraction': {
      // The portal may have reported this end already (§4.4 items 1–2): end it once.
      if (calls.wasEnded(hook.guid)) return;
      let call = calls.find({ guid: hook.guid });
      if (!call) {
        // The Window Proxy API gives no GUID: the one live call without one is this call.
        const unnamed = calls.live().filter((c) => !c.guid);
        if (unnamed.length === 1 && calls.live().length === 1) call = unnamed[0];
      }
      if (!call) {
        host.log.debug('FinishInteraction for a call not shown', { guid: hook.guid });
        return;
      }
      call.guid = hook.guid;
      host.end(call, true);
      return;
    }
    case 'InteractionDisposition':
      // Wrap-up lasts until the disposition (§4.5); a break the agent started stays.
      if (memory.agent.status === 'wrapUp') emit({ type: 'agent', agent: calls.agent('ready') });
      return;
  }
}

/**
 * What the relay's welcome means for this connection: a token for another agent is refused; at
 * sign-in what the relay buffered before is history (the sign-in sets the agent's state), while
 * a reconnect resumes after the last event handled (the checkpoint).
 */
export function welcomeOutcome(
  frame: Welcome,
  agent: string,
  firstConnect: boolean,
  cursor: number,
): { cursor: number; refused?: CtiError } {
  // The token's identity (relay/protocol.ts TokenClaims.sub) must be this agent's.
  const expected = `ucontact:${agent}`;
  if (frame.agent !== expected) {
    const message = `Your relay token is for ${frame.agent}, not for ${expected}: ask your admin`;
    return { cursor, refused: new CtiError('config', message) };
  }
  return { cursor: firstConnect ? Math.max(cursor, frame.seq) : cursor };
}

export interface RelayFrameHost {
  /** The last relay seq handled (relay/protocol.ts `after`). */
  cursor: number;
  firstConnect: boolean;
  agent: string;
  emit(event: CtiEvent): void;
  apply(hook: Webhook): void;
}

/** Handles one relay frame; returns the new cursor. */
export function handleRelayFrame(frame: LiveFrame, host: RelayFrameHost): number {
  let cursor = host.cursor;
  switch (frame.type) {
    case 'gap':
      // At sign-in the backlog is skipped anyway (onWelcome): a gap inside it loses nothing.
      if (host.firstConnect && frame.to <= cursor) return cursor;
      // relay/protocol.ts: after a gap the cursor becomes gap.to (a restarted relay: 0).
      cursor = frame.to;
      host.emit({
        type: 'notice',
        level: 'warning',
        message:
          'Some uContact events were lost while Switchboard was disconnected: the agent state shown may be out of date',
      });
      break;
    case 'event': {
      if (frame.seq <= cursor) return cursor; // Already handled (a replay after a reconnect).
      cursor = frame.seq;
      if (frame.source !== 'ucontact') {
        host.emit({ type: 'protocolError', message: `The relay sent a ${frame.source} event` });
        break;
      }
      const parsed = parseWebhook(frame.payload);
      if (!parsed.ok) {
        host.emit({
          type: 'protocolError',
          message: parsed.message,
          frame: preview(frame.payload),
        });
        break;
      }
      if (parsed.value.agent && parsed.value.agent !== host.agent) {
        host.emit({
          type: 'protocolError',
          message: `The relay sent a uContact event for agent ${parsed.value.agent}`,
        });
        break;
      }
      host.apply(parsed.value);
      break;
    }
    case 'pong':
      break;
  }
  return cursor;
}

function preview(payload: unknown): string {
  try {
    return frameOf(JSON.stringify(payload) ?? String(payload));
  } catch {
    return '(unserializable)';
  }
}
