/**
 * What each setting means, for admins reading `managed_schema.json` or chrome://policy. Keyed by
 * dotted path; `[]` names an array's items. Kept beside the generator because
 * `utils/settings/schema.ts` holds the rules and these sentences are documentation only. Each
 * vendor describes its own `connection.<id>` settings in its folder (`VendorDescriptor`).
 */
import type { ConnectionFieldText, VendorDescriptor } from '../utils/cti/vendor';
import { VENDORS } from '../utils/cti/vendors';

/** The `vendor` and `connection` entries, from the vendors' descriptors. */
export function vendorDescriptions(vendors: readonly VendorDescriptor[]): Record<string, string> {
  const names = vendors.map(({ id, label }) => `${id} (${label})`);
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : names[0];
  const out: Record<string, string> = {
    vendor: `Contact-center platform the agent signs in to: ${list}.`,
    connection:
      'Server addresses and non-secret identity, one object per platform id. Passwords are never accepted from policy: agents type them at sign-in.',
  };
  for (const vendor of vendors) {
    out[`connection.${vendor.id}`] = vendor.connection.policy;
    const fields: Readonly<Record<string, ConnectionFieldText>> = vendor.connection.fields;
    for (const [key, text] of Object.entries(fields)) {
      out[`connection.${vendor.id}.${key}`] = text.policy;
    }
  }
  return out;
}

/** The settings that are not a vendor's. */
const SHARED: Readonly<Record<string, string>> = {
  clickToDial: 'Click-to-dial on web pages.',
  'clickToDial.enabled': 'Mark phone numbers on web pages and dial them with a click.',
  'clickToDial.defaultCountry':
    "Country (ISO 3166 alpha-2, two capital letters such as FR) of numbers written without a country code. Unset by default: Switchboard then takes the agent's own choice, else the region of the browser's preferred language (fr-FR gives FR), else asks the agent once.",
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
  agent: "The agent's working state.",
  'agent.pauseReasons':
    'Pause reasons offered when the agent goes not ready, on platforms that take a reason but publish no list (XiVO, uContact). Platforms with their own list (Windstream CCS) use theirs.',
  'agent.pauseReasons[]': 'One pause reason.',
  'agent.pauseReasons[].code': 'Reason sent to the platform.',
  'agent.pauseReasons[].label': 'Label shown to the agent.',
  directory: 'The directory the agent searches for dial and transfer targets.',
  'directory.speedDial':
    "Entries every agent finds in the directory on every platform, beside the platform's own directory.",
  'directory.speedDial[]': 'One speed-dial entry.',
  'directory.speedDial[].name': 'Name shown and searched.',
  'directory.speedDial[].number':
    'Number or extension dialled: digits, * and #, a leading + allowed.',
  'directory.speedDial[].detail': 'A line under the name (team, site).',

  history: "The agent's call history kept in the browser.",
  'history.retentionDays':
    'Calls older than this many days are deleted from the history (1 to 3650). Default 30.',
  'history.maxEntries':
    'At most this many calls are kept in the history, the oldest deleted first (10 to 20000). Default 5000.',

  ui: 'User interface.',
  'ui.language':
    "Interface language: browser (the browser's language; English when it is not one of these), en, fr, es, de, nl, pt_BR, it or ar (Arabic, right to left).",
  'ui.ringSound':
    'Play a ring tone while an incoming call rings, until it is answered, declined or taken elsewhere.',
  'ui.ringVolume': 'Volume of the ring tone, from 0 (silent) to 100 (full).',
};

/** Every description of a settings schema built for `vendors` (buildSettingsSchema). */
export function descriptionsFor(vendors: readonly VendorDescriptor[]): Record<string, string> {
  return { ...vendorDescriptions(vendors), ...SHARED };
}

export const DESCRIPTIONS: Readonly<Record<string, string>> = descriptionsFor(VENDORS);
