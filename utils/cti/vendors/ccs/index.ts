/**
 * Windstream Enterprise Contact Center Services (vendors/README.md §5): REST JSON + WebSocket,
 * with polling when the socket brings no call events.
 */
import { defineVendor } from '../../vendor';
import { CcsAdapter } from './adapter';
import { CCS_CAPABILITIES } from './capabilities';
import { configFromSettings, domainBase } from './config';
import { ccsConnection } from './settings';

export const ccs = defineVendor({
  id: 'ccs',
  label: 'Windstream CCS',
  // An API token, or extension + PIN (§5.3): neither pair is required on its own, so every field
  // is optional here and the adapter says what is missing. The extension comes first because
  // the panel shows the first field as who is signed in, and a token must never be shown.
  signInFields: [
    {
      key: 'extension',
      label: 'Extension',
      type: 'text',
      required: false,
      autocomplete: 'username',
    },
    {
      key: 'pin',
      label: 'PIN',
      type: 'password',
      required: false,
      autocomplete: 'current-password',
    },
    { key: 'token', label: 'API token', type: 'password', required: false, autocomplete: 'off' },
  ],
  connection: ccsConnection,
  capabilities: CCS_CAPABILITIES,
  create(settings) {
    const config = configFromSettings(settings);
    // Throws CtiError('config') for an empty or unusable domain before anything connects.
    domainBase(config.domain);
    return new CcsAdapter(config);
  },
});
