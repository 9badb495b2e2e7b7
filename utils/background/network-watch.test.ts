import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../cti/adapter';
import { CONNECT_FAILURES } from '../cti/model';
import { checkProperty } from '../../tests/support/property';
import {
  classifyNetError,
  createNetworkWatcher,
  REPORT_GRACE_MS,
  serverOrigins,
  type RequestError,
  type RequestErrorEvent,
} from './network-watch';

const ORIGIN = 'chrome-extension://dfkcfgjanfbhchjdphjachmfpaecijgn';
const FIREFOX_ORIGIN = 'moz-extension://4b1f0a8e-5d1c-4d2b-9a55-0c7e7f0e1f11';

describe('classifyNetError', () => {
  it.each([
    // What Chromium reported for the sign-in failures of tests/e2e/sign-in-failures.spec.ts.
    ['net::ERR_CONNECTION_REFUSED', 'unreachable'],
    ['net::ERR_NAME_NOT_RESOLVED', 'dns'],
    ['net::ERR_CERT_AUTHORITY_INVALID', 'tls'],
    ['net::ERR_CERT_COMMON_NAME_INVALID', 'tls'],
    ['net::ERR_SSL_PROTOCOL_ERROR', 'tls'],
    ['net::ERR_NAME_RESOLUTION_FAILED', 'dns'],
    ['net::ERR_DNS_TIMED_OUT', 'dns'],
    ['net::ERR_ADDRESS_UNREACHABLE', 'unreachable'],
    ['net::ERR_CONNECTION_RESET', 'unreachable'],
    ['net::ERR_CONNECTION_TIMED_OUT', 'timeout'],
    ['net::ERR_EMPTY_RESPONSE', 'notFound'],
    ['net::ERR_INVALID_HTTP_RESPONSE', 'notFound'],
    ['net::ERR_INTERNET_DISCONNECTED', 'network'],
    ['net::ERR_PROXY_CONNECTION_FAILED', 'network'],
    // Firefox.
    ['NS_ERROR_UNKNOWN_HOST', 'dns'],
    ['NS_ERROR_CONNECTION_REFUSED', 'unreachable'],
    ['NS_ERROR_NET_TIMEOUT', 'timeout'],
    ['SEC_ERROR_UNKNOWN_ISSUER', 'tls'],
    ['SSL_ERROR_BAD_CERT_DOMAIN', 'tls'],
    ['MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT', 'tls'],
    ['SEC_ERROR_EXPIRED_CERTIFICATE', 'tls'],
    ['NS_ERROR_OFFLINE', 'network'],
    ['NS_ERROR_UNKNOWN_PROXY_HOST', 'network'],
  ])('%s is %s', (name, kind) => {
    expect(classifyNetError(name)).toBe(kind);
  });

  it.each([
    'net::ERR_ABORTED',
    'net::ERR_FAILED',
    'net::ERR_BLOCKED_BY_CLIENT',
    'NS_BINDING_ABORTED',
    'NS_ERROR_ABORT',
    '',
    'Failed to fetch',
  ])('%j says nothing about the server', (name) => {
    expect(classifyNetError(name)).toBeUndefined();
  });

  const token = fc.stringMatching(/^[A-Z0-9_]{1,40}$/);
  const suffix = fc.stringMatching(/^[A-Z0-9_]{1,30}$/);

  it('reads a name with or without "net::", in any case, with spaces around', () => {
    checkProperty(
      'net error names',
      fc.property(token, fc.constantFrom('', ' ', '\t'), (name, space) => {
        const plain = classifyNetError(name);
        expect(classifyNetError(`${space}net::${name}${space}`)).toBe(plain);
        expect(classifyNetError(name.toLowerCase())).toBe(plain);
      }),
      { numRuns: 2_000 },
    );
  });

  it('knows every certificate and TLS error by its family, and every DNS error', () => {
    const families: [string, string][] = [
      ['net::ERR_CERT_', 'tls'],
      ['net::ERR_SSL_', 'tls'],
      ['SEC_ERROR_', 'tls'],
      ['SSL_ERROR_', 'tls'],
      ['MOZILLA_PKIX_ERROR_', 'tls'],
      ['net::ERR_DNS_', 'dns'],
    ];
    checkProperty(
      'net error families',
      fc.property(fc.constantFrom(...families), suffix, ([prefix, kind], rest) => {
        expect(classifyNetError(`${prefix}${rest}`)).toBe(kind);
      }),
      { numRuns: 2_000 },
    );
  });

  it('never throws, and answers a known kind or nothing, for any text', () => {
    checkProperty(
      'net error text',
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const kind = classifyNetError(text);
        expect(kind === undefined || (CONNECT_FAILURES as readonly string[]).includes(kind)).toBe(
          true,
        );
      }),
      { numRuns: 3_000 },
    );
  });

  it('does not take a name for another with a word added', () => {
    checkProperty(
      'net error names with extras',
      fc.property(
        fc.constantFrom('ERR_CONNECTION_REFUSED', 'NS_ERROR_UNKNOWN_HOST', 'ERR_TIMED_OUT'),
        suffix,
        (name, extra) => {
          // A longer name is another error, not one of these.
          expect(classifyNetError(`X${name}`)).toBeUndefined();
          expect(classifyNetError(`${name}_${extra}`)).toBeUndefined();
        },
      ),
      { numRuns: 1_000 },
    );
  });
});

