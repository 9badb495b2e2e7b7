/**
 * Reading CCS WebSocket frames (vendors/README.md §5.2, §5.5). The event catalogue is not public,
 * so the type key, the payload key and the event names come from the settings (CcsEventNames);
 * the payload may be one object or a list of them (the /6/sock wallboard's `response:[…]`).
 * Never throws: bad input comes back as `invalid`.
 */
import type { z } from 'zod';
import type { CallEventKind } from './calls';
import type { CcsEventNames } from './config';
import { QueueEventRow } from './queues';
import { AgentEventPayload, CallRecord, Failure, readItems } from './wire';

export type SocketMessage =
  /** Plain-text keepalive; `reply` when the server pinged us. */
  | { kind: 'keepalive'; reply?: string }
  | { kind: 'call'; event: CallEventKind; records: CallRecord[]; invalid: number; name: string }
  | { kind: 'agent'; payloads: AgentEventPayload[]; invalid: number; name: string }
  /** Inbound queue figures (queues.ts). */
  | { kind: 'queue'; rows: QueueEventRow[]; invalid: number; name: string }
  /** A refusal on the socket (insufficient permissions, api-pages §2.2). */
  | { kind: 'failure'; reason: string }
  | { kind: 'ignored'; name: string | undefined }
  | { kind: 'invalid'; message: string };

export function parseSocketFrame(raw: string, names: CcsEventNames): SocketMessage {
  const trimmed = raw.trim().toLowerCase();
  if (trimmed === 'pong') return { kind: 'keepalive' };
  if (trimmed === 'ping') return { kind: 'keepalive', reply: 'pong' };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { kind: 'invalid', message: 'Windstream CCS sent a frame that is not JSON' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { kind: 'invalid', message: 'Windstream CCS sent a frame that is not a JSON object' };
  }
  const frame = json as Record<string, unknown>;
  const type = frame[names.typeKey];
  const name = typeof type === 'string' ? type : undefined;
  const kind = name ? callKind(name, names) : undefined;
  if (kind)
    return { kind: 'call', event: kind, name: name as string, ...items(CallRecord, frame, names) };
  if (name && name === names.agentState) {
    const { records, invalid } = items(AgentEventPayload, frame, names);
    return { kind: 'agent', name, payloads: records, invalid };
  }
  if (name && names.queueStats.includes(name)) {
    const { records, invalid } = items(QueueEventRow, frame, names);
    return { kind: 'queue', name, rows: records, invalid };
  }
  const failure = Failure.safeParse(frame);
  if (failure.success && failure.data.success === false) {
    return { kind: 'failure', reason: failure.data.reason ?? 'no reason given' };
  }
  return { kind: 'ignored', name };
}

function callKind(name: string, names: CcsEventNames): CallEventKind | undefined {
  // '' disables an event: it can never equal a non-empty frame type.
  if (name === names.callRinging) return 'ringing';
  if (name === names.callDialing) return 'dialing';
  if (name === names.callAnswered) return 'answered';
  if (name === names.callEnded) return 'ended';
  return undefined;
}

function items<T extends z.ZodType>(
  schema: T,
  frame: Record<string, unknown>,
  names: CcsEventNames,
): { records: z.output<T>[]; invalid: number } {
  const payload =
    names.payloadKey && frame[names.payloadKey] !== undefined ? frame[names.payloadKey] : frame;
  const rows = Array.isArray(payload) ? payload : [payload];
  const { items: records, invalid } = readItems(schema, rows);
  return { records, invalid };
}
