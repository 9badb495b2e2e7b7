/**
 * Which postMessage frames of the uContact agent portal are events (vendors/README.md §4.4), by
 * name only: the descriptor publishes these rules to the content script, which runs in every page
 * and forwards what passes them; the background parses it with the wire schema.
 */
import { isPageEvent } from '../../vendor';

/** Window Proxy API (uPhone iframe): `{action, params}` (§4.4.1). */
export const WINDOW_PROXY_ACTIONS = [
  'gettingCall',
  'finishedCall',
  'sentDispositions',
  'agentLogin',
  'makeCall',
  'finishedSms',
] as const;

/** Events API (newer portal): `{event, data}` (§4.4.2). */
export const EVENTS_API_EVENTS = [
  'assignedInteraction',
  'finishedInteraction',
  'sentDisposition',
  'changedTheme',
  'changedLanguage',
] as const;

/** The portal's frames may carry anything else too: only these are events (§4.4). */
export const PORTAL_EVENTS = [
  { key: 'action', values: WINDOW_PROXY_ACTIONS },
  { key: 'event', values: EVENTS_API_EVENTS },
] as const;

export function looksLikePortalEvent(data: unknown): data is Record<string, unknown> {
  return isPageEvent(PORTAL_EVENTS, data);
}
