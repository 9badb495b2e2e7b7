/**
 * Text the panel shows, computed from the model. Pure functions so that views stay pure and the
 * wording is tested in one place.
 */
import type { AgentState, Call, CallState, Connection, RemoteParty } from '../cti/model';
import { formatForCountry } from '../phone/format';
import type { PanelState } from '../messaging';

const pad = (n: number) => String(n).padStart(2, '0');

export { formatClock } from '../lib/clock';

/** "0:07", "12:34", "1:02:03". Negative spans (clock skew) show as 0:00. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

export const secondsUntil = (at: number, now: number): number =>
  Math.max(0, Math.ceil((at - now) / 1000));

export function connectionText(connection: Connection, now: number): string {
  switch (connection.status) {
    case 'idle':
      return 'Signed out';
    case 'connecting':
      return 'Connecting…';
    case 'connected':
      return 'Connected';
    case 'reconnecting':
      return `Reconnecting in ${secondsUntil(connection.retryAt, now)} s (attempt ${connection.attempt})`;
    case 'failed':
      return `Connection failed: ${connection.reason}`;
  }
}

export function agentStateText(agent: AgentState): string {
  switch (agent.status) {
    case 'ready':
      return 'Ready';
    case 'notReady':
      return agent.reason ? `Not ready (${agent.reason})` : 'Not ready';
    case 'wrapUp':
      return 'Wrap-up';
    case 'loggedOut':
      return 'Logged out';
  }
}

const CALL_STATE_TEXT: Record<CallState, string> = {
  ringing: 'Ringing',
  dialing: 'Dialing',
  // Not "Connected": that word is the connection's state, shown on the same screen.
  connected: 'In call',
  held: 'On hold',
  transferring: 'Transferring',
  ended: 'Ended',
};

export function callStateText(call: Pick<Call, 'state' | 'transferTarget'>): string {
  if (call.state === 'transferring' && call.transferTarget) {
    return `Transferring to ${call.transferTarget}`;
  }
  return CALL_STATE_TEXT[call.state];
}

let homeCountry: string | undefined;

/**
 * The agent's country for every number the panel shows (`PanelState.defaultCountry`): the panel
 * sets it from each snapshot before its views render (components/Panel.tsx), the way a page's
 * language is set once for all its words, so that no view has to pass it down.
 */
export function setHomeCountry(country: string | undefined): void {
  homeCountry = country;
}

/**
 * The number as the agent should read it when we know the E.164: national format for a number
 * of the agent's country, international format otherwise (formatForCountry).
 */
export function remoteNumber(remote: RemoteParty, country = homeCountry): string {
  if (remote.e164) return formatForCountry(remote.e164, country);
  return remote.raw || 'Unknown number';
}

export const directionText = (direction: Call['direction']): string =>
  direction === 'inbound' ? 'Incoming' : 'Outgoing';

/** When the call's clock starts: talking time once answered, ringing time before. */
export const callClockStart = (call: Pick<Call, 'answeredAt' | 'startedAt'>): number =>
  call.answeredAt ?? call.startedAt;

/** How calls reach the panel: pushed by the vendor, or polled (and how often). */
export function transportText(transport: NonNullable<PanelState['transport']>): string {
  if (transport.mode === 'events') return 'Live events';
  if (transport.intervalMs === undefined) return 'Polling';
  const seconds = transport.intervalMs / 1000;
  return `Polling every ${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}
