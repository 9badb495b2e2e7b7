/**
 * uContact Integra (vendors/README.md §4): form-POST REST commands, call events from the agent
 * portal's postMessage API through the portal bridge content script and, optionally, uContact's
 * webhooks through the Switchboard relay.
 */
import { httpOriginOf } from '../../../lib/origin';
import { defineVendor } from '../../vendor';
import { PASSWORD_FIELD } from '../shared/sign-in';
import { UCONTACT_CAPABILITIES, UcontactAdapter } from './adapter';
import { baseUrlOf } from './http';
import { PORTAL_EVENTS } from './portal-events';
import { ucontactConnection } from './settings';

export const ucontact = defineVendor({
  id: 'ucontact',
  label: 'uContact',
  // Agent + password (AgentLogin) or, with `authScheme: bearer`, an API token (§4.2).
  signInFields: [
    { key: 'agent', label: 'Agent', type: 'text', required: true, autocomplete: 'username' },
    // Required unless an API token is used (authScheme bearer): the adapter says which is missing.
    { ...PASSWORD_FIELD, required: false },
    { key: 'token', label: 'API token', type: 'password', required: false },
    // Only with a relay URL setting: issued by the admin for `ucontact:<agent>` (docs/vendors.md).
    { key: 'relayToken', label: 'Relay token', type: 'password', required: false },
  ],
  connection: ucontactConnection,
  // The agent portal's softphone frame posts call events (§4.4): the Window Proxy API's
  // `{action, params}` and the newer Events API's `{event, data}`.
  pageEvents: {
    source: 'portal',
    origin: (connection) => httpOriginOf(connection.portalOrigin),
    events: PORTAL_EVENTS,
  },
  capabilities: UCONTACT_CAPABILITIES,
  create(settings) {
    const connection = settings.connection.ucontact;
    // Throws CtiError('config') for an empty or unusable address before anything connects.
    baseUrlOf(connection.baseUrl);
    return new UcontactAdapter({
      ...connection,
      defaultCountry: settings.clickToDial.defaultCountry,
      resultCodes: settings.dispositions.codes.map(({ code, label }) => ({ code, label })),
    });
  },
});
