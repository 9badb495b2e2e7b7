/**
 * A server answers at the address in the settings, but it is not the vendor's API: the sign-in
 * form says to check the address (ConnectFailure `notFound`). The code stays `network`, so that an
 * established session that meets one (a proxy's error page during a restart) keeps retrying; a
 * sign-in's first connection ends on any failure.
 */
import type { AdapterContext } from '../../adapter';
import { CtiError } from '../../model';
import { fetchText } from './http-text';

/** The vendor's API was not at `what`'s address: HTTP 404, or an answer in the wrong format. */
export function notTheApi(vendor: string, what: string, status: number): CtiError {
  return new CtiError(
    'network',
    `${vendor} is not at this address: ${what} got HTTP ${status} without ${vendor}'s answer`,
    { failure: 'notFound' },
  );
}

/** How long the probe of a refused WebSocket waits for an answer. */
const PROBE_TIMEOUT_MS = 3_000;

/**
 * Why a WebSocket closed before it ever opened, as far as an extension can tell. The browser says
 * nothing (an `error` event, close code 1006), and Chromium's webRequest does not see a service
 * worker's WebSocket handshakes. A plain GET to the same address goes through fetch: it fails the
 * same way when the server cannot be reached (the session's network watch then tells a name that
 * does not resolve, a refused connection and a refused certificate apart), and when it is answered
 * the server is there but refused the upgrade: not the vendor's socket at this address. Only for a
 * sign-in's first connection (AdapterContext.firstConnect): a reconnect just retries.
 */
export async function refusedSocket(
  ctx: Pick<AdapterContext, 'fetch' | 'signal' | 'clock'>,
  socketUrl: string,
  vendor: string,
  closed: CtiError,
): Promise<CtiError> {
  const url = new URL(socketUrl);
  url.protocol = url.protocol === 'wss:' ? 'https:' : 'http:';
  // Whatever rides in the query (a token) stays out of the probe.
  url.search = '';
  url.hash = '';
  try {
    const { status } = await fetchText(
      ctx,
      url.href,
      { method: 'GET', credentials: 'omit' },
      { vendor, timeoutMs: PROBE_TIMEOUT_MS },
    );
    return new CtiError(
      'network',
      `${vendor} refused the WebSocket connection at ${url.pathname} (a plain request there got HTTP ${status})`,
      { cause: closed, failure: 'notFound' },
    );
  } catch (error) {
    // Unreachable: fetchText's `network` error, which the network watch explains. A probe that
    // timed out or was cut short tells nothing more than the socket did.
    const unreachable = error instanceof CtiError && error.code === 'network';
    return unreachable && !ctx.signal.aborted ? error : closed;
  }
}
