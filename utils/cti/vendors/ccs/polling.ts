/**
 * The polling fallback (vendors/README.md §5.5: "as fallback, poll agent_state and the calls
 * list"). The event catalogue is unknown and a token may lack the Call Events permission, so
 * until a call event proves that the socket brings calls, the calls list and the agent state are
 * polled alongside it. A call that the polls list twice while no event named it means the
 * socket is silent about calls: the panel is told that calls now come by polling.
 *
 * Timers run on ctx.clock and stop on ctx.signal. Polls are quicker while the agent has the panel
 * open or a call is live, and never overlap: the next one is scheduled when the last is done.
 */
import type { Clock } from '../../adapter';
import { CtiError, type CtiEvent } from '../../model';

export const POLL = {
  /** Panel open or a call live: ringing calls must show up promptly. */
  activeMs: 2000,
  idleMs: 5000,
  /** With call events working, a live call is still checked now and then: a missed end event
   * (a wrongly configured name) must not leave a call on screen for ever. */
  reconcileMs: 30_000,
  /** Polls that list a call no event named before we call the socket silent. */
  missedAfterPolls: 2,
  /** Consecutive failed polls after which the connection counts as lost. */
  failuresBeforeLost: 3,
} as const;

export interface PollingHost {
  clock: Clock;
  signal: AbortSignal;
  panelOpen(): boolean;
  hasLiveCall(): boolean;
  /** Whether a live call has been listed `polls` times by polls and never named by an event. */
  missedByEvents(polls: number): boolean;
  pollCalls(): Promise<void>;
  pollAgent(): Promise<void>;
  emit(event: CtiEvent): void;
  /** The polls cannot go on (token refused, server gone): report the connection lost. */
  lost(error: CtiError): void;
}

export class CallPolling {
  private callEvents = false;
  private agentEvents = false;
  private mode: 'events' | 'polling' = 'events';
  private announced = '';
  private timer: unknown;
  private running = false;
  private stopped = false;
  private failures = 0;
  private lastCallPoll = Number.NEGATIVE_INFINITY;
  private warned = false;

  constructor(private readonly host: PollingHost) {
    host.signal.addEventListener('abort', () => this.stop(), { once: true });
  }

  start(): void {
    this.announce(this.intervalMs());
    this.schedule(this.intervalMs());
  }

  stop(): void {
    this.stopped = true;
    this.host.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  get transportMode(): 'events' | 'polling' {
    return this.mode;
  }

  /** An event named one of our calls: the socket brings calls, polling them can stop. */
  callEventSeen(): void {
    this.callEvents = true;
    if (this.mode === 'polling') {
      this.mode = 'events';
      this.announce(this.intervalMs());
    }
  }

  agentEventSeen(): void {
    this.agentEvents = true;
  }

  /** Poll now (after a dial, say), unless a poll is under way; the schedule restarts after. */
  poke(): void {
    if (this.stopped || this.running) return;
    this.host.clock.clearTimeout(this.timer);
    void this.tick();
  }

  private intervalMs(): number {
    return this.host.panelOpen() || this.host.hasLiveCall() ? POLL.activeMs : POLL.idleMs;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.host.clock.clearTimeout(this.timer);
    this.timer = this.host.clock.setTimeout(() => void this.tick(), ms);
  }

  private async tick(): Promise<void> {
    if (this.stopped || this.running) return;
    this.running = true;
    try {
      const reconcile =
        this.host.hasLiveCall() && this.host.clock.now() - this.lastCallPoll >= POLL.reconcileMs;
      if (!this.callEvents || reconcile) {
        this.lastCallPoll = this.host.clock.now();
        await this.host.pollCalls();
      }
      if (!this.agentEvents) await this.host.pollAgent();
      this.failures = 0;
    } catch (error) {
      this.failed(error);
    } finally {
      this.running = false;
    }
    if (this.stopped) return;
    if (!this.callEvents && this.host.missedByEvents(POLL.missedAfterPolls)) this.mode = 'polling';
    const interval = this.intervalMs();
    this.announce(interval);
    this.schedule(interval);
  }

  private failed(error: unknown): void {
    const err = error instanceof CtiError ? error : new CtiError('network', String(error));
    if (this.stopped) return;
    if (err.code === 'auth') return this.host.lost(err);
    if (err.code === 'protocol') {
      this.host.emit({ type: 'protocolError', message: err.message });
      return;
    }
    if (err.code === 'rejected') {
      // A missing permission will not heal by itself: say so once, keep trying quietly.
      if (!this.warned) {
        this.warned = true;
        this.host.emit({
          type: 'notice',
          level: 'warning',
          message: `Switchboard may not see your calls: ${err.message}`,
        });
      }
      return;
    }
    this.failures += 1;
    if (this.failures >= POLL.failuresBeforeLost) this.host.lost(err);
  }

  /** Tell the panel how calls reach us, when that changes. */
  private announce(intervalMs: number): void {
    const event: CtiEvent =
      this.mode === 'events'
        ? { type: 'transport', mode: 'events' }
        : { type: 'transport', mode: 'polling', intervalMs };
    const key = JSON.stringify(event);
    if (key === this.announced) return;
    this.announced = key;
    this.host.emit(event);
  }
}
