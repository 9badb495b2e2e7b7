/**
 * A local Windstream CCS: the REST API `/6/v2/api` (+ the /6 PIN login) and the event socket
 * `/6/v2/sock` (vendors/README.md §5.2, §9), with fault injection for tests.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { Recorder } from '../shared/recorder';
import { sendJson } from '../shared/http';
import { acceptUpgrades, closeServer, listen, sendWhenOpen, trackSocket } from '../shared/server';
import { handleRest } from './rest';
import { Traffic } from './traffic';
import { CCS_PERMISSIONS } from './access';
import type {
  CcsSimOptions,
  CcsSimulator,
  FrameRecord,
  RestRecord,
  SimPermission,
  SimRecord,
} from './types';
import { CcsWorld, type Client } from './world';

const SOCK = '/6/v2/sock';
/** How the server closes a socket it refuses ([UNKNOWN] code, §5.2: "closed from the server side"). */
const POLICY_VIOLATION = 1008;
/** The permission each event request needs (api-pages §3). */
const SUBSCRIPTIONS: Readonly<Record<string, SimPermission>> = {
  fetch_agent_events: 'Agent Events',
  fetch_call_events: 'Call Events',
  fetch_queue_events: 'Inbound Queue Events',
};

export async function startCcsSimulator(opts: CcsSimOptions = {}): Promise<CcsSimulator> {
  const world = new CcsWorld(opts);
  const log = new Recorder<SimRecord>((r) =>
    r.kind === 'rest' ? `${r.method} ${r.path} ${JSON.stringify(r.body)}` : JSON.stringify(r.frame),
  );
  const host = opts.host ?? '127.0.0.1';
  const sockets = new Map<WebSocket, Client>();
  const traffic = new Traffic(world);
  const wss = new WebSocketServer({ noServer: true });

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    void handleRest(world, req, res, (r) => log.record(r)).catch(() => {
      if (!res.headersSent) sendJson(res, 500, { success: true, reason: 'Internal Server Error' });
    });
  };

  const onSocket = (ws: WebSocket) => {
    const client: Client = {
      extensionUuid: undefined,
      queueEvents: false,
      send: sendWhenOpen(ws),
      close: (code, reason) => ws.close(code, reason),
    };
    trackSocket(ws, client, sockets, world.clients);
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      const text = String(data);
      let frame: unknown = text;
      try {
        frame = JSON.parse(text) as unknown;
      } catch {
        // Plain text: the keepalive `ping` (§5.2).
      }
      log.record({ at: Date.now(), kind: 'ws', frame });
      onClientFrame(client, frame);
    });
  };

  const onClientFrame = (client: Client, frame: unknown) => {
    const request = (frame as { request?: unknown } | null)?.request;
    if (!client.extensionUuid) {
      // Every client must first send "connect", or the server closes the socket (§5.2).
      if (request !== 'connect') return client.close(POLICY_VIOLATION, 'connect first');
      const ext = world.checkToken(String((frame as { token?: unknown }).token ?? ''));
      if (!ext) return client.close(POLICY_VIOLATION, 'Unauthorized');
      client.extensionUuid = ext.uuid;
      if (world.connectAck) client.send(JSON.stringify({ request: 'connect', success: true }));
      return;
    }
    if (frame === 'ping') return client.send('pong');
    if (typeof request === 'string') subscribe(client, request);
  };

  /**
   * `fetch_*` requests (the /6/sock wallboard, §5.2): call and agent events flow regardless
   * ([UNKNOWN], §5.5); queue events only to the sockets that asked, starting with a snapshot.
   * Without the permission, the error response the page promises (§2.2).
   */
  const subscribe = (client: Client, request: string) => {
    const permission = SUBSCRIPTIONS[request];
    if (!permission) return;
    if (!world.permissions.has(permission)) {
      client.send(JSON.stringify({ success: false, reason: 'Insufficient permissions' }));
      return;
    }
    if (request !== 'fetch_queue_events') return;
    client.queueEvents = true;
    const name = world.events.queueSnapshot;
    if (name && !world.silent) client.send(world.frame(name, world.queueRows()));
  };

  const serve = (): Server => {
    const created = createServer();
    created.on('request', onRequest);
    acceptUpgrades(created, SOCK, wss, (ws) => onSocket(ws));
    return created;
  };
  let server = serve();
  const port = await listen(server, opts.port ?? 0, host);
  const first = world.first();

  return {
    url: `http://${host}:${port}`,
    tenantId: world.tenantId,
    outboundQueueId: world.outboundQueueId,
    acds: world.acds,
    extension: first,
    events: world.events,
    received: log.items,
    waitFor: (pred, timeoutMs) => log.waitFor(pred, timeoutMs),
    waitForRequest: async (pred, timeoutMs) =>
      (await log.waitFor((r) => r.kind === 'rest' && pred(r), timeoutMs)) as RestRecord,
    waitForFrame: async (pred, timeoutMs) =>
      ((await log.waitFor((r) => r.kind === 'ws' && pred(r.frame), timeoutMs)) as FrameRecord)
        .frame,
    connections: () =>
      [...sockets].filter(([ws, c]) => ws.readyState === ws.OPEN && c.extensionUuid).length,
    inboundCall: (o) => traffic.ring(o),
    calls: () => world.liveCalls(),
    endedCalls: () => world.endedCalls(),
    agent: (extension = first.extension) => {
      const ext = world.byNumber(extension);
      const p = ext ? world.presenceOf(ext.uuid) : { type: 'sign_out', name: 'Sign Out' };
      return { type: p.type, name: p.name };
    },
    setPresence: (name, extension = first.extension) => {
      const ext = world.byNumber(extension);
      if (!ext || !world.setPresence(ext.uuid, name))
        throw new Error(`The CCS simulator cannot set ${extension} to "${name}"`);
    },
    startTraffic: (o) => traffic.start(o?.intervalMs),
    stopTraffic: () => traffic.stop(),
    dropSockets: () => {
      for (const ws of sockets.keys()) ws.terminate();
    },
    rejectTokens: (on) => {
      world.rejecting = on;
    },
    expireTokens: () => {
      world.expired = true;
      for (const client of world.clients) client.close(POLICY_VIOLATION, 'Unauthorized');
    },
    failRequests: (status) => {
      world.failStatus = status;
    },
    malformedJson: (on) => {
      world.malformed = on;
    },
    sendMalformed: (kind = 'notJson') => {
      const { typeKey, payloadKey, callRinging } = world.events;
      world.pushRaw(
        kind === 'notJson'
          ? 'this is {not json'
          : JSON.stringify({ [typeKey]: callRinging, [payloadKey || 'x']: { status: 42 } }),
      );
    },
    silentEvents: (on) => {
      world.silent = on;
    },
    sparseCallEvents: (on) => {
      world.sparse = on;
    },
    setPermissions: (permissions) => {
      world.permissions = new Set(permissions === 'all' ? CCS_PERMISSIONS : permissions);
    },
    goAway: async () => {
      for (const ws of sockets.keys()) ws.terminate();
      await closeServer(server);
    },
    comeBack: async () => {
      server = serve();
      await listen(server, port, host);
    },
    close: async () => {
      traffic.stop();
      world.reset();
      for (const ws of sockets.keys()) ws.terminate();
      await closeServer(server);
      wss.close();
    },
  };
}
