import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from './log';
import {
  appendRevocation,
  parseRevocations,
  revocationFileFromEnv,
  watchRevocations,
  type Revocations,
} from './revocation';

let dir: string;
let watcher: Revocations | undefined;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'relay-revocation-'));
});
afterEach(async () => {
  watcher?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('revocation list', () => {
  it('reads ids, skipping comments, blank lines and lines that are not ids', () => {
    const ids = parseRevocations(
      '# revoked\nabc_DEF-1 2026-01-01T00:00:00Z lost\n\n  bad!id too\nxyz\n',
    );
    expect([...ids]).toEqual(['abc_DEF-1', 'xyz']);
  });

  it('finds the file from RELAY_REVOKED_TOKENS_FILE, else the data directory', () => {
    expect(revocationFileFromEnv({ RELAY_REVOKED_TOKENS_FILE: '/x/list' })).toBe('/x/list');
    expect(revocationFileFromEnv({ RELAY_DATA_DIR: '/data' })).toBe('/data/revoked-tokens');
    expect(revocationFileFromEnv({})).toBeUndefined();
  });

  it('appends one line per id to a file readable by the relay user, refusing non-ids', async () => {
    const file = join(dir, 'revoked');
    appendRevocation(file, 'id-1', new Date('2026-01-01T00:00:00Z'), 'stolen\n# laptop');
    appendRevocation(file, 'id-2');
    expect((await stat(file)).mode & 0o777).toBe(0o644);
    expect([...parseRevocations(readFileSync(file, 'utf8'))]).toEqual(['id-1', 'id-2']);
    expect(() => appendRevocation(file, 'not an id')).toThrow();
  });

  it('reports each change, keeps the last list while the file is unreadable, and empties when it is gone', async () => {
    const file = join(dir, 'revoked');
    const log = createMemoryLogger();
    const changes: string[][] = [];
    let failures = 0;
    watcher = watchRevocations({
      file,
      log,
      onChange: (ids) => changes.push([...ids]),
      onFailure: () => failures++,
      pollMs: 3_600_000,
      watch: false,
    });
    expect(watcher.size).toBe(0);
    appendRevocation(file, 'id-1');
    watcher.check();
    expect(watcher.has('id-1')).toBe(true);
    watcher.check(); // unchanged: not read again
    expect(changes).toEqual([['id-1']]);

    await rm(file);
    await mkdir(file); // unreadable as a list
    watcher.check();
    watcher.check();
    expect(watcher.has('id-1')).toBe(true);
    expect(failures).toBe(1);
    expect(log.lines.filter((l) => l.includes('unreadable'))).toHaveLength(1);

    await rm(file, { recursive: true });
    watcher.check();
    expect(watcher.size).toBe(0);
    expect(changes.at(-1)).toEqual([]);
    await writeFile(file, 'id-3\n');
    watcher.check();
    expect(watcher.has('id-3')).toBe(true);
  });

  it.each([
    ['the directory watch', { pollMs: 3_600_000 }],
    ['the poll alone', { watch: false, pollMs: 50 }],
  ])('notices a change by itself through %s', async (_, options) => {
    const file = join(dir, 'revoked');
    const seen = new Promise<ReadonlySet<string>>((resolve) => {
      watcher = watchRevocations({
        file,
        log: createMemoryLogger(),
        onChange: resolve,
        ...options,
      });
    });
    appendRevocation(file, 'id-9');
    expect([...(await seen)]).toEqual(['id-9']);
  });
});
