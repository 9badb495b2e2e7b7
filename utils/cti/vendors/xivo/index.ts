/**
 * XiVO CC "xuc" (vendors/README.md §1): REST login + WebSocket JSON.
 */
import { defineVendor } from '../../vendor';
import { PASSWORD_FIELD, USERNAME_FIELD } from '../shared/sign-in';
import { XIVO_CAPABILITIES, XivoAdapter } from './adapter';
import { serverBase } from './auth';
import { xivoConnection } from './settings';

export const xivo = defineVendor({
  id: 'xivo',
  label: 'XiVO',
  signInFields: [
    USERNAME_FIELD,
    PASSWORD_FIELD,
    // Identity comes from the token (§1.2); the phone number is where the agent gets logged in.
    { key: 'phoneNumber', label: 'Phone number', type: 'tel', required: true },
  ],
  connection: xivoConnection,
  capabilities: XIVO_CAPABILITIES,
  create(settings) {
    const connection = settings.connection.xivo;
    // Throws CtiError('config') for an empty or unusable address before anything connects.
    serverBase(connection.server);
    return new XivoAdapter({ ...connection, defaultCountry: settings.clickToDial.defaultCountry });
  },
});
