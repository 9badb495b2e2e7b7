/**
 * xuc REST login and the WebSocket address (vendors/README.md §1.2, §1.3).
 */
import { z } from 'zod';
import type { Checkpoint, Logger } from '../../adapter';
import { CtiError } from '../../model';
import { joinPath, parseBaseUrl } from '../shared/base-url';
import { notTheApi } from '../shared/wrong-address';
import { CTI_PATH, LOGIN_PATH, LoginError, LoginSuccess } from './wire';

/** The server setting as a base URL without a trailing slash; CtiError('config') when unusable. */
export const serverBase = (server: string): URL => parseBaseUrl(server, 'XiVO server address');

/** `ws://` for `http://`, `wss://` for `https://`; the token rides in the query (§1.2). */
export function ctiSocketUrl(base: URL, token: string): string {
  const url = joinPath(base, CTI_PATH);
  url.protocol = base.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('token', token);
  return url.href;
}

export interface Token {
  value: string;
  /** Epoch ms after which we log in again rather than offer the token (TTL assumed seconds, §1.3). */
  expiresAt: number;
}

/** `POST /xuc/api/2.0/auth/login` {login, password} → token (§1.3). */
export async function login(
  deps: { fetch: typeof fetch; signal: AbortSignal; now: () => number },
  base: URL,
  username: string,
  password: string,
): Promise<Token> {
  let response: Response;
  try {
    response = await deps.fetch(joinPath(base, LOGIN_PATH).href, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ login: username, password }),
      signal: deps.signal,
    });
  } catch (cause) {
    throw new CtiError('network', `Cannot reach the XiVO server at ${base.origin}`, { cause });
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch (cause) {
    if (response.status === 401 || response.status === 403) {
      throw new CtiError('auth', 'XiVO refused the sign-in', { cause });
    }
    // Server trouble behind a proxy (502, 503) is worth retrying; anything else that is not
    // JSON (an HTML page, a 404) is another server than xuc.
    if (response.status >= 500) {
      throw new CtiError(
        'network',
        `The XiVO server answered the sign-in with HTTP ${response.status}`,
        { cause },
      );
    }
    throw notTheApi('XiVO', 'the sign-in', response.status);
  }
  const failure = LoginError.safeParse(body);
  if (failure.success) {
    throw loginError(failure.data.error, failure.data.message ?? undefined, response.status);
  }
  if (response.status === 404) throw notTheApi('XiVO', 'the sign-in', response.status);
  if (!response.ok) {
    throw new CtiError(
      response.status === 401 || response.status === 403 ? 'auth' : 'network',
      `The XiVO server answered the sign-in with HTTP ${response.status}`,
    );
  }
  const success = LoginSuccess.safeParse(body);
  if (!success.success) throw new CtiError('protocol', 'The XiVO sign-in answer has no token');
  const ttlSeconds = success.data.TTL ?? 0;
  // No TTL: offer the token until xuc refuses it. Renew a minute early otherwise.
  const expiresAt =
    ttlSeconds > 0 ? deps.now() + Math.max(0, ttlSeconds - 60) * 1000 : Number.POSITIVE_INFINITY;
  return { value: success.data.token, expiresAt };
}

function loginError(code: string, message: string | undefined, status: number): CtiError {
  switch (code) {
    case 'InvalidCredentials':
      return new CtiError('auth', 'XiVO did not accept this username and password');
    case 'UserNotFound':
      return new CtiError('auth', 'XiVO does not know this user');
    case 'InvalidJson':
      return new CtiError(
        'protocol',
        `XiVO could not read the sign-in request${message ? `: ${message}` : ''}`,
      );
    default:
      // An error answer at an address xuc does not serve: not the sign-in's address.
      if (status === 404) return notTheApi('XiVO', 'the sign-in', status);
      // UnhandledError and the like are server trouble: worth retrying.
      return new CtiError(
        'network',
        `XiVO could not sign you in (${code}${message ? `: ${message}` : ''})`,
      );
  }
}

/**
 * What the adapter keeps in `AdapterContext.checkpoint` (storage.session: memory only, cleared at
 * every sign-in and sign-out): the token, so that a reconnect or a restarted worker offers it
 * again instead of logging in once more. `expiresAt` null: no TTL was given.
 */
const SavedToken = z.object({
  version: z.literal(1),
  token: z.object({ value: z.string().min(1), expiresAt: z.number().nullable() }),
});

/** The saved token while it is still good at `now`; undefined otherwise. */
export async function loadToken(checkpoint: Checkpoint, now: number): Promise<Token | undefined> {
  const parsed = SavedToken.safeParse(await checkpoint.get().catch(() => undefined));
  if (!parsed.success) return undefined;
  const { value, expiresAt } = parsed.data.token;
  const token = { value, expiresAt: expiresAt ?? Number.POSITIVE_INFINITY };
  return token.expiresAt > now ? token : undefined;
}

export async function saveToken(checkpoint: Checkpoint, token: Token, log: Logger): Promise<void> {
  const expiresAt = Number.isFinite(token.expiresAt) ? token.expiresAt : null;
  await checkpoint
    .set({ version: 1, token: { value: token.value, expiresAt } })
    .catch((error: unknown) => log.warn('could not keep the XiVO token', error));
}

export async function forgetToken(checkpoint: Checkpoint, log: Logger): Promise<void> {
  await checkpoint
    .set(null)
    .catch((error: unknown) => log.warn('could not drop the XiVO token', error));
}

/** The handshake's LoggedOnError (generic.html, §1.4) as the sign-in error the agent reads. */
export function sessionRefusal(code: string): CtiError {
  if (code === 'loggedOnTimeout') {
    return new CtiError('network', 'XiVO could not open your CTI session in time', {
      failure: 'timeout',
    });
  }
  return new CtiError(
    'auth',
    code === 'TokenExpired' ? 'Your XiVO session expired' : 'XiVO refused to open your CTI session',
  );
}
