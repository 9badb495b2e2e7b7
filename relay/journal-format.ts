/**
 * The journal's file format (relay/journal.ts writes it): JSON lines in `<dataDir>/journal.jsonl`.
 *
 *   {"type":"journal","version":1,"at":1732230000000}                         a snapshot's first line
 *   {"type":"agent","agent":"sip:alice@example.com","lastSeq":57,"evictedThrough":40}
 *   {"type":"event","agent":"sip:alice@example.com","seq":41,"source":"anywhere365","at":…,"payload":{…}}
 *   {"type":"session","id":"<callId>","agents":["sip:alice@example.com","sip:bob@example.com"],"at":…}
 *
 * A compaction writes a snapshot: the header, then per agent its `agent` record followed by its
 * retained events, then one `session` record per call session (relay/sessions.ts; they outlive the
 * events), least recently active first. After that, every event the relay routes is appended as
 * one `event` line per agent it went to, and a call event adds a `session` line naming the agent
 * it named. Reading returns the session lines in file order, for `SessionDirectory.restore` to
 * replay as they happened, and folds the event lines back into one `BufferState` per agent:
 * - an unreadable line (not JSON, or not a record — typically the last line, cut by a crash in
 *   the middle of a write) is skipped and logged by line number, never by content (payloads hold
 *   phone numbers);
 * - an event whose seq is not above the agent's previous one is a repeat, and ignored;
 * - a hole in an agent's seqs (a lost line) counts as evicted: the events before it are dropped,
 *   so a client behind the hole gets a `gap` instead of silently missing an event. The same goes
 *   for seqs missing at the end (an `agent` record's lastSeq beyond its last event).
 */
import { open } from 'node:fs/promises';
import { z } from 'zod';
import type { BufferState, BufferedEvent } from './buffer';
import type { Logger } from './log';
import { EventSource } from './protocol';
import type { SessionState } from './sessions';

export const JOURNAL_VERSION = 1;

const seq = z.number().int().min(0);
const Agent = z.string().min(1).max(400);
/** A call id (relay/wire.ts allows 200 characters). */
const SessionId = z.string().min(1).max(200);

const JournalRecord = z.discriminatedUnion('type', [
  z.object({ type: z.literal('journal'), version: z.literal(JOURNAL_VERSION), at: z.number() }),
  z.object({ type: z.literal('agent'), agent: Agent, lastSeq: seq, evictedThrough: seq }),
  z.object({
    type: z.literal('event'),
    agent: Agent,
    seq: seq.min(1),
    source: EventSource,
    at: z.number(),
    payload: z.unknown(),
  }),
  z.object({
    type: z.literal('session'),
    id: SessionId,
    agents: z.array(Agent).max(1000),
    at: z.number(),
  }),
]);
type JournalRecord = z.infer<typeof JournalRecord>;

export const headerLine = (at: number) =>
  JSON.stringify({ type: 'journal', version: JOURNAL_VERSION, at }) + '\n';

export const agentLine = (agent: string, s: BufferState) =>
  JSON.stringify({ type: 'agent', agent, lastSeq: s.lastSeq, evictedThrough: s.evictedThrough }) +
  '\n';

export const eventLine = (agent: string, e: BufferedEvent) =>
  JSON.stringify({
    type: 'event',
    agent,
    seq: e.seq,
    source: e.source,
    at: e.at,
    payload: e.payload,
  }) + '\n';

export const sessionLine = (s: SessionState) =>
  JSON.stringify({ type: 'session', id: s.id, agents: s.agents, at: s.at }) + '\n';

export interface JournalContents {
  agents: Map<string, BufferState>;
  /** The session lines in file order (oldest first), for `SessionDirectory.restore` to replay. */
  sessions: SessionState[];
  lines: number;
  skipped: number;
  /** Agents whose seqs had a hole: the events before it were dropped (clients get a gap). */
  holes: number;
}

