/**
 * XiVO queues → the agent's queues and their live figures (features.ts QueueInfo, QueueStats):
 * `getList("queue")` answers QueueList (QueueConfig on changes), `getList("queuemember")`
 * answers QueueMemberList (QueueMember on changes, penalty -1 when an agent leaves), and
 * `subscribeToQueueStats` sends QueueStatistics (api-pages "Queue Statistics", "Queue List",
 * "Queue Member"). Joining and leaving are `setAgentQueue` / `removeAgentFromQueue`, confirmed
 * by a QueueMember event; xuc sends nothing when they fail, so an unconfirmed change times out
 * with a sentence saying the change may not have been made.
 */
import type { QueueInfo, QueueStats } from '../../features';
import { CtiError, type CtiEvent } from '../../model';
import type { Requests } from './requests';
import { clientFrames, type ClientFrame, type InboundMessage } from './wire';
import type {
  QueueConfigPayload,
  QueueMemberPayload,
  QueueStatisticsPayload,
} from './wire-features';

/** QueueStatistics counters the model has a place for (api-pages "Queue Statistics"). */
const COUNTERS: Readonly<Record<string, keyof QueueStats>> = {
  WaitingCalls: 'waiting',
  LongestWaitingTime: 'longestWaitS',
  AvailableAgents: 'agentsAvailable',
  LoggedAgents: 'agentsLoggedIn',
  TotalNumberCallsAnswered: 'answered',
  TotalNumberCallsAbandonned: 'abandoned',
};

/** The figures of one QueueStatistics frame; counters the model has no place for are left out. */
export function queueStatsOf(counters: QueueStatisticsPayload['counters']): QueueStats {
  const stats: QueueStats = {};
  for (const { statName, value } of counters) {
    const key = COUNTERS[statName];
    if (!key || key === 'at' || typeof value !== 'number' || !Number.isFinite(value)) continue;
    // Counts are whole, never negative and within what the model counts; the longest wait is
    // seconds (LongestWaitingTime).
    const whole = Math.min(Number.MAX_SAFE_INTEGER, Math.max(0, Math.round(value)));
    stats[key] = key === 'longestWaitS' ? Math.max(0, value) : whole;
  }
  return stats;
}

/**
 * XiVO's own switchboard queues (`__switchboard`, `__switchboard_hold` in the page's QueueList)
 * are the operator console's plumbing, not queues an agent works in.
 */
const isInternal = (queue: QueueConfigPayload): boolean => queue.name.startsWith('__');

export interface QueueBookDeps {
  emit(event: CtiEvent): void;
  /** Our agent, once UserConfigUpdate named it; undefined for a user who is not an agent. */
  agentId(): number | undefined;
  send(frame: ClientFrame): void;
  requests: Requests;
  /** The penalty the agent joins a queue with (setting `queuePenalty`). */
  penalty: number;
}

export class QueueBook {
  private readonly queues = new Map<number, QueueConfigPayload>();
  private listed = false;
  /** QueueMemberList came: member flags are known, not guessed. */
  private membersListed = false;
  /** Every agent's memberships as xuc reported them: queueId → penalty, by agentId. */
  private readonly members = new Map<number, Map<number, number>>();
  /** Figures named by a queue name (`queueRef`) we cannot place yet. */
  private readonly byRef = new Map<string, QueueStats>();

  constructor(private readonly deps: QueueBookDeps) {}

  /** The queue by its QueueInfo id, for dialFromQueue. */
  queue(id: string): QueueConfigPayload | undefined {
    return /^\d{1,15}$/.test(id) ? this.queues.get(Number(id)) : undefined;
  }

  /** Returns true when the message was a queue frame. */
  onMessage(message: InboundMessage): boolean {
    switch (message.msgType) {
      case 'QueueList':
        this.queues.clear();
        for (const queue of message.payload) this.queues.set(queue.id, queue);
        this.listed = true;
        this.publish();
        this.placeRefs();
        return true;
      case 'QueueConfig':
        this.queues.set(message.payload.id, message.payload);
        this.publish();
        this.placeRefs();
        return true;
      case 'QueueMemberList':
        this.members.clear();
        for (const member of message.payload) this.setMember(member);
        this.membersListed = true;
        this.publish();
        return true;
      case 'QueueMember':
        this.setMember(message.payload);
        if (message.payload.agentId === this.deps.agentId()) this.publish();
        return true;
      case 'QueueStatistics':
        this.onStats(message.payload);
        return true;
      default:
        return false;
    }
  }

  /** Our agent became known: the member flags can be set. */
  agentKnown(): void {
    this.publish();
  }

