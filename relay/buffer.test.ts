import { describe, expect, it } from 'vitest';
import { AgentBuffers, ReplayBuffer } from './buffer';

const limits = { maxEvents: 3, maxAgeMs: 1_000 };
const seqs = (events: Array<{ seq: number }>) => events.map((e) => e.seq);

function filled(n: number, at = 0) {
  const b = new ReplayBuffer(limits);
  for (let i = 0; i < n; i++) b.append('anywhere365', { i }, at);
  return b;
}

describe('ReplayBuffer', () => {
  it('numbers events from 1 and replays everything after the cursor', () => {
    const b = filled(3);
    expect(b.lastSeq).toBe(3);
    expect(seqs(b.replay(0, 0).events)).toEqual([1, 2, 3]);
    expect(seqs(b.replay(1, 0).events)).toEqual([2, 3]);
    expect(b.replay(3, 0)).toEqual({ events: [] });
  });

  it('is bounded by count and reports what the client lost as a gap', () => {
    const b = filled(5);
    expect(b.size).toBe(3);
    expect(b.replay(1, 0)).toMatchObject({ gap: { from: 2, to: 2 } });
    expect(seqs(b.replay(1, 0).events)).toEqual([3, 4, 5]);
    // A client that had seen 2 lost nothing.
    expect(b.replay(2, 0).gap).toBeUndefined();
  });

  it('is bounded by age', () => {
    const b = new ReplayBuffer(limits);
    b.append('ucontact', 'old', 0);
    b.append('ucontact', 'new', 900);
    const replay = b.replay(0, 1_500);
    expect(replay.gap).toEqual({ from: 1, to: 1 });
    expect(replay.events.map((e) => e.payload)).toEqual(['new']);
    expect(b.prune(5_000)).toBe(1);
    expect(b.size).toBe(0);
    // Sequence numbers go on after eviction.
    expect(b.append('ucontact', 'later', 5_000).seq).toBe(3);
  });

  it('answers a cursor beyond its numbering (relay restarted) with gap from 0', () => {
    const b = filled(2);
    expect(b.replay(41, 0)).toMatchObject({ gap: { from: 0, to: 0 } });
    expect(seqs(b.replay(41, 0).events)).toEqual([1, 2]);
    const evicted = filled(5);
    expect(evicted.replay(41, 0).gap).toEqual({ from: 0, to: 2 });
  });
});

describe('AgentBuffers', () => {
  it('keeps agents apart and tracks totals', () => {
    const all = new AgentBuffers(limits);
    all.append('sip:a@x', 'anywhere365', 1, 0);
    all.append('sip:b@x', 'anywhere365', 2, 0);
    all.append('sip:a@x', 'anywhere365', 3, 0);
    expect(all.lastSeq('sip:a@x')).toBe(2);
    expect(all.lastSeq('sip:b@x')).toBe(1);
    expect(all.replay('sip:b@x', 0, 0).events.map((e) => e.payload)).toEqual([2]);
    expect([all.agents, all.totalEvents]).toEqual([2, 3]);
  });

  it('gives an unknown agent nothing, and a gap if it claims a cursor', () => {
    const all = new AgentBuffers(limits);
    expect(all.replay('sip:c@x', 0, 0)).toEqual({ events: [] });
    expect(all.replay('sip:c@x', 7, 0)).toEqual({ gap: { from: 0, to: 0 }, events: [] });
  });

  it('keeps seq state after pruning, so numbering never restarts', () => {
    const all = new AgentBuffers(limits);
    all.append('sip:a@x', 'anywhere365', 1, 0);
    all.prune(10_000);
    expect(all.totalEvents).toBe(0);
    expect(all.append('sip:a@x', 'anywhere365', 2, 10_000).seq).toBe(2);
  });
});

describe('byte limits', () => {
  /** A payload whose JSON is exactly `bytes` bytes: a string of bytes - 2 characters. */
  const sized = (bytes: number) => 'x'.repeat(bytes - 2);

  it('bounds one agent by payload bytes, keeping the newest event even when it alone is larger', () => {
    const b = new ReplayBuffer({ maxEvents: 100, maxAgeMs: 60_000, maxBytes: 250 });
    for (let i = 0; i < 5; i++) b.append('anywhere365', sized(100), 0);
    expect(b.bytes).toBe(200);
    expect(seqs(b.replay(0, 0).events)).toEqual([4, 5]);
    expect(b.replay(2, 0).gap).toEqual({ from: 3, to: 3 });
    b.append('anywhere365', sized(1_000), 0);
    expect(seqs(b.replay(5, 0).events)).toEqual([6]);
    expect(b.bytes).toBe(1_000);
  });

  it('bounds all agents together, taking from the agent that holds the most', () => {
    const buffers = new AgentBuffers({ maxEvents: 100, maxAgeMs: 60_000, maxTotalBytes: 1_000 });
    for (let i = 0; i < 8; i++) buffers.append('busy', 'anywhere365', sized(100), 0);
    buffers.append('quiet', 'ucontact', sized(100), 0);
    buffers.append('quiet', 'ucontact', sized(100), 0);
    expect(buffers.totalBytes).toBe(1_000);
    buffers.append('quiet', 'ucontact', sized(100), 0);
    expect(buffers.totalBytes).toBe(1_000);
    expect(seqs(buffers.replay('quiet', 0, 0).events)).toEqual([1, 2, 3]);
    expect(buffers.replay('busy', 0, 0).gap).toEqual({ from: 1, to: 1 });
  });

  it('keeps the byte total in step through pruning and restore', () => {
    const buffers = new AgentBuffers({ maxEvents: 100, maxAgeMs: 1_000, maxTotalBytes: 10_000 });
    buffers.append('a', 'anywhere365', sized(300), 0);
    buffers.append('b', 'anywhere365', sized(200), 900);
    buffers.prune(1_500);
    expect(buffers.totalBytes).toBe(200);
    buffers.restore('b', {
      lastSeq: 5,
      evictedThrough: 3,
      events: [
        { seq: 4, source: 'ucontact', at: 1_400, payload: sized(50) },
        { seq: 5, source: 'ucontact', at: 1_400, payload: sized(70) },
      ],
    });
    expect(buffers.totalBytes).toBe(120);
  });
});
