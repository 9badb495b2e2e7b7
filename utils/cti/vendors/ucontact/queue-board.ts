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
  type SummaryRead,
} from './queues';
import { PATHS, type UcontactPath } from './wire';

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

/** How one of the two answers reads, and what it is called in a protocol error. */
interface Reader {
  what: string;
  rows: string;
  read(json: unknown): SummaryRead | undefined;
}

const SUMMARY: Reader = {
  what: 'queue summary',
  rows: 'queue(s)',
  read: (json) => {
    const rows = QueueSummary.safeParse(json);
    return rows.success ? readSummary(rows.data) : undefined;
  },
};

const CAMPAIGN: Reader = {
  what: 'campaign status',
  rows: 'campaign(s)',
  read: (json) => {
    const answer = CampaignStatus.safeParse(json);
    return answer.success ? readCampaignStatus(answer.data) : undefined;
  },
};

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
    const { status, read } = await this.read(host, PATHS.queueSummary, {}, SUMMARY);
    if (!read) return status;
    this.list(host, this.configured.length > 0 ? this.configured : Object.keys(read.stats));
    const stats = await this.withDayCounts(host, read.stats);
    if (!host.stopped() && Object.keys(stats).length > 0) host.emit({ type: 'queueStats', stats });
    return status;
  }

  /**
   * One of the two reads: its figures, or none when uContact refused (told once: `forbidden`)
   * or answered what does not read (a protocol error). Rows that do not read are reported too.
   */
  private async read(
    host: QueueHost,
    path: UcontactPath,
    form: Record<string, string>,
    reader: Reader,
  ): Promise<{ status: number; read?: SummaryRead }> {
    const { status, text } = await host.http.post(path, form);
    if (host.stopped() || status >= 300) {
      if (status === 401 || status === 403) this.forbidden(host);
      return { status };
    }
    const read = reader.read(parseJson(text));
    const frame = frameOf(text);
    if (!read) {
      host.emit({ type: 'protocolError', message: `Invalid uContact ${reader.what}`, frame });
      return { status };
    }
    if (read.invalid > 0) {
      const message = `uContact's ${reader.what} had ${read.invalid} unreadable ${reader.rows}`;
      host.emit({ type: 'protocolError', message, frame });
    }
    return { status, read };
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
    // A Map, not an object: a queue may be named like an object's own key ("__proto__").
    const stats = new Map<string, QueueStats>();
    for (const [id, figures] of Object.entries(live)) if (listed.has(id)) stats.set(id, figures);
    const answers = await Promise.allSettled(
      this.ids.slice(0, MAX_STATUS_QUEUES).map((queue) => this.campaign(host, queue)),
    );
    for (const answer of answers) {
      if (answer.status !== 'fulfilled') continue; // Unreachable: the heartbeat will say so.
      for (const [id, counts] of Object.entries(answer.value)) {
        if (listed.has(id)) stats.set(id, { ...stats.get(id), ...counts });
      }
    }
    return Object.fromEntries(stats);
  }

  private async campaign(host: QueueHost, queue: string): Promise<Record<string, QueueStats>> {
    const { read } = await this.read(host, PATHS.campaignStatus, { queue }, CAMPAIGN);
    return read?.stats ?? {};
  }

  /** Said once per connection: the figures stay empty, the connection carries on. */
  private forbidden(host: QueueHost): void {
    if (this.told || host.stopped()) return;
    this.told = true;
    host.emit({ type: 'notice', level: 'info', message: FORBIDDEN_NOTICE });
  }
}
