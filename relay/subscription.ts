/**
 * Keeps the Anywhere365 CTI Broker posting events to the relay (vendors/README §2.5):
 * `POST {broker}/api/subscribe` → 201 + `Location: api/subscribe/<guid>`;
 * `DELETE {broker}/api/subscribe/<guid>` → 202, or 404 when the broker does not know it.
 *
 * The broker offers no way to ask whether a subscription still exists (no GET), and it loses them
 * when it restarts. So the relay *renews* every subscription periodically, make-before-break:
 * subscribe anew, switch to the new id, then DELETE the old one. A 404 on that DELETE shows the
 * broker had forgotten us (logged and counted in relay_anywhere365_subscription_lost_total); either
 * way the new subscription is live, so the longest blind spot after a broker restart is one renewal
 * interval (ANYWHERE365_RENEW_INTERVAL_S). Events that both subscriptions deliver during the
 * overlap are dropped by relay/dedupe.ts. Probing with HeartBeat (§2.4) was rejected: it is a
 * per-agent session command, and says nothing about subscriptions.
 *
 * Failures retry with exponential backoff and full jitter (retryMinMs … retryMaxMs), per ImAddress.
 * At stop every known subscription is deleted.
 *
 * With a `store` (the data directory, relay/state-file.ts) the ids survive the process. A relay
 * that crashed could not delete its subscriptions; the next one starts from the saved ids, so its
 * first subscribe per ImAddress is a renewal that deletes the old subscription (make-before-break,
 * as above), and ids saved for ImAddresses no longer configured are deleted at start. An id whose
 * DELETE got no answer at all (network failure) stays saved, to be tried again at the next start.
 */
import type { Anywhere365Options } from './config';
import type { Logger } from './log';
import type { RelayCounters } from './metrics';

/** Where subscription ids outlive the process. */
export interface SubscriptionStore {
  /** The ids a previous run left at the broker, by ImAddress. */
  load(): Map<string, string>;
  save(ids: Map<string, string>): void;
}

export interface SubscriptionDeps {
  options: Anywhere365Options & { callbackUrl: string };
  fetch: typeof fetch;
  log: Logger;
  counters: RelayCounters;
  random?: () => number;
  store?: SubscriptionStore;
}

type State = 'pending' | 'subscribed' | 'retrying';

interface Subscription {
  imAddress: string;
  id?: string;
  /** `id` was left by a previous run (store): the first subscribe replaces it. */
  inherited?: boolean;
  state: State;
  failures: number;
  lastError?: string;
  timer?: NodeJS.Timeout;
  queue: Promise<void>;
}

export interface SubscriptionStatus {
  state: 'disabled' | 'pending' | 'subscribed' | 'degraded';
  total: number;
  subscribed: number;
  retrying: number;
  lastError?: string;
}

const ID = /^[A-Za-z0-9-]{1,100}$/;
const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

class BrokerError extends Error {
  override name = 'BrokerError';
}

