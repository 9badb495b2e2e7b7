/**
 * uContact HTTP (vendors/README.md §4.2–§4.3): form-encoded POSTs under `/Integra/resources/`
 * with `Authorization: Basic <token>` (getUserToken / AgentLogin's md5secret) or `Bearer <token>`
 * (a portal API token). Every failure becomes a CtiError whose code says what to do with it.
 */
import type { Clock } from '../../adapter';
import { CtiError } from '../../model';
import { joinPath, parseBaseUrl } from '../shared/base-url';
import { fetchText } from '../shared/http-text';
import { API_ROOT, type UcontactPath } from './wire';

export const REQUEST_TIMEOUT_MS = 10_000;
const MAX_FRAME = 300;

export const baseUrlOf = (setting: string): URL => parseBaseUrl(setting, 'uContact server address');

export interface HttpDeps {
  fetch: typeof fetch;
  signal: AbortSignal;
  clock: Clock;
}

export interface Answer {
  status: number;
  /** The body, trimmed and cut to a loggable length. */
  text: string;
}

export interface CommandOptions {
  /**
   * A route an agent's sign-in may lack the right to (dialer, supervisor and admin routes): HTTP
   * 401/403 there refuses this command only, and does not end the connection as a dead token.
   */
  right?: boolean;
  /** The route answers nothing when it succeeds (TagRecord is asynchronous). */
  emptyOk?: boolean;
}

export class UcontactHttp {
  authorization = '';

  constructor(
    private readonly base: URL,
    private readonly deps: HttpDeps,
  ) {}

  /** POST `form` to `path`; rejects with CtiError on transport trouble and 401/403. */
  async post(path: UcontactPath, form: Record<string, string>, auth = true): Promise<Answer> {
    const headers: Record<string, string> = {
      'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8',
    };
    if (auth && this.authorization) headers.Authorization = this.authorization;
    const { status, text } = await fetchText(
      this.deps,
      joinPath(this.base, `${API_ROOT}/${path}`).href,
      { method: 'POST', headers, body: new URLSearchParams(form).toString() },
      { vendor: 'uContact', timeoutMs: REQUEST_TIMEOUT_MS },
    );
    return { status, text: text.trim().slice(0, 4000) };
  }

  /**
   * POST a command: 401/403 are `auth`, other non-2xx `network`, `0` `rejected` (§4.3).
   * `what` completes "uContact refused to …".
   */
  async command(
    path: UcontactPath,
    form: Record<string, string>,
    what: string,
    options: CommandOptions = {},
  ): Promise<string> {
    const { status, text } = await this.post(path, form);
    if (status === 401 || status === 403) {
      if (options.right) {
        throw new CtiError(
          'rejected',
          `uContact refused to ${what} (HTTP ${status}): your sign-in may not have the right to`,
        );
      }
      throw new CtiError('auth', `uContact refused the sign-in token (HTTP ${status})`);
    }
    if (status < 200 || status > 299) {
      throw new CtiError('network', `uContact answered ${what} with HTTP ${status}`);
    }
    if (text === '0' || text === 'false' || (text === '' && !options.emptyOk)) {
      throw new CtiError('rejected', `uContact refused to ${what}`);
    }
    return text;
  }
}

export const frameOf = (text: string): string => text.slice(0, MAX_FRAME);

/** A value as a loggable frame: its JSON, cut short. */
export function frameOfValue(value: unknown): string {
  try {
    return frameOf(JSON.stringify(value) ?? String(value));
  } catch {
    return '(unserializable)';
  }
}
