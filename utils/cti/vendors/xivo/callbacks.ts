/**
 * XiVO callbacks (api-pages "Callback Events" and "Callback Commands") → CallbackItem
 * (features.ts): `Callback.getCallbackLists()` answers CallbackLists and subscribes to the
 * callback events; take, release and start answer CallbackTaken, CallbackReleased and
 * CallbackStarted; `updateCallbackTicket` answers CallbackRequestUpdated (a new due date, status
 * `Callback`) or CallbackClotured (any other status). Wire frames from the public callback.js.
 *
 * Due dates are a day ("2016-08-01") and a preferred period ("14:00:00"–"17:00:00") in the
 * server's wall-clock time; the zone is the `historyTimeZone` setting (assumed, time.ts).
 */
import type { CallbackItem, VendorActionInput } from '../../features';
import { checkCallbackAt, CtiError, type CtiEvent } from '../../model';
import type { Requests } from './requests';
import { parseWallTime, wallClockOf } from './time';
import { clientFrames, type ClientFrame, type InboundMessage } from './wire';
import type { CallbackList, CallbackPeriod, CallbackRequest } from './wire-features';

/** The ticket statuses of updateCallbackTicket that close a callback (api-pages). */
const CLOSING = [
  { code: 'Answered', label: 'Answered' },
  { code: 'NoAnswer', label: 'No answer' },
  { code: 'Fax', label: 'Fax' },
] as const;
export const CLOSE_CALLBACK_ACTION = 'xivo.closeCallback';

interface Held {
  request: CallbackRequest;
  list: Pick<CallbackList, 'name' | 'queueId'> | undefined;
}

export interface CallbackBookDeps {
  emit(event: CtiEvent): void;
  agentId(): number | undefined;
  send(frame: ClientFrame): void;
  requests: Requests;
  now(): number;
  /** The server's zone for due dates ('' = the browser's). */
  timeZone: string;
  /** A queue's name by its id, for the line under a callback. */
  queueName(queueId: number): string | undefined;
  /** The callback actions changed (the panel's "Close a callback" form). */
  actionsChanged(): void;
}

/** "9:00" or "09:00:00" → "09:00:00", for comparing times of day as strings. */
const hms = (time: string): string => {
  const [h = '0', m = '0', s = '0'] = time.split(':');
  return [h, m, s].map((p) => p.padStart(2, '0').slice(0, 2)).join(':');
};

export class CallbackBook {
  private readonly held = new Map<string, Held>();
  private periods: CallbackPeriod[] = [];
  private known = false;

  constructor(private readonly deps: CallbackBookDeps) {}

  onMessage(message: InboundMessage): boolean {
    switch (message.msgType) {
      case 'CallbackLists':
        this.held.clear();
        for (const list of message.payload) {
          for (const request of list.callbacks) this.held.set(request.uuid, { request, list });
        }
        this.known = true;
        break;
      case 'CallbackTaken':
        this.patch(message.payload.uuid, { agentId: message.payload.agentId ?? null });
        break;
      case 'CallbackReleased':
        this.patch(message.payload.uuid, { agentId: null });
        break;
      case 'CallbackClotured':
        this.held.delete(message.payload.uuid);
        break;
      case 'CallbackRequestUpdated': {
        const { request } = message.payload;
        this.held.set(request.uuid, { request, list: this.held.get(request.uuid)?.list });
        break;
      }
      case 'PreferredCallbackPeriodList':
        this.periods = message.payload;
        return true;
      case 'CallbackStarted':
        return true;
      default:
        return false;
    }
    if (this.known) this.publish();
    return true;
  }

  /** Our agent became known: `mine` can be told from `taken`. */
  agentKnown(): void {
    if (this.known) this.publish();
  }

