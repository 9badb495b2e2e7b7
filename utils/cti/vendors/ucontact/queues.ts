/**
 * uContact's queues (campaigns) and their figures (api-pages/ucontact-integra.txt "Campaigns
 * Information"): `Supervisor/queuesummary` lists every queue with its live figures, and
 * `Supervisor/campaignstatus` gives one campaign's counts for the day. Both are read at resync
 * and at every heartbeat, and become the model's `queues` and `queueStats` (features.ts).
 *
 * Names: uContact writes a campaign's direction after its name, `<-` inbound and `->` outbound
 * ("Power<-", "Ventas->" on the API page). The raw name stays the queue's id (what the API takes);
 * the agent sees it without the suffix (`queueName`).
 */
import { z } from 'zod';
import type { QueueInfo, QueueStats } from '../../features';

/** The direction suffix of a campaign name, with the blanks before it. */
const SUFFIX = /\s*(<-|->)\s*$/;

/** "Support<-" → "Support"; a name that is only a suffix stays as it is. */
export function queueName(raw: string): string {
  const name = raw.replace(SUFFIX, '').trim();
  return name || raw.trim();
}

const directionOf = (raw: string): string | undefined => {
  const m = SUFFIX.exec(raw);
  if (!m) return undefined;
  return m[1] === '<-' ? 'inbound' : 'outbound';
};

/**
 * The agent's queues as the panel lists them: two campaigns whose names differ only by their
 * suffix ("Sales<-", "Sales->") are told apart by their direction.
 */
export function queueInfos(ids: readonly string[]): QueueInfo[] {
  const names = ids.map(queueName);
  return ids.map((id, i) => {
    const name = names[i] ?? id;
    const twin = names.some((other, j) => j !== i && other === name);
    const direction = directionOf(id);
    return { id, name: twin && direction ? `${name} (${direction})` : name };
  });
}

/** A count: a JSON number or a numeric string (the Asterisk manager behind it sends text). */
const count = z
  .union([
    z.number(),
    z
      .string()
      .trim()
      .regex(/^\d{1,9}$/),
  ])
  .transform(Number)
  .pipe(z.number().int().min(0).max(1e9));

/** One row of `queuesummary`; the last row has no `queue` (the end of the list). */
export const QueueSummaryRow = z.looseObject({
  queue: z.string().trim().min(1).max(200).optional(),
  loggedIn: count.optional(),
  available: count.optional(),
  callers: count.optional(),
  holdTime: count.optional(),
  talkTime: count.optional(),
  longestHoldTime: count.optional(),
});
export const QueueSummary = z.array(z.unknown()).max(2000);

/** A campaign in `campaignstatus`'s answer, which also holds agents and ACD calls (no `campaign`). */
export const CampaignStatusEntry = z.looseObject({
  campaign: z.string().trim().min(1).max(200),
  availables: count.optional(),
  logged: count.optional(),
  completed: count.optional(),
  abandoned: count.optional(),
});
export const CampaignStatus = z.record(z.string().max(300), z.unknown());

const defined = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

export interface SummaryRead {
  /** Queue name → live figures. */
  stats: Record<string, QueueStats>;
  /** Rows that named a queue but did not read (their figures are left out). */
  invalid: number;
}

/** `queuesummary` → live figures by queue name. */
export function readSummary(rows: readonly unknown[]): SummaryRead {
  // A Map, not an object: a queue may be named like an object's own key ("__proto__").
  const stats = new Map<string, QueueStats>();
  let invalid = 0;
  for (const row of rows) {
    const parsed = QueueSummaryRow.safeParse(row);
    if (!parsed.success) {
      invalid += 1;
      continue;
    }
    const { queue, callers, longestHoldTime, available, loggedIn } = parsed.data;
    if (!queue) continue; // The closing row (internalActionId, dateReceived only).
    stats.set(
      queue,
      defined({
        waiting: callers,
        longestWaitS: longestHoldTime,
        agentsAvailable: available,
        agentsLoggedIn: loggedIn,
      }),
    );
  }
  return { stats: Object.fromEntries(stats), invalid };
}

/**
 * `campaignstatus` → the day's counts by campaign: `completed` (answered) and `abandoned`.
 * Entries without `campaign` (agents, ACD calls) are not campaigns and are skipped.
 */
export function readCampaignStatus(answer: Record<string, unknown>): SummaryRead {
  const stats = new Map<string, QueueStats>();
  let invalid = 0;
  for (const value of Object.values(answer)) {
    if (!value || typeof value !== 'object' || !('campaign' in value)) continue;
    const parsed = CampaignStatusEntry.safeParse(value);
    if (!parsed.success) {
      invalid += 1;
      continue;
    }
    const { campaign, completed, abandoned } = parsed.data;
    stats.set(campaign, defined({ answered: completed, abandoned }));
  }
  return { stats: Object.fromEntries(stats), invalid };
}

/** The `queues` setting: campaign names separated by commas; empty: every queue listed. */
export function configuredQueues(setting: string): string[] {
  const names = setting
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return [...new Set(names)];
}
