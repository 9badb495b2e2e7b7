/**
 * The Anywhere365 CTI Broker simulator's public types (vendors/README.md §2, §9 "Anywhere365").
 */
import type { Recorder } from '../shared/recorder';

export interface Anywhere365SimOptions {
  port?: number;
  host?: string;
  /** SIP addresses the broker knows; commands for others answer 500. */
  agents?: string[];
  /** How `eventType` and `SessionType` are written in webhooks (§2.6 [UNKNOWN]); default 'int'. */
  enumFormat?: 'int' | 'name';
  /** Field names of the subscribe body (§2.5 [UNKNOWN]); default ImAddress / CallbackUrl. */
  subscribeKeys?: { imAddress: string; callback: string };
  /** After a Dial: Hunting at once, Connected this much later (default 1000 ms). */
  dialAnswerMs?: number;
}

export interface ReceivedRequest {
  method: string;
  path: string;
  body: unknown;
  status: number;
  authorization?: string;
}

/** One webhook POST the broker made. */
export interface Delivery {
  url: string;
  body: unknown;
  /** The callback's HTTP status, or 0 when it could not be reached. */
  status: number;
}

export type SimCallState = 'hunting' | 'connected' | 'onHold' | 'disconnected';

export interface SimCall {
  readonly callId: string;
  /** The agent the call is with now. */
  readonly agent: string;
  readonly direction: 'inbound' | 'outbound';
  readonly ani: string;
  readonly state: SimCallState;
  /** Resolve once the webhooks have been posted. */
  answer(): Promise<void>;
  hangup(): Promise<void>;
  hold(): Promise<void>;
  retrieve(): Promise<void>;
  /**
   * OnHold for this agent (unless the call is already on hold), then Retrieve for `toAgent`
   * (the same agent: the transfer failed).
   * `invite`: Hunting for `toAgent` in between; `refused`: then Disconnected for `toAgent` and
   * Retrieve for this agent.
   */
  transfer(toAgent: string, o?: { invite?: boolean; refused?: boolean }): Promise<void>;
}

export interface Subscription {
  id: string;
  imAddress: string;
  callbackUrl: string;
}

export type MalformedKind = 'unknownEventType' | 'badFields' | 'notJson';

export interface Anywhere365Simulator {
  readonly url: string;
  readonly requests: Recorder<ReceivedRequest>;
  readonly deliveries: Recorder<Delivery>;
  waitForRequest(
    pred: (r: ReceivedRequest) => boolean,
    timeoutMs?: number,
  ): Promise<ReceivedRequest>;
  /** A call offered to `agent` (default the first): Hunting is posted before this resolves. */
  inboundCall(o?: { from?: string; agent?: string }): Promise<SimCall>;
  calls(): SimCall[];
  subscriptions(): Subscription[];
  agentLoggedIn(agent: string): boolean;
  /** The next `count` commands answer 500 (Infinity: until reset with 0). */
  failCommands(count: number): void;
  /** AgentLogin answers 202 but posts LoggedIn with callId "failed" (§2.6) while on. */
  failLogins(on: boolean): void;
  /** The broker restarted: every subscription is gone. */
  forgetSubscriptions(): void;
  /** Post one event the adapter cannot understand to `agent`'s subscriptions. */
  sendMalformed(kind?: MalformedKind, agent?: string): Promise<void>;
  /** Resolves when every webhook queued so far has been posted. */
  flushed(): Promise<void>;
  startTraffic(o?: { intervalMs?: number }): void;
  stopTraffic(): void;
  close(): Promise<void>;
}
