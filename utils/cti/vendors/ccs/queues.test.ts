import { describe, expect, it } from 'vitest';
import { MAX_QUEUE_ROWS, QueueEventRow, QueueFigures, queueInfos, queueStatsOf } from './queues';
import type { Acd } from './wire';

const ACDS: Acd[] = [
  { uuid: 'q-3878', name: 'Q3878', extension: '387', type: 'voice_queues' },
  { uuid: 'q-386', name: undefined, extension: '386', type: undefined },
  { uuid: 'q-none', name: undefined, extension: undefined, type: undefined },
];

const row = (value: unknown) => {
  const parsed = QueueEventRow.safeParse(value);
  if (!parsed.success) throw new Error(parsed.error.message);
  return parsed.data;
};

describe('CCS queues (api-pages §4.6) and inbound queue figures (§3)', () => {
  it('lists the ACDs as the agent’s queues, named by name, else extension, else uuid', () => {
    expect(queueInfos(ACDS)).toEqual([
      { id: 'q-3878', name: 'Q3878', number: '387' },
      { id: 'q-386', name: '386', number: '386' },
      { id: 'q-none', name: 'q-none' },
    ]);
  });

  it('reads every figure under its first name, and the other names too', () => {
    expect(
      row({
        uuid: 'q-3878',
        calls_waiting: 2,
        longest_wait: '0:01:30',
        agents_available: '1',
        agents_logged_in: 4,
        answered: 10,
        abandoned: '3',
      }).figures,
    ).toEqual({
      waiting: 2,
      longestWaitS: 90,
      agentsAvailable: 1,
      agentsLoggedIn: 4,
      answered: 10,
      abandoned: 3,
    });
    expect(
      row({
        acd_uuid: 'q-386',
        waiting_calls: 1,
        max_wait: 12,
        idle_agents: 0,
        signed_in_agents: 2,
        calls_answered: 5,
        calls_abandoned: 0,
      }),
    ).toEqual({
      uuid: 'q-386',
      extension: undefined,
      figures: {
        waiting: 1,
        longestWaitS: 12,
        agentsAvailable: 0,
        agentsLoggedIn: 2,
        answered: 5,
        abandoned: 0,
      },
    });
  });

  it('refuses a row whose figure cannot be read', () => {
    for (const bad of [
      { uuid: 'q', calls_waiting: -1 },
      { uuid: 'q', calls_waiting: 'some' },
      { uuid: 'q', longest_wait: 'ages' },
      { uuid: 'q', agents_available: 1.5 },
      'not a row',
    ]) {
      expect(QueueEventRow.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('keys the figures by ACD uuid, found by uuid or extension, and leaves out the rest', () => {
    const rows = [
      row({ uuid: 'q-3878', calls_waiting: 2 }),
      row({ extension: '386', calls_waiting: 1 }),
      row({ extension: '386', agents_available: 3 }),
      // Not one of the ACDs, or no figure at all.
      row({ uuid: 'elsewhere', calls_waiting: 9 }),
      row({ extension: '999', calls_waiting: 9 }),
      row({ uuid: 'q-none', name: 'figureless' }),
    ];
    expect(queueStatsOf(rows, ACDS)).toEqual({
      'q-3878': { waiting: 2 },
      'q-386': { waiting: 1, agentsAvailable: 3 },
    });
    expect(queueStatsOf(rows, [])).toEqual({});
  });
});

describe('QueueFigures', () => {
  it('keeps figures that came before the ACD list, and merges later ones', () => {
    const figures = new QueueFigures();
    expect(figures.add([row({ uuid: 'q-3878', calls_waiting: 2 })], [])).toEqual({});
    expect(figures.add([row({ extension: '386', agents_available: 1 })], [])).toEqual({});
    expect(figures.all(ACDS)).toEqual({
      'q-3878': { waiting: 2 },
      'q-386': { agentsAvailable: 1 },
    });
    expect(figures.add([row({ uuid: 'q-3878', longest_wait: 7 })], ACDS)).toEqual({
      'q-3878': { longestWaitS: 7 },
    });
    expect(figures.all(ACDS)['q-3878']).toEqual({ waiting: 2, longestWaitS: 7 });
  });

  it('remembers a bounded number of queues', () => {
    const figures = new QueueFigures();
    const many = Array.from({ length: MAX_QUEUE_ROWS + 10 }, (_, i) =>
      row({ uuid: `q${i}`, calls_waiting: i }),
    );
    figures.add(many, []);
    const acds = many.map((r) => ({
      uuid: r.uuid ?? '',
      name: undefined,
      extension: undefined,
      type: undefined,
    }));
    expect(Object.keys(figures.all(acds))).toHaveLength(MAX_QUEUE_ROWS);
  });

  it('keeps names and numbers within the model’s bounds', () => {
    const long = { uuid: 'q', name: 'N'.repeat(300), extension: '1'.repeat(80), type: undefined };
    expect(queueInfos([long])).toEqual([{ id: 'q', name: 'N'.repeat(200) }]);
  });
});
