/**
 * Who is asking: the address a WebSocket upgrade comes from, with the same trust rule as the HTTP
 * routes (Fastify's `trustProxy`, RELAY_TRUST_PROXY). Fastify does not see upgrades, so the rule is
 * applied here: without trust, the socket's peer address; with `true`, the leftmost
 * X-Forwarded-For entry; with a list of proxy addresses/CIDRs, X-Forwarded-For is walked from the
 * right while the hop that added an entry is a trusted proxy (what proxy-addr does), so a client
 * cannot choose its own address by sending the header itself.
 *
 * `limitKey` groups addresses for per-client limits: an IPv4 address as it is, an IPv6 address by
 * its /64 (one subscriber's network: a client holding a /64 must not get 2^64 separate budgets).
 */
import { BlockList, isIP } from 'node:net';

export type TrustProxy = boolean | string;

/** "::ffff:127.0.0.1" → "127.0.0.1"; anything else unchanged. */
export function normalizeAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped?.[1] ?? address;
}

/** proxy-addr's (and so Fastify's) named ranges. */
const NAMED: Record<string, string[]> = {
  loopback: ['127.0.0.1/8', '::1/128'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

function trustList(spec: string): BlockList {
  const list = new BlockList();
  const entries = spec.split(',').flatMap((s) => NAMED[s.trim()] ?? [s.trim()]);
  for (const entry of entries) {
    if (!entry) continue;
    const [address = '', prefix] = entry.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (isIP(address) === 0) throw new Error(`RELAY_TRUST_PROXY: not an IP address or CIDR`);
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return list;
}

/** A function from (peer address, X-Forwarded-For header) to the client's address. */
export function clientAddressResolver(
  trust: TrustProxy,
): (peer: string | undefined, forwardedFor: string | string[] | undefined) => string {
  const trusted = typeof trust === 'string' ? trustList(trust) : undefined;
  const isTrusted = (address: string) => {
    if (trust === true) return true;
    if (!trusted) return false;
    const family = isIP(address);
    return family !== 0 && trusted.check(address, family === 6 ? 'ipv6' : 'ipv4');
  };
  return (peer, forwardedFor) => {
    let address = normalizeAddress(peer ?? '');
    if (!address || !trust) return address || 'unknown';
    const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? '');
    const hops = header
      .split(',')
      .map((s) => normalizeAddress(s.trim()))
      .filter(Boolean);
    while (isTrusted(address)) {
      const next = hops.pop();
      if (next === undefined || isIP(next) === 0) break;
      address = next;
    }
    return address;
  };
}

/** The key per-client limits count by (see the top of this file). */
export function limitKey(address: string): string {
  if (isIP(address) !== 6) return address;
  return `${expandIpv6(address).slice(0, 4).join(':')}::/64`;
}

function expandIpv6(address: string): string[] {
  const [head = '', tail] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(Math.max(0, missing)).fill('0'), ...right].map((h) =>
    h.replace(/^0+(?=.)/, ''),
  );
}
