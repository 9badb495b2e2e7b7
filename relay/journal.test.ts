/** The replay buffers' journal on a real temporary directory: restore, expiry, damage, compaction. */
import { appendFile, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgentBuffers } from './buffer';
import { JOURNAL_FILE, openJournal, type Journal, type JournalTuning } from './journal';
import { createMemoryLogger } from './log';

const A = 'sip:alice@example.com';
const B = 'ucontact:bob';
const limits = { maxEvents: 5, maxAgeMs: 10_000 };

let dir: string;
let clock: number;
const open: Journal[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'relay-journal-'));
  clock = 1_000_000;
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((j) => j.close({ compact: false })));
  await rm(dir, { recursive: true, force: true });
});

/** A relay's buffers with their journal; `route` does what relay/router.ts + index.ts do. */
async function start(tuning?: Partial<JournalTuning>) {
  const log = createMemoryLogger();
  const buffers = new AgentBuffers(limits);
  const journal = await openJournal({ dir, buffers, log, now: () => clock, tuning });
  open.push(journal);
  const route = (agent: string, payload: unknown) => {
    const event = buffers.append(agent, 'anywhere365', payload, clock);
    journal.append(agent, event);
    return event;
  };
  return { buffers, journal, route, log };
}

/** Stops without the final compaction: the file as a crashed process leaves it. */
const crash = (journal: Journal) => journal.close({ compact: false });
const payloads = (events: Array<{ payload: unknown }>) => events.map((e) => e.payload);
const seqs = (events: Array<{ seq: number }>) => events.map((e) => e.seq);
const file = () => join(dir, JOURNAL_FILE);

