/**
 * Where click-to-dial runs (`settings.clickToDial.sites`). Shared by the content script, which
 * decides whether to start, and the background, which may re-check a dial request's tab.
 *
 * A pattern is either a WebExtension match pattern (`https://*.example.com/*`, `<all_urls>`) or,
 * because admins type host names, a bare host with an optional path (`crm.example.com`,
 * `*.example.com`, `intranet:8080/crm/*`), which matches http and https.
 */

export interface SitesSetting {
  mode: 'all' | 'allow' | 'block';
  patterns: readonly string[];
}

export function isSiteEnabled(url: string, sites: SitesSetting): boolean {
  if (sites.mode === 'all') return true;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // An allow-list names the sites it wants; a URL we cannot read is not one of them.
    return sites.mode === 'block';
  }
  const listed = sites.patterns.some((pattern) => matchesPattern(parsed, pattern));
  return sites.mode === 'allow' ? listed : !listed;
}

interface Compiled {
  schemes: readonly string[] | 'any';
  host: (hostname: string) => boolean;
  port: string | undefined;
  path: RegExp;
}

const cache = new Map<string, Compiled | null>();

export function matchesPattern(url: URL, pattern: string): boolean {
  let compiled = cache.get(pattern);
  if (compiled === undefined) {
    compiled = compile(pattern.trim());
    // Settings hold at most 500 patterns; the cache only has to outlive one settings version.
    if (cache.size > 2_000) cache.clear();
    cache.set(pattern, compiled);
  }
  if (!compiled) return false;
  const scheme = url.protocol.slice(0, -1).toLowerCase();
  if (compiled.schemes !== 'any' && !compiled.schemes.includes(scheme)) return false;
  if (compiled.port !== undefined && compiled.port !== '*' && compiled.port !== effectivePort(url))
    return false;
  if (!compiled.host(url.hostname.toLowerCase())) return false;
  return compiled.path.test(url.pathname + url.search);
}

function compile(pattern: string): Compiled | null {
  if (pattern === '<all_urls>') {
    return {
      schemes: ['http', 'https', 'file', 'ftp', 'ws', 'wss'],
      host: () => true,
      port: undefined,
      path: /^/,
    };
  }
  const full = /^(\*|[a-z][a-z0-9+.-]*):\/\/([^/]*)(\/.*)?$/i.exec(pattern);
  const scheme = full ? full[1]!.toLowerCase() : '*';
  const authority = full ? full[2]! : (/^[^/]*/.exec(pattern)?.[0] ?? '');
  // A bare "crm.example.com/app" means everything under /app; a match pattern means what it says.
  const path = full ? (full[3] ?? '/*') : `${pattern.slice(authority.length) || '/'}*`;
  if (scheme === 'file')
    return { schemes: ['file'], host: () => true, port: undefined, path: glob(path) };
  const hostPort = /^(\*|(?:\*\.)?[^:*]+|\[[^\]]+\])(?::(\d+|\*))?$/.exec(authority);
  if (!hostPort) return null;
  const host = compileHost(hostPort[1]!);
  if (!host) return null;
  return {
    schemes: scheme === '*' ? ['http', 'https'] : [scheme],
    host,
    port: hostPort[2],
    path: glob(path.startsWith('/') ? path : `/${path}`),
  };
}

function compileHost(host: string): ((hostname: string) => boolean) | null {
  if (host === '*') return () => true;
  const wildcard = host.startsWith('*.');
  const name = normalizeHost(wildcard ? host.slice(2) : host);
  if (!name) return null;
  if (!wildcard) return (hostname) => hostname === name;
  // `*.example.com` matches example.com itself too, as in match patterns.
  return (hostname) => hostname === name || hostname.endsWith(`.${name}`);
}

/** Lower case and punycode, as URL.hostname gives them, so "bücher.example" matches. */
function normalizeHost(host: string): string | null {
  try {
    return new URL(`http://${host}/`).hostname;
  } catch {
    return null;
  }
}

function effectivePort(url: URL): string {
  if (url.port) return url.port;
  return url.protocol === 'https:' ? '443' : url.protocol === 'http:' ? '80' : '';
}

function glob(path: string): RegExp {
  const body = path
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`);
}
