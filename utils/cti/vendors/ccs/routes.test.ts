import { describe, expect, it } from 'vitest';
import { routesFor } from './routes';

const TENANT = 'c255052e-c560-4340-b73e-675eabc3aed3';
const EXT = 'az123456-5cca-4ff1-874e-dc1c92d6de64';

describe('CCS route families (api-pages §4.6, §4.8, §4.15–§4.18)', () => {
  it('self: the agent’s own state change and the tenant-level lists', () => {
    const r = routesFor('self', TENANT);
    expect([r.setAgentState(EXT), r.extensions, r.acds]).toEqual([
      '/agent_state',
      '/extensions',
      '/acds',
    ]);
  });

  it('tenantAdmin: the extension’s state change, the same lists', () => {
    const r = routesFor('tenantAdmin', TENANT);
    expect([r.setAgentState(EXT), r.extensions, r.acds]).toEqual([
      `/extensions/${EXT}`,
      '/extensions',
      '/acds',
    ]);
  });

  it('telco: everything under the tenant', () => {
    const r = routesFor('telco', TENANT);
    expect([r.setAgentState(EXT), r.extensions, r.acds]).toEqual([
      `/tenants/${TENANT}/extensions/${EXT}`,
      `/tenants/${TENANT}/extensions`,
      `/tenants/${TENANT}/acds`,
    ]);
  });

  it('keeps the routes the page shows in one form only, and escapes ids', () => {
    for (const family of ['self', 'tenantAdmin', 'telco'] as const) {
      const r = routesFor(family, ` ${TENANT} `);
      expect(r.agentState(EXT)).toBe(`/tenants/${TENANT}/extensions/${EXT}/agent_state`);
      expect(r.presenceOptions).toBe(`/tenants/${TENANT}/presence_options`);
      expect(r.dial(EXT)).toBe(`/tenants/${TENANT}/extensions/${EXT}`);
      expect([r.calls, r.callSearch, r.call('0BS9 DD/02')]).toEqual([
        '/calls',
        '/calls/filter',
        '/calls/0BS9%20DD%2F02',
      ]);
    }
  });
});
