/**
 * The simulator's dialer, recordings and do-not-call routes (api-pages/ucontact-integra.txt
 * "Dialers", "Recordings", addblack): each JSON object is checked as the API page describes it,
 * kept where tests can see it, and answered `1`, or `0` on error. TagRecord is asynchronous: it
 * answers nothing, whatever happens.
 *
 * Failure cases: an unreadable JSON field, a missing field, a date that is not
 * `YYYY-MM-DD HH:mm:ss`, a campaign the simulator does not know, a `data` that is not
 * `Par=Val:Par=Val`, a Respool to a number already in the spool (the page: "Never Respool a
 * destination that is already on the Spool"), a priority of 1 (kept for schedules).
 */
import { validSchedule } from './schedule';

export interface SimScheduledCall {
  calldate: string;
  campaign: string;
  destination: string;
  alternatives: string;
  agentphone: string;
  data: string;
}

export interface SimDialerTask {
  calldate: string | null;
  campaign: string;
  destination: string;
  agent: string;
  data: string;
  bulk: boolean;
  automatic: boolean;
}

export interface SimRespool {
  campaign: string;
  destination: string;
  dialerbase: string;
  alternatives: string;
  contact?: number;
  priority: number;
  agentphone: string;
}

export interface SimBlack {
  phone: string;
  campaign: string;
  username: string;
  name: string;
}

export interface SimTag {
  phone: string;
  guid: string;
  data: string;
}

export interface SimDialer {
  scheduled: SimScheduledCall[];
  tasks: SimDialerTask[];
  respools: SimRespool[];
  removedContacts: { campaign: string; number: string }[];
  blacklist: SimBlack[];
  tags: SimTag[];
}

export interface DialerWorld {
  /** Campaigns the simulator knows (its queues). */
  campaigns(): readonly string[];
  /** Numbers of the calls in the spool (the calls the simulator placed or rang). */
  spool(): readonly string[];
  /** GUIDs of the simulator's calls (recordings exist for them). */
  guids(): readonly string[];
}

type Answer = [number, string];
const OK: Answer = [200, '1'];
const ERROR: Answer = [200, '0'];

/** `Par1=Val1:Par2=Val2`, or empty. */
export const validData = (data: string): boolean =>
  data === '' || /^[^:=]+=[^:=]*(:[^:=]+=[^:=]*)*$/.test(data);

function json(text: string | undefined): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(text ?? '') as unknown;
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const filled = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

