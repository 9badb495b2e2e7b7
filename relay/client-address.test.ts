import { describe, expect, it } from 'vitest';
import { clientAddressResolver, limitKey, normalizeAddress } from './client-address';

describe('client address of a WebSocket upgrade', () => {
  it('is the peer address when no proxy is trusted, whatever X-Forwarded-For says', () => {
    const resolve = clientAddressResolver(false);
    expect(resolve('::ffff:203.0.113.9', '198.51.100.1')).toBe('203.0.113.9');
    expect(resolve(undefined, undefined)).toBe('unknown');
  });

  it('walks X-Forwarded-For from the right through trusted proxies only', () => {
    const resolve = clientAddressResolver('127.0.0.1, 10.0.0.0/8');
    // A client that sends its own header cannot pick its address: the proxy appended the real one.
    expect(resolve('127.0.0.1', '6.6.6.6, 203.0.113.9')).toBe('203.0.113.9');
    expect(resolve('127.0.0.1', '6.6.6.6, 203.0.113.9, 10.1.2.3')).toBe('203.0.113.9');
    expect(resolve('127.0.0.1', ['203.0.113.9'])).toBe('203.0.113.9');
    expect(resolve('127.0.0.1', undefined)).toBe('127.0.0.1');
    expect(resolve('127.0.0.1', 'garbage')).toBe('127.0.0.1');
    // Not from a trusted proxy: the header is ignored.
    expect(resolve('198.51.100.7', '203.0.113.9')).toBe('198.51.100.7');
  });

  it('takes the leftmost entry when every proxy is trusted, and knows named ranges', () => {
    expect(clientAddressResolver(true)('10.0.0.1', '203.0.113.9, 10.0.0.2')).toBe('203.0.113.9');
    expect(clientAddressResolver('loopback')('127.0.0.5', '203.0.113.9')).toBe('203.0.113.9');
    expect(() => clientAddressResolver('not-an-address')).toThrow(/RELAY_TRUST_PROXY/);
  });

  it('counts IPv4 addresses one by one and IPv6 clients by their /64', () => {
    expect(limitKey('203.0.113.9')).toBe('203.0.113.9');
    expect(limitKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(limitKey('2001:db8:1:2::ffff')).toBe(limitKey('2001:0db8:0001:0002:1:2:3:4'));
    expect(limitKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(limitKey('::1')).toBe('0:0:0:0::/64');
    expect(normalizeAddress('::FFFF:127.0.0.2')).toBe('127.0.0.2');
  });
});
