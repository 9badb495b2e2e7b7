/**
 * Telling a sign-in's network failures apart (docs/architecture.md, "Sign-in failures"). In an
 * extension, fetch() throws the same TypeError whether the server's name does not resolve, nothing
 * listens there or its certificate is refused. The browser's webRequest API says which: its
 * `onErrorOccurred` carries Chrome's `net::ERR_*` or Firefox's `NS_ERROR_*` / `SEC_ERROR_*` /
 * `SSL_ERROR_*` name. While a sign-in's first connection is under way the session holds a watch
 * (SessionDeps.watchNetwork) that listens to the failures of the extension's own requests, and
 * asks it what a network failure was. WebSocket handshakes from an extension's service worker do
 * not reach webRequest (Chromium): adapters probe a failed socket's address with a fetch
 * (vendors/shared/socket-probe.ts), whose failure this watch sees.
 */
import type { Clock } from '../cti/adapter';
import type { ConnectFailure } from '../cti/model';
import type { NetworkWatch } from '../cti/session';

/** How long `explain` waits for a report the browser has not delivered yet. */
export const REPORT_GRACE_MS = 400;

/**
 * What a request's failure name says, for Chrome's `net::ERR_*` names and Firefox's; undefined for
 * names that say nothing about the server (our own abort, a generic failure) or are unknown.
 * Chrome: net/base/net_error_list.h. Firefox: its XPCOM error names and NSS's security errors.
 */
const PATTERNS: readonly [RegExp, ConnectFailure][] = [
  // The name does not resolve.
  [/^ERR_(NAME_NOT_RESOLVED|NAME_RESOLUTION_FAILED|DNS_.*|ICANN_NAME_COLLISION)$/, 'dns'],
  [/^NS_ERROR_(UNKNOWN_HOST|DNS_.*)$/, 'dns'],
  // The certificate or the TLS handshake.
  [/^ERR_(CERT_.*|SSL_.*|BAD_SSL_.*|CERTIFICATE_.*|TLS\d*_.*|ECH_.*)$/, 'tls'],
  [/^(SEC_ERROR_.*|SSL_ERROR_.*|MOZILLA_PKIX_ERROR_.*|NS_ERROR_NET_INADEQUATE_SECURITY)$/, 'tls'],
  // Nothing listens there, or the connection could not be made or was dropped unanswered.
  [
    /^ERR_(CONNECTION_REFUSED|CONNECTION_FAILED|CONNECTION_RESET|CONNECTION_CLOSED|ADDRESS_UNREACHABLE|ADDRESS_INVALID|NETWORK_ACCESS_DENIED)$/,
    'unreachable',
  ],
  [/^NS_ERROR_(CONNECTION_REFUSED|NET_RESET|NET_INTERRUPT|NET_PARTIAL_TRANSFER)$/, 'unreachable'],
  // No answer in time.
  [/^ERR_(CONNECTION_TIMED_OUT|TIMED_OUT)$/, 'timeout'],
  [/^NS_ERROR_NET_TIMEOUT(_EXTERNAL)?$/, 'timeout'],
  // Something answers there, but not in HTTP as the vendor's API would: another service's port.
  [
    /^ERR_(EMPTY_RESPONSE|INVALID_HTTP_RESPONSE|INVALID_RESPONSE|RESPONSE_HEADERS_TRUNCATED)$/,
    'notFound',
  ],
  [/^NS_ERROR_(NET_EMPTY_RESPONSE|CORRUPTED_CONTENT)$/, 'notFound'],
  // The browser is offline or its proxy failed: a network failure, not the server's.
  [/^ERR_(INTERNET_DISCONNECTED|NETWORK_CHANGED|PROXY_.*|TUNNEL_CONNECTION_FAILED)$/, 'network'],
  [/^NS_ERROR_(OFFLINE|PROXY_.*|UNKNOWN_PROXY_HOST)$/, 'network'],
];

