/**
 * Example values of the policy keys whose default says nothing useful (an empty string, an empty
 * list, unset), for the admin guide's reference and the policy templates (scripts/admin/model.ts
 * derives the others from the schema: another enum value, the other boolean, the default number).
 * A key without an example stops the generator, and tests/unit/admin-kit.test.ts checks every
 * example against the settings schema and managed_schema.json.
 */
import type { Json } from './model';

export const EXAMPLES: Readonly<Record<string, Json>> = {
  'connection.xivo.server': 'https://xuc.example.com:8090',
  'connection.xivo.dialPrefix': '0',
  'connection.xivo.historyTimeZone': 'Europe/Paris',

  'connection.ccs.domain': 'https://ccs.example.com',
  'connection.ccs.tenantId': 'acme',
  'connection.ccs.extensionId': '3f0e9a52-1c6b-4d8e-9a57-0b2c4d6e8f10',
  'connection.ccs.outboundQueueId': '7b1d2c3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
  'connection.ccs.dialPrefix': '9',
  'connection.ccs.tenantUrl': '/ccsl06',
  'connection.ccs.eventQueueStats': ['create_queue', 'update_queue'],
  'connection.ccs.eventSubscribe': [
    'fetch_agent_events',
    'fetch_call_events',
    'fetch_queue_events',
  ],

  'connection.maxcontact.baseUrl': 'https://acme.maxcontact.com',
  'connection.maxcontact.userId': '1042',
  'connection.maxcontact.transferResultCode': 'Transferred',
  'connection.maxcontact.completeTransferPath': 'completetransfer/user/{user}/call/{call}',

  'connection.ucontact.baseUrl': 'https://acme.ucontactcloud.com',
  'connection.ucontact.portalOrigin': 'https://acme.ucontactcloud.com',
  'connection.ucontact.agent': 'alice',
  'connection.ucontact.extension': '1001',
  'connection.ucontact.campaign': 'Sales->',
  'connection.ucontact.callerId': '+15551230000',
  'connection.ucontact.relayUrl': 'https://relay.example.com',
  'connection.ucontact.queues': 'Support<-, Sales->',

  'connection.anywhere365.brokerUrl': 'https://broker.example.com',
  'connection.anywhere365.relayUrl': 'https://relay.example.com',
  'connection.anywhere365.imAddress': 'sip:alice@example.com',
  'connection.anywhere365.callbackUrl':
    'https://relay.example.com/hooks/hook_secret_0123456789/anywhere365',

  'clickToDial.defaultCountry': 'FR',
  'clickToDial.sites.patterns': ['https://*.my.salesforce.com/*', 'crm.example.com'],
  'clickToDial.blockedPrefixes': ['+1900', '+44871'],
  'screenPop.rules': [
    {
      id: 'salesforce',
      trigger: 'ringing',
      direction: 'inbound',
      url: 'https://example.my.salesforce.com/_ui/search/ui/UnifiedSearchResults?str={e164}',
      target: 'reuseTab',
    },
  ],
  'screenPop.allowedOrigins': ['https://acme.my.salesforce.com'],
  'dispositions.codes': [
    { code: 'sale', label: 'Sale' },
    { code: 'no-sale', label: 'No sale' },
  ],
  'agent.pauseReasons': [
    { code: 'lunch', label: 'Lunch' },
    { code: 'training', label: 'Training' },
  ],
  'directory.speedDial': [{ name: 'Service desk', number: '+33123456789', detail: 'Paris' }],
};

/**
 * The deployment the templates carry (.reg, .mobileconfig, Linux and Firefox JSON): a XiVO
 * roll-out with click-to-dial limited to the CRM, a screen-pop and wrap-up codes. Admins edit it.
 */
export const DEPLOYMENT = {
  vendor: 'xivo',
  connection: {
    xivo: { server: 'https://xuc.example.com:8090', dialFormat: 'national', dialPrefix: '0' },
  },
  clickToDial: {
    defaultCountry: 'FR',
    sites: { mode: 'allow', patterns: ['https://*.my.salesforce.com/*', 'crm.example.com'] },
    blockedPrefixes: ['+3389'],
  },
  screenPop: {
    rules: [
      {
        id: 'salesforce',
        trigger: 'ringing',
        direction: 'inbound',
        url: 'https://example.my.salesforce.com/_ui/search/ui/UnifiedSearchResults?str={e164}',
        target: 'reuseTab',
      },
    ],
  },
  dispositions: {
    required: true,
    codes: [
      { code: 'sale', label: 'Sale' },
      { code: 'no-sale', label: 'No sale' },
    ],
  },
  agent: { pauseReasons: [{ code: 'lunch', label: 'Lunch' }] },
  ui: { ringVolume: 50 },
} satisfies Record<string, Json>;
