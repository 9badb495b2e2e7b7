/**
 * Everything of the agent's day beyond the call in hand, for the XiVO adapter: what to ask xuc
 * for once a connection is up, which frames feed which book (queues.ts, callbacks.ts,
 * presence.ts, directory.ts, stats.ts, sheet.ts), and the agent-feature commands.
 */
import type { DirectoryEntry, VendorActionInput } from '../../features';
import { CtiError, type Command, type CtiEvent } from '../../model';
import { CallbackBook, CLOSE_CALLBACK_ACTION } from './callbacks';
import type { CallTracker } from './calls';
import { Directory } from './directory';
import { PresenceBook, USER_STATUS_ACTION } from './presence';
import { QueueBook } from './queues';
import type { Requests } from './requests';
import { sheetPopOf } from './sheet';
import { AgentStatsBook } from './stats';
import { clientFrames, type ClientFrame, type InboundMessage } from './wire';

export interface FeatureDeps {
  emit(event: CtiEvent): void;
  send(frame: ClientFrame): void;
  requests: Requests;
  calls: CallTracker;
  /** Our agent; undefined for a user who is not one, or before UserConfigUpdate. */
  agentId(): number | undefined;
  /** Whether UserConfigUpdate has said if the user is an agent. */
  agentKnown(): boolean;
  now(): number;
  timeZone: string;
  queuePenalty: number;
}

export class XivoFeatures {
  readonly queues: QueueBook;
  readonly presence: PresenceBook;
  private readonly callbacks: CallbackBook;
  private readonly directory: Directory;
  private readonly stats = new AgentStatsBook();
  /** Requests of this connection sent: the shared ones, then the agent's. */
  private asked = { shared: false, agent: false };
  private lastActions = '[]';

  constructor(private readonly deps: FeatureDeps) {
    const { emit, send, requests, agentId } = deps;
    const actionsChanged = () => this.publishActions();
    this.queues = new QueueBook({ emit, send, requests, agentId, penalty: deps.queuePenalty });
    this.presence = new PresenceBook({ emit, send, requests, actionsChanged });
    this.directory = new Directory({ send, requests });
    this.callbacks = new CallbackBook({
      emit,
      send,
      requests,
      agentId,
      now: deps.now,
      timeZone: deps.timeZone,
      queueName: (id) => {
        const queue = this.queues.queue(String(id));
        return queue ? queue.displayName || queue.name : undefined;
      },
      actionsChanged,
    });
  }

  /**
   * The calls snapshot is in (resync): ask for the rest once per connection. Agent-only requests
   * wait until UserConfigUpdate said whether the user is an agent.
   */
  snapshotReceived(): void {
    if (!this.asked.shared) {
      this.asked.shared = true;
      this.post(clientFrames.getList('queue'));
      this.post(clientFrames.getList('queuemember'));
      this.post(clientFrames.subscribeToQueueStats());
      // getConferenceRooms: "The xuc user must have a line" (api-pages); a user without one
      // simply gets no rooms.
      this.post(clientFrames.getList('meetme'));
    }
    this.askAgent();
  }

  /** UserConfigUpdate named our agent (or said there is none). */
  agentKnown(): void {
    this.queues.agentKnown();
    this.callbacks.agentKnown();
    this.askAgent();
  }

  /** True when the frame was one of the features'. */
  onMessage(message: InboundMessage): boolean {
    if (this.queues.onMessage(message)) return true;
    if (this.callbacks.onMessage(message)) return true;
    if (this.presence.onMessage(message)) return true;
    if (this.directory.onMessage(message)) return true;
    switch (message.msgType) {
      case 'AgentStatistics': {
        const stats = this.stats.apply(message.payload, this.deps.agentId());
        if (stats) this.deps.emit({ type: 'agentStats', stats });
        return true;
      }
      case 'AgentListen': {
        const ours = message.payload.agentId === this.deps.agentId();
        if (ours) {
          const message_ = message.payload.started
            ? 'A supervisor is listening to your calls'
            : 'The supervisor stopped listening to your calls';
          this.deps.emit({ type: 'notice', level: 'info', message: message_ });
        }
        return true;
      }
      case 'Sheet': {
        const pop = sheetPopOf(message.payload);
        if (pop)
          for (const event of this.deps.calls.applySheet(pop.uid, pop.url)) this.deps.emit(event);
        return true;
      }
      default:
        return false;
    }
  }

  search(term: string, limit: number): Promise<DirectoryEntry[]> {
    return this.directory.search(term, limit);
  }

  /** The agent-feature commands other than setCallData (a call command, commands.ts). */
  async execute(command: Command): Promise<void> {
    switch (command.type) {
      case 'joinQueue':
        return this.queues.join(command.queue);
      case 'leaveQueue':
        return this.queues.leave(command.queue);
      case 'takeCallback':
        return this.callbacks.take(command.callbackId);
      case 'releaseCallback':
        return this.callbacks.release(command.callbackId);
      case 'startCallback':
        return this.callbacks.start(command.callbackId);
      case 'rescheduleCallback':
        return this.callbacks.reschedule(command.callbackId, command.at);
      case 'setDnd':
        return this.presence.setDnd(command.enabled);
      case 'setForward':
        return this.presence.setForward(command.kind, command.enabled, command.destination);
      case 'addFavorite':
      case 'removeFavorite':
        return this.directory.favorite(command.entryId, command.type === 'addFavorite');
      case 'vendorAction':
        if (command.action === CLOSE_CALLBACK_ACTION) return this.callbacks.close(command.values);
        if (command.action === USER_STATUS_ACTION) return this.presence.setStatus(command.values);
        throw new CtiError('unsupported', 'XiVO has no such action');
      default:
        // scheduleCallback, cancelCallback: the page has no command to create or delete one.
        throw new CtiError('unsupported', `XiVO cannot do “${command.type}”`);
    }
  }

  private askAgent(): void {
    if (!this.asked.shared || this.asked.agent || !this.deps.agentKnown()) return;
    this.asked.agent = true;
    if (this.deps.agentId() === undefined) return;
    this.post(clientFrames.subscribeToAgentStats());
    // Periods first: callbacks are moved within them (callback.js getCallbackPreferredPeriods).
    this.post(clientFrames.getCallbackPreferredPeriods());
    this.post(clientFrames.getCallbackLists());
  }

  /** A subscription sent while handling a frame: a socket closing meanwhile is reported elsewhere. */
  private post(frame: ClientFrame): void {
    try {
      this.deps.send(frame);
    } catch {
      // The close event follows and reports the lost connection.
    }
  }

  private publishActions(): void {
    const actions: VendorActionInput[] = [...this.presence.actions(), ...this.callbacks.actions()];
    const key = JSON.stringify(actions);
    if (key === this.lastActions) return;
    this.lastActions = key;
    this.deps.emit({ type: 'vendorActions', actions });
  }
}
