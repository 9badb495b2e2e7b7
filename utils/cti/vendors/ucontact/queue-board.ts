/**
 * Reads uContact's queue figures (queues.ts) and reports them: the `queues` list when it changes,
 * `queueStats` at every read. The list is the `queues` setting's campaigns, or else every queue
 * `queuesummary` reports. `queuesummary` is also the heartbeat's reachability check, so `poll`
 * returns its HTTP status.
 */
import type { QueueStats } from '../../features';
import type { CtiEvent } from '../../model';
import { frameOf, type UcontactHttp } from './http';
import {
  CampaignStatus,
  QueueSummary,
  queueInfos,
  readCampaignStatus,
  readSummary,
} from './queues';
import { PATHS } from './wire';

/** Queues whose `campaignstatus` is read at each poll: one request each. */
export const MAX_STATUS_QUEUES = 10;
/** The store keeps at most this many queues (store-features.ts FEATURE_LIMITS). */
const MAX_QUEUES = 500;

export interface QueueHost {
  http: UcontactHttp;
  emit(event: CtiEvent): void;
  /** The connection was torn down meanwhile: report nothing. */
  stopped(): boolean;
}

export const FORBIDDEN_NOTICE =
  'Your uContact sign-in may not read queue figures: ask your administrator for supervisor read access';

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export class QueueBoard {
  private ids: string[] = [];
  private told = false;

  constructor(private readonly configured: readonly string[]) {
    this.ids = configured.slice(0, MAX_QUEUES);
  }

  /** The queues listed now (raw campaign names: what the API takes). */
  get queues(): readonly string[] {
    return this.ids;
  }

  /** The list as it stands (the configured queues until uContact has been read). */
  announce(host: QueueHost): void {
    host.emit({ type: 'queues', queues: queueInfos(this.ids) });
  }

  /**
   * Reads the figures and reports them; resolves with `queuesummary`'s HTTP status. Rejects
   * (CtiError) only when uContact cannot be reached; anything it answers is reported, not thrown.
   */
  async poll(host: QueueHost): Promise<number> {
    const { status, text } = await host.http.post(PATHS.queueSummary, {});
    if (host.stopped() || status >= 300) {
      if (status === 401 || status === 403) this.forbidden(host);
      return status;
    }
    const rows = QueueSummary.safeParse(parseJson(text));
    if (!rows.success) {
      host.emit({
        type: 'protocolError',
        message: 'Invalid uContact queue summary',
        frame: frameOf(text),
      });
      return status;
    }
    const summary = readSummary(rows.data);
    if (summary.invalid > 0) {
      host.emit({
        type: 'protocolError',
        message: `uContact's queue summary had ${summary.invalid} unreadable queue(s)`,
        frame: frameOf(text),
      });
    }
    this.list(host, this.configured.length > 0 ? this.configured : Object.keys(summary.stats));
    const stats = await this.withDayCounts(host, summary.stats);
    if (!host.stopped() && Object.keys(stats).length > 0) host.emit({ type: 'queueStats', stats });
    return status;
  }

  private list(host: QueueHost, ids: readonly string[]): void {
    const next = ids.slice(0, MAX_QUEUES);
    if (next.length === this.ids.length && next.every((id, i) => id === this.ids[i])) return;
    this.ids = next;
    this.announce(host);
  }

  /** The listed queues' live figures, with each one's `campaignstatus` counts added. */
  private async withDayCounts(
    host: QueueHost,
    live: Record<string, QueueStats>,
  ): Promise<Record<string, QueueStats>> {
    const listed = new Set(this.ids);
    const stats: Record<string, QueueStats> = {};
    for (const [id, figures] of Object.entries(live)) if (listed.has(id)) stats[id] = figures;
    const answers = await Promise.allSettled(
      this.ids.slice(0, MAX_STATUS_QUEUES).map((queue) => this.campaign(host, queue)),
    );
    for (const answer of answers) {
      if (answer.status !== 'fulfilled') continue; // Unreachable: the heartbeat will say so.
      for (const [id, counts] of Object.entries(answer.value)) {
        if (listed.has(id)) stats[id] = { ...stats[id], ...counts };
      }
    }
    return stats;
  }

  private async campaign(host: QueueHost, queue: string): Promise<Record<string, QueueStats>> {
    const { status, text } = await host.http.post(PATHS.campaignStatus, { queue });
    if (host.stopped() || status >= 300) {
      if (status === 401 || status === 403) this.forbidden(host);
      return {};
    }
    const answer = CampaignStatus.safeParse(parseJson(text));
    if (!answer.success) {
      host.emit({
        type: 'protocolError',
        message: 'Invalid uContact campaign status',
        frame: frameOf(text),
      });
      return {};
    }
    const read = readCampaignStatus(answer.data);
    if (read.invalid > 0) {
      host.emit({
        type: 'protocolError',
        message: `uContact's campaign status had ${read.invalid} unreadable campaign(s)`,
        frame: frameOf(text),
      });
    }
    return read.stats;
  }

  /** Said once per connection: the figures stay empty, the connection carries on. */
  private forbidden(host: QueueHost): void {
    if (this.told || host.stopped()) return;
    this.told = true;
    host.emit({ type: 'notice', level: 'info', message: FORBIDDEN_NOTICE });
  }
}