describe('serverOrigins', () => {
  it('finds the http(s) and ws(s) addresses among the connection settings', () => {
    expect(
      serverOrigins({
        server: ' https://xuc.example.com:8443/xuc ',
        relayUrl: 'wss://relay.example.com/v1',
        brokerUrl: 'http://10.0.0.5:8080',
        campaign: 'Sales->',
        pollIntervalMs: 3000,
        other: 'ftp://files.example.com',
        empty: '',
      }),
    ).toEqual([
      'https://xuc.example.com:8443',
      'https://relay.example.com',
      'http://10.0.0.5:8080',
    ]);
    expect(serverOrigins(undefined)).toEqual([]);
  });
});

/** A webRequest.onErrorOccurred that the test fires. */
function fakeErrors() {
  const listeners = new Set<(details: RequestError) => void>();
  const filters: { urls: string[] }[] = [];
  const event: RequestErrorEvent = {
    addListener: (listener, filter) => {
      listeners.add(listener);
      filters.push(filter);
    },
    removeListener: (listener) => void listeners.delete(listener),
  };
  return {
    event,
    filters,
    listeners,
    fire: (details: RequestError) => {
      for (const listener of [...listeners]) listener(details);
    },
  };
}

describe('createNetworkWatcher', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const watcher = (
    errors: ReturnType<typeof fakeErrors>,
    hostAccess?: (origins: string[]) => Promise<boolean>,
    origin = ORIGIN,
  ) =>
    createNetworkWatcher({
      errors: errors.event,
      hostAccess,
      origin,
      servers: () => ['https://xuc.example.com'],
      clock: systemClock,
    });

  it('explains a failure by the first telling report of the extension’s own requests', async () => {
    const errors = fakeErrors();
    const watch = watcher(errors)();
    // A tab's request, another extension's, and our own abort say nothing about the sign-in.
    errors.fire({ error: 'net::ERR_NAME_NOT_RESOLVED', initiator: 'https://crm.example.com' });
    errors.fire({ error: 'net::ERR_NAME_NOT_RESOLVED', initiator: 'chrome-extension://other' });
    errors.fire({ error: 'net::ERR_ABORTED', initiator: ORIGIN });
    errors.fire({ error: 'net::ERR_CERT_DATE_INVALID', initiator: ORIGIN });
    errors.fire({ error: 'net::ERR_CONNECTION_REFUSED', initiator: ORIGIN });
    await expect(watch.explain()).resolves.toBe('tls');
    expect(errors.filters).toEqual([{ urls: ['<all_urls>'] }]);
    watch.stop();
    expect(errors.listeners.size).toBe(0);
  });

  it('knows Firefox’s background page by the page that made the request', async () => {
    const errors = fakeErrors();
    const watch = watcher(errors, undefined, FIREFOX_ORIGIN)();
    errors.fire({ error: 'NS_ERROR_UNKNOWN_HOST', originUrl: 'https://crm.example.com/' });
    errors.fire({
      error: 'NS_ERROR_CONNECTION_REFUSED',
      originUrl: `${FIREFOX_ORIGIN}/_generated_background_page.html`,
    });
    await expect(watch.explain()).resolves.toBe('unreachable');
  });

  it('waits a moment for a report still on its way, then gives up', async () => {
    const errors = fakeErrors();
    const watch = watcher(errors)();
    const late = watch.explain();
    await vi.advanceTimersByTimeAsync(REPORT_GRACE_MS / 2);
    errors.fire({ error: 'net::ERR_NAME_NOT_RESOLVED', initiator: ORIGIN });
    await expect(late).resolves.toBe('dns');

    const other = watcher(errors)();
    const none = other.explain();
    await vi.advanceTimersByTimeAsync(REPORT_GRACE_MS);
    await expect(none).resolves.toBeUndefined();
  });

  it('hears only what happens while it watches', async () => {
    const errors = fakeErrors();
    const first = watcher(errors)();
    errors.fire({ error: 'net::ERR_NAME_NOT_RESOLVED', initiator: ORIGIN });
    first.stop();
    const second = watcher(errors)();
    errors.fire({ error: 'net::ERR_CONNECTION_REFUSED', initiator: ORIGIN });
    await expect(second.explain()).resolves.toBe('unreachable');
  });

  it('says `origin` when the browser reported nothing and the extension may not reach the server', async () => {
    const errors = fakeErrors();
    const asked: string[][] = [];
    const denied = async (origins: string[]) => (asked.push(origins), false);
    const watch = watcher(errors, denied)();
    const explained = watch.explain();
    await vi.advanceTimersByTimeAsync(REPORT_GRACE_MS);
    await expect(explained).resolves.toBe('origin');
    expect(asked).toEqual([['https://xuc.example.com/*']]);

    const allowed = watcher(errors, async () => true)();
    const nothing = allowed.explain();
    await vi.advanceTimersByTimeAsync(REPORT_GRACE_MS);
    await expect(nothing).resolves.toBeUndefined();
  });

  it('works without the webRequest API: only host access can tell', async () => {
    const watch = createNetworkWatcher({
      errors: undefined,
      hostAccess: async () => false,
      origin: ORIGIN,
      servers: () => ['https://xuc.example.com'],
      clock: systemClock,
    })();
    await expect(watch.explain()).resolves.toBe('origin');
  });
});