/** At most this many skipped lines are logged one by one; the rest only count. */
const MAX_LOGGED_SKIPS = 5;

function parseLine(text: string): JournalRecord | 'not JSON' | 'not a journal record' {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  const parsed = JournalRecord.safeParse(json);
  return parsed.success ? parsed.data : 'not a journal record';
}

/** Reads a journal; a missing file is an empty one. Never throws on content, only on I/O. */
export async function readJournal(path: string, log: Logger): Promise<JournalContents> {
  const folding = new Map<string, BufferState>();
  const sessions: SessionState[] = [];
  const skips: Array<{ line: number; reason: string }> = [];
  let lines = 0;
  const handle = await open(path, 'r').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  });
  if (handle) {
    try {
      for await (const text of handle.readLines({ encoding: 'utf8' })) {
        lines++;
        if (text.trim() === '') continue;
        const record = parseLine(text);
        if (typeof record === 'string') skips.push({ line: lines, reason: record });
        else if (record.type === 'session') sessions.push(record);
        else fold(folding, record);
      }
    } finally {
      await handle.close().catch(() => undefined);
    }
  }
  for (const [i, skip] of skips.entries()) {
    if (i >= MAX_LOGGED_SKIPS) break;
    const last = skip.line === lines;
    log.warn(last ? 'journal: incomplete last line skipped' : 'journal: unreadable line skipped', {
      line: skip.line,
      reason: skip.reason,
      ...(last && { hint: 'the relay probably stopped in the middle of a write' }),
    });
  }
  if (skips.length > MAX_LOGGED_SKIPS) log.warn('journal: lines skipped', { count: skips.length });

  const agents = new Map<string, BufferState>();
  let holes = 0;
  for (const [agent, state] of folding) {
    const settled = settle(state);
    if (settled.hole) {
      holes++;
      log.warn('journal: events missing for an agent; treated as evicted', {
        agent,
        evictedThrough: settled.state.evictedThrough,
      });
    }
    agents.set(agent, settled.state);
  }
  return { agents, sessions, lines, skipped: skips.length, holes };
}

function fold(
  agents: Map<string, BufferState>,
  r: Exclude<JournalRecord, { type: 'session' }>,
): void {
  if (r.type === 'journal') return;
  let s = agents.get(r.agent);
  if (!s) {
    s = { lastSeq: 0, evictedThrough: 0, events: [] };
    agents.set(r.agent, s);
  }
  if (r.type === 'agent') {
    s.lastSeq = Math.max(s.lastSeq, r.lastSeq);
    s.evictedThrough = Math.max(s.evictedThrough, r.evictedThrough);
    return;
  }
  if (r.seq <= (s.events.at(-1)?.seq ?? 0)) return; // a repeat
  s.events.push({ seq: r.seq, source: r.source, at: r.at, payload: r.payload });
  s.lastSeq = Math.max(s.lastSeq, r.seq);
}

/** Restores the buffer invariant: the events are exactly evictedThrough + 1 … lastSeq. */
export function settle(s: BufferState): { state: BufferState; hole: boolean } {
  let evictedThrough = s.evictedThrough;
  let events = s.events.filter((e) => e.seq > evictedThrough);
  // The last place where the seqs do not follow on: everything before it counts as evicted.
  let from = -1;
  let previous = evictedThrough;
  events.forEach((e, i) => {
    if (e.seq !== previous + 1) from = i;
    previous = e.seq;
  });
  const hole = from >= 0 || previous < s.lastSeq;
  const start = events[from];
  if (start) {
    evictedThrough = start.seq - 1;
    events = events.slice(from);
  }
  const lastSeq = Math.max(s.lastSeq, previous);
  if (previous < lastSeq) {
    // Seqs missing at the end: nothing held can be replayed without skipping them.
    evictedThrough = lastSeq;
    events = [];
  }
  return { state: { lastSeq, evictedThrough, events }, hole };
}
