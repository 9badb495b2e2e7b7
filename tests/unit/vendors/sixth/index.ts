/**
 * A sixth vendor that is never shipped: it exists to prove that a new vendor is its own folder
 * and one registry line (docs/architecture.md). Everything the extension derives from a vendor
 * (settings, managed schema, options page, sign-in form, content config, page events, session)
 * takes it from this descriptor alone; tests/unit/vendors/sixth.test.ts adds it to the registry's
 * list and checks each.
 */
import { z } from 'zod';
import { defineConnection, defineVendor } from '../../../../utils/cti/vendor';
import { httpOriginOf } from '../../../../utils/lib/origin';
import { SixthAdapter, SIXTH_CAPABILITIES } from './adapter';

export const SixthConnection = z.object({
  server: z.string().trim().default(''),
  region: z.enum(['eu', 'us']).default('eu'),
  portalOrigin: z.string().trim().default(''),
});

export const sixth = defineVendor({
  id: 'sixth',
  label: 'Sixth Telecom',
  capabilities: SIXTH_CAPABILITIES,
  signInFields: [
    { key: 'agentId', label: 'Agent ID', type: 'text', required: true },
    { key: 'secret', label: 'Secret', type: 'password', required: true },
  ],
  connection: defineConnection({
    schema: SixthConnection,
    policy: 'Sixth Telecom connection.',
    fields: {
      server: {
        label: 'Sixth server',
        hint: 'Where Sixth Telecom runs.',
        policy: 'Base URL of the Sixth Telecom server.',
        signIn: { placeholder: 'https://sixth.example.com' },
        inputMode: 'url',
      },
      region: {
        label: 'Region',
        policy: 'Sixth Telecom region: eu or us.',
        options: { eu: 'Europe', us: 'United States' },
      },
      portalOrigin: { label: 'Sixth portal', policy: 'Origin of the Sixth agent portal.' },
    },
  }),
  pageEvents: {
    source: 'portal',
    origin: (connection) => httpOriginOf(connection.portalOrigin),
    events: [{ key: 'sixthEvent', values: ['ringing'] }],
  },
  create(settings) {
    return new SixthAdapter(settings.connection.sixth, settings.clickToDial.defaultCountry);
  },
});
