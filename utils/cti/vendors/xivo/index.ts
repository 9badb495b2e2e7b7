/**
 * XiVO CC "xuc" (vendors/README.md §1): REST login + WebSocket JSON.
 */
import { defineVendor } from '../../vendor';
import { XIVO_CAPABILITIES, XivoAdapter } from './adapter';
import { serverBase } from './auth';
import { xivoConnection } from './settings';

export const xivo = defineVendor({
  id: 'xivo',
  label: 'XiVO',
  signInFields: [
    { key: 'username', label: 'Username', type: 'text', required: true, autocomplete: 'username' },
    {
      key: 'password',
      label: 'Password',
      type: 'password',
      required: true,
      autocomplete: 'current-password',
    },
    // Identity comes from the token (§1.2); the phone number is where the agent gets logged in.
    { key: 'phoneNumber', label: 'Phone number', type: 'tel', required: true },
  ],
  connection: xivoConnection,
  capabilities: XIVO_CAPABILITIES,
  create(settings) {
    const { server, dialFormat, dialPrefix } = settings.connection.xivo;
    // Throws CtiError('config') for an empty or unusable address before anything connects.
    serverBase(server);
    return new XivoAdapter({
      server,
      dialFormat,
      dialPrefix,
      defaultCountry: settings.clickToDial.defaultCountry,
    });
  },
});
