import { describe, expect, it } from 'vitest';
import type { Call } from '../cti/model';
import { ScreenPopRule } from '../settings/schema';
import { globToRegExp, matchRule } from './rules';

const call = (over: Partial<Call> = {}): Call => ({
  id: 'c1',
  vendorCallId: 'v1',
  direction: 'inbound',
  state: 'ringing',
  remote: { raw: '+33123456789', e164: '+33123456789' },
  queue: 'Sales.EU (gold)',
  startedAt: 1,
  data: {},
  recording: 'unknown',
  actions: [],
  ...over,
});

// Parsed through the schema, so the defaults (trigger ringing, direction inbound) are the real ones.
const rule = (over: Record<string, unknown>) =>
  ScreenPopRule.parse({ url: 'https://crm.example.com/', ...over });

describe('globToRegExp', () => {
  it('treats only * as special, case-insensitively, on the whole name', () => {
    expect(globToRegExp('sales*').test('Sales.EU')).toBe(true);
    expect(globToRegExp('*eu*').test('Sales.EU (gold)')).toBe(true);
    expect(globToRegExp('Sales.EU (gold)').test('sales.eu (GOLD)')).toBe(true);
    expect(globToRegExp('Sales.EU').test('SalesXEU')).toBe(false);
    expect(globToRegExp('sales').test('sales2')).toBe(false);
    expect(globToRegExp('a+b').test('a+b')).toBe(true);
    expect(globToRegExp('*').test('')).toBe(true);
  });
});

describe('matchRule', () => {
  it('returns the first matching rule in order', () => {
    const rules = [rule({ id: 'a', queue: 'support*' }), rule({ id: 'b' }), rule({ id: 'c' })];
    expect(matchRule(rules, call(), 'ringing')?.id).toBe('b');
    expect(matchRule(rules, call({ queue: 'Support FR' }), 'ringing')?.id).toBe('a');
  });

  it('matches the trigger exactly', () => {
    const rules = [
      rule({ id: 'answered', trigger: 'answered' }),
      rule({ id: 'manual', trigger: 'manual' }),
    ];
    expect(matchRule(rules, call(), 'ringing')).toBeUndefined();
    expect(matchRule(rules, call(), 'answered')?.id).toBe('answered');
    expect(matchRule(rules, call(), 'manual')?.id).toBe('manual');
  });

  it('matches the direction, with any matching both', () => {
    const rules = [
      rule({ id: 'out', direction: 'outbound' }),
      rule({ id: 'any', direction: 'any' }),
    ];
    expect(matchRule(rules, call({ direction: 'outbound' }), 'ringing')?.id).toBe('out');
    expect(matchRule(rules, call({ direction: 'inbound' }), 'ringing')?.id).toBe('any');
    expect(
      matchRule([rule({ id: 'in' })], call({ direction: 'outbound' }), 'ringing'),
    ).toBeUndefined();
  });

  it('needs a queue for a queue pattern, except one that matches the empty name', () => {
    const direct = call({ queue: undefined });
    expect(matchRule([rule({ id: 'q', queue: 'sales*' })], direct, 'ringing')).toBeUndefined();
    expect(matchRule([rule({ id: 'star', queue: '*' })], direct, 'ringing')?.id).toBe('star');
    expect(matchRule([rule({ id: 'none' })], direct, 'ringing')?.id).toBe('none');
  });

  it('applies a {vendorUrl} rule only to calls the platform sent a page for', () => {
    const rules = [rule({ id: 'vendor', url: '{vendorUrl}' }), rule({ id: 'crm' })];
    expect(matchRule(rules, call(), 'ringing')?.id).toBe('crm');
    expect(matchRule(rules, call({ popUrl: '  ' }), 'ringing')?.id).toBe('crm');
    const withPage = call({ popUrl: 'https://sheets.example.net/p' });
    expect(matchRule(rules, withPage, 'ringing')?.id).toBe('vendor');
  });

  it('returns undefined for no rules', () => {
    expect(matchRule([], call(), 'ringing')).toBeUndefined();
  });
});
