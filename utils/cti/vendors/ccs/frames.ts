/**
 * What the adapter does with each frame of the CCS event socket (vendors/README.md §5.5): call
 * events go to the call tracker (through a single call lookup when they name nobody, lookup.ts),
 * agent events to the agent state, inbound queue events to the queue figures, refusals to a
 * notice, and unreadable frames to protocol errors. Never throws.
 */
import type { Logger } from '../../adapter';
import type { AgentState, CtiEvent } from '../../model';
import { observedAgent } from './agent';
import type { Identity } from './identity';
import { belongsTo, type CallEventKind, type CallTracker } from './calls';
import type { CcsEventNames } from './config';
import { parseSocketFrame } from './events';
import type { CallLookup } from './lookup';
import type { QueueEventRow } from './queues';
import type { AgentEventPayload, CallRecord } from './wire';

export const MAX_FRAME_IN_ERROR = 300;
/** Unmapped event names logged, at most. */
const MAX_UNMAPPED = 50;

export interface FrameHost {
  names: CcsEventNames;
  calls: CallTracker;
  lookup: CallLookup;
  me(): Identity | undefined;
  now(): number;
  log(): Logger | undefined;
  emit(event: CtiEvent): void;
  /** Send a text frame back (the keepalive's answer). */
  reply(text: string): void;
  /** An event named one of our calls, or an agent event named us (polling.ts). */
  callEventSeen(): void;
  agentEventSeen(): void;
  agent(agent: AgentState): void;
  queueRows(rows: QueueEventRow[]): void;
}

export class CcsFrames {
  /** Frame types we met and do not map, logged once each to help admins name the events. */
  private readonly unmapped = new Set<string>();

  constructor(private readonly host: FrameHost) {}

  handle(data: unknown): void {
    const host = this.host;
    if (typeof data !== 'string') {
      host.emit({ type: 'protocolError', message: 'Windstream CCS sent a binary frame' });
      return;
    }
    const message = parseSocketFrame(data, host.names);
    switch (message.kind) {
      case 'keepalive':
        if (message.reply) host.reply(message.reply);
        return;
      case 'invalid':
        host.emit({
          type: 'protocolError',
          message: message.message,
          frame: data.slice(0, MAX_FRAME_IN_ERROR),
        });
        return;
      case 'call':
        if (message.invalid) this.invalidEvent(message.name, data);
        for (const record of message.records) this.onCall(message.event, record);
        return;
      case 'agent':
        if (message.invalid) this.invalidEvent(message.name, data);
        for (const payload of message.payloads) this.onAgent(payload);
        return;
      case 'queue':
        if (message.invalid) this.invalidEvent(message.name, data);
        if (message.rows.length) host.queueRows(message.rows);
        return;
      case 'failure':
        host.emit({
          type: 'notice',
          level: 'warning',
          message: `Windstream CCS: ${message.reason}`,
        });
        return;
      case 'ignored':
        if (message.name && !this.unmapped.has(message.name) && this.unmapped.size < MAX_UNMAPPED) {
          this.unmapped.add(message.name);
          host.log()?.info('CCS event not mapped to any event setting', message.name);
        }
        return;
    }
  }

  /**
   * One call event, or the row a lookup found for it. A row or event that names another
   * extension is not ours; one that names nobody came on our own socket and is.
   */
  applyCall(kind: CallEventKind, record: CallRecord): void {
    const me = this.host.me();
    if (!me || !belongsTo(record, me, true)) return;
    this.host.callEventSeen();
    for (const event of this.host.calls.applyEvent(kind, record, me)) this.host.emit(event);
  }

  private onCall(kind: CallEventKind, record: CallRecord): void {
    const me = this.host.me();
    if (!me || !belongsTo(record, me, true)) return;
    if (kind === 'ended') this.host.lookup.drop(record.callId);
    else if (namesNoNumber(record) && !this.host.calls.knows(record.callId)) {
      // Held until GET /calls/<id> says who is calling (lookup.ts).
      if (this.host.lookup.hold(kind, record)) return;
    }
    this.applyCall(kind, record);
  }

  private onAgent(payload: AgentEventPayload): void {
    const me = this.host.me();
    if (!me) return;
    // Dashboard-style events list every agent (§5.2): only ours count.
    const ours = payload.uuid
      ? payload.uuid === me.uuid
      : !payload.extension || payload.extension === me.number;
    if (!ours) return;
    this.host.agentEventSeen();
    const agent = observedAgent(payload.state, payload.duration, this.host.now());
    if (agent) this.host.agent(agent);
  }

  private invalidEvent(name: string, data: string): void {
    this.host.emit({
      type: 'protocolError',
      message: `Invalid ${name} event from Windstream CCS`,
      frame: data.slice(0, MAX_FRAME_IN_ERROR),
    });
  }
}

/** The event says neither who called nor who was called (an extension alone does not say). */
const namesNoNumber = (record: CallRecord): boolean =>
  !record.calling_number && !record.called_number;
