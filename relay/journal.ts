/**
 * Durable replay buffers: with a data directory (`dataDir`, RELAY_DATA_DIR) the relay journals
 * every event it routes to `<dataDir>/journal.jsonl` (format: relay/journal-format.ts) and, at
 * start, restores the agents' buffers and seq state from it, so numbering goes on after a restart
 * and a reconnecting extension's cursor stays valid (no `gap`).
 *
 * Writing: one synchronous `write` per event, before the event is sent to any socket and before
 * the webhook is answered. Once the sender has its 2xx the line is in the operating system's
 * hands, so a crash of the relay process (an exception, SIGKILL, the OOM killer) loses nothing.
 * The file is fsynced every `syncIntervalMs` (1 s) when something was written: a power loss or
 * kernel crash may lose the events of that last second (the extension then gets a gap; seqs are
 * never replayed with other content, since a restored relay numbers on from what it read).
 *
 * Compaction rewrites the file from memory — header, then per agent its seq state and retained
 * (unexpired) events, then the call sessions (relay/sessions.ts) — into `journal.jsonl.tmp`, fsyncs it and renames it over the journal: at
 * open (which also drops a cut last line, so appends never continue a broken one), when the file
 * reaches `compactMinBytes` and twice the last snapshot, every `compactIntervalMs` when something
 * was appended, and at a graceful stop. A compaction blocks the event loop while it writes; its
 * size is bounded by the buffer limits (RELAY_BUFFER_MAX_EVENTS per agent, RELAY_BUFFER_MAX_AGE_S).
 *
 * A failing disk never stops the relay: a failed append is counted and logged, appends pause
 * (events stay in memory and are delivered), and a compaction — which writes them from memory —
 * is retried every `retryMs` until one succeeds. Meanwhile `state` is 'failing'.
 */
