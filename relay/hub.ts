/**
 * The extension side: WebSocket connections per relay/protocol.ts. A socket receives nothing until
 * its first frame is a `hello` with a valid token; then it gets `welcome`, an optional `gap`, the
 * replay of its own agent's buffer and, from the same tick on, that agent's live events — so no
 * event falls between replay and live delivery.
 *
 * Close codes besides the protocol's CLOSE_UNAUTHORIZED (4401, also used when a token expires on a
 * live socket): 4400 a bad frame before hello, 4408 hello timeout, 4429 frame rate limit, 1013 the
 * relay is full or the client reads too slowly (it reconnects and resumes from the buffer),
 * 1001 the relay is stopping. Only 4401 means "do not retry with this token".
 */
import type { RawData, WebSocket } from 'ws';
import type { AgentBuffers, BufferedEvent } from './buffer';
import type { Logger } from './log';
import type { RelayCounters } from './metrics';
import { CLOSE_UNAUTHORIZED, ClientFrame, type ServerFrame } from './protocol';
import { agentKey } from './router';
import type { VerifyResult } from './tokens';

export const CLOSE_BAD_REQUEST = 4400;
export const CLOSE_HELLO_TIMEOUT = 4408;
export const CLOSE_RATE_LIMITED = 4429;
export const CLOSE_TRY_LATER = 1013;
export const CLOSE_GOING_AWAY = 1001;

/** A client that has this much unsent data is too slow to follow; it resumes after reconnecting. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

export interface HubDeps {
  buffers: AgentBuffers;
  counters: RelayCounters;
  log: Logger;
  verify: (token: string) => VerifyResult;
  now: () => number;
  helloTimeoutMs: number;
  maxConnections: number;
  rateLimit: { max: number; windowMs: number };
}

interface Connection {
  ws: WebSocket;
  agent?: string;
  sub?: string;
  exp?: number;
  windowStart: number;
  frames: number;
  helloTimer?: NodeJS.Timeout;
  closing?: boolean;
}

export function createHub(deps: HubDeps) {
  const { counters, log } = deps;
  const all = new Set<Connection>();
  const byAgent = new Map<string, Set<Connection>>();

  const send = (c: Connection, frame: ServerFrame) => c.ws.send(JSON.stringify(frame));

  function close(c: Connection, code: number, reason: string, frame?: ServerFrame): void {
    if (c.closing) return;
    c.closing = true;
    clearTimeout(c.helloTimer);
    if (frame) send(c, frame);
    counters.closed({ reason });
    c.ws.close(code, reason);
  }

  function unauthorized(c: Connection, message: string): void {
    close(c, CLOSE_UNAUTHORIZED, 'unauthorized', { type: 'error', code: 'unauthorized', message });
  }

  function withinRate(c: Connection): boolean {
    const now = deps.now();
    if (now - c.windowStart >= deps.rateLimit.windowMs) {
      c.windowStart = now;
      c.frames = 0;
    }
    return ++c.frames <= deps.rateLimit.max;
  }

  function onFrame(c: Connection, data: RawData, isBinary: boolean): void {
    if (c.closing) return;
    if (!withinRate(c)) {
      const error = { type: 'error', code: 'badRequest', message: 'too many frames' } as const;
      return close(c, CLOSE_RATE_LIMITED, 'rate_limited', error);
    }
    let frame: ClientFrame | undefined;
    try {
      const parsed = isBinary ? undefined : ClientFrame.safeParse(JSON.parse(data.toString()));
      frame = parsed?.success ? parsed.data : undefined;
    } catch {
      frame = undefined;
    }
    if (!frame) {
      const error = { type: 'error', code: 'badRequest', message: 'unexpected frame' } as const;
      if (!c.agent) return close(c, CLOSE_BAD_REQUEST, 'bad_frame', error);
      return send(c, error);
    }
    if (frame.type === 'ping') {
      if (!c.agent) {
        const error = { type: 'error', code: 'badRequest', message: 'hello first' } as const;
        return close(c, CLOSE_BAD_REQUEST, 'bad_frame', error);
      }
      return send(c, { type: 'pong' });
    }
    if (c.agent)
      return send(c, { type: 'error', code: 'badRequest', message: 'already said hello' });
    hello(c, frame.token, frame.after ?? 0);
  }

  function hello(c: Connection, token: string, after: number): void {
    clearTimeout(c.helloTimer);
    const result = deps.verify(token);
    if (!result.ok) {
      counters.authFailures({ reason: result.reason });
      log.warn('hello refused', { reason: result.reason });
      return unauthorized(c, result.reason === 'expired' ? 'token expired' : 'invalid token');
    }
    const agent = agentKey(result.claims.sub);
    Object.assign(c, { agent, sub: result.claims.sub, exp: result.claims.exp });
    send(c, { type: 'welcome', agent: result.claims.sub, seq: deps.buffers.lastSeq(agent) });
    const replay = deps.buffers.replay(agent, after, deps.now());
    if (replay.gap) {
      counters.gaps();
      send(c, { type: 'gap', ...replay.gap });
    }
    for (const event of replay.events) deliverTo(c, event);
    const set = byAgent.get(agent) ?? new Set();
    set.add(c);
    byAgent.set(agent, set);
    log.info('agent connected', {
      agent: result.claims.sub,
      after,
      replayed: replay.events.length,
    });
  }

  function deliverTo(c: Connection, e: BufferedEvent): void {
    if (c.closing) return;
    if (c.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      return close(c, CLOSE_TRY_LATER, 'slow_consumer');
    }
    send(c, { type: 'event', seq: e.seq, source: e.source, at: e.at, payload: e.payload });
    counters.delivered();
  }

  function forget(c: Connection): void {
    clearTimeout(c.helloTimer);
    all.delete(c);
    if (!c.agent) return;
    const set = byAgent.get(c.agent);
    set?.delete(c);
    if (set?.size === 0) byAgent.delete(c.agent);
  }

  return {
    accept(ws: WebSocket): void {
      const c: Connection = { ws, windowStart: deps.now(), frames: 0 };
      all.add(c);
      ws.on('close', () => forget(c));
      ws.on('error', (err) => log.warn('socket error', { error: err.message }));
      if (all.size > deps.maxConnections) return close(c, CLOSE_TRY_LATER, 'full');
      c.helloTimer = setTimeout(() => {
        const error = { type: 'error', code: 'timeout', message: 'no hello' } as const;
        close(c, CLOSE_HELLO_TIMEOUT, 'hello_timeout', error);
      }, deps.helloTimeoutMs);
      ws.on('message', (data, isBinary) => onFrame(c, data, isBinary));
    },

    deliver(agent: string, event: BufferedEvent): void {
      for (const c of byAgent.get(agent) ?? []) deliverTo(c, event);
    },

    /** Closes sockets whose token expired since their hello. */
    expireTokens(): void {
      const nowS = deps.now() / 1000;
      for (const c of all)
        if (c.exp !== undefined && c.exp <= nowS) unauthorized(c, 'token expired');
    },

    closeAll(): void {
      for (const c of all) close(c, CLOSE_GOING_AWAY, 'shutdown');
    },

    /** Hard stop for sockets that did not finish their close handshake. */
    terminateAll(): void {
      for (const c of all) c.ws.terminate();
    },

    get connections(): number {
      return all.size;
    },

    get connectedAgents(): number {
      return byAgent.size;
    },
  };
}
export type Hub = ReturnType<typeof createHub>;
