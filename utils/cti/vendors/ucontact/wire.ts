/**
 * uContact Integra wire shapes (vendors/README.md §4): the form-encoded REST API under
 * `/Integra/resources/` (§4.3) with its text answers, the sign-in answers (§4.2), and the agent
 * portal's postMessage events (§4.4): the Window Proxy API's `{action, params}` frames and the
 * newer Events API's `{event, data}` frames. Nothing outside this folder knows these shapes.
 */
import { z } from 'zod';
import { EVENTS_API_EVENTS, WINDOW_PROXY_ACTIONS } from './portal-events';

// The event names and the shape check live in a zod-free module that the content script imports.
export { EVENTS_API_EVENTS, looksLikePortalEvent, WINDOW_PROXY_ACTIONS } from './portal-events';

export const API_ROOT = '/Integra/resources';

/** Every REST path the adapter uses (§4.2, §4.3). */
export const PATHS = {
  agentLogin: 'auth/AgentLogin',
  /** Ends a token: form `user`, `token` (§4.2). */
  endSession: 'auth/EndSession',
  agentCall: 'Agents/AgentCall',
  /** AgentCall with `data` (`Par1=Val1:Par2=Val2`) for the workflow and forms (§4.3). */
  agentCallWithData: 'Agents/AgentCallwithData',
  hangup: 'Agents/HungupPhone',
  /** Tags a call's recording: `phone`, `guid`, `data`; answers nothing (asynchronous). */
  tagRecord: 'Agents/TagRecord',
  disposition: 'api/DispositionCall',
  agentBreak: 'api/AgentBreak',
  agentUnbreak: 'api/AgentUnBreak',
  agentLogoff: 'api/AgentLogoff',
  /** Live figures of every queue; also the heartbeat's reachability check (queues.ts). */
  queueSummary: 'Supervisor/queuesummary',
  /** The day's figures of one campaign, `queue` (queues.ts). */
  campaignStatus: 'Supervisor/campaignstatus',
  /** Dialer writes (dialer.ts): each takes one JSON object in a form field. */
  scheduleDialerCall: 'Dialers/ScheduleDialerCall',
  removeScheduleDialerCall: 'Dialers/RemoveScheduleDialerCall',
  dialerTask: 'Dialers/DialerTask',
  respool: 'Dialers/Respool',
  removeContact: 'Dialers/RemoveContact',
  /** The do-not-call registry (`black`, a JSON object). */
  addBlack: 'admin/addblack',
} as const;
export type UcontactPath = (typeof PATHS)[keyof typeof PATHS];

/** Numbers and ids arrive as JSON numbers or strings depending on the portal version. */
const text = z.union([z.string().max(500), z.number()]).transform((v) => String(v).trim());

/**
 * `auth/AgentLogin`: the agent's SIP peer incl. `md5secret` (Base64 `agent:<uuid>`), `callerid`
 * or `name` (the extension) and `accountcode` (the agent name); `0` on bad credentials (§4.2).
 */
export const AgentLoginAnswer = z.looseObject({
  md5secret: z.string().trim().min(1).max(500),
  callerid: text.optional(),
  name: text.optional(),
  accountcode: text.optional(),
  fullname: text.optional(),
});
export type AgentLoginAnswer = z.infer<typeof AgentLoginAnswer>;

/** A command's text answer: `1` (or a GUID for AgentCall) on success, `0` on error (§4.3). */
export const GUID = /^[0-9A-Za-z][0-9A-Za-z._-]{2,99}$/;

// ── Portal events (§4.4) ─────────────────────────────────────────────────────────────────────

export const PortalParams = z.looseObject({
  number: text.optional(),
  campaign: text.optional(),
  guid: text.optional(),
  callerid: text.optional(),
});

/** A field the Events API may send as `null` (a call without a client): absent, not an error. */
const maybeText = text
  .nullish()
  .transform((v) => v ?? undefined)
  .optional();

export const EventData = z.looseObject({
  guid: maybeText,
  campaign: maybeText,
  channel: maybeText,
  clientId: maybeText,
  number: maybeText,
});

export const PortalMessage = z.union([
  z.object({
    action: z.enum(WINDOW_PROXY_ACTIONS),
    params: PortalParams.default({}),
  }),
  z.object({
    event: z.enum(EVENTS_API_EVENTS),
    data: EventData.default({}),
  }),
]);
export type PortalMessage = z.infer<typeof PortalMessage>;

