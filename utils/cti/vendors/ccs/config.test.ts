import { describe, expect, it } from 'vitest';
import { apiUrl, domainBase, socketUrl } from './config';

describe('CCS addresses (api-pages §2)', () => {
  it('derives the API and socket addresses from the domain', () => {
    const base = domainBase('https://ccs.example.com/');
    expect(apiUrl(base, '/calls')).toBe('https://ccs.example.com/6/v2/api/calls');
    expect(socketUrl(base)).toBe('wss://ccs.example.com/6/v2/sock');
    expect(socketUrl(domainBase('http://127.0.0.1:8091'))).toBe('ws://127.0.0.1:8091/6/v2/sock');
  });

  it('accepts the API or socket address pasted from the API page', () => {
    expect(domainBase('https://ccs.example.com/6/v2/api/').href).toBe('https://ccs.example.com/');
    expect(domainBase('https://proxy.example.com/ccs/6/v2/sock').pathname).toBe('/ccs');
  });
});
