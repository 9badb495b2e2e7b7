/**
 * Sign-in and identity (vendors/README.md §5.3). How a CCS token is obtained is [UNKNOWN]: the
 * agent pastes an API token issued for them, or, as the fallback the notes keep, signs in with
 * extension + PIN through the /6 API's `extensions.auth` (§5.2), whose `core_cookie` we then use
 * as the token (assumed) and also send as the cookie that API used.
 */
import type { Credentials, RequestHeaders } from '../../adapter';
import { CtiError } from '../../model';
import { cookiePrefix, pinLoginUrl, type CcsConfig } from './config';
import type { Identity } from './identity';
import { readExtensions } from './reads';
import { cancelled, httpError, type CcsRest } from './rest';
import type { Routes } from './routes';
import { PinLoginResponse, type Extension } from './wire';

export const MISSING_CREDENTIALS = 'Enter an API token, or your extension and PIN';

export interface SignIn {
  token: string;
  method: 'token' | 'pin';
  /** The extension number typed at sign-in, if any. */
  extension: string | undefined;
}

/** Which sign-in the agent chose; CtiError('auth') when neither is complete. */
export function chooseSignIn(credentials: Credentials): {
  token?: string;
  extension?: string;
  pin?: string;
} {
  const token = credentials.token?.trim();
  const extension = credentials.extension?.trim() || undefined;
  const pin = credentials.pin?.trim();
  if (token) return { token, extension };
  if (extension && pin) return { extension, pin };
  throw new CtiError('auth', MISSING_CREDENTIALS);
}

interface SignInDeps {
  fetch: typeof fetch;
  signal: AbortSignal;
  requestHeaders: RequestHeaders;
}

export async function signIn(
  deps: SignInDeps,
  base: URL,
  config: CcsConfig,
  credentials: Credentials,
): Promise<SignIn> {
  const chosen = chooseSignIn(credentials);
  if (chosen.token) return { token: chosen.token, method: 'token', extension: chosen.extension };
  const extension = chosen.extension as string;
  const token = await pinLogin(deps, base, config, extension, chosen.pin as string);
  await deps.requestHeaders.set(cookiePrefix(base), { Cookie: `core_cookie=${token}` });
  return { token, method: 'pin', extension };
}

/** `POST /6/api {"function":"extensions.auth","pin","extension","sil_tenant_url"}` (§5.2). */
async function pinLogin(
  deps: SignInDeps,
  base: URL,
  config: CcsConfig,
  extension: string,
  pin: string,
): Promise<string> {
  let response: Response;
  try {
    response = await deps.fetch(pinLoginUrl(base), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({
        function: 'extensions.auth',
        pin,
        extension,
        ...(config.tenantUrl ? { sil_tenant_url: config.tenantUrl } : {}),
      }),
      signal: deps.signal,
    });
  } catch (cause) {
    if (deps.signal.aborted) throw cancelled();
    throw new CtiError('network', `Cannot reach Windstream CCS at ${base.origin}`, { cause });
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    json = undefined;
  }
  const error = httpError(response.status, json, 'the PIN sign-in');
  // Server trouble, or an address without the PIN sign-in: not the agent's extension and PIN.
  if (error?.code === 'network' || error?.failure === 'notFound') throw error;
  if (error) {
    throw new CtiError('auth', 'Windstream CCS did not accept this extension and PIN', {
      cause: error,
    });
  }
  const parsed = PinLoginResponse.safeParse(json);
  if (!parsed.success) {
    throw new CtiError('protocol', 'The Windstream CCS PIN sign-in answer has no session token');
  }
  return parsed.data;
}

/**
 * The agent's extension uuid and number. The uuid comes from the settings or, failing that, from
 * the tenant's extension list by the number typed at sign-in; the number the other way round.
 */
export async function resolveIdentity(
  rest: CcsRest,
  routes: Routes,
  config: CcsConfig,
  typedExtension: string | undefined,
): Promise<Identity> {
  const uuid = config.extensionId.trim();
  if (uuid && typedExtension) return { uuid, number: typedExtension };
  if (!uuid && !typedExtension) {
    throw new CtiError(
      'config',
      'Set the CCS extension id in the settings, or enter your extension',
    );
  }
  let items: Extension[];
  try {
    items = await readExtensions(rest, routes);
  } catch (error) {
    // Not CCS's API at this address: the settings' ids are not the question.
    if (!(error instanceof CtiError) || error.code !== 'rejected' || error.failure) throw error;
    throw new CtiError(
      'config',
      uuid
        ? `Enter your extension: Windstream CCS did not list the extensions (${error.message})`
        : `Set the CCS extension id in the settings: Windstream CCS did not list the extensions (${error.message})`,
      { cause: error },
    );
  }
  const match = items.find((e) => (uuid ? e.uuid === uuid : e.extension === typedExtension));
  if (!match?.extension) {
    throw new CtiError(
      'config',
      uuid
        ? `Windstream CCS has no extension with the id ${uuid}`
        : `Windstream CCS has no extension ${typedExtension}`,
    );
  }
  return { uuid: match.uuid, number: match.extension };
}

/** During connect a refusal (bad tenant or extension, missing permission) is for the admin. */
export async function duringConnect<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof CtiError && error.code === 'rejected') {
      throw new CtiError('config', error.message, { cause: error, failure: error.failure });
    }
    throw error;
  }
}
