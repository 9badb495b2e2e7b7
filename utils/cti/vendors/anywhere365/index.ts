/**
 * Anywhere365 CTI Broker (vendors/README.md §2): REST commands to the broker, events as the
 * broker's webhooks through the Switchboard relay (relay/protocol.ts).
 */
import { defineVendor } from '../../vendor';
import { ANYWHERE365_CAPABILITIES, Anywhere365Adapter } from './adapter';
import { anywhere365Connection } from './settings';

export const anywhere365 = defineVendor({
  id: 'anywhere365',
  label: 'Anywhere365',
  signInFields: [
    // Issued by the admin with the relay's CLI; it names the agent's SIP address, so the agent
    // types no identity (relay/protocol.ts TokenClaims.sub).
    { key: 'relayToken', label: 'Relay token', type: 'password', required: true },
    // §2.3 [UNKNOWN] broker auth: a deployment secret, so typed at sign-in, never a setting.
    {
      key: 'brokerAuthorization',
      label: 'Broker authorization (if your admin gave you one)',
      type: 'password',
      required: false,
    },
  ],
  connection: anywhere365Connection,
  capabilities: ANYWHERE365_CAPABILITIES,
  create(settings) {
    const c = settings.connection.anywhere365;
    // The constructor throws CtiError('config') for unusable addresses before anything connects.
    return new Anywhere365Adapter({
      brokerUrl: c.brokerUrl,
      relayUrl: c.relayUrl,
      imAddress: c.imAddress,
      callbackUrl: c.callbackUrl,
      subscribeKeys: { imAddress: c.subscribeImAddressKey, callback: c.subscribeCallbackKey },
      inferTransfers: c.inferTransfers,
      defaultCountry: settings.clickToDial.defaultCountry,
    });
  },
});