describe('journal', () => {
  it('restores every agent’s events and seq after a crash; numbering goes on', async () => {
    const first = await start();
    for (const n of [1, 2, 3]) first.route(A, { n });
    first.route(B, 'b1');
    first.route(B, 'b2');
    await crash(first.journal);

    const { buffers } = await start();
    expect([buffers.lastSeq(A), buffers.lastSeq(B)]).toEqual([3, 2]);
    expect(payloads(buffers.replay(A, 0, clock).events)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(payloads(buffers.replay(B, 0, clock).events)).toEqual(['b1', 'b2']);
    expect(buffers.replay(A, 0, clock).events[0]).toMatchObject({
      seq: 1,
      source: 'anywhere365',
      at: clock,
    });
    expect(buffers.append(A, 'anywhere365', { n: 4 }, clock).seq).toBe(4);
  });

  it('answers a valid cursor after a restart with the rest and no gap', async () => {
    const first = await start();
    for (const n of [1, 2, 3, 4]) first.route(A, n);
    await first.journal.close(); // a graceful stop

    const { buffers, route } = await start();
    expect(buffers.replay(A, 2, clock)).toEqual({ events: expect.any(Array) });
    expect(seqs(buffers.replay(A, 2, clock).events)).toEqual([3, 4]);
    expect(buffers.replay(A, 4, clock)).toEqual({ events: [] });
    route(A, 5);
    expect(seqs(buffers.replay(A, 4, clock).events)).toEqual([5]);
    // A cursor this relay never gave out is still unknown here.
    expect(buffers.replay(A, 99, clock).gap).toEqual({ from: 0, to: 0 });
  });

  it('drops expired events on restore but keeps their seqs, so the numbering never goes back', async () => {
    const first = await start();
    first.route(A, 'old');
    first.route(B, 'old');
    clock += 8_000;
    first.route(A, 'recent');
    await crash(first.journal);

    clock += 4_000; // 'old' is now 12 s old, beyond maxAgeMs
    const { buffers, log } = await start();
    expect(payloads(buffers.replay(A, 1, clock).events)).toEqual(['recent']);
    expect(buffers.replay(A, 0, clock).gap).toEqual({ from: 1, to: 1 });
    expect(buffers.lastSeq(B)).toBe(1);
    expect(buffers.replay(B, 0, clock)).toEqual({ gap: { from: 1, to: 1 }, events: [] });
    expect(buffers.append(B, 'ucontact', 'new', clock).seq).toBe(2);
    expect(log.lines.find((l) => l.includes('journal restored'))).toContain('"dropped":2');
    // The snapshot written at open no longer holds them.
    expect(await readFile(file(), 'utf8')).not.toContain('"old"');
  });

  it('skips a cut last line with a log line and appends cleanly after it', async () => {
    const first = await start();
    first.route(A, 1);
    first.route(A, 2);
    await crash(first.journal);
    await appendFile(file(), '{"type":"event","agent":"sip:alice@exa');

    const second = await start();
    expect(seqs(second.buffers.replay(A, 0, clock).events)).toEqual([1, 2]);
    const warning = second.log.lines.find((l) => l.includes('incomplete last line'));
    expect(warning).toMatch(/"level":"warn"/);
    expect(warning).not.toContain('alice'); // line numbers, never content
    second.route(A, 3);
    await crash(second.journal);

    const third = await start();
    expect(seqs(third.buffers.replay(A, 0, clock).events)).toEqual([1, 2, 3]);
    expect(third.log.lines.some((l) => l.includes('line skipped'))).toBe(false);
  });

  it('skips unreadable lines anywhere, and turns a lost event into a gap rather than a silent loss', async () => {
    const line = (seq: number) =>
      JSON.stringify({
        type: 'event',
        agent: A,
        seq,
        source: 'anywhere365',
        at: clock,
        payload: seq,
      });
    // seq 3 is lost; a line of garbage and one of another shape sit in the middle.
    const lines = [line(1), line(2), 'garbage', '{"type":"event"}', line(4), line(5)];
    await writeFile(file(), lines.join('\n') + '\n');

    const { buffers, log } = await start();
    expect(buffers.lastSeq(A)).toBe(5);
    expect(buffers.replay(A, 1, clock)).toMatchObject({ gap: { from: 2, to: 3 } });
    expect(seqs(buffers.replay(A, 1, clock).events)).toEqual([4, 5]);
    expect(buffers.replay(A, 3, clock).gap).toBeUndefined();
    expect(log.lines.filter((l) => l.includes('unreadable line skipped'))).toHaveLength(2);
    expect(log.lines.some((l) => l.includes('events missing'))).toBe(true);
  });

  it('compaction keeps the content: events, seqs and what was evicted', async () => {
    const first = await start();
    for (let n = 1; n <= 7; n++) first.route(A, n); // maxEvents 5: seqs 1 and 2 are evicted
    first.route(B, 'b');
    const before = (await stat(file())).size;
    expect(first.journal.compact()).toBe(true);
    expect((await stat(file())).size).toBeLessThan(before);
    const text = await readFile(file(), 'utf8');
    expect(JSON.parse(text.split('\n')[0] ?? '')).toMatchObject({ type: 'journal', version: 1 });
    first.route(A, 8); // appended after the snapshot
    await crash(first.journal);

    const { buffers } = await start();
    expect(buffers.lastSeq(A)).toBe(8);
    expect(buffers.replay(A, 1, clock)).toMatchObject({ gap: { from: 2, to: 3 } });
    expect(payloads(buffers.replay(A, 3, clock).events)).toEqual([4, 5, 6, 7, 8]);
    expect(payloads(buffers.replay(B, 0, clock).events)).toEqual(['b']);
  });

  it('compacts by itself when the file grows, so its size follows the buffers, not the traffic', async () => {
    const first = await start({ compactMinBytes: 4_096 });
    const payload = { text: 'x'.repeat(100) };
    for (let n = 1; n <= 500; n++) first.route(n % 2 ? A : B, payload); // ~75 kB appended
    expect((await stat(file())).size).toBeLessThan(8_192);
    await crash(first.journal);

    const { buffers } = await start();
    expect([buffers.lastSeq(A), buffers.lastSeq(B)]).toEqual([250, 250]);
    expect(seqs(buffers.replay(A, 245, clock).events)).toEqual([246, 247, 248, 249, 250]);
  });

  it('survives a compaction that fails: logged and counted, never thrown, and retried', async () => {
    const failures: string[] = [];
    const buffers = new AgentBuffers(limits);
    const log = createMemoryLogger();
    const journal = await openJournal({
      dir,
      buffers,
      log,
      now: () => clock,
      onFailure: (op) => failures.push(op),
    });
    open.push(journal);
    journal.append(A, buffers.append(A, 'anywhere365', 1, clock));
    // The rename over the journal cannot succeed while a non-empty directory sits in its place.
    await rm(file());
    await mkdir(join(file(), 'blocker'), { recursive: true });
    expect(journal.compact()).toBe(false);
    expect(failures).toEqual(['compact']);
    expect(log.lines.some((l) => l.includes('journal compact failed'))).toBe(true);
    expect(journal.state).toBe('ok'); // appends still reach the (replaced) file
    journal.append(A, buffers.append(A, 'anywhere365', 2, clock));

    await rm(file(), { recursive: true });
    expect(journal.compact()).toBe(true);
    await crash(journal);
    const { buffers: restored } = await start();
    expect(payloads(restored.replay(A, 0, clock).events)).toEqual([1, 2]);
  });

  it('starts empty without a journal, and refuses a data directory it cannot create', async () => {
    const { buffers } = await start();
    expect(buffers.agents).toBe(0);
    await writeFile(join(dir, 'a-file'), '');
    await expect(
      openJournal({
        dir: join(dir, 'a-file', 'sub'),
        buffers: new AgentBuffers(limits),
        log: createMemoryLogger(),
        now: () => clock,
      }),
    ).rejects.toThrow();
  });
});
