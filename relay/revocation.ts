/**
 * The token revocation list: a text file, one revoked token id per line (`<id> <date> [note]`,
 * `#` starts a comment), written by `npm run relay:token -- --revoke <id>` and read by the relay.
 * Its path is RELAY_REVOKED_TOKENS_FILE, else `<RELAY_DATA_DIR>/revoked-tokens`.
 *
 * The relay must act within a second of a revocation (refuse the token, close its live socket).
 * It watches the file's directory (fs.watch: immediate where the platform reports changes) and
 * also compares the file's identity, size and mtime every `pollMs` (250 ms), because fs.watch is
 * not reliable everywhere (network and container filesystems, editors that replace files). The
 * check is a `stat` of one file; the file is read only when that changed.
 *
 * Failures: a missing file means no revocations. At start any other read error stops the relay
 * (it would run without a control the admin relies on). Later, a read error keeps the last list
 * (a transient error never un-revokes a token) and is logged once until the file reads again.
 */
import {
  appendFileSync,
  chmodSync,
  existsSync,
  readFileSync,
  statSync,
  watch,
  type FSWatcher,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Logger } from './log';

export const REVOCATION_FILE_NAME = 'revoked-tokens';
const ID = /^[A-Za-z0-9_-]{1,80}$/;

/** Where the list lives for this environment; undefined when neither variable is set. */
export function revocationFileFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  if (env.RELAY_REVOKED_TOKENS_FILE) return env.RELAY_REVOKED_TOKENS_FILE;
  return env.RELAY_DATA_DIR ? join(env.RELAY_DATA_DIR, REVOCATION_FILE_NAME) : undefined;
}

export function isTokenId(id: string): boolean {
  return ID.test(id);
}

/** The ids in the file's text; lines that are not `<id> …` are ignored. */
export function parseRevocations(text: string): Set<string> {
  const ids = new Set<string>();
  for (const line of text.split('\n')) {
    const id = line.replace(/#.*/, '').trim().split(/\s+/)[0] ?? '';
    if (isTokenId(id)) ids.add(id);
  }
  return ids;
}

/**
 * Adds an id to the list (one `write` in append mode, so a relay reading at the same moment sees
 * the line whole or not at all). A new file is readable by all (0644): the relay may run as
 * another user, and ids are not secrets.
 */
export function appendRevocation(file: string, id: string, now = new Date(), note = ''): void {
  if (!isTokenId(id)) throw new Error('not a token id');
  const clean = note.replace(/[\r\n#]/g, ' ').trim();
  const created = !existsSync(file);
  appendFileSync(file, `${id} ${now.toISOString()}${clean ? ` ${clean}` : ''}\n`, {
    mode: 0o644,
  });
  if (created) chmodSync(file, 0o644); // the umask may have narrowed it
}

function read(file: string): { ids: Set<string>; signature: string } {
  try {
    const s = statSync(file);
    return { ids: parseRevocations(readFileSync(file, 'utf8')), signature: signatureOf(s) };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { ids: new Set(), signature: '' };
    throw err;
  }
}

const signatureOf = (s: { ino: number; size: number; mtimeMs: number }) =>
  `${s.ino}:${s.size}:${s.mtimeMs}`;

export interface RevocationDeps {
  file: string;
  log: Logger;
  /** Called with the whole list each time it changed. */
  onChange: (ids: ReadonlySet<string>) => void;
  onFailure?: () => void;
  pollMs?: number;
  /** false: poll only (what happens where fs.watch reports nothing). */
  watch?: boolean;
}

export interface Revocations {
  has(id: string): boolean;
  readonly size: number;
  /** Reads the file now if it changed (the watcher and the poll call this). */
  check(): void;
  close(): void;
}

function watchDirectory(file: string, check: () => void): FSWatcher | undefined {
  try {
    const name = basename(file);
    const watcher = watch(dirname(file), (_event, changed) => {
      if (!changed || changed === name) check();
    });
    watcher.on('error', () => watcher.close());
    return watcher;
  } catch {
    return undefined; // The directory may not exist yet: the poll still sees the file appear.
  }
}

/** Reads the list (throws on an unreadable file) and keeps it current until `close()`. */
export function watchRevocations(deps: RevocationDeps): Revocations {
  const { file, log } = deps;
  let { ids, signature } = read(file);
  let failing = false;

  function check(): void {
    let current = '';
    try {
      current = signatureOf(statSync(file));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') return fail(err);
    }
    if (current === signature) return;
    try {
      ({ ids, signature } = read(file));
    } catch (err) {
      return fail(err);
    }
    if (failing) log.info('revocation list readable again', { ids: ids.size });
    failing = false;
    log.info('revocation list loaded', { ids: ids.size });
    deps.onChange(ids);
  }

  function fail(err: unknown): void {
    if (failing) return;
    failing = true;
    deps.onFailure?.();
    const code = (err as NodeJS.ErrnoException).code ?? 'unknown';
    log.error('revocation list unreadable; keeping the last one', { code });
  }

  let watcher: FSWatcher | undefined;
  if (deps.watch !== false) watcher = watchDirectory(file, check);
  const poll = setInterval(check, deps.pollMs ?? 250);
  poll.unref();
  log.info('revocation list loaded', { ids: ids.size });

  return {
    has: (id) => ids.has(id),
    get size() {
      return ids.size;
    },
    check,
    close() {
      clearInterval(poll);
      watcher?.close();
    },
  };
}
