/**
 * The lists MaxContact publishes that change rarely (vendors/README.md §3.4): the result codes an
 * agent files calls under (`resultcodes`) and the platform's ACD skill queues (`acdqueues`), read
 * at each connection and resync. Calls work without them: a failure is a warning, not a lost
 * connection.
 */
import type { QueueInfo } from '../../features';
import type { CodeLabel, CtiEvent } from '../../model';
import { failureOf } from './http';
import { request, type Link } from './link';
import { AcdQueueList, ResultCodeList, telephony, type AcdQueue, type ResultCode } from './wire';

/** The agent's queues as the panel shows them: the active ACD queues (§3.4 "ACD (Skill) Queue"). */
export function queuesOf(list: readonly AcdQueue[]): QueueInfo[] {
  return list
    .filter((q) => q.Active !== false)
    .map((q) => ({ id: q.ID, name: (q.AcdName ?? `Queue ${q.ID}`).slice(0, 200) }));
}

export class Catalog {
  /** The platform's result codes, all of them (system and transfer codes included). */
  codes: ResultCode[] = [];
  /** What the panel was last told, so an unchanged list is not sent again. */
  private shownQueues: string | undefined;
  /** Lists the agent was already told could not be read (once per connection is enough). */
  private readonly warned = new Set<string>();

  constructor(private readonly userId: () => string) {}

  /** Result codes an agent may choose (§3.4 "Result Code": agent-viewable, not system codes). */
  agentCodes(): CodeLabel[] {
    return this.codes
      .filter((c) => c.IsAgentViewable !== false && c.IsSystemResultCode !== true)
      .map((c) => ({ code: c.Code, label: c.Description ?? c.Code }));
  }

  async loadResultCodes(link: Link): Promise<void> {
    try {
      this.codes = await request(link, telephony.resultcodes(this.userId()), ResultCodeList);
    } catch (error) {
      // Dispositions wait for the next connection; transport trouble fails the connection.
      this.warn(link, error, 'result codes', true);
    }
  }

  /** Reads `acdqueues` and tells the panel when the list changed. */
  async loadQueues(link: Link): Promise<void> {
    let queues: QueueInfo[];
    try {
      const { items, dropped } = await request(
        link,
        telephony.acdqueues(this.userId()),
        AcdQueueList,
      );
      if (dropped > 0) {
        emit(link, {
          type: 'protocolError',
          message: `MaxContact listed ${dropped} ACD queue(s) without a readable ID`,
        });
      }
      queues = queuesOf(items);
    } catch (error) {
      // The next resync reads them again.
      this.warn(link, error, 'ACD queues', false);
      return;
    }
    const json = JSON.stringify(queues);
    if (json === this.shownQueues) return;
    this.shownQueues = json;
    emit(link, { type: 'queues', queues });
  }

  /**
   * A list that could not be read: a refusal or an unreadable answer is told to the agent once;
   * transport trouble is rethrown when `rethrow`, else left to the polls to notice.
   */
  private warn(link: Link, error: unknown, what: string, rethrow: boolean): void {
    const { error: err, frame } = failureOf(error);
    if (err.code !== 'rejected' && err.code !== 'protocol') {
      if (rethrow) throw error;
      return;
    }
    if (err.code === 'protocol') emit(link, { type: 'protocolError', message: err.message, frame });
    if (this.warned.has(what)) return;
    this.warned.add(what);
    emit(link, {
      type: 'notice',
      level: 'warning',
      message: `Could not load the MaxContact ${what}: ${err.message}`,
    });
  }
}

function emit(link: Link, event: CtiEvent): void {
  if (!link.stopped) link.ctx.emit(event);
}
