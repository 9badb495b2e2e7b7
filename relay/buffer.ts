/**
 * Per-agent replay buffers. Every event routed to an agent gets the agent's next sequence number
 * (from 1, never reused while the relay runs — with a data directory, across restarts too) and
 * stays replayable until it is older than `maxAgeMs` or pushed out by `maxEvents` newer ones.
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

export interface Replay {
  gap?: { from: number; to: number };
  events: BufferedEvent[];
}

export interface BufferLimits {
  maxEvents: number;
  maxAgeMs: number;
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
  private nextSeq = 1;
  /** Highest seq no longer held (0 while nothing was evicted). */
  private evictedThrough = 0;

  constructor(
    private readonly limits: BufferLimits,
    restored?: BufferState,
  ) {
    if (!restored) return;
    this.nextSeq = restored.lastSeq + 1;
    this.evictedThrough = restored.evictedThrough;
    this.events.push(...restored.events);
    while (this.events.length > this.limits.maxEvents) this.evictOldest();
  }

  get lastSeq(): number {
    return this.nextSeq - 1;
  }

  snapshot(): BufferState {
    return { lastSeq: this.lastSeq, evictedThrough: this.evictedThrough, events: this.events };
  }

  get size(): number {
    return this.events.length;
  }

  append(source: EventSource, payload: unknown, at: number): BufferedEvent {
    const event: BufferedEvent = { seq: this.nextSeq++, source, at, payload };
    this.events.push(event);
    while (this.events.length > this.limits.maxEvents) this.evictOldest();
    this.prune(at);
    return event;
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

  private evictOldest(): void {
    const gone = this.events.shift();
    if (gone) this.evictedThrough = gone.seq;
  }
}

/** All agents' buffers, keyed by routing identity (see `agentKey` in relay/router.ts). */
export class AgentBuffers {
  private readonly byAgent = new Map<string, ReplayBuffer>();

  constructor(private readonly limits: BufferLimits) {}

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
    return buffer.append(source, payload, at);
  }

  lastSeq(agent: string): number {
    return this.byAgent.get(agent)?.lastSeq ?? 0;
  }

  /** Puts back an agent's state read from the journal (see `BufferState` for its invariant). */
  restore(agent: string, state: BufferState): void {
    this.byAgent.set(agent, new ReplayBuffer(this.limits, state));
  }

  /** Every agent's state, for the journal's compaction. The events are not copied. */
  *snapshots(): Generator<[agent: string, state: BufferState]> {
    for (const [agent, b] of this.byAgent) yield [agent, b.snapshot()];
  }

  /** An agent with no buffer yet has seen no events: a cursor > 0 means the relay restarted. */
  replay(agent: string, after: number, now: number): Replay {
    const buffer = this.byAgent.get(agent);
    if (buffer) return buffer.replay(after, now);
    return after > 0 ? { gap: { from: 0, to: 0 }, events: [] } : { events: [] };
  }

  /**
   * Ages out old events. Agents keep their (tiny) seq state even when empty, so their numbering
   * never restarts while the relay runs (nor across restarts, with a data directory).
   */
  prune(now: number): void {
    for (const b of this.byAgent.values()) b.prune(now);
  }
}
