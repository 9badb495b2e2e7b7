/**
 * Screen-pop URL templates for common CRMs (DESIGN.md "Screen-pop"): the options page fills a
 * rule's URL from a preset and the admin's instance name. Each URL is the CRM's own search or
 * lookup page, so a pop works without any CRM-side integration.
 *
 * The instance name becomes part of a host name or path, so it is checked strictly: a preset
 * throws `InvalidInstanceError` rather than build a URL that points anywhere unexpected.
 */

export interface CrmPreset {
  id: string;
  label: string;
  /** What to type, with an example, for the options page. */
  instanceHint: string;
  /** A valid instance, as a placeholder for the input. */
  example: string;
  /** Set when the CRM cannot take the number in its URL: the pop opens the right list, unfiltered. */
  note?: string;
  /** The URL template for `instance`; throws InvalidInstanceError when `instance` is not valid. */
  build(instance: string): string;
}

export class InvalidInstanceError extends Error {
  override readonly name = 'InvalidInstanceError';
}

/** One DNS label: what a CRM lets a customer choose as a subdomain. */
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

function check(instance: string, pattern: RegExp, preset: string): RegExpExecArray {
  const match = pattern.exec(instance.trim().toLowerCase());
  if (!match) throw new InvalidInstanceError(`"${instance}" is not a valid ${preset} instance`);
  return match;
}

function subdomain(instance: string, preset: string): string {
  return check(instance, LABEL, preset)[0];
}

export const CRM_PRESETS: readonly CrmPreset[] = [
  {
    id: 'salesforce',
    label: 'Salesforce',
    instanceHint: 'Your My Domain name, e.g. acme for acme.my.salesforce.com',
    example: 'acme',
    // The global search page; Lightning Experience redirects this Classic address to its own search.
    build: (instance) =>
      `https://${subdomain(instance, 'Salesforce')}.my.salesforce.com/_ui/search/ui/UnifiedSearchResults?searchType=2&str={digits}`,
  },
  {
    id: 'hubspot',
    label: 'HubSpot',
    instanceHint: 'Your Hub ID, e.g. 1234567; add the region for EU accounts: 1234567.eu1',
    example: '1234567',
    build: (instance) => {
      const [, hub, region] = check(instance, /^(\d{1,12})(?:\.(eu1|na2|ap1))?$/, 'HubSpot');
      const host = region ? `app-${region}.hubspot.com` : 'app.hubspot.com';
      return `https://${host}/contacts/${hub}/objects/0-1/views/all/list?query={digits}`;
    },
  },
  {
    id: 'zendesk',
    label: 'Zendesk',
    instanceHint: 'Your Zendesk subdomain, e.g. acme for acme.zendesk.com',
    example: 'acme',
    // Zendesk Talk keeps user phone numbers in E.164, so search for that form.
    build: (instance) =>
      `https://${subdomain(instance, 'Zendesk')}.zendesk.com/agent/search/1?type=user&q={e164}`,
  },
  {
    id: 'dynamics365',
    label: 'Dynamics 365',
    instanceHint:
      'Your organization and region, e.g. contoso for contoso.crm.dynamics.com or contoso.crm4',
    example: 'contoso',
    build: (instance) => {
      const [, org, region = 'crm'] = check(
        instance,
        /^([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.(crm\d{0,2}))?$/,
        'Dynamics 365',
      );
      return `https://${org}.${region}.dynamics.com/main.aspx?pagetype=search&searchText={digits}`;
    },
  },
  {
    id: 'pipedrive',
    label: 'Pipedrive',
    instanceHint: 'Your company domain, e.g. acme for acme.pipedrive.com',
    example: 'acme',
    build: (instance) =>
      `https://${subdomain(instance, 'Pipedrive')}.pipedrive.com/search?term={digits}`,
  },
  {
    id: 'zoho',
    label: 'Zoho CRM',
    instanceHint:
      'Your org ID from the CRM address, e.g. org123456789; add the data centre outside the US: org123456789.eu',
    example: 'org123456789',
    build: (instance) => {
      const [, org, dc] = check(
        instance,
        /^(org\d{1,20})(?:\.(eu|in|com\.au|jp|ca|sa|uk|com\.cn))?$/,
        'Zoho CRM',
      );
      return `https://crm.zoho.${dc ?? 'com'}/crm/${org}/search?searchword={digits}`;
    },
  },
  {
    id: 'freshdesk',
    label: 'Freshdesk',
    instanceHint: 'Your helpdesk subdomain, e.g. acme for acme.freshdesk.com',
    example: 'acme',
    build: (instance) =>
      `https://${subdomain(instance, 'Freshdesk')}.freshdesk.com/a/search/customers?term={digits}`,
  },
  {
    id: 'servicenow',
    label: 'ServiceNow',
    instanceHint: 'Your instance name, e.g. acme for acme.service-now.com',
    example: 'acme',
    build: (instance) =>
      `https://${subdomain(instance, 'ServiceNow')}.service-now.com/textsearch.do?sysparm_search={digits}`,
  },
  {
    id: 'odoo',
    label: 'Odoo',
    instanceHint: 'Your Odoo Online database, e.g. acme for acme.odoo.com',
    example: 'acme',
    // Odoo's web client takes no search term from its URL (odoo/odoo#242079 proposed URL filters
    // for 19.2), so the best a URL can do is open Contacts, where the agent types the number.
    note: 'Odoo cannot search from a URL: the pop opens Contacts without a filter.',
    build: (instance) => `https://${subdomain(instance, 'Odoo')}.odoo.com/odoo/contacts`,
  },
];

export function findPreset(id: string): CrmPreset | undefined {
  return CRM_PRESETS.find((preset) => preset.id === id);
}
