/**
 * A local uContact Integra server (vendors/README.md §4, §9 "uContact"): form-POST endpoints
 * under `/Integra/resources/` answering text (`1`/`0`/GUID) or JSON, `auth/getUserToken`
 * returning an array with the token last, `auth/AgentLogin` returning the SIP peer with its
 * md5secret, `auth/EndSession` ending a token (it answers 401 afterwards), and the fake agent
 * portal (portal.ts) whose softphone frame posts the portal events. Tests also subscribe to those
 * events directly (`onPortal`) to drive an adapter's `receive`. DispositionCall's `schedule` must
 * be empty or `YYYY-MM-DD HH:mm:ss` (the date format of uContact's API pages) [INFERRED].
 * Campaign information is supervisor.ts; the dialer, recordings and do-not-call routes dialer.ts.
 * Fault injection: HTTP status, `0` answers, malformed bodies, refused logins, and route
 * families an agent's sign-in may not use (`forbid`: 403).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { CORS_HEADERS, handlePreflight, readBody } from '../shared/http';
import { Recorder } from '../shared/recorder';
import { closeServer, listen } from '../shared/server';
import { createDialer, validData, type SimDialer } from './dialer';
import { PORTAL_HTML, PORTAL_JS, UPHONE_HTML, UPHONE_JS } from './portal';
import { validSchedule } from './schedule';
import { campaignStatus, DEFAULT_QUEUES, queueSummary, type SimQueue } from './supervisor';

export { validSchedule } from './schedule';

export const API_PREFIX = '/Integra/resources/';

export interface UcontactRequest {
  api: string;
  form: Record<string, string>;
  authorization: string;
  status: number;
  answer: string;
}

export interface SimAgent {
  agent: string;
  password: string;
  extension: string;
}

export interface UcontactSimCall {
  guid: string;
  number: string;
  direction: 'inbound' | 'outbound';
  campaign: string;
  live: boolean;
}

export type PortalPayload = Record<string, unknown>;

/** Route families a sign-in may lack the right to: `forbid` answers 403 there. */
export type RouteFamily = 'Supervisor/' | 'Dialers/' | 'admin/' | 'Agents/TagRecord';

export interface UcontactSimulator {
  url: string;
  requests: Recorder<UcontactRequest>;
  calls: UcontactSimCall[];
  /** The queues and their figures (supervisor.ts); tests may change them. */
  queues: SimQueue[];
  /** What the dialer routes were asked to keep (dialer.ts). */
  dialer: SimDialer;
  /**
   * A call rings the agent: the portal posts `gettingCall` (or `assignedInteraction`), with the
   * caller's `name` under `nameParam` (default `name`) when given [Assumed: undocumented].
   */
  ringInbound(o?: {
    from?: string;
    campaign?: string;
    eventsApi?: boolean;
    name?: string;
    nameParam?: string;
  }): UcontactSimCall;
  /**
   * The dialer processes its schedule at `now` (`YYYY-MM-DD HH:mm:ss`, dialer.ts `takeDue`):
   * each call scheduled by then for one of the simulated agents' extensions rings that agent's portal as a
   * dialer call of its campaign, with the schedule's `data` pairs in the event's params
   * [INFERRED: the page says `data` feeds "Forms and Workflows", not how the portal shows it].
   */
  runSchedule(now: string): UcontactSimCall[];
  /** The remote party hangs up: the portal posts `finishedCall`. */
  remoteHangup(guid: string): void;
  /** Queue a portal message for the softphone frame and `onPortal` listeners. */
  portalPost(message: PortalPayload): void;
  onPortal(listener: (message: PortalPayload) => void): () => void;
  /** The next `count` API requests (not sign-in) answer `status` (or `0`, or garbage). */
  fail(kind: number | 'zero' | 'malformed', count: number): void;
  rejectLogins(on: boolean): void;
  /** While on, a route family answers 403, as for a sign-in without that right. */
  forbid(family: RouteFamily, on: boolean): void;
  waitForRequest(pred: (r: UcontactRequest) => boolean): Promise<UcontactRequest>;
  close(): Promise<void>;
}

export const DEFAULT_AGENT: SimAgent = { agent: 'alice', password: 'secret', extension: '1001' };
export const API_TOKEN = 'api-token-42';

function send(res: ServerResponse, status: number, body: string, type = 'text/plain'): void {
  res.writeHead(status, {
    ...CORS_HEADERS,
    'Content-Type': `${type}; charset=utf-8`,
    Connection: 'close',
  });
  res.end(body);
}

