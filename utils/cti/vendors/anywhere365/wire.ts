/**
 * The Anywhere365 CTI Broker's wire (vendors/README.md §2). Everything the broker sends is parsed
 * here (the relay frames that carry it: ../shared/relay-link.ts); nothing else in the adapter
 * looks at raw JSON.
 */
import { z } from 'zod';

/** §2.4: the integer `commandType` values; other values are not documented. */
export const COMMAND_TYPES = { AgentLogin: 0, AgentLogout: 1, Dial: 4, HeartBeat: 14 } as const;
export type CommandName = keyof typeof COMMAND_TYPES;

/** §2.4: `{ImAddress, commandType, number}`; integers are sent (the doc's sample uses names). */
export interface CommandBody {
  ImAddress: string;
  commandType: number;
  number?: string;
}

export function commandBody(imAddress: string, name: CommandName, number?: string): CommandBody {
  return {
    ImAddress: imAddress,
    commandType: COMMAND_TYPES[name],
    ...(number === undefined ? {} : { number }),
  };
}

/** §2.6: 2 is unused; names are accepted as well, since the broker may write enums by name. */
export const EVENT_TYPES = {
  0: 'LoggedIn',
  1: 'LoggedOff',
  3: 'Hunting',
  4: 'Connected',
  5: 'Disconnected',
  6: 'OnHold',
  7: 'Retrieve',
} as const;
export type EventName = (typeof EVENT_TYPES)[keyof typeof EVENT_TYPES];
const EVENT_NAMES = Object.values(EVENT_TYPES) as EventName[];

const eventType = z.union([z.number().int(), z.string()]).transform((value, ctx) => {
  const name =
    typeof value === 'number'
      ? (EVENT_TYPES as Record<number, EventName | undefined>)[value]
      : EVENT_NAMES.find((n) => n.toLowerCase() === value.trim().toLowerCase());
  if (!name) {
    ctx.addIssue({ code: 'custom', message: `unknown eventType ${JSON.stringify(value)}` });
    return z.NEVER;
  }
  return name;
});

/** `SessionType` 0 inbound, 1 outbound (§2.6); by name too, for the same reason as eventType. */
const sessionType = z
  .union([z.literal(0), z.literal(1), z.enum(['Inbound', 'Outbound', 'inbound', 'outbound'])])
  .transform((v): 'inbound' | 'outbound' =>
    v === 0 || v === 'Inbound' || v === 'inbound' ? 'inbound' : 'outbound',
  );

/** The webhook body (§2.6), as the relay forwards it in `event.payload`. */
export const BrokerEvent = z.object({
  SubscriptionId: z.string().max(100).nullish(),
  SessionType: sessionType.nullish(),
  ImAddress: z.string().min(1).max(320),
  eventType,
  /** A GUID for call events; empty on a successful LoggedIn, "failed" on a failed one. */
  callId: z.string().max(200).nullish(),
  ani: z.string().max(200).nullish(),
});
export type BrokerEvent = z.output<typeof BrokerEvent>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}

export function parseBrokerEvent(payload: unknown): Parsed<BrokerEvent> {
  const parsed = BrokerEvent.safeParse(payload);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, message: `Invalid Anywhere365 event: ${describe(parsed.error)}` };
}

/** "sip:Alice@Example.com" and "alice@example.com" are the same agent. */
export function sameAddress(a: string, b: string): boolean {
  const norm = (s: string) => s.trim().replace(/^sip:/i, '').toLowerCase();
  return norm(a) === norm(b);
}

/** The ImAddress as the broker writes it: with its `sip:` scheme. */
export function sipAddress(address: string): string {
  const trimmed = address.trim();
  return /^sip:/i.test(trimmed) ? trimmed : `sip:${trimmed}`;
}
