/**
 * The MaxContact Telephony Data Services wire (vendors/README.md §3, api-pages/maxcontact-telephony.txt):
 * zod schemas of the answers we read and builders of the requests we make. Nothing outside this
 * folder knows these shapes.
 *
 * Every method is a GET under `/webservices/services/telephony/<method>/user/{UserID}/…` answering a
 * `CallActionResponse` envelope (§3.4). Schemas are lenient on display fields (null, numbers where
 * strings are documented) and strict on what we key on (`CallId`, `Success`, `Code`).
 */
import { z } from 'zod';

export const TOKEN_PATH = '/webservices/services/apitoken/login';
export const TELEPHONY_PATH = '/webservices/services/telephony';
/** Every API call needs `Cookie: TokenKey=…` (§3.3); the header rule covers this prefix. */
export const COOKIE_SCOPE_PATH = '/webservices/';

// ── Answers ───────────────────────────────────────────────────────────────────────────────────

/** Display text that may come as a number or null; blank counts as absent. */
const text = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => {
    const s = v === null || v === undefined ? '' : String(v).trim();
    return s === '' ? undefined : s;
  });

/** Integers whose meanings are [UNKNOWN] (§3.5 "Appendix"): kept raw for diagnostics and data. */
const rawInt = z.number().int().nullish();

/** The documented envelope of every method (§3.4 "CallActionResponse"). */
export const CallActionResponse = z.object({
  Success: z.boolean(),
  Data: z.unknown().optional(),
  ResponseCode: z.number().int().nullish(),
  ResponseDetail: z.string().nullish(),
});
export type CallActionResponse = z.infer<typeof CallActionResponse>;

/** An integer id that may come as a digit string; ours as a string. */
const IntId = z
  .union([
    z.number().int().nonnegative(),
    z
      .string()
      .trim()
      .regex(/^\d{1,19}$/),
  ])
  .transform((v) => String(v));

/**
 * A list whose items are checked one by one: a bad item is left out and counted, so that one odd
 * record does not hide the others (the adapter reports the count as a protocol error).
 */
export function lenientList<S extends z.ZodType>(item: S) {
  return z
    .array(z.unknown())
    .nullish()
    .transform((raw) => {
      const items: z.output<S>[] = [];
      let dropped = 0;
      for (const value of raw ?? []) {
        const parsed = item.safeParse(value);
        if (parsed.success) items.push(parsed.data);
        else dropped += 1;
      }
      return { items, dropped };
    });
}

/** In-memory integers that restart at 1000 with the platform (§3.4 note): never an identity alone. */
const CallId = z
  .union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)])
  .transform((v) => String(v));

/** §3.5 "Call", returned by `dial` and (as an array) by `getcalls`. */
export const WireCall = z.object({
  CallId,
  /** dateTime in an [UNKNOWN] serialization (ISO or .NET `/Date(ms)/`): used for identity only. */
  CallStartTime: z
    .union([z.string(), z.number()])
    .nullish()
    .transform((v) => (v === null || v === undefined ? undefined : String(v))),
  CallState: rawInt,
  CallStatus: rawInt,
  CustomerName: text,
  CustomerName2: text,
  PhoneNumber: text,
  RecordingState: rawInt,
  // Not in the documented Call entity: read when a platform version sends them [UNKNOWN]. The
  // names follow the Campaign (`CampaignName`) and ACD queue (`AcdName`) entities of the API page.
  CampaignName: text,
  AcdName: text,
  LeadId: text,
});
export type WireCall = z.output<typeof WireCall>;

/** `getcalls` Data: the agent's live calls. A null list is read as none. */
export const CallList = z
  .array(WireCall)
  .nullish()
  .transform((v) => v ?? []);

/** `dial` Data: the new call, when the platform returns it. */
export const DialData = WireCall.nullish();

/** §3.4 "Result Code", returned (as an array) by `resultcodes`. */
export const ResultCode = z.object({
  Code: z.union([z.string().trim().min(1), z.number()]).transform((v) => String(v)),
  Description: text,
  IsAgentViewable: z.boolean().nullish(),
  IsSystemResultCode: z.boolean().nullish(),
  IsTransfer: z.boolean().nullish(),
});
export type ResultCode = z.output<typeof ResultCode>;

export const ResultCodeList = z
  .array(ResultCode)
  .nullish()
  .transform((v) => v ?? []);

/** §3.4 "Agent Name ID Pair", returned (as an array) by `users`. */
export const AgentUser = z.object({ FullName: text, ID: IntId });
export type AgentUser = z.output<typeof AgentUser>;
export const UserList = lenientList(AgentUser);

/**
 * §3.4 "ACD (Skill) Queue", returned (as an array) by `acdqueues`. `SessionStats`,
 * `SnapshotStats` and `TenMinuteOffers` are objects whose fields the API page does not give: not
 * read.
 */
export const AcdQueue = z.object({ ID: IntId, AcdName: text, Active: z.boolean().nullish() });
export type AcdQueue = z.output<typeof AcdQueue>;
export const AcdQueueList = lenientList(AcdQueue);

