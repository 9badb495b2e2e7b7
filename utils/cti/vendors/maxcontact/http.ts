/**
 * MaxContact HTTP: the base URL, the token service and the telephony GETs with their
 * `CallActionResponse` envelope (vendors/README.md §3.2–§3.4). Every answer is checked with zod;
 * every failure becomes a CtiError whose code says what the adapter should do with it (`auth`:
 * sign in again; `network`/`timeout`: transport trouble; `protocol`: unreadable; `rejected`: the
 * platform said no).
 */
import type { z } from 'zod';
import type { Clock } from '../../adapter';
import { parseBaseUrl } from '../shared/base-url';
import { fetchText } from '../shared/http-text';
import { notTheApi } from '../shared/wrong-address';
import { CtiError } from '../../model';
import {
  CallActionResponse,
  COOKIE_SCOPE_PATH,
  encodePassword,
  TELEPHONY_PATH,
  TOKEN_PATH,
  TokenAnswer,
  type TelephonyRequest,
} from './wire';

/** A fetch that has not answered by then is abandoned; the poll loop counts it as a failure. */
export const REQUEST_TIMEOUT_MS = 10_000;
const MAX_FRAME_IN_ERROR = 300;

/**
 * `ResponseCode`s that mean the token is no good. The codes are [UNKNOWN] (§3.3 "Assume re-login
 * on HTTP 401/403 or Success:false"): HTTP-like values, or a detail that talks about the token.
 */
const AUTH_CODES: ReadonlySet<number> = new Set([401, 403]);
const AUTH_DETAIL = /token|unauthori[sz]ed|not authenticated/i;

/** A failed request: the error, and the start of the body when it could not be read. */
export class WireFailure extends Error {
  override readonly name = 'WireFailure';
  constructor(
    readonly error: CtiError,
    readonly frame?: string,
  ) {
    super(error.message, { cause: error });
  }
}

/** The base URL setting without a trailing slash; CtiError('config') when unusable. */
export const baseUrlOf = (setting: string): URL =>
  parseBaseUrl(setting, 'MaxContact server address');

export interface HttpDeps {
  fetch: typeof fetch;
  signal: AbortSignal;
  clock: Clock;
}

export class MaxContactHttp {
  /** `https://acme.maxcontact.com[/prefix]`, no trailing slash. */
  private readonly root: string;

  constructor(
    base: URL,
    private readonly deps: HttpDeps,
  ) {
    this.root = `${base.origin}${base.pathname.replace(/\/+$/, '')}`;
  }

  /** Where the `Cookie: TokenKey=` header rule applies (AdapterContext.requestHeaders). */
  get cookieScope(): string {
    return `${this.root}${COOKIE_SCOPE_PATH}`;
  }

  urlOf(req: TelephonyRequest): string {
    const path = req.segments.map(encodeURIComponent).join('/');
    const query = new URLSearchParams(req.query ?? {}).toString();
    return `${this.root}${TELEPHONY_PATH}/${path}${query ? `?${query}` : ''}`;
  }

  /** `GET apitoken/login/{login}` with the password Base64 in `Authorization` → TokenKey (§3.3). */
  async login(login: string, password: string): Promise<string> {
    const url = `${this.root}${TOKEN_PATH}/${encodeURIComponent(login)}`;
    const { status, body, raw } = await this.get(url, { Authorization: encodePassword(password) });
    if (status === 401 || status === 403) {
      throw new WireFailure(
        new CtiError('auth', 'MaxContact did not accept this username and password'),
      );
    }
    // No token service at this address: the server address (or its path) is wrong.
    if (status === 404) throw new WireFailure(notTheApi('MaxContact', 'the sign-in', status));
    if (status < 200 || status > 299) {
      throw new WireFailure(
        new CtiError('network', `MaxContact answered the sign-in with HTTP ${status}`),
      );
    }
    const token = TokenAnswer.safeParse(body);
    if (token.success) return token.data;
    const envelope = CallActionResponse.safeParse(body);
    if (envelope.success && !envelope.data.Success) {
      const detail = envelope.data.ResponseDetail ? `: ${envelope.data.ResponseDetail}` : '';
      throw new WireFailure(new CtiError('auth', `MaxContact refused the sign-in${detail}`));
    }
    throw new WireFailure(
      new CtiError('protocol', 'The MaxContact sign-in answer has no TokenKey'),
      raw,
    );
  }

  /** One telephony method; resolves with its `Data` checked by `schema`. */
  async call<S extends z.ZodType>(req: TelephonyRequest, schema: S): Promise<z.output<S>> {
    const { status, body, raw } = await this.get(this.urlOf(req));
    if (status === 401 || status === 403) {
      throw new WireFailure(new CtiError('auth', `MaxContact refused the token (HTTP ${status})`));
    }
    if (status === 404) {
      // The assumed paths (§3.4) are the likely cause: say which method the platform lacks.
      throw new WireFailure(
        new CtiError('rejected', `MaxContact does not know the "${req.method}" request`),
      );
    }
    if (status < 200 || status > 299) {
      throw new WireFailure(
        new CtiError('network', `MaxContact answered ${req.method} with HTTP ${status}`),
      );
    }
    const envelope = CallActionResponse.safeParse(body);
    if (!envelope.success) {
      throw new WireFailure(
        new CtiError('protocol', `MaxContact answered ${req.method} without its response envelope`),
        raw,
      );
    }
    const { Success, Data, ResponseCode, ResponseDetail } = envelope.data;
    if (!Success) {
      const detail = ResponseDetail ?? `code ${ResponseCode ?? 'unknown'}`;
      const auth =
        (ResponseCode !== null && ResponseCode !== undefined && AUTH_CODES.has(ResponseCode)) ||
        AUTH_DETAIL.test(ResponseDetail ?? '');
      throw new WireFailure(
        new CtiError(auth ? 'auth' : 'rejected', `MaxContact refused ${req.method}: ${detail}`),
      );
    }
    const data = schema.safeParse(Data);
    if (!data.success) {
      const issue = data.error.issues[0];
      const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
      throw new WireFailure(
        new CtiError(
          'protocol',
          `Invalid ${req.method} data from MaxContact${where}: ${issue?.message ?? 'bad data'}`,
        ),
        raw,
      );
    }
    return data.data;
  }

  private async get(
    url: string,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: unknown; raw: string }> {
    let answer: { status: number; ok: boolean; text: string };
    try {
      answer = await fetchText(
        this.deps,
        url,
        {
          method: 'GET',
          // JSON instead of the default XML (§3.2). The Cookie comes from the header rule.
          headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...headers },
        },
        { vendor: 'MaxContact', timeoutMs: REQUEST_TIMEOUT_MS },
      );
    } catch (error) {
      throw failureOf(error);
    }
    const raw = answer.text;
    let body: unknown;
    try {
      body = raw ? (JSON.parse(raw) as unknown) : undefined;
    } catch {
      // Not JSON: an error page, or XML when the Content-Type header was lost on the way.
      if (answer.ok) {
        throw new WireFailure(
          new CtiError('protocol', 'MaxContact sent an answer that is not JSON'),
          raw.slice(0, MAX_FRAME_IN_ERROR),
        );
      }
    }
    return { status: answer.status, body, raw: raw.slice(0, MAX_FRAME_IN_ERROR) };
  }
}

/** The CtiError behind anything thrown by this module (or anything else). */
export function failureOf(error: unknown): WireFailure {
  if (error instanceof WireFailure) return error;
  if (error instanceof CtiError) return new WireFailure(error);
  const message = error instanceof Error ? error.message : String(error);
  return new WireFailure(new CtiError('network', message, { cause: error }));
}
