/**
 * Per-agent replay buffers. Every event routed to an agent gets the agent's next sequence number
 * (from 1, never reused while the relay runs — with a data directory, across restarts too) and
 * stays replayable until it is older than `maxAgeMs` or pushed out by newer ones: a buffer holds at
 * most `maxEvents` events and `maxBytes` bytes of payload (JSON), and all buffers together at most
 * `maxTotalBytes` — beyond that the agent holding the most bytes loses its oldest event first, so
 * one busy agent cannot take every other agent's replay. The newest event of a buffer always stays
 * (it may exceed `maxBytes` alone: the webhook body limit bounds it), so live delivery and the
 * resume of a client that just missed it never depend on payload size.
 *
 * Replay for a client that last handled `after` (relay/protocol.ts):
 * - `after` within what the buffer still covers: every retained event with seq > after, no gap.
 * - events after `after` were evicted: `gap {from: after + 1, to: evictedThrough}`, then the rest.
 * - `after` beyond the last seq this relay assigned (the relay restarted, or the client talks to
 *   another relay): `gap {from: 0, to: evictedThrough}` — `from: 0` lies outside the seq range and
 *   marks "your cursor is unknown here" — then every retained event.
 * The client's rule is the same for both: after a gap its cursor becomes `gap.to`.
 *
 * Invariant: a buffer holds exactly the events `evictedThrough + 1 … lastSeq`, in order. With a
 * data directory (relay/journal.ts) `snapshot()` and `AgentBuffers.restore()` carry that state
 * across a restart, so numbering goes on and cursors stay valid.
 */
import type { EventSource } from './protocol';

export interface BufferedEvent {
  seq: number;
  source: EventSource;
  at: number;
  payload: unknown;
}

/** What an event's payload counts against the byte limits: its JSON in UTF-8. */
export function payloadBytes(payload: unknown): number {
  return Buffer.byteLength(JSON.stringify(payload) ?? '');
}

export interface Replay {
  gap?: { from: number; to: number };
  events: BufferedEvent[];
}

export interface BufferLimits {
  maxEvents: number;
  maxAgeMs: number;
  /** Per agent; unbounded when omitted. */
  maxBytes?: number;
  /** All agents together; unbounded when omitted. */
  maxTotalBytes?: number;
}

/** What a buffer must remember across a restart (relay/journal.ts). */
export interface BufferState {
  lastSeq: number;
  evictedThrough: number;
  /** Exactly the seqs `evictedThrough + 1 … lastSeq`, in order. */
  events: BufferedEvent[];
}

export class ReplayBuffer {
  private readonly events: BufferedEvent[] = [];
  /** `payloadBytes` of each event in `events`, same order. */
  private readonly sizes: number[] = [];
  private nextSeq = 1;
  /** Highest seq no longer held (0 while nothing was evicted). */
  private evictedThrough = 0;
  private heldBytes = 0;

  constructor(
    private readonly limits: BufferLimits,
    restored?: BufferState,
  ) {
    if (!restored) return;
    this.nextSeq = restored.lastSeq + 1;
    this.evictedThrough = restored.evictedThrough;
    for (const e of restored.events) this.hold(e);
    this.enforceLimits();
  }

  get lastSeq(): number {
    return this.nextSeq - 1;
  }

  /** Payload bytes held. */
  get bytes(): number {
    return this.heldBytes;
  }

  snapshot(): BufferState {
    return { lastSeq: this.lastSeq, evictedThrough: this.evictedThrough, events: this.events };
  }

  get size(): number {
    return this.events.length;
  }

  append(source: EventSource, payload: unknown, at: number): BufferedEvent {
    const event: BufferedEvent = { seq: this.nextSeq++, source, at, payload };
    this.hold(event);
    this.enforceLimits();
    this.prune(at);
    return event;
  }

  private hold(event: BufferedEvent): void {
    const size = payloadBytes(event.payload);
    this.events.push(event);
    this.sizes.push(size);
    this.heldBytes += size;
  }

  private enforceLimits(): void {
    const maxBytes = this.limits.maxBytes ?? Infinity;
    while (
      this.events.length > this.limits.maxEvents ||
      (this.heldBytes > maxBytes && this.events.length > 1)
    )
      this.evictOldest();
  }

