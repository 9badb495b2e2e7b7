import { describe, expect, it } from 'vitest';
import { createRequestHeaders, type SessionRule, type SessionRulesApi } from './request-headers';

function fakeApi() {
  const rules = new Map<number, SessionRule>();
  const calls: string[] = [];
  const api: SessionRulesApi = {
    updateSessionRules: async ({ removeRuleIds = [], addRules = [] }) => {
      // Let a later call overtake this one if nothing keeps them in order.
      await new Promise((resolve) => setTimeout(resolve, addRules.length > 0 ? 0 : 5));
      for (const id of removeRuleIds) rules.delete(id);
      for (const rule of addRules) rules.set(rule.id, rule);
      calls.push(addRules.length > 0 ? 'set' : 'clear');
    },
  };
  return { api, rules, calls };
}

describe('request header rule', () => {
  it('sets the headers on the background’s own requests under the prefix only', async () => {
    const { api, rules } = fakeApi();
    await createRequestHeaders(api).set('https://acme.maxcontact.com/webservices/', {
      Cookie: 'TokenKey=abc',
    });
    const rule = rules.get(1)!;
    expect(rule.action.requestHeaders).toEqual([
      { header: 'Cookie', operation: 'set', value: 'TokenKey=abc' },
    ]);
    expect(rule.condition.tabIds).toEqual([-1]);
    const filter = new RegExp(rule.condition.regexFilter);
    expect(filter.test('https://acme.maxcontact.com/webservices/services/telephony/getcalls')).toBe(
      true,
    );
    expect(filter.test('https://evil.example/?https://acme.maxcontact.com/webservices/')).toBe(
      false,
    );
    expect(filter.test('https://acmeXmaxcontact.com/webservices/')).toBe(false);
  });

  it('applies calls in order, so a reconnect’s clear never removes the next set', async () => {
    const { api, rules, calls } = fakeApi();
    const headers = createRequestHeaders(api);
    const cleared = headers.clear();
    const set = headers.set('https://a/', { Cookie: 'TokenKey=new' });
    await Promise.all([cleared, set]);
    expect(calls).toEqual(['clear', 'set']);
    expect(rules.get(1)?.action.requestHeaders[0]?.value).toBe('TokenKey=new');
  });

  it('removes the rule on clear', async () => {
    const { api, rules } = fakeApi();
    const headers = createRequestHeaders(api);
    await headers.set('https://a/', { Cookie: 'x' });
    await headers.clear();
    expect(rules.size).toBe(0);
  });
});
