/**
 * A local Anywhere365 CTI Broker (vendors/README.md §2, §9 "Anywhere365"): `POST /api/command`
 * → 202 (500 for an unknown agent, command or number), `POST /api/subscribe` → 201 with
 * `Location: api/subscribe/<guid>`, `DELETE /api/subscribe/:id` → 202 or 404; events are POSTed
 * to the subscribed callback URLs. With CORS for extension pages and fault injection for tests.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Recorder } from '../shared/recorder';
import { CORS_HEADERS, handlePreflight, readBody } from '../shared/http';
import { closeServer, listen } from '../shared/server';
import { createTraffic, pick, PEOPLE, prng } from '../shared/traffic';
import type { Anywhere365SimOptions, Anywhere365Simulator, ReceivedRequest } from './types';
import { BrokerWorld } from './world';

/** §2.4: the integer command types, and the names the doc's sample writes. */
const COMMANDS: Record<string, 'AgentLogin' | 'AgentLogout' | 'Dial' | 'HeartBeat'> = {
  '0': 'AgentLogin',
  '1': 'AgentLogout',
  '4': 'Dial',
  '14': 'HeartBeat',
  agentlogin: 'AgentLogin',
  agentlogout: 'AgentLogout',
  dial: 'Dial',
  heartbeat: 'HeartBeat',
};

function reply(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    ...CORS_HEADERS,
    // A browser may read Location only when the response exposes it.
    'Access-Control-Expose-Headers': 'Location',
    Connection: 'close',
    ...headers,
  });
  res.end();
}

export async function startAnywhere365Simulator(
  opts: Anywhere365SimOptions = {},
): Promise<Anywhere365Simulator> {
  const world = new BrokerWorld(opts);
  const requests = new Recorder<ReceivedRequest>(
    (r) => `${r.method} ${r.path} ${JSON.stringify(r.body)} → ${r.status}`,
  );
  const keys = opts.subscribeKeys ?? { imAddress: 'ImAddress', callback: 'CallbackUrl' };
  let failing = 0;
  let loginsFail = false;

  function command(body: unknown): number {
    if (!body || typeof body !== 'object') return 500;
    const { ImAddress, commandType, number } = body as Record<string, unknown>;
    const agent = typeof ImAddress === 'string' ? world.knows(ImAddress) : undefined;
    const name = COMMANDS[String(commandType).toLowerCase()];
    if (!agent || !name) return 500;
    if (failing > 0) {
      failing -= 1;
      return 500;
    }
    switch (name) {
      case 'AgentLogin':
        if (!loginsFail) world.loggedIn.add(agent);
        void world.post(agent, 'LoggedIn', { callId: loginsFail ? 'failed' : '' });
        return 202;
      case 'AgentLogout':
        world.loggedIn.delete(agent);
        void world.post(agent, 'LoggedOff');
        return 202;
      case 'HeartBeat':
        return 202;
      case 'Dial': {
        // §2.4: E.164 behind the tel: scheme.
        const match = typeof number === 'string' ? /^tel:(\+[1-9]\d{5,14})$/.exec(number) : null;
        if (!match?.[1]) return 500;
        const call = world.newCall(agent, 'outbound', match[1]);
        void call
          .offer()
          .then(() => world.timers.later(() => void call.answer(), opts.dialAnswerMs ?? 1000));
        return 202;
      }
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (handlePreflight(req, res)) return;
    const url = new URL(req.url ?? '/', 'http://broker');
    const text = req.method === 'POST' ? await readBody(req) : '';
    let body: unknown;
    try {
      body = text ? (JSON.parse(text) as unknown) : undefined;
    } catch {
      body = text;
    }
    const record = (status: number) =>
      requests.record({
        method: req.method ?? '',
        path: url.pathname,
        body,
        status,
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      });
    const path = url.pathname.replace(/\/+$/, '');
    if (req.method === 'POST' && path === '/api/command') {
      const status = command(body);
      record(status);
      return reply(res, status);
    }
    if (req.method === 'POST' && path === '/api/subscribe') {
      const fields = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
      const im = fields[keys.imAddress];
      const callback = fields[keys.callback];
      if (
        typeof im !== 'string' ||
        typeof callback !== 'string' ||
        !/^https?:\/\//.test(callback)
      ) {
        record(500);
        return reply(res, 500);
      }
      const sub = world.subscribe(im, callback);
      record(201);
      return reply(res, 201, { Location: `api/subscribe/${sub.id}` });
    }
    const unsubscribe = /^\/api\/subscribe\/([^/]+)$/.exec(path);
    if (req.method === 'DELETE' && unsubscribe?.[1]) {
      const status = world.subs.delete(decodeURIComponent(unsubscribe[1])) ? 202 : 404;
      record(status);
      return reply(res, status);
    }
    record(404);
    reply(res, 404);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) reply(res, 500);
    });
  });
  const host = opts.host ?? '127.0.0.1';
  const port = await listen(server, opts.port ?? 0, host);

  const random = prng(0x365);
  const callers = [PEOPLE.daan, PEOPLE.camille, PEOPLE.oliver, PEOPLE.lena, PEOPLE.jane];
  const traffic = createTraffic({
    intervalMs: 15_000,
    placeCall: () => {
      const agent = world.agents[0];
      if (!agent || [...world.calls.values()].some((c) => c.agent === agent)) return;
      const caller = pick(random, callers) ?? PEOPLE.daan;
      const call = world.newCall(agent, 'inbound', caller.from);
      void call.offer();
      world.timers.later(() => void call.answer(), 3000);
      world.timers.later(() => void call.hangup(), 10_000 + Math.floor(random() * 15_000));
    },
  });

  return {
    url: `http://${host}:${port}`,
    requests,
    deliveries: world.deliveries,
    waitForRequest: (pred, timeoutMs) => requests.waitFor(pred, timeoutMs),
    async inboundCall(o = {}) {
      const agent = world.knows(o.agent ?? world.agents[0] ?? '');
      if (!agent) throw new Error(`The Anywhere365 simulator has no agent ${o.agent}`);
      const call = world.newCall(agent, 'inbound', o.from ?? PEOPLE.daan.from);
      await call.offer();
      return call;
    },
    calls: () => [...world.calls.values()],
    subscriptions: () => [...world.subs.values()],
    agentLoggedIn: (agent) => [...world.loggedIn].some((a) => a === world.knows(agent)),
    failCommands(count) {
      failing = count;
    },
    failLogins(on) {
      loginsFail = on;
    },
    forgetSubscriptions: () => world.subs.clear(),
    sendMalformed: (kind = 'unknownEventType', agent) =>
      world.malformed(world.knows(agent ?? world.agents[0] ?? '') ?? '', kind),
    flushed: () => world.flushed(),
    startTraffic: (o = {}) => traffic.start(o.intervalMs),
    stopTraffic: () => traffic.stop(),
    async close() {
      traffic.stop();
      world.reset();
      await closeServer(server);
    },
  };
}
