/**
 * What each setting means, for admins reading `managed_schema.json` or chrome://policy. Keyed by
 * dotted path; `[]` names an array's items. Kept beside the generator because
 * `utils/settings/schema.ts` holds the rules and these sentences are documentation only.
 */
export const DESCRIPTIONS: Readonly<Record<string, string>> = {
  vendor:
    'Contact-center platform the agent signs in to: xivo (XiVO CC), ccs (Windstream Enterprise Contact Center Services), maxcontact (MaxContact), ucontact (uContact) or anywhere365 (Anywhere365).',
  connection:
    'Server addresses and non-secret identity, one object per platform id. Passwords are never accepted from policy: agents type them at sign-in.',
  'connection.ccs': 'Windstream Enterprise Contact Center Services (CCS) connection.',
  'connection.ccs.domain': 'Base URL of the tenant’s CCS domain, e.g. https://ccs.example.com',
  'connection.ccs.tenantId': 'CCS tenant id.',
  'connection.ccs.extensionId': 'The agent’s CCS extension uuid.',
  'connection.ccs.outboundQueueId': 'Outbound queue uuid that click-to-dial calls go out through.',
  'connection.ccs.dialFormat':
    'How numbers are written in CCS dial and transfer requests: digits (33123456789, the default), e164 (+33123456789) or national (0123456789).',
  'connection.ccs.dialPrefix':
    'Prepended to every dialled external number, such as an outside-line 8 or 9 (digits, * and #, at most 8).',
  'connection.ccs.tenantUrl':
    'Silhouette tenant URL (sil_tenant_url, e.g. /ccsl06), sent when an agent signs in with extension and PIN instead of an API token. Leave empty if not needed.',
  'connection.ccs.eventTypeKey':
    'Key of a CCS WebSocket frame that names the event (default action). The CCS event catalogue is not public: set these event settings to the names in your CCS event sheet.',
  'connection.ccs.eventPayloadKey':
    'Key of a CCS WebSocket frame that holds the event data, an object or a list (default response); empty when the data sits in the frame itself.',
  'connection.ccs.eventCallRinging':
    'CCS event name for a call ringing at the agent (default call_ringing); empty if the platform sends none.',
  'connection.ccs.eventCallDialing':
    'CCS event name for an outgoing call being placed (default call_dialing); empty if the platform sends none.',
  'connection.ccs.eventCallAnswered':
    'CCS event name for a call answered (default call_answered); empty if the platform sends none.',
  'connection.ccs.eventCallEnded':
    'CCS event name for a call ended (default call_ended); empty if the platform sends none.',
  'connection.ccs.eventAgentState':
    'CCS event name for an agent presence change (default update_agent); empty if the platform sends none.',
  'connection.ccs.eventSubscribe':
    'Requests sent on the CCS WebSocket after connect to ask for events (default fetch_agent_events and fetch_call_events). Without call events Switchboard polls the calls list instead.',
  'connection.ucontact': 'uContact (Integra) connection.',
  'connection.ucontact.baseUrl':
    'Base URL of the uContact instance whose /Integra/resources API Switchboard calls, e.g. https://acme.ucontactcloud.com',
  'connection.ucontact.portalOrigin':
    'Origin of the uContact agent portal (scheme, host and port only), e.g. https://acme.ucontactcloud.com. Only pages on this origin may report call events.',
  'connection.ucontact.agent':
    'The agent name uContact commands use; leave empty to use the agent typed at sign-in.',
  'connection.ucontact.extension':
    'The agent’s SIP extension (interface SIP/<extension>); leave empty to use the one uContact returns at agent login. Required with API-token sign-in.',
  'connection.ucontact.campaign':
    'Outbound campaign that click-to-dial calls (AgentCall outqueue) and dispositions are filed under.',
  'connection.ucontact.context':
    'The agent’s dial-plan context for AgentCall (default from-internal).',
  'connection.ucontact.callerId':
    'Caller id AgentCall presents on outbound calls; leave empty for the platform’s default.',
  'connection.ucontact.authScheme':
    'How agents sign in: basic (agent and password, via AgentLogin) or bearer (a uContact API token).',
  'connection.ucontact.dialFormat':
    'How numbers are written in AgentCall: e164 (+441632960123), national (01632960123) or digits (441632960123, default).',
  'connection.ucontact.assumeConnectedMs':
    'uContact reports no answer event: a ringing call is shown as connected after this many milliseconds (0 to 60000, default 3000).',
  'connection.ucontact.relayUrl':
    'Base URL of the Switchboard relay that receives uContact’s webhook notifications, e.g. https://relay.example.com (wss:// also accepted). Leave empty to use the agent portal’s events only. Agents then sign in with a relay token issued for ucontact:<agent>.',
  'connection.maxcontact': 'MaxContact Telephony Data Services connection.',
  'connection.maxcontact.baseUrl':
    'Base URL of the MaxContact instance, e.g. https://acme.maxcontact.com',
  'connection.maxcontact.userId':
    'The agent’s MaxContact user id, when it differs from the sign-in login (optional).',
  'connection.maxcontact.dialFormat':
    'How numbers are written in MaxContact dial requests, to match how your leads store them: e164 (+441632960123), national (01632960123) or digits (441632960123).',
  'connection.maxcontact.pollIntervalMs':
    'How often, in milliseconds, Switchboard asks MaxContact for the agent’s calls while a call is live or the panel is open (500 to 10000, default 1000).',
  'connection.maxcontact.idlePollIntervalMs':
    'How often, in milliseconds, Switchboard asks MaxContact for the agent’s calls otherwise (1000 to 20000, default 5000).',
  'connection.maxcontact.transferResultCode':
    'Result code filed on both calls of a warm transfer (MaxContact requires one). Leave empty to use the platform’s first transfer result code.',
  'connection.anywhere365':
    'Anywhere365 CTI Broker connection. Commands go to the broker; call events reach the agent through the Switchboard relay, which receives the broker’s webhooks.',
  'connection.anywhere365.brokerUrl':
    'Base URL of the Anywhere365 CTI Broker REST API (the part before /api/command), e.g. https://broker.example.com. The broker must allow CORS from the extension.',
  'connection.anywhere365.relayUrl':
    'Base URL of the Switchboard relay the agent’s browser connects to, e.g. https://relay.example.com (wss:// also accepted).',
  'connection.anywhere365.imAddress':
    'The agent’s SIP address (ImAddress), e.g. sip:alice@example.com. Leave empty to use the identity the agent’s relay token was issued for; when set it must match that identity.',
  'connection.anywhere365.callbackUrl':
    'The relay’s webhook URL for Anywhere365 (as the relay prints it). When set, Switchboard subscribes the agent at the broker with it on every connect; leave empty if you subscribe the broker to the relay yourself.',
  'connection.anywhere365.subscribeImAddressKey':
    'Field name of the agent’s SIP address in the POST /api/subscribe body (default ImAddress; the broker’s documentation does not name it).',
  'connection.anywhere365.subscribeCallbackKey':
    'Field name of the callback URL in the POST /api/subscribe body (default CallbackUrl; the broker’s documentation does not name it).',
  'connection.xivo': 'XiVO CC (xuc CTI server) connection.',
  'connection.xivo.server': 'Base URL of the xuc server, e.g. https://xuc.example.com:8090',
  'connection.xivo.dialFormat':
    'How numbers are written in dial requests, to suit the PBX dial plan: e164 (+33123456789), national (0123456789) or digits (33123456789).',
  'connection.xivo.dialPrefix':
    'Prepended to every dialled external number, such as an outside-line 0 or 9 (digits, * and #, at most 8).',

  clickToDial: 'Click-to-dial on web pages.',
  'clickToDial.enabled': 'Mark phone numbers on web pages and dial them with a click.',
  'clickToDial.defaultCountry':
    'Country (ISO 3166 alpha-2, two capital letters such as US) of numbers written without a country code.',
  'clickToDial.sites': 'Which sites click-to-dial runs on.',
  'clickToDial.sites.mode':
    'all: every site; allow: only sites matching patterns; block: every site except those matching patterns.',
  'clickToDial.sites.patterns':
    'Match patterns (https://*.example.com/*) or host names, used when mode is allow or block.',
  'clickToDial.confirmInternational':
    'Ask the agent before dialling a number outside the default country.',
  'clickToDial.blockedPrefixes':
    'E.164 prefixes that are never dialled, e.g. +1900 for premium-rate numbers.',
  'clickToDial.telLinks':
    'When true, clicking a tel:, callto: or sip: link dials through Switchboard instead of the computer’s default calling app. Default false.',

  screenPop: 'Opening CRM pages for calls (screen-pop).',
  'screenPop.rules':
    'Rules tried in order: the first whose trigger, direction and queue match the call opens its URL, once per call.',
  'screenPop.rules[]': 'One screen-pop rule. id and url are required.',
  'screenPop.rules[].id': 'Stable name of the rule; a call pops at most once per rule.',
  'screenPop.rules[].trigger':
    'When to pop: ringing (the call is offered or placed), answered, or manual (only when the agent asks). Default ringing.',
  'screenPop.rules[].direction':
    'Calls the rule applies to: inbound, outbound or any. Default inbound.',
  'screenPop.rules[].queue':
    'Queue name pattern, case-insensitive, where * matches any characters. Leave unset to match every call.',
  'screenPop.rules[].url':
    "URL template with {e164}, {national}, {digits}, {extension}, {name}, {queue}, {callId}, {direction} and {data.KEY}; values are percent-encoded. https only (http for localhost); the result must stay on the template's origin or an allowed origin.",
  'screenPop.rules[].target':
    'Where the page opens: newTab, reuseTab (one tab reused for every pop) or window. Default newTab.',
  'screenPop.allowedOrigins':
    "Origins a rendered URL may point to beyond each template's own, e.g. https://acme.my.salesforce.com; https://*.example.com allows every subdomain.",

  dispositions: 'Call wrap-up (disposition).',
  'dispositions.required': 'The agent must save a disposition before going ready again.',
  'dispositions.codes': 'Disposition codes offered on platforms that have no list of their own.',
  'dispositions.codes[]': 'One disposition code.',
  'dispositions.codes[].code': 'Code saved with the call and sent to the platform.',
  'dispositions.codes[].label': 'Label shown to the agent.',

  ui: 'User interface.',
  'ui.language': 'Interface language. This release ships English (en) only.',
};