export function createDialer(world: DialerWorld) {
  const state: SimDialer = {
    scheduled: [],
    tasks: [],
    respools: [],
    removedContacts: [],
    blacklist: [],
    tags: [],
  };
  const known = (campaign: unknown) => filled(campaign) && world.campaigns().includes(campaign);
  // However each side writes it: "+33 1 23…" and "33123…" are one number.
  const digits = (n: string) => n.replace(/\D/g, '');
  const inSpool = (n: string) => world.spool().some((s) => digits(s) === digits(n));

  const routes: Record<string, (form: Record<string, string>) => Answer> = {
    'Dialers/ScheduleDialerCall': (form) => {
      const o = json(form.callschedule);
      const calldate = str(o?.calldate) ?? '';
      const data = str(o?.data) ?? '';
      if (!o || !validSchedule(calldate) || !known(o.campaign) || !filled(o.destination))
        return ERROR;
      if (!validData(data)) return ERROR;
      state.scheduled.push({
        calldate,
        campaign: o.campaign as string,
        destination: o.destination,
        alternatives: str(o.alternatives) ?? '',
        agentphone: str(o.agentphone) ?? '',
        data,
      });
      return OK;
    },
    'Dialers/RemoveScheduleDialerCall': (form) => {
      const { campaign = '', destination = '', from = '', to = '' } = form;
      if (!known(campaign) || !filled(destination)) return ERROR;
      if (!validSchedule(from) || !validSchedule(to) || from > to) return ERROR;
      // The format sorts as text: a range is a string comparison.
      state.scheduled = state.scheduled.filter(
        (c) =>
          !(
            c.campaign === campaign &&
            c.destination === destination &&
            c.calldate >= from &&
            c.calldate <= to
          ),
      );
      return OK;
    },
    'Dialers/DialerTask': (form) => {
      const o = json(form.call);
      if (!o || !known(o.campaign) || !filled(o.destination)) return ERROR;
      const calldate = o.calldate === null ? null : str(o.calldate);
      if (calldate === undefined || (calldate !== null && !validSchedule(calldate))) return ERROR;
      if (typeof o.bulk !== 'boolean' || typeof o.automatic !== 'boolean') return ERROR;
      const data = str(o.data) ?? '';
      if (!validData(data)) return ERROR;
      state.tasks.push({
        calldate,
        campaign: o.campaign as string,
        destination: o.destination,
        agent: str(o.agent) ?? '',
        data,
        bulk: o.bulk,
        automatic: o.automatic,
      });
      return OK;
    },
    'Dialers/Respool': (form) => {
      const o = json(form.callspool);
      if (!o || !known(o.campaign) || !filled(o.destination) || !filled(o.dialerbase)) return ERROR;
      if (o.status !== 1 || !Number.isInteger(o.retries) || !Number.isInteger(o.priority))
        return ERROR;
      if ((o.priority as number) < 2 || inSpool(o.destination)) return ERROR;
      if (o.contact !== undefined && !Number.isInteger(o.contact)) return ERROR;
      state.respools.push({
        campaign: o.campaign as string,
        destination: o.destination,
        dialerbase: o.dialerbase,
        alternatives: str(o.alternatives) ?? '',
        ...(o.contact !== undefined ? { contact: o.contact as number } : {}),
        priority: o.priority as number,
        agentphone: str(o.agentphone) ?? '',
      });
      return OK;
    },
    'Dialers/RemoveContact': (form) => {
      if (!known(form.campaign) || !filled(form.number)) return ERROR;
      state.removedContacts.push({ campaign: form.campaign!, number: form.number });
      return OK;
    },
    'admin/addblack': (form) => {
      const o = json(form.black);
      if (!o || !filled(o.phone) || !filled(o.campaign)) return ERROR;
      if (o.campaign !== '*' && !known(o.campaign)) return ERROR;
      state.blacklist.push({
        phone: o.phone,
        campaign: o.campaign,
        username: str(o.username) ?? '',
        name: str(o.name) ?? '',
      });
      return OK;
    },
    'Agents/TagRecord': (form) => {
      // Asynchronous: the answer is empty; only a known recording is tagged.
      const { phone = '', guid = '', data = '' } = form;
      if (filled(phone) && filled(data) && world.guids().includes(guid))
        state.tags.push({ phone, guid, data });
      return [200, ''];
    },
  };

  return {
    state,
    /**
     * The dialer works through its schedule at `now` (`YYYY-MM-DD HH:mm:ss`): the scheduled calls
     * due by then for one of `phones` leave the schedule, in date order, to be given to that
     * phone (the API page: "The dialer has to be Enable and On Date To process Schedule Calls";
     * `agentphone`: "Agent phone if progressive"). Calls for other phones stay.
     */
    takeDue(now: string, phones: readonly string[]): SimScheduledCall[] {
      const due = (c: SimScheduledCall) => c.calldate <= now && phones.includes(c.agentphone);
      const taken = state.scheduled.filter(due).sort((a, b) => (a.calldate < b.calldate ? -1 : 1));
      state.scheduled = state.scheduled.filter((c) => !due(c));
      return taken;
    },
    /** The route's answer, or undefined when `name` is not one of these routes. */
    handle(name: string, form: Record<string, string>): Answer | undefined {
      return Object.hasOwn(routes, name) ? routes[name]!(form) : undefined;
    },
  };
}
