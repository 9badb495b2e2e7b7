import { describe, expect, it } from 'vitest';
import type { Call } from '../cti/model';
import { CRM_PRESETS, InvalidInstanceError, findPreset } from './presets';
import { renderPopUrl } from './template';

const call: Call = {
  id: 'c1',
  vendorCallId: 'v1',
  direction: 'inbound',
  state: 'ringing',
  remote: { raw: '+12125550100', e164: '+12125550100' },
  startedAt: 1,
  data: {},
  recording: 'unknown',
  actions: [],
};

const build = (id: string, instance: string) => {
  const preset = findPreset(id);
  if (!preset) throw new Error(`no preset ${id}`);
  return preset.build(instance);
};

describe('CRM presets', () => {
  it('covers the CRMs of the design, with unique ids', () => {
    expect(CRM_PRESETS.map((p) => p.id)).toEqual([
      'salesforce',
      'hubspot',
      'zendesk',
      'dynamics365',
      'pipedrive',
      'zoho',
      'freshdesk',
      'servicenow',
      'odoo',
    ]);
  });

  it.each([
    [
      'salesforce',
      'acme',
      'https://acme.my.salesforce.com/_ui/search/ui/UnifiedSearchResults?searchType=2&str=12125550100',
    ],
    [
      'hubspot',
      '1234567',
      'https://app.hubspot.com/contacts/1234567/objects/0-1/views/all/list?query=12125550100',
    ],
    [
      'hubspot',
      '1234567.eu1',
      'https://app-eu1.hubspot.com/contacts/1234567/objects/0-1/views/all/list?query=12125550100',
    ],
    ['zendesk', 'acme', 'https://acme.zendesk.com/agent/search/1?type=user&q=%2B12125550100'],
    [
      'dynamics365',
      'contoso',
      'https://contoso.crm.dynamics.com/main.aspx?pagetype=search&searchText=12125550100',
    ],
    [
      'dynamics365',
      'contoso.crm4',
      'https://contoso.crm4.dynamics.com/main.aspx?pagetype=search&searchText=12125550100',
    ],
    ['pipedrive', 'acme', 'https://acme.pipedrive.com/search?term=12125550100'],
    ['zoho', 'org123456789', 'https://crm.zoho.com/crm/org123456789/search?searchword=12125550100'],
    [
      'zoho',
      'org123456789.eu',
      'https://crm.zoho.eu/crm/org123456789/search?searchword=12125550100',
    ],
    ['freshdesk', 'acme', 'https://acme.freshdesk.com/a/search/customers?term=12125550100'],
    ['servicenow', 'acme', 'https://acme.service-now.com/textsearch.do?sysparm_search=12125550100'],
    ['odoo', 'acme', 'https://acme.odoo.com/odoo/contacts'],
  ])('%s(%s) renders to its search page', (id, instance, expected) => {
    const result = renderPopUrl(build(id, instance), call, {
      defaultCountry: 'US',
      allowedOrigins: [],
    });
    expect(result).toEqual({ ok: true, url: expected });
  });

  it('searches by the number in every CRM that can, and says so when it cannot', () => {
    for (const preset of CRM_PRESETS) {
      const template = preset.build(preset.example);
      expect(preset.instanceHint.length).toBeGreaterThan(10);
      if (preset.note) expect(template).not.toMatch(/\{(e164|digits)\}/);
      else expect(template).toMatch(/\{(e164|digits)\}/);
    }
  });

  it('accepts instance names in any case and trimmed', () => {
    expect(build('zendesk', '  Acme ')).toBe(
      'https://acme.zendesk.com/agent/search/1?type=user&q={e164}',
    );
  });

  it.each(CRM_PRESETS.map((p) => p.id))(
    '%s rejects instance names that would change the host',
    (id) => {
      for (const bad of [
        '',
        'evil.com/',
        'a/b',
        'a b',
        'acme.evil.com#',
        'acme@evil',
        '-acme',
        'x'.repeat(64),
        '{e164}',
        'acme?x=1',
      ]) {
        expect(() => build(id, bad), `${id}: ${bad}`).toThrow(InvalidInstanceError);
      }
    },
  );

  it('rejects values outside each preset’s own form', () => {
    expect(() => build('hubspot', 'acme')).toThrow(InvalidInstanceError);
    expect(() => build('hubspot', '123.eu9')).toThrow(InvalidInstanceError);
    expect(() => build('zoho', '123456')).toThrow(InvalidInstanceError);
    expect(() => build('zoho', 'org1.evil.com')).toThrow(InvalidInstanceError);
    expect(() => build('dynamics365', 'contoso.evil')).toThrow(InvalidInstanceError);
  });
});