/** A normalized portal event: what the adapter maps (§4.5). */
export type PortalSignal =
  | { kind: 'ringing'; number?: string; guid?: string; campaign?: string; name?: string }
  | { kind: 'dialing'; number?: string; guid?: string; campaign?: string; name?: string }
  | { kind: 'ended'; number?: string; guid?: string }
  | { kind: 'disposed' }
  | { kind: 'loggedIn' }
  | { kind: 'ignored' };

/** Voice interactions only: the Events API also reports chats, e-mail and SMS. [INFERRED] */
const VOICE = /^(voice|call|phone|telephony)$/i;

/**
 * The caller's name in a portal frame, under `nameParam` (the `callerNameParam` setting).
 * Assumed: neither portal API documents a name (§4.4 shows `params: {number, ...}` and the Events
 * API `clientId`), so the key is a setting; a value that is not short text is no name.
 */
function nameIn(fields: Record<string, unknown>, nameParam: string): string | undefined {
  if (!nameParam || !Object.hasOwn(fields, nameParam)) return undefined;
  const value = fields[nameParam];
  if (typeof value !== 'string') return undefined;
  const name = value.trim().slice(0, 200);
  return name || undefined;
}

export function toSignal(message: PortalMessage, nameParam = ''): PortalSignal {
  if ('action' in message) {
    const { number, guid, campaign } = message.params;
    const name = nameIn(message.params, nameParam);
    switch (message.action) {
      case 'gettingCall':
        return { kind: 'ringing', number, guid, campaign, name };
      case 'makeCall':
        return { kind: 'dialing', number, guid, campaign, name };
      case 'finishedCall':
        return { kind: 'ended', number, guid };
      case 'sentDispositions':
        return { kind: 'disposed' };
      case 'agentLogin':
        return { kind: 'loggedIn' };
      case 'finishedSms':
        return { kind: 'ignored' };
    }
  }
  const { guid, campaign, channel, clientId, number } = message.data;
  if (channel && !VOICE.test(channel)) return { kind: 'ignored' };
  switch (message.event) {
    case 'assignedInteraction': {
      // The Events API names the customer `clientId`; a number where the portal sends one.
      const name = nameIn(message.data, nameParam);
      return { kind: 'ringing', number: number ?? clientId, guid, campaign, name };
    }
    case 'finishedInteraction':
      return { kind: 'ended', number: number ?? clientId, guid };
    case 'sentDisposition':
      return { kind: 'disposed' };
    default:
      return { kind: 'ignored' };
  }
}

// ── Outbound webhooks through the Switchboard relay (§4.4 item 3) ─────────────────────────────

/** Flags are documented as booleans; "true"/"false" and 1/0 are accepted too. [INFERRED] */
const flag = z
  .union([z.boolean(), z.literal(0), z.literal(1), z.enum(['true', 'false', '0', '1'])])
  .transform((v) => v === true || v === 1 || v === 'true' || v === '1');

const date = z.union([z.string().max(100), z.number()]).optional();

/**
 * The webhooks the adapter maps (§4.4 item 3, always with `event` and `date`). The catalogue names
 * six events but shows five: anything else is a protocolError.
 */
export const Webhook = z.discriminatedUnion('event', [
  z.looseObject({
    event: z.literal('AgentRingNoAnswer'),
    date,
    agent: text,
    agentNumber: text.optional(),
    agentFullName: text.optional(),
    callerIdNum: text.optional(),
    campaign: text.optional(),
  }),
  z.looseObject({ event: z.literal('AgentLog'), date, agent: text, isLogin: flag }),
  z.looseObject({
    event: z.literal('AgentBreak'),
    date,
    agent: text,
    motive: text.optional(),
    isBreak: flag,
  }),
  z.looseObject({
    event: z.literal('FinishInteraction'),
    date,
    agent: text,
    guid: text.pipe(z.string().min(1)),
    campaign: text.optional(),
  }),
  z.looseObject({
    event: z.literal('InteractionDisposition'),
    date,
    agent: text.optional(),
    guid: text.optional(),
    campaign: text.optional(),
  }),
]);
export type Webhook = z.output<typeof Webhook>;

export type ParsedWebhook = { ok: true; value: Webhook } | { ok: false; message: string };

export function parseWebhook(payload: unknown): ParsedWebhook {
  const parsed = Webhook.safeParse(payload);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = parsed.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
  return { ok: false, message: `Invalid uContact webhook: ${issues}` };
}
