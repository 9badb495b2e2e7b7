/**
 * Webhook bodies the relay accepts. The relay validates enough to route safely and forwards the
 * body as it arrived; the extension's adapters do the mapping.
 */
import { z } from 'zod';

/**
 * Anywhere365 CTI Broker callback (vendors/README §2.6; api-pages/anywhere365-cti-broker.txt,
 * "Payload"). `eventType` and `SessionType` may arrive as ints or as .NET enum names (§2.6:
 * "[UNKNOWN] … Parse both"). `callId` is empty for a successful LoggedIn and `ani` has no meaning
 * for LoggedIn/LoggedOff, so both may be empty or null; `SubscriptionId` is tolerated missing
 * because routing does not need it (only de-duplication does).
 */
const EnumValue = z.union([
  z.number().int().min(0).max(1000),
  z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,63}$/),
]);
export const Anywhere365Event = z.looseObject({
  SubscriptionId: z.string().max(200).nullish(),
  SessionType: EnumValue,
  ImAddress: z.string().min(1).max(320),
  eventType: EnumValue,
  callId: z.string().max(200).nullish(),
  ani: z.string().max(200).nullish(),
});
export type Anywhere365Event = z.infer<typeof Anywhere365Event>;

/** §2.6: the call events (Hunting, Connected, Disconnected, OnHold, Retrieve), by number or name. */
const CALL_EVENTS = new Set([
  '3',
  '4',
  '5',
  '6',
  '7',
  'hunting',
  'connected',
  'disconnected',
  'onhold',
  'retrieve',
]);

/**
 * The call session an Anywhere365 event belongs to (relay/sessions.ts): its `callId`, for a call
 * event that has one. LoggedIn and LoggedOff carry no call (their `callId` is empty, or "failed"),
 * and an event type the page does not list is routed to its agent only.
 */
export function sessionOf(event: Anywhere365Event): string | undefined {
  if (!CALL_EVENTS.has(String(event.eventType).toLowerCase())) return undefined;
  const id = event.callId?.trim();
  return id ? id : undefined;
}

/**
 * uContact outbound webhook (vendors/README §4.4 item 3): always `event` and `date`; agent events
 * carry `agent` (AgentRingNoAnswer, AgentLog, AgentBreak, FinishInteraction). Validated loosely —
 * the catalogue is only partly public — and routed by `agent`. `date`'s format is not documented,
 * so it is not required.
 */
export const UcontactEvent = z.looseObject({
  event: z.string().min(1).max(100),
  date: z.union([z.string().max(100), z.number()]).optional(),
  agent: z
    .union([z.string().max(200), z.number().int()])
    .transform((a) => String(a).trim())
    .optional(),
});
export type UcontactEvent = z.infer<typeof UcontactEvent>;
