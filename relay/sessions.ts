/**
 * Call sessions: which agents took part in each Anywhere365 call. The CTI Broker reports a
 * transfer as `OnHold` for the transferring agent A, then `Retrieve` for the agent B who took the
 * call (vendors/README §2.6 "Additional note"): B's Retrieve is what tells A that the call left
 * them, yet it names only B. So the relay remembers, per call id, the agents whose events it
 * routed, and routes every later event of that call to all of them as well as to the agent it
 * names (relay/router.ts). Each adapter decides what another agent's event means for its own leg.
 *
 * Bounded in size and time: a session is forgotten `ttlMs` after its last event (a call silent
 * for that long is over, or its agents' adapters have given it up), at most `maxSessions` are
 * held (the least recently active goes first) and at most `maxAgentsPerSession` agents per session
 * (a call bounced around more agents keeps the latest ones). With a data directory every join is
 * journaled (relay/journal.ts) and replayed at start, so a restart does not lose them.
 */

export interface SessionLimits {
  maxSessions: number;
  ttlMs: number;
  maxAgentsPerSession: number;
}

/** One session as the journal stores it. */
export interface SessionState {
  id: string;
  /** Agent keys (relay/router.ts `agentKey`), oldest first. */
  agents: string[];
  /** The relay's time of the session's last event. */
  at: number;
}

interface Session {
  agents: string[];
  at: number;
}

export class SessionDirectory {
  /** In order of last activity, least recent first (a Map keeps insertion order). */
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly limits: SessionLimits) {}

  get size(): number {
    return this.sessions.size;
  }

  /** The agents other than `agent` that took part in session `id`, unless it expired by `now`. */
  others(id: string, agent: string, now: number): string[] {
    const session = this.live(id, now);
    return session ? session.agents.filter((a) => a !== agent) : [];
  }

  /** Records that `agent` got an event of session `id` at `at`. */
  join(id: string, agent: string, at: number): void {
    const session = this.live(id, at);
    const agents = session ? session.agents.filter((a) => a !== agent) : [];
    agents.push(agent);
    while (agents.length > this.limits.maxAgentsPerSession) agents.shift();
    this.sessions.delete(id);
    this.sessions.set(id, { agents, at: Math.max(at, session?.at ?? at) });
    while (this.sessions.size > this.limits.maxSessions) {
      const oldest = this.sessions.keys().next();
      if (oldest.done) break;
      this.sessions.delete(oldest.value);
    }
  }

  /** Forgets sessions whose last event is older than the time limit. */
  prune(now: number): void {
    for (const [id, session] of this.sessions)
      if (now - session.at > this.limits.ttlMs) this.sessions.delete(id);
  }

  /** Every session, least recently active first (the journal's compaction). */
  *snapshot(): Generator<SessionState> {
    for (const [id, s] of this.sessions) yield { id, agents: s.agents, at: s.at };
  }

  /**
   * Replays the journal's session lines in file order — a snapshot's sessions, then the joins
   * appended after it — so the limits and time limit apply exactly as they did live.
   */
  restore(lines: Iterable<SessionState>, now: number): void {
    for (const s of lines) for (const agent of s.agents) this.join(s.id, agent, s.at);
    this.prune(now);
  }

  private live(id: string, now: number): Session | undefined {
    const session = this.sessions.get(id);
    if (session && now - session.at > this.limits.ttlMs) {
      this.sessions.delete(id);
      return undefined;
    }
    return session;
  }
}
