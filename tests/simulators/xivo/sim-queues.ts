/**
 * The simulated xuc's queues (api-pages "Queue List", "Queue Member", "Queue Statistics"):
 * the list, every agent's membership, `setAgentQueue` / `removeAgentFromQueue` ("On success
 * triggers a Queue Member event, does not send anything in case of failure"), and the counters of
 * `subscribeToQueueStats`, computed from the calls and agents the simulator holds.
 */
import type { SimCallImpl } from './calls';
import { DEFAULT_MEMBERS, DEFAULT_QUEUES } from './features-data';
import type { ClientFrame, SimQueue, XivoSimOptions } from './types';
import type { XucWorld } from './world';

interface Totals {
  entered: number;
  answered: number;
  abandoned: number;
}

const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isInteger(v) ? v : undefined;

export class XucQueues {
  readonly queues: SimQueue[];
  /** Every agent's queues: agentId → (queueId → penalty). */
  private readonly members = new Map<number, Map<number, number>>();
  private readonly subscribers = new Set<string>();
  /** The counters last sent, by login and queue: only changes are sent again. */
  private readonly lastSent = new Map<string, string>();
  private readonly totals = new Map<number, Totals>();

  constructor(
    private readonly world: XucWorld,
    private readonly opts: XivoSimOptions,
  ) {
    this.queues = (opts.queues ?? DEFAULT_QUEUES).map((q) => ({ ...q }));
    for (const m of opts.members ?? DEFAULT_MEMBERS)
      this.setMember(m.agentId, m.queueId, m.penalty);
  }

  queueIdsOf(agentId: number): number[] {
    return [...(this.members.get(agentId)?.keys() ?? [])];
  }

  penalties(agentId: number): Record<number, number> {
    return Object.fromEntries(this.members.get(agentId) ?? []);
  }

  isMember(agentId: number, queueId: number): boolean {
    return this.members.get(agentId)?.has(queueId) ?? false;
  }

  /** Handles a queue command; false when it is not one. */
  handle(login: string, frame: ClientFrame): boolean {
    switch (frame.command) {
      case 'getList':
        if (frame.objectType === 'queue') {
          this.world.pushTo(
            login,
            'QueueList',
            this.queues.map((q) => ({ ...q, context: 'default' })),
          );
          return true;
        }
        if (frame.objectType !== 'queuemember') return false;
        this.world.pushTo(
          login,
          'QueueMemberList',
          [...this.members].flatMap(([agentId, queues]) =>
            [...queues].map(([queueId, penalty]) => ({ agentId, queueId, penalty })),
          ),
        );
        return true;
      case 'setAgentQueue':
      case 'removeAgentFromQueue':
        this.membership(frame);
        return true;
      case 'subscribeToQueueStats':
        this.subscribers.add(login);
        for (const key of [...this.lastSent.keys()]) {
          if (key.startsWith(`${login}|`)) this.lastSent.delete(key);
        }
        this.pushStats();
        return true;
      default:
        return false;
    }
  }

  /** Counts a queue call: entered when it rings, answered, or abandoned when it ends unanswered. */
  countCall(call: SimCallImpl, eventType: string): void {
    const queue = this.queues.find((q) => q.name === call.queueName);
    if (!queue || call.direction !== 'Incoming') return;
    const totals = this.totals.get(queue.id) ?? { entered: 0, answered: 0, abandoned: 0 };
    if (eventType === 'EventRinging' && !call.answered) totals.entered += 1;
    if (eventType === 'EventEstablished' && !call.counted) {
      call.counted = true;
      totals.answered += 1;
      this.world.agents.get(call.login)?.countInbound();
    }
    if (!call.live && !call.answered) totals.abandoned += 1;
    this.totals.set(queue.id, totals);
  }

  /** First all counters, then a notification for each queue whose counters changed. */
  pushStats(): void {
    for (const login of this.subscribers) {
      for (const queue of this.queues) {
        const counters = this.countersOf(queue);
        const key = `${login}|${queue.id}`;
        const text = JSON.stringify(counters);
        if (this.lastSent.get(key) === text) continue;
        this.lastSent.set(key, text);
        const id = this.opts.statsByQueueRef ? { queueRef: queue.name } : { queueId: queue.id };
        this.world.pushTo(login, 'QueueStatistics', { ...id, counters });
      }
    }
  }

  private membership(frame: ClientFrame): void {
    const agentId = num(frame.agentId);
    const queueId = num(frame.queueId);
    const agent = agentId === undefined ? undefined : this.world.agentById(agentId);
    if (!agent || queueId === undefined || !this.queues.some((q) => q.id === queueId)) return;
    if (frame.command === 'setAgentQueue') {
      const penalty = num(frame.penalty);
      if (penalty === undefined || penalty < 0) return;
      this.setMember(agent.agentId, queueId, penalty);
      this.world.pushAll('QueueMember', { agentId, queueId, penalty });
    } else {
      if (!this.members.get(agent.agentId)?.delete(queueId)) return;
      this.world.pushAll('QueueMember', { agentId, queueId, penalty: -1 });
    }
    agent.refresh();
    this.pushStats();
  }

  private setMember(agentId: number, queueId: number, penalty: number): void {
    let queues = this.members.get(agentId);
    if (!queues) this.members.set(agentId, (queues = new Map()));
    queues.set(queueId, penalty);
  }

  /** The api-pages counters of `queue`. */
  private countersOf(queue: SimQueue): { statName: string; value: number }[] {
    const waiting = this.world
      .liveCalls()
      .filter(
        (c) => c.queueName === queue.name && c.direction === 'Incoming' && c.state === 'ringing',
      );
    const oldest = Math.min(Date.now(), ...waiting.map((c) => c.startedAt));
    const agents = [...this.world.agents.values()].filter((a) =>
      this.isMember(a.agentId, queue.id),
    );
    const named = (name: string) => agents.filter((a) => a.name() === name).length;
    const totals = this.totals.get(queue.id) ?? { entered: 0, answered: 0, abandoned: 0 };
    return [
      { statName: 'WaitingCalls', value: waiting.length },
      { statName: 'LongestWaitingTime', value: Math.round((Date.now() - oldest) / 1000) },
      { statName: 'AvailableAgents', value: named('AgentReady') },
      { statName: 'LoggedAgents', value: agents.filter((a) => a.phoneNb !== undefined).length },
      { statName: 'TalkingAgents', value: named('AgentOnCall') },
      { statName: 'TotalNumberCallsEntered', value: totals.entered },
      { statName: 'TotalNumberCallsAnswered', value: totals.answered },
      { statName: 'TotalNumberCallsAbandonned', value: totals.abandoned },
      { statName: 'EWT', value: 0 },
    ];
  }
}
