/**
 * One HTTP request to a vendor's REST API, read as text: ends after `timeoutMs` or when the
 * connection's `signal` aborts, and turns transport trouble into the CtiError the session
 * understands (`timeout` when our clock ran out, `network` otherwise). Status codes and body
 * formats are the caller's business.
 */
import type { Clock } from '../../adapter';
import { CtiError } from '../../model';

export interface HttpTextDeps {
  fetch: typeof fetch;
  signal: AbortSignal;
  clock: Clock;
}

export interface HttpTextRequest {
  /** The vendor's name as agents know it, for the messages ("uContact did not answer"). */
  vendor: string;
  timeoutMs: number;
}

export async function fetchText(
  deps: HttpTextDeps,
  url: string,
  init: RequestInit,
  { vendor, timeoutMs }: HttpTextRequest,
): Promise<{ status: number; ok: boolean; text: string }> {
  const { clock, signal } = deps;
  const controller = new AbortController();
  let timedOut = false;
  const timer = clock.setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  if (signal.aborted) controller.abort();
  try {
    let response: Response;
    try {
      response = await deps.fetch(url, { ...init, signal: controller.signal });
    } catch (cause) {
      if (timedOut) throw new CtiError('timeout', `${vendor} did not answer`);
      throw new CtiError('network', `Cannot reach ${vendor} at ${new URL(url).origin}`, { cause });
    }
    const text = await response.text().catch((cause: unknown) => {
      throw new CtiError(timedOut ? 'timeout' : 'network', `${vendor} broke off its answer`, {
        cause,
      });
    });
    return { status: response.status, ok: response.ok, text };
  } finally {
    clock.clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
  }
}