export async function startUcontactSimulator(
  opts: { agents?: SimAgent[] } = {},
): Promise<UcontactSimulator> {
  const agents = opts.agents ?? [DEFAULT_AGENT];
  const requests = new Recorder<UcontactRequest>((r) => `${r.api} → ${r.status} ${r.answer}`);
  const calls: UcontactSimCall[] = [];
  const secrets = new Map<string, SimAgent>();
  const portal: { seq: number; message: PortalPayload }[] = [];
  const listeners = new Set<(m: PortalPayload) => void>();
  const waiters = new Set<() => void>();
  let fault: { kind: number | 'zero' | 'malformed'; left: number } | undefined;
  let rejectLogins = false;
  let seq = 0;
  const forbidden = new Set<RouteFamily>();
  const queues: SimQueue[] = structuredClone(DEFAULT_QUEUES);
  const dialer = createDialer({
    campaigns: () => queues.map((q) => q.queue),
    spool: () => calls.map((c) => c.number),
    guids: () => calls.map((c) => c.guid),
  });

  const portalPost = (message: PortalPayload) => {
    portal.push({ seq: ++seq, message });
    for (const l of listeners) l(message);
    for (const w of [...waiters]) w();
  };
  const authorized = (header: string) =>
    header === `Bearer ${API_TOKEN}` ||
    (header.startsWith('Basic ') && secrets.has(header.slice(6)));

  function api(name: string, form: Record<string, string>): [number, string, string?] {
    switch (name) {
      case 'auth/getUserToken': {
        const a = agents.find((x) => x.agent === form.user && x.password === form.password);
        if (!a || rejectLogins) return [200, '0'];
        const token = Buffer.from(`${a.agent}:${randomUUID()}`).toString('base64');
        secrets.set(token, a);
        return [200, JSON.stringify(['OK', a.agent, token]), 'application/json'];
      }
      case 'auth/AgentLogin': {
        const a = agents.find((x) => x.agent === form.agent && x.password === form.password);
        if (!a || rejectLogins) return [200, '0'];
        const md5secret = Buffer.from(`${a.agent}:${randomUUID()}`).toString('base64');
        secrets.set(md5secret, a);
        const peer = {
          md5secret,
          callerid: a.extension,
          name: a.extension,
          accountcode: a.agent,
          fullname: a.agent,
          transport: 'wss',
        };
        return [200, JSON.stringify(peer), 'application/json'];
      }
      case 'auth/EndSession': {
        // The token stops working: later requests with it answer 401.
        const a = secrets.get(form.token ?? '');
        if (!a || a.agent !== form.user) return [200, '0'];
        secrets.delete(form.token!);
        return [200, '1'];
      }
      case 'Agents/AgentCall':
      case 'Agents/AgentCallwithData': {
        if (!form.destination || !form.phone) return [200, '0'];
        // AgentCallwithData: the workflow's `data`, `Par=Val:Par=Val` [Assumed: as the dialer's].
        if (name === 'Agents/AgentCallwithData' && !(form.data && validData(form.data)))
          return [200, '0'];
        const call: UcontactSimCall = {
          guid: randomUUID(),
          number: form.destination,
          direction: 'outbound',
          campaign: form.outqueue ?? '',
          live: true,
        };
        calls.push(call);
        portalPost({ action: 'makeCall', params: { number: call.number, guid: call.guid } });
        return [200, call.guid];
      }
      case 'Agents/HungupPhone': {
        const live = calls.filter((c) => c.live);
        if (!form.phone || live.length === 0) return [200, '0'];
        for (const c of live) c.live = false;
        return [200, '1'];
      }
      case 'api/DispositionCall': {
        // The real endpoint answers 0 on errors: a missing level 1 or a schedule it cannot read.
        const schedule = form.schedule ?? '';
        return [200, form.l1 && (schedule === '' || validSchedule(schedule)) ? '1' : '0'];
      }
      case 'api/AgentBreak':
      case 'api/AgentUnBreak':
      case 'api/AgentLogoff':
        return [200, form.agent && form.interface?.startsWith('SIP/') ? '1' : '0'];
      case 'Supervisor/queuesummary':
        return [200, queueSummary(queues), 'application/json'];
      case 'Supervisor/campaignstatus':
        return [
          200,
          campaignStatus(queues, form.queue ?? '', agents[0]!.agent),
          'application/json',
        ];
      default:
        return dialer.handle(name, form) ?? [404, 'Not Found'];
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (handlePreflight(req, res)) return;
    const url = new URL(req.url ?? '/', 'http://sim');
    if (req.method === 'GET') {
      if (url.pathname === '/portal') return send(res, 200, PORTAL_HTML, 'text/html');
      if (url.pathname === '/portal.js') return send(res, 200, PORTAL_JS, 'text/javascript');
      if (url.pathname === '/uphone') return send(res, 200, UPHONE_HTML, 'text/html');
      if (url.pathname === '/uphone.js') return send(res, 200, UPHONE_JS, 'text/javascript');
      if (url.pathname === '/sim/portal/next') {
        const after = Number(url.searchParams.get('after') ?? 0);
        const pending = () => portal.filter((p) => p.seq > after);
        if (pending().length === 0) {
          await new Promise<void>((resolve) => {
            const done = () => (waiters.delete(done), resolve());
            waiters.add(done);
            setTimeout(done, 10_000).unref();
          });
        }
        return send(res, 200, JSON.stringify(pending()), 'application/json');
      }
      return send(res, 404, 'Not Found');
    }
    if (req.method !== 'POST' || !url.pathname.startsWith(API_PREFIX)) {
      return send(res, 404, 'Not Found');
    }
    const name = url.pathname.slice(API_PREFIX.length);
    const form = Object.fromEntries(new URLSearchParams(await readBody(req)));
    const authorization = req.headers.authorization ?? '';
    const [status, answer, type] = ((): [number, string, string?] => {
      if (name.startsWith('auth/')) return api(name, form);
      if (!authorized(authorization)) return [401, 'Unauthorized'];
      if ([...forbidden].some((family) => name.startsWith(family))) return [403, 'Forbidden'];
      if (fault && fault.left > 0) {
        fault.left -= 1;
        if (fault.kind === 'zero') return [200, '0'];
        if (fault.kind === 'malformed') return [200, '<html>oops'];
        return [fault.kind, 'Error'];
      }
      return api(name, form);
    })();
    requests.record({ api: name, form, authorization, status, answer });
    send(res, status, answer, type);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, 'Internal error'));
  });
  const port = await listen(server, 0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    requests,
    calls,
    queues,
    dialer: dialer.state,
    ringInbound(o = {}) {
      const call: UcontactSimCall = {
        guid: randomUUID(),
        number: o.from ?? '+14155550100',
        direction: 'inbound',
        campaign: o.campaign ?? 'Support<-',
        live: true,
      };
      calls.push(call);
      portalPost(
        o.eventsApi
          ? {
              event: 'assignedInteraction',
              data: {
                guid: call.guid,
                campaign: call.campaign,
                channel: 'voice',
                clientId: call.number,
                ...(o.name ? { [o.nameParam ?? 'name']: o.name } : {}),
              },
            }
          : // [INFERRED] §4.4.1 shows `params: {number, ...}`: this sim adds the call's GUID.
            {
              action: 'gettingCall',
              params: {
                number: call.number,
                campaign: call.campaign,
                guid: call.guid,
                ...(o.name ? { [o.nameParam ?? 'name']: o.name } : {}),
              },
            },
      );
      return call;
    },
    runSchedule(now) {
      const due = dialer.takeDue(
        now,
        agents.map((a) => a.extension),
      );
      return due.map((scheduled) => {
        const call: UcontactSimCall = {
          guid: randomUUID(),
          number: scheduled.destination,
          direction: 'outbound',
          campaign: scheduled.campaign,
          live: true,
        };
        calls.push(call);
        const data = Object.fromEntries(
          scheduled.data
            .split(':')
            .filter(Boolean)
            .map((pair) => pair.split('=') as [string, string]),
        );
        portalPost({
          action: 'gettingCall',
          params: { ...data, number: call.number, campaign: call.campaign, guid: call.guid },
        });
        return call;
      });
    },
    remoteHangup(guid) {
      const call = calls.find((c) => c.guid === guid);
      if (!call?.live) return;
      call.live = false;
      portalPost({ action: 'finishedCall', params: { number: call.number, guid: call.guid } });
    },
    portalPost,
    onPortal(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    fail(kind, count) {
      fault = { kind, left: count };
    },
    rejectLogins(on) {
      rejectLogins = on;
    },
    forbid(family, on) {
      if (on) forbidden.add(family);
      else forbidden.delete(family);
    },
    waitForRequest: (pred) => requests.waitFor(pred),
    async close() {
      for (const w of [...waiters]) w();
      await closeServer(server);
    },
  };
}
