/**
 * MaxContact Telephony Data Services, "agent remote control" (vendors/README.md §3): token
 * service + REST GETs with a `TokenKey` cookie, calls seen by polling `getcalls`.
 */
import { defineVendor } from '../../vendor';
import { PASSWORD_FIELD, USERNAME_FIELD } from '../shared/sign-in';
import { MAXCONTACT_CAPABILITIES, MaxContactAdapter } from './adapter';
import { baseUrlOf } from './http';
import { maxcontactConnection } from './settings';

export const maxcontact = defineVendor({
  id: 'maxcontact',
  label: 'MaxContact',
  signInFields: [USERNAME_FIELD, PASSWORD_FIELD],
  connection: maxcontactConnection,
  capabilities: MAXCONTACT_CAPABILITIES,
  create(settings) {
    const connection = settings.connection.maxcontact;
    // Throws CtiError('config') for an empty or unusable address before anything connects.
    baseUrlOf(connection.baseUrl);
    return new MaxContactAdapter({
      ...connection,
      defaultCountry: settings.clickToDial.defaultCountry,
    });
  },
});