  join(queueId: string): Promise<void> {
    const { agentId, queue } = this.target(queueId);
    if (this.memberOf(agentId, queue.id)) {
      throw new CtiError('unsupported', `You are already in the queue ${nameOf(queue)}`);
    }
    return this.deps.requests.ask({
      send: () => this.deps.send(clientFrames.setAgentQueue(agentId, queue.id, this.deps.penalty)),
      match: (m) => (memberEvent(m, agentId, queue.id, true) ? { value: undefined } : undefined),
      late: `XiVO did not confirm that you joined the queue ${nameOf(queue)}: you may not be in it. Try again, or ask your supervisor.`,
    });
  }

  leave(queueId: string): Promise<void> {
    const { agentId, queue } = this.target(queueId);
    if (!this.memberOf(agentId, queue.id)) {
      throw new CtiError('unsupported', `You are not in the queue ${nameOf(queue)}`);
    }
    return this.deps.requests.ask({
      send: () => this.deps.send(clientFrames.removeAgentFromQueue(agentId, queue.id)),
      match: (m) => (memberEvent(m, agentId, queue.id, false) ? { value: undefined } : undefined),
      late: `XiVO did not confirm that you left the queue ${nameOf(queue)}: you may still get its calls. Try again, or ask your supervisor.`,
    });
  }

  private target(queueId: string): { agentId: number; queue: QueueConfigPayload } {
    const agentId = this.deps.agentId();
    if (agentId === undefined) throw new CtiError('unsupported', 'Only an agent can join queues');
    const queue = this.queue(queueId);
    if (!queue) throw new CtiError('unsupported', 'XiVO does not list this queue');
    return { agentId, queue };
  }

  private memberOf(agentId: number, queueId: number): boolean {
    return this.members.get(agentId)?.has(queueId) ?? false;
  }

  private setMember({ agentId, queueId, penalty }: QueueMemberPayload): void {
    let queues = this.members.get(agentId);
    if (!queues) this.members.set(agentId, (queues = new Map()));
    if (penalty < 0) queues.delete(queueId);
    else queues.set(queueId, penalty);
  }

  /** The list, once xuc has given it and (for an agent) the memberships: no guessed flags. */
  private publish(): void {
    const agentId = this.deps.agentId();
    if (!this.listed || (agentId !== undefined && !this.membersListed)) return;
    const queues: QueueInfo[] = [...this.queues.values()]
      .filter((queue) => !isInternal(queue))
      .map((queue) => ({
        id: String(queue.id),
        name: nameOf(queue).slice(0, 200),
        ...(queue.number && queue.number.length <= 64 ? { number: queue.number } : {}),
        ...(agentId === undefined ? {} : { member: this.memberOf(agentId, queue.id) }),
      }))
      .sort((a, b) => Number(b.member) - Number(a.member) || a.name.localeCompare(b.name))
      // The store keeps at most 500 (store-features.ts): the agent's own come first.
      .slice(0, 500);
    this.deps.emit({ type: 'queues', queues });
  }

  private onStats(payload: QueueStatisticsPayload): void {
    const stats = queueStatsOf(payload.counters);
    if (Object.keys(stats).length === 0) return;
    // "Some events contain a queueRef with a queue's name instead of the queueId" (api-pages).
    const id =
      payload.queueId ??
      [...this.queues.values()].find((queue) => queue.name === payload.queueRef)?.id;
    if (id === undefined) {
      const ref = payload.queueRef ?? '';
      this.byRef.set(ref, { ...this.byRef.get(ref), ...stats });
      return;
    }
    const queue = this.queues.get(id);
    if (queue && isInternal(queue)) return;
    this.deps.emit({ type: 'queueStats', stats: { [String(id)]: stats } });
  }

  /** Figures that came by name before the queue list: placed once the name is known. */
  private placeRefs(): void {
    for (const [ref, stats] of this.byRef) {
      const queue = [...this.queues.values()].find((q) => q.name === ref);
      if (!queue) continue;
      this.byRef.delete(ref);
      if (!isInternal(queue))
        this.deps.emit({ type: 'queueStats', stats: { [String(queue.id)]: stats } });
    }
  }
}

function nameOf(queue: QueueConfigPayload): string {
  return queue.displayName || queue.name;
}

function memberEvent(
  m: InboundMessage,
  agentId: number,
  queueId: number,
  joined: boolean,
): boolean {
  if (m.msgType !== 'QueueMember') return false;
  const { payload } = m;
  return (
    payload.agentId === agentId && payload.queueId === queueId && payload.penalty >= 0 === joined
  );
}