  /** Drops events older than the window; returns how many went. */
  prune(now: number): number {
    let dropped = 0;
    const first = () => this.events[0];
    for (let e = first(); e && now - e.at > this.limits.maxAgeMs; e = first()) {
      this.evictOldest();
      dropped++;
    }
    return dropped;
  }

  replay(after: number, now: number): Replay {
    this.prune(now);
    if (after > this.lastSeq) {
      return { gap: { from: 0, to: this.evictedThrough }, events: [...this.events] };
    }
    if (after < this.evictedThrough) {
      return { gap: { from: after + 1, to: this.evictedThrough }, events: [...this.events] };
    }
    return { events: this.events.filter((e) => e.seq > after) };
  }

  /** Drops the oldest event unless it is the only one; false when nothing went. */
  evictOldest(keepLast = false): boolean {
    if (keepLast && this.events.length <= 1) return false;
    const gone = this.events.shift();
    this.heldBytes -= this.sizes.shift() ?? 0;
    if (gone) this.evictedThrough = gone.seq;
    return gone !== undefined;
  }
}

/** All agents' buffers, keyed by routing identity (see `agentKey` in relay/router.ts). */
export class AgentBuffers {
  private readonly byAgent = new Map<string, ReplayBuffer>();
  private heldBytes = 0;

  constructor(private readonly limits: BufferLimits) {}

  /** Payload bytes held by all buffers. */
  get totalBytes(): number {
    return this.heldBytes;
  }

  /** Runs `change` on `buffer` and keeps the byte total in step. */
  private tracked<T>(buffer: ReplayBuffer, change: () => T): T {
    const before = buffer.bytes;
    const result = change();
    this.heldBytes += buffer.bytes - before;
    return result;
  }

  /** Over the relay-wide byte limit: the agent holding the most loses its oldest event. */
  private enforceTotal(): void {
    const max = this.limits.maxTotalBytes ?? Infinity;
    while (this.heldBytes > max) {
      let biggest: ReplayBuffer | undefined;
      for (const b of this.byAgent.values()) if (!biggest || b.bytes > biggest.bytes) biggest = b;
      const b = biggest;
      if (!b || !this.tracked(b, () => b.evictOldest(true))) return;
    }
  }

  get agents(): number {
    return this.byAgent.size;
  }

  get totalEvents(): number {
    let n = 0;
    for (const b of this.byAgent.values()) n += b.size;
    return n;
  }

  has(agent: string): boolean {
    return this.byAgent.has(agent);
  }

  append(agent: string, source: EventSource, payload: unknown, at: number): BufferedEvent {
    let buffer = this.byAgent.get(agent);
    if (!buffer) {
      buffer = new ReplayBuffer(this.limits);
      this.byAgent.set(agent, buffer);
    }
    const b = buffer;
    const event = this.tracked(b, () => b.append(source, payload, at));
    this.enforceTotal();
    return event;
  }

  lastSeq(agent: string): number {
    return this.byAgent.get(agent)?.lastSeq ?? 0;
  }

  /** Puts back an agent's state read from the journal (see `BufferState` for its invariant). */
  restore(agent: string, state: BufferState): void {
    this.heldBytes -= this.byAgent.get(agent)?.bytes ?? 0;
    const buffer = new ReplayBuffer(this.limits, state);
    this.byAgent.set(agent, buffer);
    this.heldBytes += buffer.bytes;
    this.enforceTotal();
  }

  /** Every agent's state, for the journal's compaction. The events are not copied. */
  *snapshots(): Generator<[agent: string, state: BufferState]> {
    for (const [agent, b] of this.byAgent) yield [agent, b.snapshot()];
  }

  /** An agent with no buffer yet has seen no events: a cursor > 0 means the relay restarted. */
  replay(agent: string, after: number, now: number): Replay {
    const buffer = this.byAgent.get(agent);
    if (buffer) return this.tracked(buffer, () => buffer.replay(after, now));
    return after > 0 ? { gap: { from: 0, to: 0 }, events: [] } : { events: [] };
  }

  /**
   * Ages out old events. Agents keep their (tiny) seq state even when empty, so their numbering
   * never restarts while the relay runs (nor across restarts, with a data directory).
   */
  prune(now: number): void {
    for (const b of this.byAgent.values()) this.tracked(b, () => b.prune(now));
  }
}