/**
 * §3.4 "Lead Phone", returned (as an array) by `leadphones`. `changelead` takes a LeadPhoneID the
 * documented entity does not have: the adapter reads it under the configured field name
 * (settings `leadPhoneIdField`), so the rest of the object is kept.
 */
export const WireLeadPhone = z.looseObject({
  LeadId: IntId,
  PhoneNumber: text,
  RecordType: text,
  RecordTypeId: rawInt,
});
export type WireLeadPhone = z.output<typeof WireLeadPhone>;
export const LeadPhoneList = lenientList(WireLeadPhone);

/** The lead phone's id under `field`, when it is an id at all. */
export function leadPhoneIdOf(phone: WireLeadPhone, field: string): string | undefined {
  const parsed = IntId.safeParse(phone[field]);
  return parsed.success ? parsed.data : undefined;
}

/**
 * `createnewlead` Data: not documented. Assumed: the new lead's id, as a number, a digit string,
 * or an object with `LeadId`/`LeadID`/`ID`; anything else means the id is not given.
 */
export const NewLeadData = z.unknown().transform((data): string | undefined => {
  const direct = IntId.safeParse(data);
  if (direct.success) return direct.data;
  if (data === null || typeof data !== 'object') return undefined;
  const record = data as Record<string, unknown>;
  for (const key of ['LeadId', 'LeadID', 'ID']) {
    const id = IntId.safeParse(record[key]);
    if (id.success) return id.data;
  }
  return undefined;
});

/**
 * The token service's answer (§3.3): public client code reads `TokenKey` at the top level; an
 * envelope with `Data.TokenKey` is accepted too. The expiry field is [UNKNOWN] and not read.
 */
export const TokenAnswer = z.union([
  z.object({ TokenKey: z.string().min(1) }).transform((v) => v.TokenKey),
  CallActionResponse.extend({
    Success: z.literal(true),
    Data: z.object({ TokenKey: z.string().min(1) }),
  }).transform((v) => v.Data.TokenKey),
]);

// ── Requests ──────────────────────────────────────────────────────────────────────────────────

/** One telephony method call: path segments after `/telephony/`, and its query. */
export interface TelephonyRequest {
  method: string;
  segments: string[];
  query?: Readonly<Record<string, string>>;
}

const onUser = (method: string, userId: string, ...rest: string[]): TelephonyRequest => ({
  method,
  segments: [method, 'user', userId, ...rest],
});
const onCall = (method: string) => (userId: string, callId: string) =>
  onUser(method, userId, 'call', callId);

export interface ConnectCalls {
  call1: string;
  call2: string;
  resultcode1: string;
  resultcode2: string;
  notes1?: string;
  notes2?: string;
}

/**
 * Paths copied from the API page (§3.4). The undocumented ones (not ready, break, log out,
 * transfer to a user) are settings: paths.ts.
 */
export const telephony = {
  getcalls: (userId: string) => onUser('getcalls', userId),
  goready: (userId: string) => onUser('goready', userId),
  dial: (userId: string, phone: string, leadId?: string): TelephonyRequest => ({
    ...onUser('dial', userId, 'phone', phone),
    ...(leadId ? { query: { leadid: leadId } } : {}),
  }),
  hangup: onCall('hangup'),
  hold: onCall('hold'),
  retrieve: onCall('retrieve'),
  stoprecord: onCall('stoprecord'),
  startrecord: onCall('startrecord'),
  /** Also hangs the call up if it is still live (api-pages "Dispose"); takes no notes. */
  dispose: (userId: string, callId: string, resultCode: string): TelephonyRequest => ({
    ...onCall('dispose')(userId, callId),
    query: { resultcode: resultCode },
  }),
  resultcodes: (userId: string) => onUser('resultcodes', userId),
  users: (userId: string) => onUser('users', userId),
  acdqueues: (userId: string) => onUser('acdqueues', userId),
  leadphones: (userId: string, leadId: string) => onUser('leadphones', userId, 'lead', leadId),
  changelead: (userId: string, callId: string, leadPhoneId: string) =>
    onUser('changelead', userId, 'call', callId, 'leadphone', leadPhoneId),
  createnewlead: (userId: string, callId: string, phone: string) =>
    onUser('createnewlead', userId, 'call', callId, 'phone', phone),
  /** Bridges two live calls: a warm transfer. Result codes are required, notes optional. */
  connectcalls: (userId: string, p: ConnectCalls): TelephonyRequest => ({
    ...onUser('connectcalls', userId),
    query: Object.fromEntries(
      Object.entries(p).filter((e): e is [string, string] => typeof e[1] === 'string'),
    ),
  }),
};

/** The password goes Base64-encoded in `Authorization`, without a scheme (§3.3). */
export function encodePassword(password: string): string {
  // §3.3 says "Base64 (ASCII)"; UTF-8 bytes keep ASCII passwords identical and others lossless.
  let binary = '';
  for (const byte of new TextEncoder().encode(password)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
