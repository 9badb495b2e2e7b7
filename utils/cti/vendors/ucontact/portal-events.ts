/**
 * Which postMessage frames of the uContact agent portal are events (vendors/README.md §4.4), by
 * name only. Kept apart from wire.ts and free of zod: the content script, which runs in every
 * page, forwards what passes this check, and the background parses it with the wire schema.
 */

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

/** The portal's frames may carry anything else too: only these are forwarded (§4.4). */
export function looksLikePortalEvent(data: unknown): data is Record<string, unknown> {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return false;
  const { action, event } = data as { action?: unknown; event?: unknown };
  return (
    (WINDOW_PROXY_ACTIONS as readonly unknown[]).includes(action) ||
    (EVENTS_API_EVENTS as readonly unknown[]).includes(event)
  );
}
