/**
 * The agent's queues (features.ts `queues`, `queueStats`): the tenant's ACDs (api-pages §4.6) as
 * the queue list, and the socket's inbound queue events (§3 "Inbound Queue Events") as their live
 * figures.
 *
 * The event catalogue is not public (vendors/README.md §5.5). Assumed, and listed in
 * docs/vendors.md: a queue event (names in the settings, default the /6/sock wallboard's
 * `create_queue` / `update_queue`, §5.2) carries one row or a list of rows, each naming its ACD by
 * `uuid` (or `acd_uuid`, `queue_uuid`) or `extension`, with any of the figures below under one of
 * the names listed; counts are numbers or digits, waits seconds or `"h:mm:ss"` like the page's
 * durations. A row for a queue that is not one of the ACDs is left out; a row whose figure cannot
 * be read is invalid (a protocol error).
 */
import { z } from 'zod';
import type { QueueInfo, QueueStats } from '../../features';
import { durationSeconds } from './times';
import { count, type Acd } from './wire';

const id = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined || v === '' ? undefined : String(v)));

const wait = z
  .union([z.number(), z.string()])
  .nullish()
  .transform((v, ctx) => {
    if (v === null || v === undefined || v === '') return undefined;
    const seconds = durationSeconds(v);
    if (seconds === undefined) {
      ctx.addIssue({ code: 'custom', message: 'a wait is seconds or h:mm:ss' });
      return z.NEVER;
    }
    return seconds;
  });

/** The figure names read, first found wins (assumed, see above). */
const NAMES = {
  waiting: ['calls_waiting', 'waiting_calls', 'waiting', 'calls_in_queue'],
  longestWaitS: ['longest_wait', 'longest_waiting', 'max_wait', 'oldest_call_wait'],
  agentsAvailable: ['agents_available', 'available_agents', 'idle_agents', 'agents_idle'],
  agentsLoggedIn: ['agents_logged_in', 'logged_in_agents', 'agents_signed_in', 'signed_in_agents'],
  answered: ['answered', 'calls_answered', 'answered_calls'],
  abandoned: ['abandoned', 'calls_abandoned', 'abandoned_calls'],
} as const;

const figureFields = Object.fromEntries(
  Object.entries(NAMES).flatMap(([figure, names]) =>
    names.map((name) => [name, figure === 'longestWaitS' ? wait : count]),
  ),
);

/** One queue row of an inbound queue event. */
export const QueueEventRow = z
  .looseObject({
    uuid: id,
    acd_uuid: id,
    queue_uuid: id,
    extension: id,
    ...figureFields,
  })
  .transform((row) => {
    const figures: QueueStats = {};
    for (const [figure, names] of Object.entries(NAMES) as [
      keyof typeof NAMES,
      readonly string[],
    ][]) {
      const value = names
        .map((name) => row[name] as number | undefined)
        .find((v) => v !== undefined);
      if (value !== undefined) figures[figure] = value;
    }
    return {
      uuid: row.acd_uuid ?? row.queue_uuid ?? row.uuid,
      extension: row.extension,
      figures,
    };
  });
export type QueueEventRow = z.output<typeof QueueEventRow>;

/** The ACDs as the agent's queues; whether the agent is a member is not on the page. */
export function queueInfos(acds: readonly Acd[]): QueueInfo[] {
  return acds.map((acd) => ({
    id: acd.uuid,
    name: (acd.name ?? acd.extension ?? acd.uuid).slice(0, 200),
    ...(acd.extension && acd.extension.length <= 64 ? { number: acd.extension } : {}),
  }));
}

/** The figures of the rows that name one of `acds` and carry at least one figure, by ACD uuid. */
export function queueStatsOf(
  rows: readonly QueueEventRow[],
  acds: readonly Acd[],
): Record<string, QueueStats> {
  const stats: Record<string, QueueStats> = {};
  for (const row of rows) {
    const acd = row.uuid
      ? acds.find((a) => a.uuid === row.uuid)
      : acds.find((a) => row.extension !== undefined && a.extension === row.extension);
    if (!acd || Object.keys(row.figures).length === 0) continue;
    stats[acd.uuid] = { ...stats[acd.uuid], ...row.figures };
  }
  return stats;
}

/** Queues remembered at most: a flood of made-up queue ids must not grow without end. */
export const MAX_QUEUE_ROWS = 500;

/**
 * The latest figures of each queue, kept because the first queue event (the snapshot that answers
 * `fetch_queue_events`) may come before the ACD list that says which queues are ours.
 */
export class QueueFigures {
  private readonly rows = new Map<string, QueueEventRow>();

  /** Remembers the rows; answers the figures of those that name one of `acds`. */
  add(rows: readonly QueueEventRow[], acds: readonly Acd[]): Record<string, QueueStats> {
    for (const row of rows) {
      const key = row.uuid ?? (row.extension === undefined ? undefined : `#${row.extension}`);
      if (key === undefined) continue;
      const known = this.rows.get(key);
      if (!known && this.rows.size >= MAX_QUEUE_ROWS) continue;
      this.rows.set(key, { ...row, figures: { ...known?.figures, ...row.figures } });
    }
    return queueStatsOf(rows, acds);
  }

  /** Every remembered figure of `acds` (after the ACD list was read). */
  all(acds: readonly Acd[]): Record<string, QueueStats> {
    return queueStatsOf([...this.rows.values()], acds);
  }
}