  /** The vendor action that closes one of the agent's callbacks, while they hold any. */
  actions(): VendorActionInput[] {
    const mine = this.items().filter((c) => c.owner === 'mine');
    if (mine.length === 0) return [];
    return [
      {
        id: CLOSE_CALLBACK_ACTION,
        label: 'Close a callback',
        hint: 'Record how a callback you took ended; XiVO then removes it from the list.',
        fields: [
          {
            key: 'callback',
            label: 'Callback',
            kind: 'choice',
            options: mine.slice(0, 200).map((c) => ({
              code: c.id,
              label: `${c.name ?? c.number} · ${c.number}`.slice(0, 200),
            })),
          },
          { key: 'status', label: 'Outcome', kind: 'choice', options: [...CLOSING] },
          { key: 'note', label: 'Note', kind: 'text', required: false, max: 1000 },
        ],
        submit: 'Close',
      },
    ];
  }

  take(uuid: string): Promise<void> {
    const agentId = this.agent();
    const owner = this.ownerOf(this.get(uuid).request);
    if (owner === 'mine') throw new CtiError('unsupported', 'You have already taken this callback');
    if (owner === 'taken') throw new CtiError('rejected', 'Another agent has taken this callback');
    return this.deps.requests.ask({
      send: () => this.deps.send(clientFrames.takeCallback(uuid)),
      match: (m) => {
        if (m.msgType !== 'CallbackTaken' || m.payload.uuid !== uuid) return undefined;
        return m.payload.agentId === agentId
          ? { value: undefined }
          : { error: new CtiError('rejected', 'Another agent took this callback first') };
      },
      late: 'XiVO did not confirm that you took the callback: it may still be open to others',
    });
  }

  release(uuid: string): Promise<void> {
    this.agent();
    if (this.ownerOf(this.get(uuid).request) !== 'mine') {
      throw new CtiError('unsupported', 'You can only give back a callback you took');
    }
    return this.deps.requests.ask({
      send: () => this.deps.send(clientFrames.releaseCallback(uuid)),
      match: (m) =>
        m.msgType === 'CallbackReleased' && m.payload.uuid === uuid
          ? { value: undefined }
          : undefined,
      late: 'XiVO did not confirm that you gave the callback back: it may still be yours',
    });
  }

  /** Takes the callback first when it is open; xuc then calls its number from the agent's phone. */
  async start(uuid: string): Promise<void> {
    const { request } = this.get(uuid);
    const number = request.phoneNumber || request.mobilePhoneNumber;
    if (!number) throw new CtiError('unsupported', 'This callback has no number to call');
    if (this.ownerOf(request) !== 'mine') await this.take(uuid);
    await this.deps.requests.ask({
      send: () => this.deps.send(clientFrames.startCallback(uuid, number)),
      match: (m) =>
        m.msgType === 'CallbackStarted' && m.payload.requestUuid === uuid
          ? { value: undefined }
          : undefined,
      late: 'XiVO did not confirm that the callback started: check your phone before trying again',
    });
  }

  /** A new due day and period (status `Callback` keeps the callback open). */
  reschedule(uuid: string, at: number): Promise<void> {
    checkCallbackAt(at, this.deps.now());
    const { request } = this.get(uuid);
    if (this.ownerOf(request) === 'taken') {
      throw new CtiError('rejected', 'Another agent has taken this callback');
    }
    const wall = wallClockOf(at, this.deps.timeZone);
    const period = this.periodAt(request, hms(wall.time));
    const due = { dueDate: wall.date, periodUuid: period.uuid };
    return this.deps.requests.ask({
      send: () =>
        this.deps.send(
          clientFrames.updateCallbackTicket(uuid, 'Callback', request.description ?? '', due),
        ),
      match: (m) =>
        m.msgType === 'CallbackRequestUpdated' && m.payload.request.uuid === uuid
          ? { value: undefined }
          : undefined,
      late: 'XiVO did not confirm the new time: the callback may keep its old one',
    });
  }

  /** The "Close a callback" action: a closing status, confirmed by CallbackClotured. */
  close(values: Readonly<Record<string, string>>): Promise<void> {
    const uuid = values.callback ?? '';
    const status = CLOSING.find((s) => s.code === values.status)?.code;
    if (!status) throw new CtiError('rejected', 'Choose how the callback ended');
    const { request } = this.get(uuid);
    if (this.ownerOf(request) !== 'mine') {
      throw new CtiError('unsupported', 'You can only close a callback you took');
    }
    const note = (values.note ?? '').trim() || (request.description ?? '');
    return this.deps.requests.ask({
      send: () => this.deps.send(clientFrames.updateCallbackTicket(uuid, status, note)),
      match: (m) =>
        m.msgType === 'CallbackClotured' && m.payload.uuid === uuid
          ? { value: undefined }
          : undefined,
      late: 'XiVO did not confirm that the callback was closed: it may still be listed',
    });
  }

