/**
 * One MaxContact connection: its context, HTTP client, token and poll state. The token comes from
 * the token service and rides as `Cookie: TokenKey=…` on every request (vendors/README.md §3.3).
 * A browser's fetch cannot set Cookie (§6), so the background's header rule adds it
 * (AdapterContext.requestHeaders), scoped to this server's `/webservices/`.
 */
import type { z } from 'zod';
import type { AdapterContext } from '../../adapter';
import { CtiError } from '../../model';
import { failureOf, WireFailure, type MaxContactHttp } from './http';
import type { TelephonyRequest } from './wire';

export interface Link {
  ctx: AdapterContext;
  http: MaxContactHttp;
  login: string;
  password: string;
  timer?: unknown;
  polling: boolean;
  lastPollAt: number;
  failures: number;
  shownInterval?: number;
  relogin?: Promise<void>;
  stopped: boolean;
}

export function createLink(
  ctx: AdapterContext,
  http: MaxContactHttp,
  login: string,
  password: string,
): Link {
  return { ctx, http, login, password, polling: false, lastPollAt: 0, failures: 0, stopped: false };
}

/** A new token from the token service, installed as the Cookie header of later requests. */
export async function signIn(link: Link): Promise<void> {
  const token = await link.http.login(link.login, link.password);
  if (link.stopped) return;
  try {
    await link.ctx.requestHeaders.set(link.http.cookieScope, { Cookie: `TokenKey=${token}` });
  } catch (cause) {
    throw new CtiError('network', 'Could not attach the MaxContact token to requests', { cause });
  }
}

/**
 * One telephony GET. A refused token (expired; the platform restarted) is replaced once, shared
 * by the requests that were refused together (§3.3 "re-login on 401/403 or Success:false"); a
 * second refusal is CtiError('auth'), which ends the session. Rejects with a WireFailure.
 */
export async function request<S extends z.ZodType>(
  link: Link,
  req: TelephonyRequest,
  schema: S,
): Promise<z.output<S>> {
  try {
    return await link.http.call(req, schema);
  } catch (error) {
    if (failureOf(error).error.code !== 'auth') throw error;
  }
  link.relogin ??= signIn(link).finally(() => {
    link.relogin = undefined;
  });
  await link.relogin;
  try {
    return await link.http.call(req, schema);
  } catch (error) {
    const failure = failureOf(error);
    if (failure.error.code !== 'auth') throw failure;
    throw new WireFailure(
      new CtiError('auth', 'MaxContact refused a fresh token too: sign in again'),
    );
  }
}
