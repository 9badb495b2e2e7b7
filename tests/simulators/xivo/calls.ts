/**
 * One simulated call leg on a user's line. Every state change goes out as a PhoneEvent
 * (vendors/README.md §1.7, §9: Ringing → Established → (OnHold ↔ Established) → Released, keyed
 * by uniqueId/linkedId).
 */
import type { SimCall, SimCallState } from './types';

export interface CallHost {
  phoneNumberOf(login: string): string;
  userIdOf(login: string): number;
  /** Called after every state change, with the xuc event type to announce. */
  callChanged(call: SimCallImpl, eventType: string): void;
  /** Sends a PhoneEvent for the call without any change. */
  announce(call: SimCallImpl): void;
}

const EVENT_TYPES: Record<SimCallState, string> = {
  ringing: 'EventRinging',
  dialing: 'EventDialing',
  established: 'EventEstablished',
  held: 'EventOnHold',
  released: 'EventReleased',
};

export interface CallInit {
  uniqueId: string;
  linkedId: string;
  login: string;
  direction: 'Incoming' | 'Outgoing';
  otherDN: string;
  otherDName?: string;
  queueName?: string;
  userData?: Record<string, string>;
  state: 'ringing' | 'dialing';
}

export class SimCallImpl implements SimCall {
  readonly uniqueId: string;
  readonly linkedId: string;
  readonly login: string;
  readonly direction: 'Incoming' | 'Outgoing';
  readonly otherDN: string;
  readonly otherDName: string | undefined;
  readonly queueName: string | undefined;
  readonly userData: Record<string, string>;
  state: SimCallState;
  dtmf = '';
  monitorState: 'ACTIVE' | 'PAUSED' | 'DISABLED';
  /** Was ever established: a queue call answered by the agent goes to wrap-up on release. */
  answered = false;
  /** Counted as answered in its queue's statistics. */
  counted = false;
  /** When the leg was created (the call history's `start`). */
  readonly startedAt = Date.now();

  constructor(
    private readonly host: CallHost,
    init: CallInit,
  ) {
    this.uniqueId = init.uniqueId;
    this.linkedId = init.linkedId;
    this.login = init.login;
    this.direction = init.direction;
    this.otherDN = init.otherDN;
    this.otherDName = init.otherDName;
    this.queueName = init.queueName || undefined;
    this.userData = { ...(init.userData ?? {}) };
    this.state = init.state;
    // Only calls a queue delivered are recorded and can be paused (api-pages monitorPause).
    this.monitorState = this.queueName ? 'ACTIVE' : 'DISABLED';
  }

  get live(): boolean {
    return this.state !== 'released';
  }

  /** The PhoneEvent payload, exactly as the API page shows it. */
  phoneEvent(eventType = EVENT_TYPES[this.state]): Record<string, unknown> {
    const own = this.host.phoneNumberOf(this.login);
    return {
      eventType,
      DN: own,
      otherDN: this.otherDN,
      otherDName: this.otherDName ?? '',
      linkedId: this.linkedId,
      uniqueId: this.uniqueId,
      ...(this.queueName ? { queueName: this.queueName } : {}),
      callDirection: this.direction,
      userData: {
        XIVO_CONTEXT: this.direction === 'Incoming' ? 'from-extern' : 'default',
        XIVO_USERID: String(this.host.userIdOf(this.login)),
        XIVO_SRCNUM: this.direction === 'Incoming' ? this.otherDN : own,
        XIVO_DSTNUM: this.direction === 'Incoming' ? own : this.otherDN,
        ...this.userData,
      },
    };
  }

  answer(): void {
    if (this.state === 'ringing' || this.state === 'dialing') this.set('established');
  }

  hold(): void {
    if (this.state === 'established') this.set('held');
  }

  resume(): void {
    if (this.state === 'held') this.set('established');
  }

  hangup(): void {
    if (this.live) this.set('released');
  }

  repeatLastEvent(): void {
    if (this.live) this.host.announce(this);
  }

  /** The failure PhoneEvent (name [UNKNOWN], §1.10: assumed EventFailure); the leg is gone. */
  fail(): void {
    if (!this.live) return;
    this.state = 'released';
    this.host.callChanged(this, 'EventFailure');
  }

  private set(state: SimCallState): void {
    this.state = state;
    if (state === 'established') this.answered = true;
    this.host.callChanged(this, EVENT_TYPES[state]);
  }
}
