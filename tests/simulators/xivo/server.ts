/**
 * A local xuc server: REST auth (`/xuc/api/2.0/auth/login`, `/auth/check`, §1.3) and the CTI
 * WebSocket (`/xuc/api/2.0/cti?token=`, §1.2, §1.4, §9), with fault injection for tests.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { Recorder } from '../shared/recorder';
import { handlePreflight, readJson, sendJson } from '../shared/http';
import {
  acceptUpgrades,
  closeServer as closeHttpServer,
  listen,
  sendWhenOpen,
  trackSocket,
} from '../shared/server';
import { handleWebCommand } from './commands';
import { Traffic } from './traffic';
import type {
  ClientFrame,
  InboundCallOptions,
  ReceivedFrame,
  SimCall,
  XivoSimOptions,
  XivoSimulator,
} from './types';
import { XucWorld, type Client } from './world';

const LOGIN = '/xuc/api/2.0/auth/login';
const CHECK = '/xuc/api/2.0/auth/check';
const CTI = '/xuc/api/2.0/cti';

export async function startXivoSimulator(opts: XivoSimOptions = {}): Promise<XivoSimulator> {
  const world = new XucWorld(opts);
  const log = new Recorder<ReceivedFrame>((e) => `${e.login}: ${JSON.stringify(e.frame)}`);
  const host = opts.host ?? '127.0.0.1';
  const sockets = new Map<WebSocket, Client>();
  const traffic = new Traffic(world);
  const wss = new WebSocketServer({ noServer: true });

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    void handleRest(world, req, res).catch(() => {
      if (!res.headersSent)
        sendJson(res, 500, { error: 'UnhandledError', message: 'Simulator error' });
    });
  };

  const attach = (server: Server) => {
    server.on('request', onRequest);
    acceptUpgrades(server, CTI, wss, (ws, url) => onSocket(ws, url.searchParams.get('token')));
  };

  const onSocket = (ws: WebSocket, token: string | null) => {
    const checked = world.checkToken(token);
    const client: Client = {
      login: checked.status === 'valid' ? checked.login : '',
      loggedOn: false,
      send: sendWhenOpen(ws),
      close: (code, reason) => ws.close(code, reason),
      terminate: () => ws.terminate(),
    };
    trackSocket(ws, client, sockets, world.clients);
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      let frame: unknown;
      try {
        frame = JSON.parse(String(data));
      } catch {
        return;
      }
      if (typeof frame !== 'object' || frame === null || Array.isArray(frame)) return;
      onClientFrame(client, frame as ClientFrame);
    });
    if (checked.status !== 'valid') {
      // xuc refuses the CTI session and closes (generic.html, §1.4).
      const Error = checked.status === 'expired' ? 'TokenExpired' : 'loggedOnFailed';
      client.send(JSON.stringify({ msgType: 'LoggedOnError', ctiMessage: { Error } }));
      client.close(1000, Error);
      return;
    }
    if (world.stallingLogins) {
      world.later(() => {
        client.send(
          JSON.stringify({ msgType: 'LoggedOnError', ctiMessage: { Error: 'loggedOnTimeout' } }),
        );
        client.close(1000, 'loggedOnTimeout');
      }, world.settings.loggedOnTimeoutMs);
      return;
    }
    handshake(world, client);
  };

  const onClientFrame = (client: Client, frame: ClientFrame) => {
    log.record({ at: Date.now(), login: client.login, frame });
    if (!client.loggedOn) return;
    if (frame.claz === 'ping') {
      // The real answer is [UNKNOWN] (§1.5): any JSON frame will do; cti.js ignores Pong.
      if (!world.silenced) client.send(JSON.stringify({ msgType: 'Pong', ctiMessage: {} }));
      return;
    }
    if (frame.claz === 'web') handleWebCommand(world, client.login, frame);
  };

  let server = createServer();
  attach(server);
  const port = await listen(server, opts.port ?? 0, host);

  const closeServer = async () => {
    for (const ws of sockets.keys()) ws.terminate();
    await closeHttpServer(server);
  };

  return {
    url: `http://${host}:${port}`,
    received: log.items,
    waitForFrame: async (pred, timeoutMs) =>
      (await log.waitFor((e) => pred(e.frame), timeoutMs)).frame,
    connections: () => [...sockets.keys()].filter((ws) => ws.readyState === ws.OPEN).length,
    inboundCall: (o?: InboundCallOptions): SimCall => traffic.ring(o),
    calls: () => world.liveCalls(),
    agent: (login = world.firstLogin()) => {
      const agent = world.agents.get(login);
      return agent
        ? { name: agent.name(), phoneNb: agent.phoneNb, cause: agent.cause }
        : { name: 'AgentLoggedOut', phoneNb: undefined, cause: '' };
    },
    state: (login = world.firstLogin()) => ({
      ...world.features.state(login),
      callbacks: world.callbacks.all(),
    }),
    setVoicemail: (newMessages, oldMessages, login = world.firstLogin()) => {
      world.voicemail.set(login, { newMessages, oldMessages });
      world.pushTo(login, 'VoiceMailStatusUpdate', voicemailOf(world, login));
    },
    supervisorListens: (started, login = world.firstLogin()) => {
      const user = world.user(login);
      const agentId = world.agents.get(login)?.agentId;
      world.pushTo(login, 'AgentListen', { started, phoneNumber: user?.phoneNumber, agentId });
    },
    ignoreCommands: (commands) => {
      world.ignoredCommands = new Set(commands);
    },
    startTraffic: (o) => traffic.start(o?.intervalMs),
    stopTraffic: () => traffic.stop(),
    dropSockets: () => {
      for (const ws of sockets.keys()) ws.terminate();
    },
    rejectLogins: (on) => {
      world.rejectingLogins = on;
    },
    expireTokens: () => {
      for (const record of world.tokens.values()) record.revoked = true;
      // Assumed (§1.3): open sessions are told and closed, like a refused session.
      for (const client of world.clients) {
        client.send(
          JSON.stringify({ msgType: 'LoggedOnError', ctiMessage: { Error: 'TokenExpired' } }),
        );
        client.close(1000, 'TokenExpired');
      }
    },
    sendMalformed: (kind = 'notJson') => {
      world.pushRaw(
        kind === 'notJson'
          ? 'this is {not json'
          : JSON.stringify({
              msgType: 'PhoneEvent',
              ctiMessage: { eventType: 42, DN: '1001', otherDN: null },
            }),
      );
    },
    silence: (on) => {
      world.silenced = on;
    },
    stallLogins: (on) => {
      world.stallingLogins = on;
    },
    goAway: async () => {
      await closeServer();
    },
    comeBack: async () => {
      server = createServer();
      attach(server);
      await listen(server, port, host);
    },
    restart: async () => {
      const wasRunning = traffic.running;
      traffic.stop();
      await closeServer();
      world.reset();
      server = createServer();
      attach(server);
      await listen(server, port, host);
      if (wasRunning) traffic.start(traffic.intervalMs);
    },
    close: async () => {
      traffic.stop();
      world.reset();
      await closeServer();
      wss.close();
    },
  };
}

/**
 * §1.4 "Simulator sends, in this order"; then the voicemail counts when there are messages
 * (assumed: the page does not say when xuc first sends VoiceMailStatusUpdate).
 */
