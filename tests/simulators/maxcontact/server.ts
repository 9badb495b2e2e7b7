/**
 * A local MaxContact Telephony Data Services server (vendors/README.md §3, §9 "MaxContact"): the
 * token service `GET /webservices/services/apitoken/login/{login}` (Base64 password in
 * `Authorization`) returning `{TokenKey}`, and every telephony method as a GET that answers 401
 * without `Cookie: TokenKey=<valid token>` and otherwise a `CallActionResponse` envelope, JSON when
 * the request says `Content-Type: application/json`, XML otherwise (§3.2). With CORS for
 * extension pages, and fault injection for tests.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Recorder } from '../shared/recorder';
import { CORS_HEADERS, handlePreflight, sendJson } from '../shared/http';
import { closeServer, listen } from '../shared/server';
import { Traffic } from './traffic';
import type {
  InboundCallOptions,
  MalformedKind,
  MaxContactSimOptions,
  MaxContactSimulator,
  ReceivedRequest,
} from './types';
import type { Outcome } from './outcome';
import { MaxContactWorld } from './world';

export const TOKEN_PREFIX = '/webservices/services/apitoken/login/';
export const TELEPHONY_PREFIX = '/webservices/services/telephony/';

interface Fault {
  status: number;
  left: number;
  match: (path: string) => boolean;
  done: () => void;
}

const envelope = (o: Outcome) =>
  o.ok
    ? { Success: true, Data: o.data ?? null, ResponseCode: 0, ResponseDetail: 'OK' }
    : { Success: false, Data: null, ResponseCode: 1, ResponseDetail: o.detail };

const failure = (status: number, detail: string) => ({
  Success: false,
  Data: null,
  ResponseCode: status,
  ResponseDetail: detail,
});

const MALFORMED: Record<MalformedKind, string> = {
  notJson: '<html><body>Service Unavailable</body></html>',
  badEnvelope: JSON.stringify({ Result: 'OK', Calls: [] }),
  badCall: JSON.stringify({
    Success: true,
    Data: [{ CallId: 'not-a-number', PhoneNumber: 42 }],
    ResponseCode: 0,
    ResponseDetail: 'OK',
  }),
};

function sendText(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { ...CORS_HEADERS, 'Content-Type': contentType, Connection: 'close' });
  res.end(body);
}

function decodePath(pathname: string): string {
  return pathname
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    })
    .join('/');
}

export async function startMaxContactSimulator(
  opts: MaxContactSimOptions = {},
): Promise<MaxContactSimulator> {
  const world = new MaxContactWorld(opts);
  const log = new Recorder<ReceivedRequest>((r) => `${r.method} ${r.path} → ${r.status}`);
  const faults: Fault[] = [];
  let malformed: { kind: MalformedKind; left: number } | undefined;
  const traffic = new Traffic(world);
  const host = opts.host ?? '127.0.0.1';

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    if (handlePreflight(req, res)) return;
    const url = new URL(req.url ?? '/', 'http://sim');
    const path = decodePath(url.pathname);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const cookieToken = /(?:^|;\s*)TokenKey=([^;]*)/.exec(headers.cookie ?? '')?.[1];
    const api = path.startsWith(TOKEN_PREFIX)
      ? 'login'
      : path.startsWith(TELEPHONY_PREFIX)
        ? path.slice(TELEPHONY_PREFIX.length).split('/')[0]
        : undefined;
    const record = (status: number) =>
      log.record({
        at: Date.now(),
        method: req.method ?? 'GET',
        path,
        query: Object.fromEntries(url.searchParams),
        headers,
        cookieToken,
        api,
        status,
      });
    const json = (status: number, body: unknown) => {
      sendJson(res, status, body);
      record(status);
    };

    const fault = faults.find((f) => f.left > 0 && f.match(path));
    if (fault) {
      fault.left -= 1;
      if (fault.left === 0) {
        faults.splice(faults.indexOf(fault), 1);
        fault.done();
      }
      json(fault.status, failure(fault.status, 'Simulated failure'));
      return;
    }
    if (req.method !== 'GET') return json(405, failure(405, 'Only GET is supported'));

    if (api === 'login') {
      const token = world.login(path.slice(TOKEN_PREFIX.length), headers.authorization);
      if (!token) return json(401, failure(401, 'Invalid login or password'));
      return json(200, { TokenKey: token });
    }
    if (api === undefined) return json(404, failure(404, 'Not found'));
    // Every method needs the TokenKey cookie (api-pages: "'Headers' has to have 'Cookie'").
    if (!cookieToken || !world.tokens.has(cookieToken)) {
      return json(401, failure(401, 'Unauthorized: missing or invalid TokenKey'));
    }
    const [method = '', userWord, userId, ...rest] = path.slice(TELEPHONY_PREFIX.length).split('/');
    if (userWord !== 'user' || !/^\d+$/.test(userId ?? '')) {
      return json(404, failure(404, 'Not found'));
    }
    if (method === 'getcalls' && malformed && malformed.left > 0) {
      malformed.left -= 1;
      sendText(res, 200, 'application/json; charset=utf-8', MALFORMED[malformed.kind]);
      record(200);
      return;
    }
    const outcome = world.run(method, Number(userId), rest, Object.fromEntries(url.searchParams));
    if (!outcome) return json(404, failure(404, `Unknown method ${method}`));
    if (!(headers['content-type'] ?? '').includes('application/json')) {
      // XML by default (§3.2); the simulator does not bother writing Data out.
      const ok = outcome.ok ? 'true' : 'false';
      const detail = (outcome.ok ? 'OK' : outcome.detail).replace(/[<>&]/g, ' ');
      sendText(
        res,
        200,
        'application/xml; charset=utf-8',
        `<CallActionResponse><Success>${ok}</Success><ResponseDetail>${detail}</ResponseDetail></CallActionResponse>`,
      );
      record(200);
      return;
    }
    json(200, envelope(outcome));
  };

  const server: Server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch {
      if (!res.headersSent) sendJson(res, 500, failure(500, 'Simulator error'));
    }
  });
  const port = await listen(server, opts.port ?? 0, host);

  return {
    url: `http://${host}:${port}`,
    requests: log.items,
    waitForRequest: (pred, timeoutMs) => log.waitFor(pred, timeoutMs),
    inboundCall: (o?: InboundCallOptions) => traffic.ring(o),
    calls: (userId) => world.live(userId),
    allCalls: () => world.all(),
    resultCodes: world.resultCodes,
    users: world.users,
    acdQueues: world.acdQueues,
    leads: () => world.leads.all(),
    addLead: (seed) => world.leads.add(seed),
    agent: (userId = world.firstUserId()) => world.agents.get(userId) ?? 'loggedOut',
    tokens: () => [...world.tokens.keys()],
    startTraffic: (o) => traffic.start(o?.intervalMs),
    stopTraffic: () => traffic.stop(),
    expireTokens: () => world.tokens.clear(),
    fail: (status, count = 1, match = (p) => !p.startsWith(TOKEN_PREFIX)) =>
      new Promise<void>((resolve) => {
        if (count <= 0) return resolve();
        faults.push({ status, left: count, match, done: resolve });
      }),
    clearFaults: () => {
      for (const fault of faults.splice(0)) fault.done();
    },
    sendMalformed: (kind = 'notJson', count = 1) => {
      malformed = { kind, left: count };
    },
    rejectLogins: (on) => {
      world.rejectingLogins = on;
    },
    restartPlatform: () => {
      const wasRunning = traffic.running;
      traffic.stop();
      world.restart();
      if (wasRunning) traffic.start(traffic.intervalMs);
    },
    close: async () => {
      traffic.stop();
      world.restart();
      await closeServer(server);
    },
  };
}
