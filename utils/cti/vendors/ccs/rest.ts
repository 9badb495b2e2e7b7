/**
 * The CCS REST API (`/6/v2/api`, vendors/README.md §5.2–§5.4): JSON requests with the token as
 * `Authorization: Bearer` (§5.3 [UNKNOWN], assumed), and the documented error shapes turned into
 * CtiErrors:
 *   401 `{"status":401,"reason":"Unauthorized"}`            → auth (the token is no good)
 *   403                                                     → rejected, naming the permissions
 *   400 `{"success":false,"reason":…}` (or success: true!)   → rejected with the reason
 *   404                                                     → rejected, and during a sign-in
 *                                                             the address is wrong (`notFound`)
 *   5xx `{"success": true,"reason":"Internal Server Error"}` → network (worth retrying)
 * The page's 500 body says `success: true`, so the HTTP status decides, never the flag.
 */
import type { z } from 'zod';
import { CtiError } from '../../model';
import { apiUrl } from './config';
import { Failure, Unauthorized } from './wire';

export interface RestDeps {
  fetch: typeof fetch;
  signal: AbortSignal;
  base: URL;
  token: string;
}

export class CcsRest {
  constructor(private readonly deps: RestDeps) {}

  get<T extends z.ZodType>(path: string, schema: T): Promise<z.output<T>> {
    return this.request('GET', path, undefined, schema);
  }

  post<T extends z.ZodType>(path: string, body: object, schema: T): Promise<z.output<T>> {
    return this.request('POST', path, body, schema);
  }

  private async request<T extends z.ZodType>(
    method: 'GET' | 'POST',
    path: string,
    body: object | undefined,
    schema: T,
  ): Promise<z.output<T>> {
    const what = `${method} ${path.split('?')[0]}`;
    let response: Response;
    try {
      response = await this.deps.fetch(apiUrl(this.deps.base, path), {
        method,
        headers: {
          Accept: 'application/json',
          Authorization: `Bearer ${this.deps.token}`,
          ...(body ? { 'Content-Type': 'application/json' } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
        signal: this.deps.signal,
      });
    } catch (cause) {
      if (this.deps.signal.aborted) throw cancelled();
      throw new CtiError('network', `Cannot reach Windstream CCS at ${this.deps.base.origin}`, {
        cause,
      });
    }
    const json = await readJson(response);
    const error = httpError(response.status, json, what);
    if (error) throw error;
    if (json === undefined) {
      throw new CtiError('protocol', `Windstream CCS answered ${what} with something not JSON`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
      throw new CtiError(
        'protocol',
        `Unexpected answer from Windstream CCS to ${what}${where}: ${issue?.message ?? 'bad body'}`,
      );
    }
    return parsed.data;
  }
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return (await response.json()) as unknown;
  } catch {
    return undefined;
  }
}

/** The CtiError for an HTTP answer that is not a success, or undefined for a success. */
export function httpError(status: number, json: unknown, what: string): CtiError | undefined {
  const reason = Failure.safeParse(json).data?.reason;
  const because = reason ? `: ${reason}` : '';
  if (status === 401 || Unauthorized.safeParse(json).success) {
    return new CtiError(
      'auth',
      `Windstream CCS did not accept the credentials (401 Unauthorized${because})`,
    );
  }
  if (status === 403) {
    return new CtiError(
      'rejected',
      `Windstream CCS does not allow ${what}${because}. Ask your administrator for the API, Agent Control and Call Control permissions.`,
    );
  }
  if (status >= 500) {
    return new CtiError('network', `Windstream CCS answered ${what} with HTTP ${status}${because}`);
  }
  if (status >= 400) {
    return new CtiError(
      'rejected',
      `Windstream CCS refused ${what}${because || ` (HTTP ${status})`}`,
      // CCS answers a request it has but cannot do with 400: a 404 is a path it does not serve.
      status === 404 ? { failure: 'notFound' } : undefined,
    );
  }
  // A 200 that says it failed (§4: `{"success":false,"reason":…}`).
  const failure = Failure.safeParse(json);
  if (failure.success && failure.data.success === false) {
    return new CtiError('rejected', `Windstream CCS refused ${what}${because}`);
  }
  return undefined;
}

export function cancelled(): CtiError {
  return new CtiError('network', 'The Windstream CCS connection was cancelled');
}
