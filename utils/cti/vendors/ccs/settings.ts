/**
 * Windstream CCS's connection settings (`connection.ccs`, vendors/README.md §5), with their
 * labels and their policy descriptions.
 */
import { z } from 'zod';
import { defineConnection } from '../../vendor';
import * as shared from '../shared/settings';
import { ROUTE_FAMILIES } from './routes';

/** The requests that can hang up a queue call still ringing at the agent (api-pages §4.24, §4.27). */
export const WAITING_HANGUPS = ['wait_kill', 'kill'] as const;
export type WaitingHangup = (typeof WAITING_HANGUPS)[number];

const eventName = (fallback: string) => shared.text(100, fallback);
const eventNames = (fallback: string[]) =>
  z.array(z.string().trim().min(1).max(100)).max(20).default(fallback);

export const CcsConnection = z.object({
  /** Base URL of the tenant's CCS domain, e.g. https://ccs.example.com */
  domain: shared.httpUrl.default(''),
  tenantId: shared.text(100),
  /** The agent's extension uuid. */
  extensionId: shared.text(100),
  /** Outbound queue uuid that click-to-dial calls go out through. */
  outboundQueueId: shared.text(100),
  /** §5.4's dial example targets digits behind an outside-line digit ("819735552106"). */
  dialFormat: shared.dialFormat('digits'),
  dialPrefix: shared.dialPrefix,
  /** `sil_tenant_url` (e.g. /ccsl06), sent with the extension + PIN sign-in (§5.2, §5.3). */
  tenantUrl: shared.text(200),
  /**
   * Which route family the agent's token calls (routes.ts, api-pages §4.8, §4.16–§4.18): `self`,
   * an agent's own sign-in, by default.
   */
  apiRoutes: z.enum(ROUTE_FAMILIES).default('self'),
  /**
   * Assumed: `wait_kill` (api-pages §4.27) ends a call still waiting in a queue, which a queue
   * call ringing at the agent is; the page does not say.
   */
  waitingCallHangup: z.enum(WAITING_HANGUPS).default('wait_kill'),
  // The WebSocket event catalogue is not public (§5.5 [UNKNOWN]): the frame's type key, where
  // its payload sits and the event names are settings; the defaults are the §5.5/§9 assumption.
  // '' for a name means "this platform sends no such event".
  eventTypeKey: z.string().trim().min(1).max(100).default('action'),
  /** '' = the payload is the frame itself. */
  eventPayloadKey: eventName('response'),
  eventCallRinging: eventName('call_ringing'),
  eventCallDialing: eventName('call_dialing'),
  eventCallAnswered: eventName('call_answered'),
  eventCallEnded: eventName('call_ended'),
  eventAgentState: eventName('update_agent'),
  /** Inbound queue events (api-pages §3); the wallboard's `create_queue` / `update_queue` (§5.2). */
  eventQueueStats: eventNames(['create_queue', 'update_queue']),
  /** Requests sent after `connect` to ask for events (the /6/sock wallboard's `fetch_*`, §5.2). */
  eventSubscribe: eventNames(['fetch_agent_events', 'fetch_call_events', 'fetch_queue_events']),
});
export type CcsConnection = z.output<typeof CcsConnection>;

const eventText = (label: string, what: string, fallback: string) => ({
  label,
  policy: `CCS event name for ${what} (default ${fallback}); empty if the platform sends none.`,
});

export const ccsConnection = defineConnection({
  schema: CcsConnection,
  policy: 'Windstream Enterprise Contact Center Services (CCS) connection.',
  fields: {
    domain: shared.serverUrlText(
      'https://ccs.example.com',
      'Base URL of your CCS domain, e.g. https://ccs.example.com',
      'Base URL of the tenant’s CCS domain, e.g. https://ccs.example.com',
    ),
    tenantId: { label: 'Tenant ID', policy: 'CCS tenant id.', signIn: {} },
    extensionId: {
      label: 'Extension ID',
      hint: 'The agent’s extension uuid; looked up from the extension number when empty.',
      policy: 'The agent’s CCS extension uuid.',
      signIn: {},
    },
    outboundQueueId: {
      label: 'Outbound queue ID',
      hint: 'The outbound queue uuid that click-to-dial calls go out through.',
      policy: 'Outbound queue uuid that click-to-dial calls go out through.',
      signIn: {},
    },
    dialFormat: shared.dialFormatText(
      'How numbers are written in CCS dial and transfer requests: digits (33123456789, the default), e164 (+33123456789) or national (0123456789).',
    ),
    dialPrefix: shared.dialPrefixText('8 or 9'),
    tenantUrl: {
      label: 'Tenant URL',
      hint: 'Used by the extension-and-PIN sign-in only.',
      policy:
        'Silhouette tenant URL (sil_tenant_url, e.g. /ccsl06), sent when an agent signs in with extension and PIN instead of an API token. Leave empty if not needed.',
    },
    apiRoutes: {
      label: 'API routes',
      hint: 'Which CCS routes your sign-in may call: your own (the usual), a tenant admin’s or a telco user’s.',
      policy:
        'Which CCS API route family Switchboard calls (default self): self, the routes of an agent’s own sign-in (POST /agent_state, GET /extensions, GET /acds); tenantAdmin, the tenant admin’s (POST /extensions/<uuid>); telco, the telco user’s (/tenants/<tid>/extensions…, /tenants/<tid>/acds).',
      options: { self: 'Own (agent)', tenantAdmin: 'Tenant admin', telco: 'Telco user' },
    },
    waitingCallHangup: {
      label: 'Hang up a waiting call with',
      hint: 'The request that ends a queue call still ringing: wait_kill (the default) or kill.',
      policy:
        'The CCS request Switchboard sends to hang up a queue call that still rings at the agent (default wait_kill, the API page’s request for waiting calls; kill as for connected calls).',
      options: { wait_kill: 'wait_kill (end the waiting call)', kill: 'kill' },
    },
    eventTypeKey: {
      label: 'Event type key',
      hint: 'The field of a WebSocket frame that names its event.',
      policy:
        'Key of a CCS WebSocket frame that names the event (default action). The CCS event catalogue is not public: set these event settings to the names in your CCS event sheet.',
    },
    eventPayloadKey: {
      label: 'Event payload key',
      hint: 'The field that holds the event’s data; empty when the frame itself is the data.',
      policy:
        'Key of a CCS WebSocket frame that holds the event data, an object or a list (default response); empty when the data sits in the frame itself.',
    },
    eventCallRinging: eventText(
      'Ringing event name',
      'a call ringing at the agent',
      'call_ringing',
    ),
    eventCallDialing: eventText(
      'Dialing event name',
      'an outgoing call being placed',
      'call_dialing',
    ),
    eventCallAnswered: eventText('Answered event name', 'a call answered', 'call_answered'),
    eventCallEnded: eventText('Ended event name', 'a call ended', 'call_ended'),
    eventAgentState: eventText(
      'Agent state event name',
      'an agent presence change',
      'update_agent',
    ),
    eventQueueStats: {
      label: 'Queue event names',
      hint: 'Events that carry the figures of the queues, one per line; empty if none.',
      policy:
        'CCS event names that carry inbound queue figures (calls waiting, longest wait, agents available), default create_queue and update_queue; empty if the platform sends none.',
    },
    eventSubscribe: {
      label: 'Event subscriptions',
      hint: 'Requests sent after connecting to ask for events, one per line.',
      policy:
        'Requests sent on the CCS WebSocket after connect to ask for events (default fetch_agent_events, fetch_call_events and fetch_queue_events). Without call events Switchboard polls the calls list instead.',
    },
  },
});