/** The failure kind a webRequest error name stands for (see PATTERNS). */
export function classifyNetError(name: string): ConnectFailure | undefined {
  const token = name
    .trim()
    .replace(/^net::/i, '')
    .toUpperCase();
  return PATTERNS.find(([pattern]) => pattern.test(token))?.[1];
}

/** The parts of `webRequest.onErrorOccurred`'s details this module reads. */
export interface RequestError {
  error: string;
  /** Chrome: the origin that made the request (ours: the extension's). */
  initiator?: string;
  /** Firefox: the page that made it (ours: the background page). */
  originUrl?: string;
  documentUrl?: string;
}

export interface RequestErrorEvent {
  addListener(listener: (details: RequestError) => void, filter: { urls: string[] }): void;
  removeListener(listener: (details: RequestError) => void): void;
}

export interface NetworkWatchDeps {
  /** `browser.webRequest.onErrorOccurred`; undefined where the API is missing. */
  errors: RequestErrorEvent | undefined;
  /** `browser.permissions.contains`: whether the extension may reach these origins. */
  hostAccess?(origins: string[]): Promise<boolean>;
  /** The extension's own origin: only its requests count. */
  origin: string;
  /** The vendor's server addresses in the settings now (`serverOrigins`). */
  servers(): string[];
  clock: Clock;
  graceMs?: number;
}

/** Whether the extension made this request (not a tab, not another extension). */
function ours(details: RequestError, origin: string): boolean {
  if (details.initiator !== undefined) return details.initiator === origin;
  const from = details.originUrl ?? details.documentUrl ?? '';
  return from === origin || from.startsWith(`${origin}/`);
}

/**
 * The origins (`https://host:port`) of the URL-valued connection settings of a vendor: its server,
 * broker or relay addresses (a `ws(s)://` relay is reached over http(s) too).
 */
export function serverOrigins(connection: Record<string, unknown> | undefined): string[] {
  const origins = new Set<string>();
  for (const value of Object.values(connection ?? {})) {
    if (typeof value !== 'string') continue;
    let url: URL;
    try {
      url = new URL(value.trim().replace(/^ws(s?):\/\//i, 'http$1://'));
    } catch {
      continue;
    }
    if (url.protocol === 'http:' || url.protocol === 'https:') origins.add(url.origin);
  }
  return [...origins];
}

/**
 * Watches for the session (SessionDeps.watchNetwork): each listens from its creation to its
 * `stop`, and explains a failure by the first report that says something, else by missing host
 * access to the vendor's servers (Chrome lets a user withhold site access; the extension's
 * requests are then subject to CORS and fail like any other).
 */
export function createNetworkWatcher(deps: NetworkWatchDeps): () => NetworkWatch {
  const graceMs = deps.graceMs ?? REPORT_GRACE_MS;
  return () => {
    let seen: ConnectFailure | undefined;
    const waiting: ((failure: ConnectFailure | undefined) => void)[] = [];
    const listener = (details: RequestError) => {
      if (seen || !ours(details, deps.origin)) return;
      seen = classifyNetError(details.error);
      if (seen) for (const wake of waiting.splice(0)) wake(seen);
    };
    deps.errors?.addListener(listener, { urls: ['<all_urls>'] });
    const reported = (): Promise<ConnectFailure | undefined> =>
      seen || !deps.errors
        ? Promise.resolve(seen)
        : new Promise((resolve) => {
            waiting.push(resolve);
            deps.clock.setTimeout(() => resolve(seen), graceMs);
          });
    const refusedAccess = async (): Promise<boolean> => {
      const origins = deps.servers().map((origin) => `${origin}/*`);
      if (!deps.hostAccess || origins.length === 0) return false;
      return !(await deps.hostAccess(origins).catch(() => true));
    };
    return {
      explain: async () => (await reported()) ?? ((await refusedAccess()) ? 'origin' : undefined),
      stop: () => {
        deps.errors?.removeListener(listener);
        for (const wake of waiting.splice(0)) wake(seen);
      },
    };
  };
}
