/**
 * uContact's connection settings (`connection.ucontact`, vendors/README.md §4), with their labels
 * and their policy descriptions.
 */
import { z } from 'zod';
import { defineConnection } from '../../vendor';
import * as shared from '../shared/settings';

const UcontactConnection = z.object({
  /** Base URL of the uContact instance, e.g. https://acme.ucontactcloud.com (§4.1). */
  baseUrl: shared.httpUrl.default(''),
  /** Origin of the agent portal whose softphone frame posts call events (§4.4). */
  portalOrigin: shared.httpUrl.default(''),
  /** Agent name for commands; empty: the agent typed at sign-in. */
  agent: shared.text(100),
  /** The agent's SIP extension (interface `SIP/<ext>`); empty: AgentLogin's `callerid`. */
  extension: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z_-]*$/, 'Letters, digits, - and _ only')
    .max(40)
    .default(''),
  /** Outbound campaign that AgentCall counts click-to-dial calls under (`outqueue`, §4.3). */
  campaign: shared.text(200),
  /** The agent's dial-plan context for AgentCall (§4.3). */
  context: shared.text(100, 'from-internal'),
  /** Caller id AgentCall presents; empty: the platform's default. */
  callerId: shared.text(40),
  /** `basic`: agent + password (AgentLogin's md5secret); `bearer`: a portal API token (§4.2). */
  authScheme: z.enum(['basic', 'bearer']).default('basic'),
  dialFormat: shared.dialFormat('digits'),
  /** No "answered" event exists (§4.5 [INFERRED]): a ringing call counts as connected after this. */
  assumeConnectedMs: z.number().int().min(0).max(60_000).default(3000),
  /**
   * Base URL of the Switchboard relay that receives uContact's webhooks (§4.4 item 3), e.g.
   * https://relay.example.com (wss:// also accepted); empty: portal events only. The relay
   * token (issued for `ucontact:<agent>`) is typed at sign-in.
   */
  relayUrl: shared.relayUrl,
  /**
   * The campaigns listed under Queues, comma-separated with their suffix ("Support<-, Sales->");
   * empty: every queue `Supervisor/queuesummary` reports.
   */
  queues: shared.text(2000),
  /**
   * Assumed: the portal event parameter that carries the caller's name. Neither portal API
   * documents one (vendors/README.md §4.4); empty: no name is read.
   */
  callerNameParam: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.-]*$/, 'Letters, digits, _ . and - only')
    .max(60)
    .default('name'),
  /** The dialer `data` key a scheduled call's note goes under; empty: the note is not sent. */
  callbackNoteParam: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.-]*$/, 'Letters, digits, _ . and - only')
    .max(60)
    .default('note'),
  /** Assumed: TagRecord's `phone` ("Destination phone") is the customer's number. */
  tagRecordPhone: z.enum(['customer', 'agent']).default('customer'),
});

export const ucontactConnection = defineConnection({
  schema: UcontactConnection,
  policy: 'uContact (Integra) connection.',
  fields: {
    baseUrl: shared.serverUrlText(
      'https://acme.ucontactcloud.com',
      'Base URL of your uContact instance, e.g. https://acme.ucontactcloud.com',
      'Base URL of the uContact instance whose /Integra/resources API Switchboard calls, e.g. https://acme.ucontactcloud.com',
    ),
    portalOrigin: {
      label: 'Agent portal',
      hint: 'Origin of the uContact agent portal, e.g. https://acme.ucontactcloud.com',
      policy:
        'Origin of the uContact agent portal (scheme, host and port only), e.g. https://acme.ucontactcloud.com. Only pages on this origin may report call events.',
      signIn: { placeholder: 'https://acme.ucontactcloud.com' },
      inputMode: 'url',
    },
    agent: {
      label: 'Agent name',
      hint: 'Empty: the agent typed at sign-in.',
      policy:
        'The agent name uContact commands use; leave empty to use the agent typed at sign-in.',
    },
    extension: {
      label: 'Extension',
      hint: 'The agent’s SIP extension; empty: the one uContact reports.',
      policy:
        'The agent’s SIP extension (interface SIP/<extension>); leave empty to use the one uContact returns at agent login. Required with API-token sign-in.',
    },
    campaign: {
      label: 'Outbound campaign',
      hint: 'Campaign that click-to-dial calls go out under.',
      policy:
        'Outbound campaign that click-to-dial calls (AgentCall outqueue) and dispositions are filed under.',
      signIn: {},
    },
    context: {
      label: 'Dial context',
      hint: 'The agent’s dial-plan context in uContact.',
      policy: 'The agent’s dial-plan context for AgentCall (default from-internal).',
    },
    callerId: {
      label: 'Caller ID',
      hint: 'Number outbound calls present; empty: the platform’s.',
      policy:
        'Caller id AgentCall presents on outbound calls; leave empty for the platform’s default.',
    },
    authScheme: {
      label: 'Sign-in method',
      policy:
        'How agents sign in: basic (agent and password, via AgentLogin) or bearer (a uContact API token).',
      options: { basic: 'Agent and password', bearer: 'API token' },
    },
    dialFormat: shared.dialFormatText(
      'How numbers are written in AgentCall: e164 (+441632960123), national (01632960123) or digits (441632960123, default).',
    ),
    assumeConnectedMs: {
      label: 'Assume answered after (ms)',
      hint: 'uContact sends no answer event: a ringing call shows as connected after this.',
      policy:
        'uContact reports no answer event: a ringing call is shown as connected after this many milliseconds (0 to 60000, default 3000).',
    },
    relayUrl: shared.relayUrlText(
      'Base URL of the Switchboard relay that receives uContact’s webhook notifications, e.g. https://relay.example.com (wss:// also accepted). Leave empty to use the agent portal’s events only. Agents then sign in with a relay token issued for ucontact:<agent>.',
    ),
    queues: {
      label: 'Queues',
      hint: 'Campaigns to list, comma-separated with their suffix (Support<-, Sales->); empty: all.',
      policy:
        'The uContact campaigns listed in the agent’s Queues section with their live figures, comma-separated and written as uContact names them, suffix included (e.g. "Support<-, Sales->"). Leave empty to list every queue uContact’s queue summary reports.',
    },
    callerNameParam: {
      label: 'Caller name parameter',
      hint: 'The portal event field holding the caller’s name; empty: none.',
      policy:
        'The field of the agent portal’s call events (gettingCall params, assignedInteraction data) that holds the caller’s name (default name). uContact does not document one; leave empty to read no name.',
    },
    callbackNoteParam: {
      label: 'Call-back note parameter',
      hint: 'The dialer data key a scheduled call’s note is sent under; empty: not sent.',
      policy:
        'The key of the dialer data (Par=Value) under which the note of a call back the agent schedules is sent to ScheduleDialerCall (default note); leave empty to send no note.',
    },
    tagRecordPhone: {
      label: 'Tag recordings by',
      policy:
        'Which number TagRecord’s phone parameter names when the agent tags a call’s recording: customer (the customer’s number as uContact knows it, default) or agent (the agent’s extension).',
      options: { customer: 'Customer’s number', agent: 'Agent’s extension' },
    },
  },
});