function handshake(world: XucWorld, client: Client): void {
  const user = world.user(client.login);
  if (!user) return;
  const agent = world.agents.get(user.login);
  const frame = (msgType: string, ctiMessage: unknown) =>
    client.send(JSON.stringify({ msgType, ctiMessage }));
  client.loggedOn = true;
  frame('LoggedOn', {});
  frame('RightProfile', { profile: 'NoRight' });
  frame('UserConfigUpdate', world.features.userConfig(user));
  frame('UsersStatuses', USER_STATUSES);
  frame('UserStatusUpdate', { status: world.features.status(user.login) });
  frame('PhoneStatusUpdate', { status: world.callsOf(user.login).length ? 2 : 0 });
  if (agent) frame('AgentStateEvent', agent.payload());
  const voicemail = voicemailOf(world, user.login);
  if (voicemail.newMessages || voicemail.oldMessages) frame('VoiceMailStatusUpdate', voicemail);
}

/** The statuses a user may choose (UsersStatuses; cti server configuration). */
const USER_STATUSES = [
  { name: 'available', color: '#08FD20', longName: 'Available', actions: [] },
  { name: 'away', color: '#FDE50A', longName: 'Away', actions: [] },
  { name: 'disconnected', color: '#9E9E9E', longName: 'Disconnected', actions: [] },
];

function voicemailOf(world: XucWorld, login: string): Record<string, number> {
  const user = world.user(login);
  const counts = world.voicemail.get(login) ?? { newMessages: 0, oldMessages: 0 };
  return {
    voiceMailId: (user?.userId ?? 0) + 50,
    newMessages: counts.newMessages,
    waitingMessages: counts.newMessages,
    oldMessages: counts.oldMessages,
  };
}

async function handleRest(
  world: XucWorld,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (handlePreflight(req, res)) return;
  const url = new URL(req.url ?? '/', 'http://sim');
  if (url.pathname === LOGIN && req.method === 'POST') {
    const body = await readJson(req);
    if (typeof body !== 'object' || body === null) {
      sendJson(res, 400, { error: 'InvalidJson', message: 'Invalid JSON body' });
      return;
    }
    const { login, password } = body as { login?: unknown; password?: unknown };
    const user = world.users.find((u) => u.login === login && u.password === password);
    if (!user || world.rejectingLogins) {
      sendJson(res, 401, { error: 'InvalidCredentials', message: 'Invalid credentials' });
      return;
    }
    sendJson(res, 200, {
      login: user.login,
      token: world.issueToken(user.login),
      TTL: world.settings.tokenTtlSeconds,
    });
    return;
  }
  if (url.pathname === CHECK && req.method === 'GET') {
    // Bearer, X-Auth-Token or ?token= (api_sdk/security.html, §1.3).
    const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const header = req.headers['x-auth-token'];
    const token =
      bearer ?? (typeof header === 'string' ? header : undefined) ?? url.searchParams.get('token');
    const checked = world.checkToken(token);
    if (checked.status !== 'valid') {
      const error = checked.status === 'expired' ? 'TokenExpired' : 'InvalidToken';
      sendJson(res, 401, {
        error,
        message: error === 'TokenExpired' ? 'Token expired' : 'Invalid token',
      });
      return;
    }
    const ttl = Math.max(0, Math.round((checked.record.expiresAt - Date.now()) / 1000));
    sendJson(res, 200, { login: checked.login, token, TTL: ttl });
    return;
  }
  sendJson(res, 404, { error: 'NotFound', message: `${req.method ?? 'GET'} ${url.pathname}` });
}
