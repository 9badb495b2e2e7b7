/**
 * Text the panel shows, computed from the model. Pure functions so that views stay pure and the
 * wording is tested in one place; the words come from locales/*.yml (utils/i18n/).
 */
import type { AgentState, Call, CallState, Connection, RemoteParty } from '../cti/model';
import { formatNumber } from '../i18n/format';
import { t } from '../i18n/runtime';
import { formatForCountry } from '../phone/format';
import type { PanelState } from '../messaging';

export { formatClock, formatDuration } from '../i18n/format';

export const secondsUntil = (at: number, now: number): number =>
  Math.max(0, Math.ceil((at - now) / 1000));

/** The connection in plain words; the technical detail is ConnectionStatus's disclosure. */
export function connectionText(connection: Connection): string {
  switch (connection.status) {
    case 'idle':
      return t('status.signedOut');
    case 'connecting':
      return t('status.connecting');
    case 'connected':
      return t('status.connected');
    case 'reconnecting':
      return t('status.reconnecting', { attempt: formatNumber(connection.attempt) });
    case 'failed':
      return t('status.failed', { reason: connection.reason });
  }
}

export function agentStateText(agent: AgentState): string {
  switch (agent.status) {
    case 'ready':
      return t('status.ready');
    case 'notReady':
      return agent.reason
        ? t('status.notReadyReason', { reason: agent.reason })
        : t('status.notReady');
    case 'wrapUp':
      return t('status.wrapUp');
    case 'loggedOut':
      return t('status.loggedOut');
  }
}

const CALL_STATE_TEXT = {
  ringing: 'status.ringing',
  dialing: 'status.dialing',
  // Not "Connected": that word is the connection's state, shown on the same screen.
  connected: 'status.inCall',
  held: 'status.onHold',
  transferring: 'status.transferring',
  ended: 'status.ended',
} as const satisfies Record<CallState, string>;

export function callStateText(call: Pick<Call, 'state' | 'transferTarget'>): string {
  if (call.state === 'transferring' && call.transferTarget) {
    return t('status.transferringTo', { target: call.transferTarget });
  }
  return t(CALL_STATE_TEXT[call.state]);
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
  return remote.raw || t('status.unknownNumber');
}

/** A call ringing for the agent: the one to answer or decline. */
export const isIncomingRinging = (call: Pick<Call, 'direction' | 'state'>): boolean =>
  call.direction === 'inbound' && call.state === 'ringing';

export const directionText = (direction: Call['direction']): string =>
  direction === 'inbound' ? t('status.inbound') : t('status.outbound');

/** When the call's clock starts: talking time once answered, ringing time before. */
export const callClockStart = (call: Pick<Call, 'answeredAt' | 'startedAt'>): number =>
  call.answeredAt ?? call.startedAt;

/** How calls reach the panel: pushed by the vendor, or polled (and how often). */
export function transportText(transport: NonNullable<PanelState['transport']>): string {
  if (transport.mode === 'events') return t('status.liveEvents');
  if (transport.intervalMs === undefined) return t('status.polling');
  const seconds = formatNumber(transport.intervalMs / 1000, { maximumFractionDigits: 1 });
  return t('status.pollingEvery', { seconds });
}
