/**
 * The simulated xuc's callbacks (api-pages "Callback Events", "Callback Commands"; frames from
 * the public callback.js): lists, take, release, start, and updateCallbackTicket (status
 * `Callback` with a new due date and period moves it; another status closes it).
 *
 * Assumed where the page is silent: CallbackLists carries every list as an array; taking a
 * callback another agent holds, releasing or starting one the user does not hold, or an update
 * with an unknown status or period sends nothing; a callback that is moved keeps its agent.
 */
import { randomUUID } from 'node:crypto';
import { DEFAULT_PERIODS, defaultCallbackLists } from './features-data';
import type {
  ClientFrame,
  SimCallbackList,
  SimCallbackRequest,
  SimPeriod,
  XivoSimOptions,
} from './types';
import type { XucWorld } from './world';

const STATUSES = ['NoAnswer', 'Answered', 'Fax', 'Callback'];
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export class XucCallbacks {
  private readonly lists: SimCallbackList[];
  private readonly periods: SimPeriod[];

  constructor(
    private readonly world: XucWorld,
    opts: XivoSimOptions,
    today: string,
  ) {
    this.lists = structuredClone(opts.callbackLists ?? defaultCallbackLists(today));
    this.periods = opts.callbackPeriods ?? DEFAULT_PERIODS;
  }

  all(): SimCallbackRequest[] {
    return this.lists.flatMap((l) => l.callbacks).map((c) => ({ ...c }));
  }

  /** Handles a Callback.* command; false when it is not one. */
  handle(login: string, frame: ClientFrame): boolean {
    const agentId = this.world.agents.get(login)?.agentId;
    const uuid = str(frame.uuid);
    const request = this.lists.flatMap((l) => l.callbacks).find((c) => c.uuid === uuid);
    switch (frame.command) {
      case 'getCallbackLists':
        this.world.pushTo(login, 'CallbackLists', this.lists);
        return true;
      case 'getCallbackPreferredPeriods':
        this.world.pushTo(login, 'PreferredCallbackPeriodList', this.periods);
        return true;
      case 'takeCallback':
        if (request && agentId !== undefined && request.agentId === null) {
          request.agentId = agentId;
          this.world.pushAll('CallbackTaken', { uuid, agentId });
        }
        return true;
      case 'releaseCallback':
        if (request && agentId !== undefined && request.agentId === agentId) {
          request.agentId = null;
          this.world.pushAll('CallbackReleased', { uuid });
        }
        return true;
      case 'startCallback': {
        const number = str(frame.number);
        if (request && number && agentId !== undefined && request.agentId === agentId) {
          this.world.dialOut(login, number, { USR_callbackUuid: request.uuid });
          this.world.pushTo(login, 'CallbackStarted', {
            requestUuid: uuid,
            ticketUuid: randomUUID(),
          });
        }
        return true;
      }
      case 'updateCallbackTicket':
        if (request) this.update(request, frame);
        return true;
      default:
        return false;
    }
  }

  private update(request: SimCallbackRequest, frame: ClientFrame): void {
    const status = str(frame.status);
    if (!status || !STATUSES.includes(status)) return;
    const comment = typeof frame.comment === 'string' ? frame.comment : request.description;
    if (status !== 'Callback') {
      for (const list of this.lists) list.callbacks = list.callbacks.filter((c) => c !== request);
      this.world.pushAll('CallbackClotured', { uuid: request.uuid });
      return;
    }
    const dueDate = str(frame.dueDate);
    const period = this.periods.find((p) => p.uuid === frame.periodUuid);
    if (frame.dueDate !== undefined || frame.periodUuid !== undefined) {
      if (!dueDate || !/^\d{4}-\d{2}-\d{2}$/.test(dueDate) || !period) return;
      request.dueDate = dueDate;
      request.preferredPeriod = period;
    }
    request.description = comment;
    this.world.pushAll('CallbackRequestUpdated', { request });
  }
}
