/**
 * Anywhere365's connection settings (`connection.anywhere365`, vendors/README.md §2), with their
 * labels and their policy descriptions. No secrets here: the relay token and the optional broker
 * Authorization header are typed at sign-in.
 */
import { z } from 'zod';
import { defineConnection } from '../../vendor';
import * as shared from '../shared/settings';

const Anywhere365Connection = z.object({
  /** Base URL of the CTI Broker, e.g. https://broker.example.com (`/api/command` lives under it). */
  brokerUrl: shared.httpUrl.default(''),
  /** Base URL of the Switchboard relay, e.g. https://relay.example.com (wss:// also accepted). */
  relayUrl: shared.relayUrl,
  /** The agent's SIP address; empty: the identity the relay token was issued for. */
  imAddress: z
    .string()
    .trim()
    .max(320)
    .refine(
      (s) => s === '' || /^(sip:)?[^\s@]+@[^\s@]+$/i.test(s),
      'A SIP address such as sip:alice@example.com',
    )
    .default(''),
  /**
   * The relay's webhook URL for Anywhere365, which the extension subscribes at the broker on
   * every connect. Empty: the admin subscribes the broker to the relay, the extension does not.
   */
  callbackUrl: shared.httpUrl.default(''),
  // §2.5 [UNKNOWN]: the subscribe body's field names; the defaults are the README's assumption.
  subscribeImAddressKey: z.string().trim().min(1).max(100).default('ImAddress'),
  subscribeCallbackKey: z.string().trim().min(1).max(100).default('CallbackUrl'),
  /**
   * Assumed: how another agent's events on the agent's call read (calls.ts `otherAgent`). The
   * page documents only a Retrieve by another agent (the transfer went through), which always
   * ends the call.
   */
  inferTransfers: z.boolean().default(true),
});

export const anywhere365Connection = defineConnection({
  schema: Anywhere365Connection,
  policy:
    'Anywhere365 CTI Broker connection. Commands go to the broker; call events reach the agent through the Switchboard relay, which receives the broker’s webhooks.',
  fields: {
    brokerUrl: {
      label: 'CTI Broker',
      hint: 'Base URL of the Anywhere365 CTI Broker, e.g. https://broker.example.com',
      policy:
        'Base URL of the Anywhere365 CTI Broker REST API (the part before /api/command), e.g. https://broker.example.com. The broker must allow CORS from the extension.',
      signIn: { placeholder: 'https://broker.example.com' },
      inputMode: 'url',
    },
    relayUrl: shared.relayUrlText(
      'Base URL of the Switchboard relay the agent’s browser connects to, e.g. https://relay.example.com (wss:// also accepted).',
    ),
    imAddress: {
      label: 'SIP address',
      hint: 'e.g. sip:alice@example.com; empty: the identity of your relay token.',
      policy:
        'The agent’s SIP address (ImAddress), e.g. sip:alice@example.com. Leave empty to use the identity the agent’s relay token was issued for; when set it must match that identity.',
    },
    callbackUrl: {
      label: 'Relay webhook URL',
      hint: 'Subscribed at the broker on every connect; empty if your admin subscribes the relay.',
      policy:
        'The relay’s webhook URL for Anywhere365 (as the relay prints it). When set, Switchboard subscribes the agent at the broker with it on every connect; leave empty if you subscribe the broker to the relay yourself.',
      inputMode: 'url',
    },
    subscribeImAddressKey: {
      label: 'Subscribe: SIP address field',
      policy:
        'Field name of the agent’s SIP address in the POST /api/subscribe body (default ImAddress; the broker’s documentation does not name it).',
    },
    subscribeCallbackKey: {
      label: 'Subscribe: callback URL field',
      policy:
        'Field name of the callback URL in the POST /api/subscribe body (default CallbackUrl; the broker’s documentation does not name it).',
    },
    inferTransfers: {
      label: 'Read other agents’ events on a call',
      hint: 'On: a call you hold or that rings ends when another agent connects it, and shows “Transferring to” while another agent is offered it.',
      policy:
        'How the events of other agents on an agent’s call are read (the relay sends every agent of a call its events). The broker’s documentation describes only a Retrieve by another agent, which always ends the call (the transfer went through). On (default): a Connected for another agent ends a call the agent holds or that rings (taken elsewhere); a Hunting for another agent while the agent holds shows the call as transferring to them, and their Disconnected puts it back on hold. Off: other agents’ events other than Retrieve change nothing.',
    },
  },
});
