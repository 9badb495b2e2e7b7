/**
 * Human names for vendors and settings. The settings schema documents its keys in comments,
 * which do not exist at run time, so the options page's wording lives here.
 */
export { VENDOR_LABELS } from '../cti/model';

export interface SettingText {
  label: string;
  hint?: string;
}

/** Labels for `connection.<vendor>.<key>`, by key. Unknown keys fall back to `humanize`. */
export const CONNECTION_TEXT: Record<string, SettingText> = {
  server: { label: 'Server', hint: 'Base URL of the server, e.g. https://xuc.example.com:8090' },
  dialFormat: {
    label: 'Dial format',
    hint: 'How numbers are written when dialling: PBX dial plans differ.',
  },
  dialPrefix: {
    label: 'Outside-line prefix',
    hint: 'Prepended to every external number, such as 0 or 9.',
  },
  // Windstream CCS
  domain: { label: 'Server', hint: 'Base URL of your CCS domain, e.g. https://ccs.example.com' },
  tenantId: { label: 'Tenant ID' },
  extensionId: {
    label: 'Extension ID',
    hint: 'The agent’s extension uuid; looked up from the extension number when empty.',
  },
  outboundQueueId: {
    label: 'Outbound queue ID',
    hint: 'The outbound queue uuid that click-to-dial calls go out through.',
  },
  tenantUrl: { label: 'Tenant URL', hint: 'Used by the extension-and-PIN sign-in only.' },
  eventTypeKey: {
    label: 'Event type key',
    hint: 'The field of a WebSocket frame that names its event.',
  },
  eventPayloadKey: {
    label: 'Event payload key',
    hint: 'The field that holds the event’s data; empty when the frame itself is the data.',
  },
  eventCallRinging: { label: 'Ringing event name' },
  eventCallDialing: { label: 'Dialing event name' },
  eventCallAnswered: { label: 'Answered event name' },
  eventCallEnded: { label: 'Ended event name' },
  eventAgentState: { label: 'Agent state event name' },
  eventSubscribe: {
    label: 'Event subscriptions',
    hint: 'Requests sent after connecting to ask for events, one per line.',
  },
  // MaxContact
  baseUrl: {
    label: 'Server',
    hint: 'Base URL of your MaxContact instance, e.g. https://acme.maxcontact.com',
  },
  userId: {
    label: 'MaxContact user ID',
    hint: 'Numeric; needed when it differs from the sign-in login.',
  },
  pollIntervalMs: {
    label: 'Poll interval during calls (ms)',
    hint: 'How often calls are checked while one is live or the panel is open.',
  },
  idlePollIntervalMs: { label: 'Poll interval when idle (ms)' },
  transferResultCode: {
    label: 'Transfer result code',
    hint: 'Filed on both calls of a warm transfer; empty uses the platform’s first transfer code.',
  },
  // Anywhere365
  brokerUrl: {
    label: 'CTI Broker',
    hint: 'Base URL of the Anywhere365 CTI Broker, e.g. https://broker.example.com',
  },
  relayUrl: {
    label: 'Relay',
    hint: 'Base URL of the Switchboard relay, e.g. https://relay.example.com',
  },
  imAddress: {
    label: 'SIP address',
    hint: 'e.g. sip:alice@example.com; empty: the identity of your relay token.',
  },
  callbackUrl: {
    label: 'Relay webhook URL',
    hint: 'Subscribed at the broker on every connect; empty if your admin subscribes the relay.',
  },
  subscribeImAddressKey: { label: 'Subscribe: SIP address field' },
  subscribeCallbackKey: { label: 'Subscribe: callback URL field' },
  // uContact
  portalOrigin: {
    label: 'Agent portal',
    hint: 'Origin of the uContact agent portal, e.g. https://acme.ucontactcloud.com',
  },
  agent: { label: 'Agent name', hint: 'Empty: the agent typed at sign-in.' },
  extension: {
    label: 'Extension',
    hint: 'The agent’s SIP extension; empty: the one uContact reports.',
  },
  campaign: { label: 'Outbound campaign', hint: 'Campaign that click-to-dial calls go out under.' },
  context: { label: 'Dial context', hint: 'The agent’s dial-plan context in uContact.' },
  callerId: { label: 'Caller ID', hint: 'Number outbound calls present; empty: the platform’s.' },
  authScheme: { label: 'Sign-in method' },
  assumeConnectedMs: {
    label: 'Assume answered after (ms)',
    hint: 'uContact sends no answer event: a ringing call shows as connected after this.',
  },
};

/** Labels for `clickToDial.<key>`, by key. */
export const CLICK_TO_DIAL_TEXT = {
  enabled: { label: 'Make phone numbers on web pages clickable' },
  defaultCountry: {
    label: 'Default country',
    hint: 'Two-letter ISO code (US, FR, GB…) for numbers written without a country code.',
  },
  sitesMode: { label: 'Sites' },
  sitesPatterns: {
    label: 'Site patterns',
    hint: 'One per line: a host name (crm.example.com) or a match pattern (https://*.example.com/*).',
  },
  sitesToSkip: { label: 'Sites to skip' },
  confirmInternational: { label: 'Ask before calling a number in another country' },
  blockedPrefixes: {
    label: 'Blocked prefixes',
    hint: 'One E.164 prefix per line (+1900): numbers starting with it are never dialled.',
  },
  telLinks: {
    label: 'Call phone links (tel:, callto:, sip:) with Switchboard',
    hint: 'Otherwise such links open the computer’s default calling app.',
  },
} satisfies Record<string, SettingText>;

/** Labels for enum values anywhere in the settings. */
export const OPTION_TEXT: Record<string, string> = {
  e164: 'International (+33123456789)',
  basic: 'Agent and password',
  bearer: 'API token',
  national: 'National (0123456789)',
  digits: 'Digits only (33123456789)',
  all: 'On every site',
  allow: 'Only on the sites listed',
  block: 'On every site except those listed',
  ringing: 'When it rings',
  answered: 'When answered',
  manual: 'Only on request',
  inbound: 'Incoming',
  outbound: 'Outgoing',
  any: 'Any',
  newTab: 'New tab',
  reuseTab: 'Same tab',
  window: 'New window',
  en: 'English',
  fr: 'Français',
  es: 'Español',
  de: 'Deutsch',
  nl: 'Nederlands',
  pt: 'Português',
};

export const optionText = (value: string): string => OPTION_TEXT[value] ?? value;

/** "dialPrefix" → "Dial prefix". */
export function humanize(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