  private periodAt(request: CallbackRequest, time: string): CallbackPeriod {
    const known = [...this.periods];
    const own = request.preferredPeriod;
    if (own && !known.some((p) => p.uuid === own.uuid)) known.push(own);
    const period = known.find((p) => hms(p.periodStart) <= time && time < hms(p.periodEnd));
    if (period) return period;
    const choices = known
      .map(
        (p) =>
          `${p.name ?? 'period'} (${hms(p.periodStart).slice(0, 5)}–${hms(p.periodEnd).slice(0, 5)})`,
      )
      .join(', ');
    throw new CtiError(
      'rejected',
      choices
        ? `Choose a time in one of XiVO's callback periods: ${choices}`
        : 'XiVO has not listed its callback periods: the callback cannot be moved',
    );
  }

  private get(uuid: string): Held {
    const held = this.held.get(uuid);
    if (!held) throw new CtiError('unsupported', 'XiVO no longer lists this callback');
    return held;
  }

  private agent(): number {
    const agentId = this.deps.agentId();
    if (agentId === undefined)
      throw new CtiError('unsupported', 'Only an agent can take callbacks');
    return agentId;
  }

  private ownerOf(request: CallbackRequest): CallbackItem['owner'] {
    if (request.agentId === null || request.agentId === undefined) return 'open';
    return request.agentId === this.deps.agentId() ? 'mine' : 'taken';
  }

  private patch(uuid: string, change: Partial<CallbackRequest>): void {
    const held = this.held.get(uuid);
    if (held) this.held.set(uuid, { ...held, request: { ...held.request, ...change } });
  }

  private items(): CallbackItem[] {
    return [...this.held.values()].flatMap(({ request, list }) => this.itemOf(request, list) ?? []);
  }

  private publish(): void {
    const items = this.items().sort(
      (a, b) =>
        Number(b.owner === 'mine') - Number(a.owner === 'mine') || (a.dueAt ?? 0) - (b.dueAt ?? 0),
    );
    this.deps.emit({ type: 'callbacks', callbacks: items.slice(0, 500) });
    this.deps.actionsChanged();
  }

  private itemOf(request: CallbackRequest, list: Held['list']): CallbackItem | undefined {
    const number = request.phoneNumber || request.mobilePhoneNumber;
    if (!number) return undefined;
    const name = [request.firstName, request.lastName].filter(Boolean).join(' ');
    const queue =
      list?.queueId !== undefined && list.queueId !== null
        ? this.deps.queueName(list.queueId)
        : undefined;
    const detail = request.company || list?.name;
    const period = request.preferredPeriod;
    const zone = this.deps.timeZone;
    const day =
      request.dueDate && /^\d{4}-\d{2}-\d{2}$/.test(request.dueDate) ? request.dueDate : undefined;
    const dueAt = day
      ? parseWallTime(`${day} ${hms(period?.periodStart ?? '00:00:00')}`, zone)
      : undefined;
    const dueUntil =
      day && period ? parseWallTime(`${day} ${hms(period.periodEnd)}`, zone) : undefined;
    return {
      id: request.uuid,
      number: number.slice(0, 64),
      ...(name ? { name: name.slice(0, 200) } : {}),
      ...(detail ? { detail: detail.slice(0, 200) } : {}),
      ...(dueAt !== undefined ? { dueAt } : {}),
      ...(dueUntil !== undefined && dueAt !== undefined && dueUntil > dueAt ? { dueUntil } : {}),
      ...(request.description ? { note: request.description.slice(0, 2000) } : {}),
      owner: this.ownerOf(request),
      ...(queue || list?.name ? { queue: (queue ?? list?.name ?? '').slice(0, 200) } : {}),
    };
  }
}
