/**
 * The extension side: WebSocket connections per relay/protocol.ts. A socket receives nothing until
 * its first frame is a `hello` with a valid token; then it gets `welcome`, an optional `gap`, the
 * replay of its own agent's buffer and, from the same tick on, that agent's live events — so no
 * event falls between replay and live delivery.
 *
 * Limits. A socket that has not said hello yet is *pending*: at most `maxPendingPerClient` per
 * client address (relay/client-address.ts `limitKey`) and `maxPending` in all; beyond either the
 * new socket is closed with 1013. Only authenticated sockets count against `maxConnections`, so
 * silent sockets from one address cannot lock other agents out. Each token has at most one live
 * socket: a hello with a token that already has one closes the older socket (4409 `replaced`).
 * A token revoked while its socket is open (`revoke`) closes that socket with 4401.
 *
 * Close codes besides the protocol's CLOSE_UNAUTHORIZED (4401, also used when a token expires or is
 * revoked on a live socket) and CLOSE_REPLACED (4409): 4400 a bad frame before hello, 4408 hello
 * timeout, 4429 frame rate limit, 1013 the relay is full or the client reads too slowly (it
 * reconnects and resumes from the buffer), 1001 the relay is stopping. ws itself closes with 1009 a
 * frame larger than the relay accepts. Only 4401 and 4409 mean "do not retry with this token".
 */
import type { RawData, WebSocket } from 'ws';
import type { AgentBuffers, BufferedEvent, Replay } from './buffer';
import { limitKey } from './client-address';
import { memoryStore, type EventStore, type Opened } from './event-store';
import type { Logger } from './log';
import type { RelayCounters } from './metrics';
import { CLOSE_REPLACED, CLOSE_UNAUTHORIZED, ClientFrame, type ServerFrame } from './protocol';
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
  /** Where hellos are answered from instead of `buffers` (scale-out mode: relay/redis-mode.ts). */
  store?: EventStore;
  /** After a socket whose replay came asynchronously is attached: catch up from the store. */
  attached?: (agent: string) => void;
  counters: RelayCounters;
  log: Logger;
  verify: (token: string) => VerifyResult;
  now: () => number;
  helloTimeoutMs: number;
  /** Authenticated sockets. */
  maxConnections: number;
  /** Sockets that have not said hello, in all and per client address. */
  maxPending: number;
  maxPendingPerClient: number;
  rateLimit: { max: number; windowMs: number };
}

interface Connection {
  ws: WebSocket;
  /** `limitKey` of the client's address. */
  client: string;
  agent?: string;
  sub?: string;
  exp?: number;
  tokenId?: string;
  /** The highest seq sent (or skipped by a gap): live delivery never sends it or older again. */
  sent: number;
  windowStart: number;
  frames: number;
  helloTimer?: NodeJS.Timeout;
  closing?: boolean;
}

