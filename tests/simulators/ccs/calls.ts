/**
 * One simulated CCS call on an extension's line. Its row is what GET /calls lists and what call
 * events carry (the body is truncated on the API page, §4.19–§4.21: the fields are the
 * assumption documented in docs/vendors.md); "progress" and "answered" are the page's words.
 */
import type { SimCall, SimCallStatus } from './types';

export interface CallHost {
  /** Called after every change, with the kind of event to push. */
  callChanged(call: SimCallImpl, event: 'ringing' | 'dialing' | 'answered' | 'ended'): void;
}

export interface CallInit {
  callId: string;
  direction: 'inbound' | 'outbound';
  extension: string;
  extensionUuid: string;
  callingNumber: string;
  callingName?: string;
  calledNumber: string;
  queueName?: string;
}

export class SimCallImpl implements SimCall {
  readonly callId: string;
  readonly direction: 'inbound' | 'outbound';
  readonly extension: string;
  readonly extensionUuid: string;
  readonly callingNumber: string;
  readonly callingName: string | undefined;
  readonly calledNumber: string;
  readonly queueName: string | undefined;
  status: SimCallStatus = 'progress';
  suppressed = false;
  readonly startTime = new Date();
  answerTime: Date | undefined;
  endTime: Date | undefined;

  constructor(
    private readonly host: CallHost,
    init: CallInit,
  ) {
    this.callId = init.callId;
    this.direction = init.direction;
    this.extension = init.extension;
    this.extensionUuid = init.extensionUuid;
    this.callingNumber = init.callingNumber;
    this.callingName = init.callingName;
    this.calledNumber = init.calledNumber;
    this.queueName = init.queueName || undefined;
  }

  get live(): boolean {
    return this.status !== 'ended';
  }

  /** A queue call still ringing: what `wait_kill` ends (api-pages §4.27; assumed meaning). */
  get waiting(): boolean {
    return this.direction === 'inbound' && this.status === 'progress' && !!this.queueName;
  }

  /** The row of GET /calls and the payload of call events. */
  record(): Record<string, unknown> {
    return {
      call_id: this.callId,
      status: this.status,
      direction: this.direction,
      calling_number: this.callingNumber,
      ...(this.callingName ? { calling_name: this.callingName } : {}),
      called_number: this.calledNumber,
      ...(this.queueName ? { queue_name: this.queueName } : {}),
      extension: this.extension,
      extension_uuid: this.extensionUuid,
      start_time: isoSeconds(this.startTime),
      ...(this.answerTime ? { answer_time: isoSeconds(this.answerTime) } : {}),
      ...(this.endTime ? { end_time: isoSeconds(this.endTime) } : {}),
      suppressed: this.suppressed,
    };
  }

  /** The event kind for the current status. */
  eventKind(): 'ringing' | 'dialing' | 'answered' | 'ended' {
    if (this.status === 'answered') return 'answered';
    if (this.status === 'ended') return 'ended';
    return this.direction === 'outbound' ? 'dialing' : 'ringing';
  }

  answer(): void {
    if (this.status !== 'progress') return;
    this.status = 'answered';
    this.answerTime = new Date();
    this.host.callChanged(this, 'answered');
  }

  hangup(): void {
    if (!this.live) return;
    this.status = 'ended';
    this.endTime = new Date();
    this.host.callChanged(this, 'ended');
  }

  repeatLastEvent(): void {
    if (this.live) this.host.callChanged(this, this.eventKind());
  }
}

/** The filter's datetime format (api-pages §4.21: `2021-10-07T07:22:21`, UTC). */
function isoSeconds(date: Date): string {
  return date.toISOString().slice(0, 19);
}

/** A duration as the page writes them (`"117:56:46"`, §4.15). */
export function duration(since: number): string {
  const s = Math.max(0, Math.floor((Date.now() - since) / 1000));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${Math.floor(s / 3600)}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}
