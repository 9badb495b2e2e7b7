/**
 * Where a hello's welcome seq and replay come from (relay/hub.ts). The default is the process's
 * own buffers (relay/buffer.ts, journaled by relay/journal.ts), answered in the same tick so the
 * hub attaches the socket before any other event can be routed. In scale-out mode the agent's
 * Redis stream answers (relay/redis-store.ts) asynchronously; the hub then asks for a catch-up
 * once the socket is attached, so nothing appended meanwhile is lost.
 */
import type { AgentBuffers, Replay } from './buffer';

export interface Opened {
  /** The agent's last assigned seq (the `welcome` frame's). */
  seq: number;
  replay: Replay;
}

export interface EventStore {
  open(agent: string, after: number, now: number): Opened | Promise<Opened>;
}

export function memoryStore(buffers: AgentBuffers): EventStore {
  return {
    open: (agent, after, now) => ({
      seq: buffers.lastSeq(agent),
      replay: buffers.replay(agent, after, now),
    }),
  };
}