export function createHub(deps: HubDeps) {
  const { counters, log } = deps;
  const store = deps.store ?? memoryStore(deps.buffers);
  const all = new Set<Connection>();
  const byAgent = new Map<string, Set<Connection>>();
  const byToken = new Map<string, Connection>();
  const pendingByClient = new Map<string, Set<Connection>>();
  let pending = 0;

  const send = (c: Connection, frame: ServerFrame) => c.ws.send(JSON.stringify(frame));

  function unpend(c: Connection): void {
    const set = pendingByClient.get(c.client);
    if (!set?.delete(c)) return;
    pending--;
    if (set.size === 0) pendingByClient.delete(c.client);
  }

  function close(c: Connection, code: number, reason: string, frame?: ServerFrame): void {
    if (c.closing) return;
    c.closing = true;
    clearTimeout(c.helloTimer);
    unpend(c);
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

  function parse(data: RawData, isBinary: boolean): ClientFrame | undefined {
    if (isBinary) return undefined;
    try {
      const parsed = ClientFrame.safeParse(JSON.parse(data.toString()));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  function onFrame(c: Connection, data: RawData, isBinary: boolean): void {
    if (c.closing) return;
    if (!withinRate(c)) {
      const error = { type: 'error', code: 'badRequest', message: 'too many frames' } as const;
      return close(c, CLOSE_RATE_LIMITED, 'rate_limited', error);
    }
    const frame = parse(data, isBinary);
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

  /** Makes room for `c` as its token's one live socket; false when the relay is full. */
  function claimToken(c: Connection, tokenId: string): boolean {
    const older = byToken.get(tokenId);
    if (older) {
      const message = 'replaced by a newer connection with the same token';
      close(older, CLOSE_REPLACED, 'replaced', { type: 'error', code: 'replaced', message });
      forgetAgent(older);
    } else if (byToken.size >= deps.maxConnections) {
      close(c, CLOSE_TRY_LATER, 'full');
      return false;
    }
    byToken.set(tokenId, c);
    return true;
  }

  function hello(c: Connection, token: string, after: number): void {
    clearTimeout(c.helloTimer);
    const result = deps.verify(token);
    if (!result.ok) {
      counters.authFailures({ reason: result.reason });
      log.warn('hello refused', { reason: result.reason });
      const reason = result.reason;
      const message =
        reason === 'malformed' || reason === 'signature' ? 'invalid token' : `token ${reason}`;
      return unauthorized(c, message);
    }
    unpend(c);
    if (!claimToken(c, result.id)) return;
    const agent = agentKey(result.claims.sub);
    Object.assign(c, { agent, sub: result.claims.sub, exp: result.claims.exp, tokenId: result.id });
    const opened = store.open(agent, after, deps.now());
    if (!(opened instanceof Promise)) return attach(c, agent, after, opened);
    opened.then(
      (o) => {
        // Closed or replaced while the store answered: it is no longer this token's socket.
        if (c.closing || byToken.get(result.id) !== c) return;
        attach(c, agent, after, o);
        deps.attached?.(agent);
      },
      (err: unknown) => {
        log.warn('replay unavailable', { error: err instanceof Error ? err.message : String(err) });
        close(c, CLOSE_TRY_LATER, 'store_unavailable');
        forgetAgent(c);
      },
    );
  }

  /** Sends welcome, gap and replay, then makes `c` a live recipient of `agent`'s events. */
  function attach(c: Connection, agent: string, after: number, { seq, replay }: Opened): void {
    c.sent = after;
    send(c, { type: 'welcome', agent: c.sub ?? agent, seq });
    if (replay.gap) sendGap(c, replay.gap);
    for (const event of replay.events) deliverTo(c, event);
    const set = byAgent.get(agent) ?? new Set();
    set.add(c);
    byAgent.set(agent, set);
    log.info('agent connected', {
      agent: c.sub,
      tokenId: c.tokenId,
      after,
      replayed: replay.events.length,
    });
  }

  function sendGap(c: Connection, gap: NonNullable<Replay['gap']>): void {
    counters.gaps();
    send(c, { type: 'gap', ...gap });
    c.sent = gap.to;
  }

  function deliverTo(c: Connection, e: BufferedEvent): void {
    if (c.closing || e.seq <= c.sent) return;
    if (c.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      return close(c, CLOSE_TRY_LATER, 'slow_consumer');
    }
    send(c, { type: 'event', seq: e.seq, source: e.source, at: e.at, payload: e.payload });
    c.sent = e.seq;
    counters.delivered();
  }

  /** Stops delivering to `c` (at once: it may be replaced before its close event arrives). */
  function forgetAgent(c: Connection): void {
    if (c.tokenId !== undefined && byToken.get(c.tokenId) === c) byToken.delete(c.tokenId);
    if (!c.agent) return;
    const set = byAgent.get(c.agent);
    set?.delete(c);
    if (set?.size === 0) byAgent.delete(c.agent);
  }

  function forget(c: Connection): void {
    clearTimeout(c.helloTimer);
    unpend(c);
    all.delete(c);
    forgetAgent(c);
  }

  /** Admits a new socket as pending, or closes it when its client or the relay has no room. */
  function admit(c: Connection): boolean {
    const mine = pendingByClient.get(c.client) ?? new Set<Connection>();
    if (mine.size >= deps.maxPendingPerClient) {
      close(c, CLOSE_TRY_LATER, 'pending_per_client');
      return false;
    }
    if (pending >= deps.maxPending) {
      close(c, CLOSE_TRY_LATER, 'full');
      return false;
    }
    mine.add(c);
    pendingByClient.set(c.client, mine);
    pending++;
    return true;
  }

  return {
    /** A new socket from `address` (the client's, relay/client-address.ts). */
    accept(ws: WebSocket, address = 'unknown'): void {
      const c: Connection = {
        ws,
        client: limitKey(address),
        sent: 0,
        windowStart: deps.now(),
        frames: 0,
      };
      all.add(c);
      ws.on('close', () => forget(c));
      ws.on('error', (err) => log.warn('socket error', { error: err.message }));
      if (!admit(c)) return;
      c.helloTimer = setTimeout(() => {
        const error = { type: 'error', code: 'timeout', message: 'no hello' } as const;
        close(c, CLOSE_HELLO_TIMEOUT, 'hello_timeout', error);
      }, deps.helloTimeoutMs);
      ws.on('message', (data, isBinary) => onFrame(c, data, isBinary));
    },

    deliver(agent: string, event: BufferedEvent): void {
      for (const c of byAgent.get(agent) ?? []) deliverTo(c, event);
    },

    /** Sends `gap` to the agent's sockets that have not gone past its end. */
    gap(agent: string, gap: NonNullable<Replay['gap']>): void {
      for (const c of byAgent.get(agent) ?? []) if (!c.closing && c.sent < gap.to) sendGap(c, gap);
    },

    /** The lowest seq sent to any of the agent's live sockets; undefined when none is attached. */
    cursor(agent: string): number | undefined {
      let low: number | undefined;
      for (const c of byAgent.get(agent) ?? []) if (low === undefined || c.sent < low) low = c.sent;
      return low;
    },

    /** Agents with at least one attached socket. */
    agents(): string[] {
      return [...byAgent.keys()];
    },

    /** Closes every socket with `code` (1013: the client retries, elsewhere if need be). */
    closeAllWith(code: number, reason: string): void {
      for (const c of all) {
        close(c, code, reason);
        forgetAgent(c);
      }
    },

    /** Closes sockets whose token expired since their hello. */
    expireTokens(): void {
      const nowS = deps.now() / 1000;
      for (const c of all)
        if (c.exp !== undefined && c.exp <= nowS) unauthorized(c, 'token expired');
    },

    /** Closes the live sockets of revoked tokens (4401). */
    revoke(isRevoked: (tokenId: string) => boolean): void {
      for (const [id, c] of byToken) {
        if (!isRevoked(id)) continue;
        unauthorized(c, 'token revoked');
        forgetAgent(c);
      }
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

    /** Sockets that have not said hello (yet). */
    get pending(): number {
      return pending;
    },

    get connectedAgents(): number {
      return byAgent.size;
    },
  };
}
export type Hub = ReturnType<typeof createHub>;
