/**
 * MaxContact Telephony Data Services, "agent remote control" (vendors/README.md §3): token
 * service + REST GETs with a `TokenKey` cookie, calls seen by polling `getcalls`.
 */
import { defineVendor } from '../../vendor';
import { MAXCONTACT_CAPABILITIES, MaxContactAdapter } from './adapter';
import { baseUrlOf } from './http';
import { maxcontactConnection } from './settings';

export const maxcontact = defineVendor({
  id: 'maxcontact',
  label: 'MaxContact',
  signInFields: [
    { key: 'username', label: 'Username', type: 'text', required: true, autocomplete: 'username' },
    {
      key: 'password',
      label: 'Password',
      type: 'password',
      required: true,
      autocomplete: 'current-password',
    },
  ],
  connection: maxcontactConnection,
  capabilities: MAXCONTACT_CAPABILITIES,
  create(settings) {
    const c = settings.connection.maxcontact;
    // Throws CtiError('config') for an empty or unusable address before anything connects.
    baseUrlOf(c.baseUrl);
    return new MaxContactAdapter({
      baseUrl: c.baseUrl,
      userId: c.userId,
      dialFormat: c.dialFormat,
      transferResultCode: c.transferResultCode,
      pollIntervalMs: c.pollIntervalMs,
      idlePollIntervalMs: c.idlePollIntervalMs,
      defaultCountry: settings.clickToDial.defaultCountry,
    });
  },
});