export function createSubscriptions(deps: SubscriptionDeps) {
  const { options: o, log, counters } = deps;
  const random = deps.random ?? Math.random;
  const base = o.brokerUrl.replace(/\/+$/, '');
  const saved = deps.store?.load() ?? new Map<string, string>();
  const subs = [...new Set(o.imAddresses)].map((imAddress): Subscription => {
    const id = saved.get(imAddress);
    saved.delete(imAddress);
    return {
      imAddress,
      id,
      inherited: id !== undefined,
      state: 'pending',
      failures: 0,
      queue: Promise.resolve(),
    };
  });
  /** Saved ids of ImAddresses no longer configured: deleted at start. */
  const orphans = saved;
  let stopped = false;

  function persist(): void {
    const ids = new Map(orphans);
    for (const s of subs) if (s.id !== undefined) ids.set(s.imAddress, s.id);
    deps.store?.save(ids);
  }

  function request(method: 'POST' | 'DELETE', path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (o.authorization) headers.authorization = o.authorization;
    return deps.fetch(`${base}/${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(o.requestTimeoutMs),
    });
  }

  async function subscribe(imAddress: string): Promise<string> {
    const body = { [o.imAddressKey]: imAddress, [o.callbackUrlKey]: o.callbackUrl };
    const res = await request('POST', 'api/subscribe', body);
    const text = await res.text();
    if (!res.ok) throw new BrokerError(`subscribe answered HTTP ${res.status}`);
    // The id is the last segment of Location (§2.5); a GUID in the body is a fallback.
    const fromLocation = res.headers
      .get('location')
      ?.split(/[?#]/)[0]
      ?.split('/')
      .filter(Boolean)
      .pop();
    const id = fromLocation && ID.test(fromLocation) ? fromLocation : GUID.exec(text)?.[0];
    if (!id) throw new BrokerError('subscribe answer had no subscription id in Location');
    return id;
  }

  /** Resolves to the HTTP status; network failures are logged, not thrown (best effort). */
  async function unsubscribe(id: string): Promise<number | undefined> {
    try {
      const res = await request('DELETE', `api/subscribe/${encodeURIComponent(id)}`);
      await res.arrayBuffer();
      return res.status;
    } catch (err) {
      log.warn('anywhere365 unsubscribe failed', { error: describe(err) });
      return undefined;
    }
  }

  async function renew(sub: Subscription): Promise<void> {
    clearTimeout(sub.timer);
    if (stopped) return;
    try {
      const id = await subscribe(sub.imAddress);
      const { id: old, inherited } = sub;
      Object.assign(sub, { id, state: 'subscribed', failures: 0, lastError: undefined });
      sub.inherited = false;
      persist();
      log.info('anywhere365 subscribed', {
        imAddress: sub.imAddress,
        renewal: old !== undefined && !inherited,
      });
      if (old !== undefined && old !== id) {
        const status = await unsubscribe(old);
        if (inherited) {
          log.info('anywhere365 deleted the subscription of a previous run', {
            imAddress: sub.imAddress,
            status,
          });
        } else if (status === 404) {
          counters.subscriptionLost();
          log.warn('anywhere365 broker had forgotten the subscription; renewed', {
            imAddress: sub.imAddress,
          });
        }
      }
      schedule(sub, o.renewIntervalMs);
    } catch (err) {
      sub.failures++;
      sub.state = 'retrying';
      sub.lastError = describe(err);
      counters.subscribeFailures();
      const cap = Math.min(o.retryMaxMs, o.retryMinMs * 2 ** Math.min(sub.failures - 1, 30));
      const delay = Math.max(o.retryMinMs, Math.round(random() * cap));
      log.warn('anywhere365 subscribe failed; retrying', {
        imAddress: sub.imAddress,
        error: sub.lastError,
        failures: sub.failures,
        retryInMs: delay,
      });
      schedule(sub, delay);
    }
  }

  function schedule(sub: Subscription, delayMs: number): void {
    if (stopped) return;
    clearTimeout(sub.timer);
    sub.timer = setTimeout(() => void enqueue(sub), delayMs);
    sub.timer.unref();
  }

  /** One renewal at a time per ImAddress. */
  function enqueue(sub: Subscription): Promise<void> {
    sub.queue = sub.queue.then(() => renew(sub));
    return sub.queue;
  }

  /** Deletes what a previous run subscribed for ImAddresses that are no longer configured. */
  async function deleteOrphans(): Promise<void> {
    await Promise.all(
      [...orphans].map(async ([imAddress, id]) => {
        const status = await unsubscribe(id);
        log.info('anywhere365 deleted a subscription for an ImAddress no longer configured', {
          imAddress,
          status,
        });
        if (status !== undefined) orphans.delete(imAddress);
      }),
    );
    persist();
  }

  return {
    /** First attempt for every ImAddress; failures are retried in the background. */
    start: () => Promise.all([...subs.map(enqueue), deleteOrphans()]).then(() => undefined),
    /** Renews every subscription now (operators, tests). */
    renewAll: () => Promise.all(subs.map(enqueue)).then(() => undefined),
    async stop(): Promise<void> {
      stopped = true;
      for (const sub of subs) clearTimeout(sub.timer);
      await Promise.all(subs.map((s) => s.queue));
      await Promise.all(
        subs.map(async (sub) => {
          if (sub.id === undefined) return;
          const status = await unsubscribe(sub.id);
          log.info('anywhere365 unsubscribed', { imAddress: sub.imAddress, status });
          // Without any answer the subscription may still exist: a store keeps it for next time.
          if (status !== undefined) sub.id = undefined;
        }),
      );
      persist();
    },
    status(): SubscriptionStatus {
      const subscribed = subs.filter((s) => s.state === 'subscribed').length;
      const retrying = subs.filter((s) => s.state === 'retrying').length;
      const state =
        retrying > 0 ? 'degraded' : subscribed === subs.length ? 'subscribed' : 'pending';
      const lastError = subs.find((s) => s.lastError)?.lastError;
      return { state, total: subs.length, subscribed, retrying, lastError };
    },
  };
}
export type Subscriptions = ReturnType<typeof createSubscriptions>;

/** Error text without URLs (a broker URL may carry credentials). */
function describe(err: unknown): string {
  if (err instanceof BrokerError) return err.message;
  if (err instanceof Error)
    return err.name === 'TimeoutError' ? 'timeout' : `network error (${err.name})`;
  return 'unknown error';
}
