/**
 * A tiny Anywhere365 CTI Broker for tests (vendors/README §2.5, §2.6, §9): POST /api/subscribe →
 * 201 + `Location: api/subscribe/<guid>`; DELETE /api/subscribe/<id> → 202 or 404; `deliver()`
 * POSTs an event to every subscription for an ImAddress, as the broker does. `forget()` plays a
 * broker restart; `failPosts` makes the next subscribe requests fail with 500.
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BrokerRequest {
  method: string;
  path: string;
  status: number;
  authorization?: string;
  body?: Record<string, unknown>;
}

export interface FakeBrokerOptions {
  imAddressKey?: string;
  callbackUrlKey?: string;
}

const readBody = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return chunks.length
    ? (JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>)
    : undefined;
};

export async function startFakeBroker(options: FakeBrokerOptions = {}) {
  const imKey = options.imAddressKey ?? 'ImAddress';
  const cbKey = options.callbackUrlKey ?? 'CallbackUrl';
  const requests: BrokerRequest[] = [];
  const subscriptions = new Map<string, { imAddress: string; callbackUrl: string }>();
  const listeners = new Set<() => void>();
  const state = { failPosts: 0 };

  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req).catch(() => undefined);
      const path = req.url ?? '';
      const record = (status: number) => {
        requests.push({
          method: req.method ?? '',
          path,
          status,
          body,
          authorization: req.headers.authorization,
        });
        for (const l of listeners) l();
      };
      if (req.method === 'POST' && path === '/api/subscribe') {
        const imAddress = body?.[imKey];
        const callbackUrl = body?.[cbKey];
        if (
          state.failPosts > 0 ||
          typeof imAddress !== 'string' ||
          typeof callbackUrl !== 'string'
        ) {
          state.failPosts = Math.max(0, state.failPosts - 1);
          res.writeHead(500).end();
          return record(500);
        }
        const id = randomUUID();
        subscriptions.set(id, { imAddress, callbackUrl });
        res.writeHead(201, { location: `api/subscribe/${id}` }).end();
        return record(201);
      }
      const del = /^\/api\/subscribe\/([^/]+)$/.exec(path);
      if (req.method === 'DELETE' && del?.[1]) {
        const status = subscriptions.delete(del[1]) ? 202 : 404;
        res.writeHead(status).end();
        return record(status);
      }
      res.writeHead(404).end();
      record(404);
    })();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    subscriptions,
    state,
    forget: () => subscriptions.clear(),
    /** Resolves once a recorded request satisfies `match` (already or later). */
    waitFor(match: (r: BrokerRequest) => boolean): Promise<BrokerRequest> {
      return new Promise((resolve) => {
        const check = () => {
          const hit = requests.find(match);
          if (!hit) return false;
          listeners.delete(check);
          resolve(hit);
          return true;
        };
        if (!check()) listeners.add(check);
      });
    },
    /** POSTs an event to every subscription for `imAddress`; resolves to the callback statuses. */
    async deliver(
      imAddress: string,
      eventType: number,
      callId: string = randomUUID(),
    ): Promise<number[]> {
      const targets = [...subscriptions].filter(([, s]) => s.imAddress === imAddress);
      return Promise.all(
        targets.map(async ([id, s]) => {
          const event = {
            SubscriptionId: id,
            SessionType: 0,
            ImAddress: imAddress,
            eventType,
            callId,
            ani: '+31880000000',
          };
          const res = await fetch(s.callbackUrl, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(event),
          });
          return res.status;
        }),
      );
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type FakeBroker = Awaited<ReturnType<typeof startFakeBroker>>;
