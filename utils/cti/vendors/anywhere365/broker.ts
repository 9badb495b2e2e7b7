/**
 * The CTI Broker's REST endpoints (vendors/README.md §2.4, §2.5): commands, subscribe and
 * unsubscribe. 202/201 are success; anything else is a CtiError the agent can read.
 */
import { CtiError } from '../../model';
import { joinPath, parseBaseUrl } from '../shared/base-url';
import { commandBody, type CommandName } from './wire';

export interface BrokerDeps {
  fetch: typeof fetch;
  signal: AbortSignal;
}

export interface SubscribeKeys {
  imAddress: string;
  callback: string;
}

export class BrokerClient {
  readonly base: URL;

  constructor(
    brokerUrl: string,
    /** §2.3 [UNKNOWN]: sent verbatim as `Authorization` when the agent was given one. */
    private readonly authorization: string | undefined,
  ) {
    this.base = parseBaseUrl(brokerUrl, 'Anywhere365 CTI Broker address');
  }

  /** `POST /api/command` → 202 (§2.4). A 500 means the broker refused (unknown agent…). */
  async command(
    deps: BrokerDeps,
    imAddress: string,
    name: CommandName,
    number?: string,
  ): Promise<void> {
    const res = await this.post(deps, '/api/command', commandBody(imAddress, name, number));
    if (res.status === 202 || res.status === 200 || res.status === 204) return;
    throw this.failure(res.status, `refused ${describe(name)}`);
  }

  /** `POST /api/subscribe` → 201 + `Location: api/subscribe/<id>` (§2.5); resolves with the id. */
  async subscribe(
    deps: BrokerDeps,
    keys: SubscribeKeys,
    imAddress: string,
    callbackUrl: string,
  ): Promise<string | undefined> {
    const res = await this.post(deps, '/api/subscribe', {
      [keys.imAddress]: imAddress,
      [keys.callback]: callbackUrl,
    });
    if (res.status !== 201 && res.status !== 200)
      throw this.failure(res.status, 'refused the event subscription');
    const location = res.headers.get('Location') ?? '';
    return /api\/subscribe\/([^/?#\s]+)\s*$/i.exec(location)?.[1];
  }

  /** `DELETE /api/subscribe/:id` → 202, 404 when the broker no longer has it (§2.5). */
  async unsubscribe(deps: BrokerDeps, id: string): Promise<void> {
    const res = await this.send(deps, 'DELETE', `/api/subscribe/${encodeURIComponent(id)}`);
    if (res.status === 202 || res.status === 204 || res.status === 200 || res.status === 404)
      return;
    throw this.failure(res.status, 'refused to remove an old subscription');
  }

  private post(deps: BrokerDeps, path: string, body: unknown): Promise<Response> {
    return this.send(deps, 'POST', path, body);
  }

  private async send(
    deps: BrokerDeps,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.authorization) headers.Authorization = this.authorization;
    let res: Response;
    try {
      res = await deps.fetch(joinPath(this.base, path).href, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: deps.signal,
        credentials: 'omit',
      });
    } catch (cause) {
      throw new CtiError('network', 'Cannot reach the Anywhere365 CTI Broker', { cause });
    }
    // The body is never needed (202 "No Content"); drain it so the connection is released.
    await res.text().catch(() => '');
    return res;
  }

  private failure(status: number, what: string): CtiError {
    if (status === 401 || status === 403) {
      return new CtiError(
        'auth',
        `The Anywhere365 CTI Broker refused the request (HTTP ${status}): check the broker authorization`,
      );
    }
    if (status === 404)
      return new CtiError(
        'config',
        `No Anywhere365 CTI Broker API at ${this.base.href} (HTTP 404)`,
        { failure: 'notFound' },
      );
    return new CtiError('rejected', `The Anywhere365 CTI Broker ${what} (HTTP ${status})`);
  }
}

function describe(name: CommandName): string {
  switch (name) {
    case 'AgentLogin':
      return 'the agent login';
    case 'AgentLogout':
      return 'the agent logout';
    case 'Dial':
      return 'the call';
    case 'HeartBeat':
      return 'the heartbeat';
  }
}
