/**
 * uContact's dialer (api-pages/ucontact-integra.txt "Dialers"): calls scheduled for later
 * (`ScheduleDialerCall`, `RemoveScheduleDialerCall`), calls put in a dialer campaign
 * (`DialerTask`), a contact called again on another number (`Respool`), a number taken out of a
 * campaign (`RemoveContact`) and the do-not-call registry (`admin/addblack`). Each is a form POST
 * whose one field holds a JSON object; the answer is `1`, or `0` on error.
 *
 * uContact lists none of these back: no request on the API page reads the scheduled calls, so the
 * panel shows no callback list for uContact (docs/vendors.md).
 */
import { z } from 'zod';
import { dialString } from '../shared/dial';
import { CtiError } from '../../model';
import type { CommandConfig } from './config';
import type { UcontactHttp } from './http';
import { PATHS } from './wire';

export interface DialerHost {
  http: UcontactHttp;
  config: CommandConfig;
  agent: string;
  extension: string;
  now(): number;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * A time as uContact's API pages write dates, `YYYY-MM-DD HH:mm:ss`, in the agent's local time
 * (ScheduleDialerCall's `calldate` "2015-10-11 15:00:00" carries no zone).
 */
export function formatSchedule(epochMs: number): string {
  const d = new Date(epochMs);
  const date = `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return `${date} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/**
 * The dialer's `data`, "Par1=Val1:Par2=Val2" (values for uContact's forms and workflows). The
 * format has no escape, so a `:` or `=` in a key or value is refused rather than changed.
 */
export function dialerData(values: Readonly<Record<string, string>>, what: string): string {
  const entries = Object.entries(values);
  if (entries.some(([k, v]) => /[:=]/.test(k) || /[:=]/.test(v))) {
    throw new CtiError('rejected', `uContact cannot take “:” or “=” in ${what}: remove them`);
  }
  return entries.map(([k, v]) => `${k}=${v}`).join(':');
}

/** A number as the dialer must call it (the `dialFormat` setting), or a clear refusal. */
export function destinationOf(number: string, host: DialerHost): string {
  const destination = dialString(number, host.config);
  if (!destination) throw new CtiError('rejected', 'Enter a number to call');
  return destination;
}

function campaignOf(campaign: string | undefined, host: DialerHost): string {
  const chosen = campaign?.trim() || host.config.campaign;
  if (!chosen) {
    throw new CtiError('config', 'Choose a campaign: uContact’s dialer files every call under one');
  }
  return chosen;
}

/** ScheduleDialerCall's `callschedule` (the API page's JSON object). */
export const CallSchedule = z.object({
  calldate: z.string(),
  campaign: z.string().min(1),
  destination: z.string().min(1),
  alternatives: z.string(),
  agentphone: z.string(),
  data: z.string(),
});

/**
 * `scheduleCallback` → ScheduleDialerCall. `agentphone` is this agent's extension, so that a
 * progressive dialer gives the call back to the agent who promised it (the API page: "Agent
 * phone if progressive"); the note goes in `data` under the `callbackNoteParam` setting.
 */
export async function scheduleCall(
  host: DialerHost,
  o: { number: string; at: number; note?: string | undefined; queue?: string | undefined },
): Promise<void> {
  const note = o.note?.trim();
  const param = host.config.callbackNoteParam;
  const body: z.input<typeof CallSchedule> = {
    calldate: formatSchedule(o.at),
    campaign: campaignOf(o.queue, host),
    destination: destinationOf(o.number, host),
    alternatives: '',
    agentphone: host.extension,
    data: note && param ? dialerData({ [param]: note }, 'a note') : '',
  };
  await host.http.command(
    PATHS.scheduleDialerCall,
    { callschedule: JSON.stringify(body) },
    'schedule the call back',
    { right: true },
  );
}

/** How far ahead "every scheduled call to this number" reaches when no end is given. */
export const OPEN_RANGE_MS = 10 * 366 * 86_400_000;

/**
 * RemoveScheduleDialerCall: the calls scheduled to `number` in `campaign` between `from` and `to`
 * (default: from now on).
 */
export async function removeScheduled(
  host: DialerHost,
  o: { number: string; campaign?: string | undefined; from?: number; to?: number },
): Promise<void> {
  const from = o.from ?? host.now();
  const to = o.to ?? from + OPEN_RANGE_MS;
  if (to < from) throw new CtiError('rejected', 'The end of the range comes before its start');
  await host.http.command(
    PATHS.removeScheduleDialerCall,
    {
      campaign: campaignOf(o.campaign, host),
      destination: destinationOf(o.number, host),
      from: formatSchedule(from),
      to: formatSchedule(to),
    },
    'cancel the scheduled calls',
    { right: true },
  );
}

/**
 * What `cancelCallback` takes from uContact, which lists no callbacks: `<campaign>|<number>`, or
 * the number alone for the `campaign` setting's campaign. It cancels that number's calls
 * scheduled from now on.
 */
export function parseCallbackId(id: string): { campaign?: string; number: string } {
  const bar = id.indexOf('|');
  const campaign = bar < 0 ? '' : id.slice(0, bar).trim();
  const number = (bar < 0 ? id : id.slice(bar + 1)).trim();
  if (!number) throw new CtiError('rejected', 'Name the number whose scheduled calls to cancel');
  return campaign ? { campaign, number } : { number };
}

/** DialerTask's `call` (the API page's JSON object and its four modes). */
export const DialerTaskCall = z.object({
  calldate: z.string().nullable(),
  campaign: z.string().min(1),
  destination: z.string().min(1),
  alternatives: z.string(),
  agent: z.string(),
  data: z.string(),
  source: z.string(),
  bulk: z.boolean(),
  automatic: z.boolean(),
});

/**
 * DialerTask. The API page's modes: now for anyone ("Insert Dialer with priority 1": no date,
 * automatic), later ("Insert Scheduled Call": a date, bulk), for one agent ("Dialer, Specific
 * Agent": the agent's username, bulk). Assumed: a date and an agent together schedule the call
 * for that agent; `source` (unexplained on the page) names Switchboard.
 */
export async function addToDialer(
  host: DialerHost,
  o: { number: string; campaign?: string; at?: number; mine: boolean },
): Promise<void> {
  const later = o.at !== undefined;
  const call: z.input<typeof DialerTaskCall> = {
    calldate: later ? formatSchedule(o.at!) : null,
    campaign: campaignOf(o.campaign, host),
    destination: destinationOf(o.number, host),
    alternatives: '',
    agent: o.mine ? host.agent : '',
    data: '',
    source: 'Switchboard',
    bulk: later || o.mine,
    automatic: !later && !o.mine,
  };
  await host.http.command(
    PATHS.dialerTask,
    { call: JSON.stringify(call) },
    'add the call to the dialer',
    { right: true },
  );
}

/** RemoveContact: the number leaves the campaign's dialer list. */
export async function removeContact(
  host: DialerHost,
  o: { number: string; campaign?: string },
): Promise<void> {
  await host.http.command(
    PATHS.removeContact,
    { campaign: campaignOf(o.campaign, host), number: destinationOf(o.number, host) },
    'remove the number from the dialer',
    { right: true },
  );
}

/** Respool's `callspool` (the API page's "Objet Respool"). */
export const CallSpool = z.object({
  campaign: z.string().min(1),
  destination: z.string().min(1),
  dialerbase: z.string().min(1),
  status: z.literal(1),
  data: z.string(),
  alternatives: z.string(),
  contact: z.number().int().min(0).optional(),
  retries: z.number().int().min(0),
  priority: z.number().int().min(2),
  agentphone: z.string(),
});

/** The API page's example priority; 1 is kept for scheduled calls ("use > 1"). */
export const DEFAULT_RESPOOL_PRIORITY = 9999;

/**
 * Respool: the dialer calls the contact again on another number. As the API page asks: a new
 * number (never the one already in the spool), retries 0, status 1, and this agent's phone for
 * a progressive dialer.
 */
export async function respool(
  host: DialerHost,
  o: {
    campaign: string;
    destination: string;
    alternatives: string[];
    dialerbase: string;
    contact?: number;
    priority?: number;
  },
): Promise<void> {
  const alternatives = o.alternatives.map((n) => destinationOf(n, host)).join(':');
  const spool: z.input<typeof CallSpool> = {
    campaign: o.campaign,
    destination: destinationOf(o.destination, host),
    dialerbase: o.dialerbase,
    status: 1,
    data: '',
    alternatives,
    ...(o.contact !== undefined ? { contact: o.contact } : {}),
    retries: 0,
    priority: o.priority ?? DEFAULT_RESPOOL_PRIORITY,
    agentphone: host.extension,
  };
  await host.http.command(
    PATHS.respool,
    { callspool: JSON.stringify(spool) },
    'call the contact again on that number',
    { right: true },
  );
}

/** addblack's `black` (the API page's JSON object); `*` for every campaign. */
export const Black = z.object({
  phone: z.string().min(1),
  campaign: z.string().min(1),
  username: z.string(),
  company: z.string(),
  job_title: z.string(),
  name: z.string(),
});

/**
 * admin/addblack: the number joins the do-not-call registry, for one campaign or all (`*`).
 * `phone` is the call's number as uContact knows it (as dialled, or as the portal reported it).
 */
export async function addToDoNotCall(
  host: DialerHost,
  o: { phone: string; campaign: string; name?: string },
): Promise<void> {
  const black: z.input<typeof Black> = {
    phone: o.phone,
    campaign: o.campaign,
    username: host.agent,
    company: '',
    job_title: '',
    name: o.name ?? '',
  };
  await host.http.command(
    PATHS.addBlack,
    { black: JSON.stringify(black) },
    'add the number to the do-not-call list',
    { right: true },
  );
}
