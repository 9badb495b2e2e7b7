/**
 * One simulated MaxContact call (vendors/README.md §3.5): its owner, state, lead and recording,
 * and its wire form (the Call entity of the API page).
 */
import type { SimCall, SimCallState } from './types';

/** The simulator's own integers for the [UNKNOWN] `CallState` (§3.5). */
const CALL_STATE: Record<SimCallState, number> = {
  offered: 1,
  dialing: 1,
  connected: 2,
  held: 3,
  ended: 0,
};

export interface CallInit {
  userId: number;
  direction: 'inbound' | 'outbound';
  phoneNumber: string;
  customerName?: string;
  customerName2?: string;
  campaign?: string;
  queue?: string;
  state: 'offered' | 'dialing';
  leadId?: number;
}

/** What a call needs of the platform around it. */
export interface CallWorld {
  readonly settings: {
    startTimeFormat: 'iso' | 'dotnet' | 'none';
    extendedCallFields: boolean;
  };
  /** A call of this agent ended: wrap-up when it was the last. */
  afterCall(userId: number): void;
}

export class SimCallImpl implements SimCall {
  readonly CallId: number;
  readonly startedAt = new Date();
  state: SimCallState;
  recording = true;
  resultCode: string | undefined;
  bridgedTo: number | undefined;
  userId: number;
  leadId: number | undefined;
  readonly transferredBy: number[] = [];
  /** "Transfer To User" offered it to this user; `completetransfer` hands it over. */
  offeredTo: number | undefined;
  /** Result codes filed by the users who transferred it away (by user id). */
  readonly earlierResults = new Map<number, string>();

  constructor(
    private readonly world: CallWorld,
    CallId: number,
    private readonly init: CallInit,
  ) {
    this.CallId = CallId;
    this.state = init.state;
    this.userId = init.userId;
    this.leadId = init.leadId;
  }

  get direction() {
    return this.init.direction;
  }
  get phoneNumber() {
    return this.init.phoneNumber;
  }
  get customerName() {
    return this.init.customerName ?? '';
  }
  get campaign() {
    return this.init.campaign || undefined;
  }
  get queue() {
    return this.init.queue || undefined;
  }
  get live(): boolean {
    return this.state !== 'ended';
  }

  answer(): void {
    if (this.state === 'offered' || this.state === 'dialing') this.state = 'connected';
  }
  hangup(): void {
    if (!this.live) return;
    this.state = 'ended';
    this.world.afterCall(this.userId);
  }
  hold(): void {
    if (this.state === 'connected') this.state = 'held';
  }
  retrieve(): void {
    if (this.state === 'held') this.state = 'connected';
  }

  /** The call leaves its agent for `userId`, where it is delivered (offered) again. */
  handTo(userId: number): void {
    const from = this.userId;
    this.transferredBy.push(from);
    this.userId = userId;
    this.offeredTo = undefined;
    this.state = 'offered';
    this.world.afterCall(from);
  }

  /** §3.5 "Call", plus the [UNKNOWN] campaign, queue and lead fields when the options say so. */
  toWire(): Record<string, unknown> {
    const { startTimeFormat, extendedCallFields } = this.world.settings;
    const ms = this.startedAt.getTime();
    return {
      CallId: this.CallId,
      ...(startTimeFormat === 'none'
        ? {}
        : {
            CallStartTime:
              startTimeFormat === 'dotnet' ? `/Date(${ms})/` : this.startedAt.toISOString(),
          }),
      CallState: CALL_STATE[this.state],
      CallStatus: this.direction === 'inbound' ? 0 : 1,
      CustomerName: this.customerName,
      CustomerName2: this.init.customerName2 ?? '',
      PhoneNumber: this.phoneNumber,
      RecordingState: this.recording ? 1 : 0,
      ...(extendedCallFields && this.campaign ? { CampaignName: this.campaign } : {}),
      ...(extendedCallFields && this.queue ? { AcdName: this.queue } : {}),
      ...(extendedCallFields && this.leadId !== undefined ? { LeadId: this.leadId } : {}),
    };
  }
}
