/**
 * A simulated XiVO agent: login on a phone, pause with a reason, and the call-driven states
 * xuc reports (AgentRinging, AgentDialing, AgentOnCall, AgentOnWrapup; api-pages
 * "Agent State Event").
 */
import type { SimCallImpl } from './calls';
import type { SimUser } from './types';

export interface AgentHost {
  callsOf(login: string): SimCallImpl[];
  pushTo(login: string, msgType: string, ctiMessage: unknown): void;
  later(fn: () => void, ms: number): void;
  wrapUpMs: number;
  /** The agent's queues (features.ts), as AgentStateEvent lists them. */
  queueIdsOf(agentId: number): number[];
  /** The agent's state changed: the statistics follow. */
  stateChanged(): void;
}

/** AgentStatistics (api-pages "Agent Statistics"): seconds per state, and login times. */
const TIMED: Readonly<Record<string, string>> = {
  AgentReady: 'AgentReadyTotalTime',
  AgentOnPause: 'AgentPausedTotalTime',
  AgentOnWrapup: 'AgentWrapupTotalTime',
};

export class SimAgent {
  /** The phone the agent is logged in on; undefined = logged out. */
  phoneNb: string | undefined;
  paused = false;
  cause = 'available';
  private wrapping = 0;
  private lastSent = '';
  /** Seconds spent per timed state, and the state we are timing since when. */
  private readonly totals = new Map<string, number>();
  private timing = { name: 'AgentLoggedOut', since: Date.now() };
  private loginAt: number | undefined;
  private logoutAt: number | undefined;
  private inboundCalls = 0;

  constructor(
    private readonly host: AgentHost,
    readonly user: SimUser,
  ) {
    this.phoneNb = user.loggedInOn;
  }

  get agentId(): number {
    return this.user.agentId;
  }

  name(): string {
    if (this.phoneNb === undefined) return 'AgentLoggedOut';
    const calls = this.host.callsOf(this.user.login);
    if (calls.some((c) => c.state === 'established' || c.state === 'held')) return 'AgentOnCall';
    if (calls.some((c) => c.state === 'ringing')) return 'AgentRinging';
    if (calls.some((c) => c.state === 'dialing')) return 'AgentDialing';
    if (this.wrapping > 0) return 'AgentOnWrapup';
    return this.paused ? 'AgentOnPause' : 'AgentReady';
  }

  /** The AgentStateEvent payload (`since` is ambiguous in the docs, §1.7: always 0 here). */
  payload(): Record<string, unknown> {
    const name = this.name();
    const base = {
      name,
      agentId: this.agentId,
      phoneNb: this.phoneNb ?? '',
      since: 0,
      queues: this.host.queueIdsOf(this.agentId),
      cause: this.paused ? this.cause : 'available',
    };
    if (name !== 'AgentOnCall') return base;
    const call =
      this.host.callsOf(this.user.login).find((c) => c.state === 'established') ??
      this.host.callsOf(this.user.login).find((c) => c.state === 'held');
    return {
      ...base,
      acd: Boolean(call?.queueName),
      direction: call?.direction ?? 'Incoming',
      callType: 'External',
      monitorState: call?.monitorState ?? 'DISABLED',
    };
  }

  /** Push an AgentStateEvent when something the agent would see changed (or always, if forced). */
  refresh(force = false): void {
    const payload = this.payload();
    const key = JSON.stringify(payload);
    if (!force && key === this.lastSent) return;
    this.lastSent = key;
    this.time(String(payload.name));
    this.host.pushTo(this.user.login, 'AgentStateEvent', payload);
    this.host.stateChanged();
  }

  /** The AgentStatistics figures, the current state's time included. */
  statistics(): { name: string; value: number | string }[] {
    const now = Date.now();
    const running = (stat: string) =>
      TIMED[this.timing.name] === stat ? (now - this.timing.since) / 1000 : 0;
    const iso = (at: number | undefined) =>
      at === undefined ? undefined : new Date(at).toISOString();
    return [
      ...Object.values(TIMED).map((stat) => ({
        name: stat,
        value: Math.round((this.totals.get(stat) ?? 0) + running(stat)),
      })),
      { name: 'AgentInboundTotalCalls', value: this.inboundCalls },
      ...(iso(this.loginAt) ? [{ name: 'LoginDateTime', value: iso(this.loginAt) ?? '' }] : []),
      ...(iso(this.logoutAt) ? [{ name: 'LogoutDateTime', value: iso(this.logoutAt) ?? '' }] : []),
    ];
  }

  /** A queue call reached the agent (AgentInboundTotalCalls). */
  countInbound(): void {
    this.inboundCalls += 1;
  }

  private time(name: string): void {
    if (name === this.timing.name) return;
    const now = Date.now();
    const stat = TIMED[this.timing.name];
    if (stat)
      this.totals.set(stat, (this.totals.get(stat) ?? 0) + (now - this.timing.since) / 1000);
    if (name === 'AgentLoggedOut') this.logoutAt = now;
    else if (this.timing.name === 'AgentLoggedOut') this.loginAt = now;
    this.timing = { name, since: now };
  }

  login(phone: string): void {
    this.phoneNb = phone;
    this.paused = false;
    this.refresh(true);
  }

  logout(): void {
    this.phoneNb = undefined;
    this.paused = false;
    this.wrapping = 0;
    this.refresh(true);
  }

  pause(reason: string | undefined): void {
    this.paused = true;
    this.cause = reason ?? '';
    this.refresh(true);
  }

  unpause(): void {
    this.paused = false;
    this.wrapping = 0;
    this.refresh(true);
  }

  /** After a queue call the agent wraps up, then is ready (or paused) again. */
  wrapUp(): void {
    if (this.phoneNb === undefined) return;
    this.wrapping += 1;
    this.host.later(() => {
      this.wrapping = Math.max(0, this.wrapping - 1);
      this.refresh();
    }, this.host.wrapUpMs);
  }

  /** A restart forgets calls and wrap-up; login and pause live in the PBX and survive. */
  reset(): void {
    this.wrapping = 0;
    this.lastSent = '';
  }
}
