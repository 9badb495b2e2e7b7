import { describe, expect, it } from 'vitest';
import { isSiteEnabled } from './sites';

const allow = (...patterns: string[]) => ({ mode: 'allow' as const, patterns });
const block = (...patterns: string[]) => ({ mode: 'block' as const, patterns });

describe('isSiteEnabled', () => {
  it('runs everywhere in "all" mode', () => {
    expect(
      isSiteEnabled('https://anything.example/x', { mode: 'all', patterns: ['nothing.example'] }),
    ).toBe(true);
  });

  it('reads match patterns', () => {
    const sites = allow('https://*.example.com/*');
    expect(isSiteEnabled('https://crm.example.com/lead/1', sites)).toBe(true);
    expect(isSiteEnabled('https://example.com/', sites)).toBe(true);
    expect(isSiteEnabled('http://crm.example.com/', sites)).toBe(false);
    expect(isSiteEnabled('https://example.com.evil.test/', sites)).toBe(false);
    expect(isSiteEnabled('https://notexample.com/', sites)).toBe(false);
  });

  it('reads paths, schemes, ports and <all_urls>', () => {
    expect(
      isSiteEnabled('https://crm.example.com/app/x?y=1', allow('*://crm.example.com/app/*')),
    ).toBe(true);
    expect(isSiteEnabled('https://crm.example.com/other', allow('*://crm.example.com/app/*'))).toBe(
      false,
    );
    expect(isSiteEnabled('http://localhost:3000/a', allow('http://localhost:3000/*'))).toBe(true);
    expect(isSiteEnabled('http://localhost:4000/a', allow('http://localhost:3000/*'))).toBe(false);
    expect(isSiteEnabled('http://localhost:4000/a', allow('http://localhost/*'))).toBe(true);
    expect(isSiteEnabled('https://a.test/', allow('<all_urls>'))).toBe(true);
  });

  it('reads bare host names as http and https, any path', () => {
    expect(isSiteEnabled('https://crm.example.com/x', allow('crm.example.com'))).toBe(true);
    expect(isSiteEnabled('http://CRM.Example.com/x', allow('crm.example.com'))).toBe(true);
    expect(isSiteEnabled('https://other.example.com/x', allow('crm.example.com'))).toBe(false);
    expect(isSiteEnabled('https://eu.crm.example.com/', allow('*.example.com'))).toBe(true);
    expect(isSiteEnabled('https://crm.example.com/app/leads', allow('crm.example.com/app'))).toBe(
      true,
    );
    expect(isSiteEnabled('https://crm.example.com/admin', allow('crm.example.com/app'))).toBe(
      false,
    );
    expect(isSiteEnabled('https://xn--bcher-kva.example/', allow('bücher.example'))).toBe(true);
  });

  it('inverts the list in block mode', () => {
    expect(isSiteEnabled('https://bank.example/', block('bank.example'))).toBe(false);
    expect(isSiteEnabled('https://crm.example/', block('bank.example'))).toBe(true);
  });

  it('ignores patterns it cannot read', () => {
    expect(isSiteEnabled('https://a.example/', allow('https://a*b.example/*', '::::'))).toBe(false);
    expect(isSiteEnabled('not a url', allow('a.example'))).toBe(false);
    expect(isSiteEnabled('not a url', block('a.example'))).toBe(true);
  });
});