import { closeSync, fdatasync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { AgentBuffers, BufferedEvent } from './buffer';
import { agentLine, eventLine, headerLine, readJournal, sessionLine } from './journal-format';
import type { Logger } from './log';
import type { SessionDirectory } from './sessions';

export const JOURNAL_FILE = 'journal.jsonl';

export interface JournalTuning {
  /** How often written lines are fsynced: what a power loss may take. */
  syncIntervalMs: number;
  /** Compact once the file is this big and twice the size of the last snapshot. */
  compactMinBytes: number;
  /** Compact this often when something was appended since the last compaction. */
  compactIntervalMs: number;
  /** After a failed write or compaction, how often a compaction is tried again. */
  retryMs: number;
}

export const DEFAULT_JOURNAL_TUNING: JournalTuning = {
  syncIntervalMs: 1_000,
  compactMinBytes: 16 * 1024 * 1024,
  compactIntervalMs: 10 * 60_000,
  retryMs: 5_000,
};

export type JournalOp = 'append' | 'compact' | 'sync';

export interface JournalDeps {
  dir: string;
  buffers: AgentBuffers;
  /** Restored at open and written by every compaction (and `appendSession` in between). */
  sessions?: SessionDirectory;
  log: Logger;
  /** The relay's clock: event ages (expired events are neither restored nor rewritten). */
  now: () => number;
  onFailure?: (op: JournalOp) => void;
  tuning?: Partial<JournalTuning>;
}

/** Personal data (phone numbers) lives in the payloads: owner-only files. */
const FILE_MODE = 0o600;
const CHUNK_CHARS = 1 << 20;

/**
 * Restores `deps.buffers` from the journal in `deps.dir` (created if missing), compacts it and
 * returns the journal, open for appends. Throws when the directory cannot be written.
 */
export async function openJournal(deps: JournalDeps): Promise<Journal> {
  const started = performance.now();
  await mkdir(deps.dir, { recursive: true, mode: 0o700 });
  const path = join(deps.dir, JOURNAL_FILE);
  rmSync(`${path}.tmp`, { force: true }); // a compaction the previous run did not finish
  const contents = await readJournal(path, deps.log);
  let events = 0;
  for (const [agent, state] of contents.agents) {
    deps.buffers.restore(agent, state);
    events += state.events.length;
  }
  deps.sessions?.restore(contents.sessions, deps.now());
  const journal = new Journal(path, deps);
  try {
    journal.writeSnapshot(); // drops expired events; throws if the directory is not writable
  } catch (err) {
    await journal.close({ compact: false });
    throw err;
  }
  deps.log.info('journal restored', {
    agents: contents.agents.size,
    events: deps.buffers.totalEvents,
    // Expired, or beyond RELAY_BUFFER_MAX_EVENTS if it was lowered.
    dropped: events - deps.buffers.totalEvents,
    skippedLines: contents.skipped,
    holes: contents.holes,
    sessions: deps.sessions?.size ?? 0,
    ms: Math.round(performance.now() - started),
  });
  return journal;
}

export class Journal {
  private readonly tuning: JournalTuning;
  private fd: number | undefined;
  /** The journal file's size, and what it was right after the last compaction. */
  private bytes = 0;
  private snapshotBytes = 0;
  private compactedAt = Date.now();
  /** After a failed compaction, none is tried (by size, timer or retry) before this time. */
  private retryAfter = 0;
  /** Appended since the last fsync. */
  private dirty = false;
  /** An fdatasync in flight: descriptors replaced meanwhile are closed when it ends. */
  private syncing: Promise<void> | undefined;
  private readonly retired: number[] = [];
  private failing = false;
  private closed = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly path: string,
    private readonly deps: JournalDeps,
  ) {
    this.tuning = { ...DEFAULT_JOURNAL_TUNING, ...deps.tuning };
    this.timer = setInterval(() => this.tick(), this.tuning.syncIntervalMs);
    this.timer.unref();
  }

  /** 'failing' while writes fail: events are then held in memory only. */
  get state(): 'ok' | 'failing' {
    return this.failing ? 'failing' : 'ok';
  }

  /** Journals one routed event (call before it is delivered or acknowledged). */
  append(agent: string, event: BufferedEvent): void {
    this.write(eventLine(agent, event));
  }

  /** Journals that `agent` took part in call session `id` (relay/sessions.ts) at `at`. */
  appendSession(id: string, agent: string, at: number): void {
    this.write(sessionLine({ id, agents: [agent], at }));
  }

  private write(line: string): void {
    if (this.fd === undefined || this.failing) return; // the next compaction writes it
    try {
      this.bytes += writeAll(this.fd, line);
      this.dirty = true;
    } catch (err) {
      this.fail('append', err);
      return;
    }
    const limit = Math.max(this.tuning.compactMinBytes, 2 * this.snapshotBytes);
    if (this.bytes >= limit && this.mayRetry()) this.compact();
  }

  /** Rewrites the journal from memory; false (logged, counted) when it could not. */
  compact(): boolean {
    try {
      this.writeSnapshot();
      return true;
    } catch (err) {
      this.retryAfter = Date.now() + this.tuning.retryMs;
      this.fail('compact', err);
      return false;
    }
  }

  /**
   * Stops the journal. `compact` (a graceful stop) leaves a fresh, fsynced snapshot; without it
   * the file stays as a crash would leave it (tests).
   */
  async close({ compact = true } = {}): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    await this.syncing;
    if (compact && !this.compact() && this.fd !== undefined && !this.failing) {
      try {
        fsyncSync(this.fd);
      } catch (err) {
        this.fail('sync', err);
      }
    }
    this.retire(this.fd);
    this.fd = undefined;
  }

  /** The snapshot, written to a temporary file, fsynced, renamed over the journal. Throws. */
  writeSnapshot(): void {
    this.deps.buffers.prune(this.deps.now());
    this.deps.sessions?.prune(this.deps.now());
    const tmp = `${this.path}.tmp`;
    const fd = openSync(tmp, 'w', FILE_MODE);
    let size = 0;
    try {
      let chunk = headerLine(Date.now());
      for (const [agent, state] of this.deps.buffers.snapshots()) {
        chunk += agentLine(agent, state);
        for (const e of state.events) {
          chunk += eventLine(agent, e);
          if (chunk.length >= CHUNK_CHARS) {
            size += writeAll(fd, chunk);
            chunk = '';
          }
        }
      }
      for (const session of this.deps.sessions?.snapshot() ?? []) {
        chunk += sessionLine(session);
        if (chunk.length >= CHUNK_CHARS) {
          size += writeAll(fd, chunk);
          chunk = '';
        }
      }
      size += writeAll(fd, chunk);
      fsyncSync(fd);
    } catch (err) {
      closeSync(fd);
      rmSync(tmp, { force: true });
      throw err;
    }
    closeSync(fd);
    renameSync(tmp, this.path);
    // The old descriptor points at the replaced file: from here on, appends wait for the new one.
    const wasFailing = this.failing;
    this.retire(this.fd);
    this.fd = undefined;
    this.failing = true;
    syncDirectory(this.deps.dir);
    this.fd = openSync(this.path, 'a', FILE_MODE);
    this.failing = false;
    this.bytes = this.snapshotBytes = size;
    this.dirty = false;
    this.compactedAt = Date.now();
    if (wasFailing) this.deps.log.info('journal writes recovered');
  }

  private tick(): void {
    if (this.closed) return;
    const now = Date.now();
    if (this.failing) {
      if (this.mayRetry()) this.compact();
    } else if (
      now - this.compactedAt >= this.tuning.compactIntervalMs &&
      this.bytes > this.snapshotBytes
    ) {
      if (this.mayRetry()) this.compact();
    }
    this.sync();
  }

  /** Starts an fdatasync of what was appended, unless one is already running. */
  private sync(): void {
    const fd = this.fd;
    if (!this.dirty || this.syncing || fd === undefined) return;
    this.dirty = false;
    this.syncing = new Promise<void>((resolve) =>
      fdatasync(fd, (err) => {
        if (err) {
          this.dirty = true;
          this.fail('sync', err);
        }
        this.syncing = undefined;
        for (const old of this.retired.splice(0)) closeQuietly(old);
        resolve();
      }),
    );
  }

  private mayRetry(): boolean {
    return Date.now() >= this.retryAfter;
  }

  private retire(fd: number | undefined): void {
    if (fd === undefined) return;
    if (this.syncing) this.retired.push(fd);
    else closeQuietly(fd);
  }

  private fail(op: JournalOp, err: unknown): void {
    this.deps.onFailure?.(op);
    const error = (err as NodeJS.ErrnoException).code ?? (err as Error).message ?? 'unknown';
    if (op === 'append') {
      if (!this.failing)
        this.deps.log.error('journal write failed; events are kept in memory only', { error });
      this.failing = true;
    } else {
      this.deps.log.error(`journal ${op} failed`, { error });
    }
  }
}

/** Writes the whole string (a regular file may take it in parts); returns the bytes written. */
function writeAll(fd: number, text: string): number {
  const data = Buffer.from(text, 'utf8');
  for (let done = 0; done < data.length;) done += writeSync(fd, data, done);
  return data.length;
}

/** Makes a rename durable. Not possible everywhere (Windows cannot open a directory): best effort. */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // The rename itself happened; only its durability across a power loss is weaker.
  } finally {
    if (fd !== undefined) closeQuietly(fd);
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // Already closed: nothing to release.
  }
}
