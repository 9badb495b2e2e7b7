/**
 * The VendorAdapter contract (DESIGN.md "The adapter contract"). An adapter translates between
 * one vendor's wire and the normalized model; it does not schedule. The session owns retries,
 * backoff, heartbeat timing and resync; the store owns state.
 *
 * Lifecycle: one adapter per connection. The session creates a new adapter
 * (`VendorDescriptor.create`) for every connection attempt, a reconnect and the restore after a
 * worker restart included, and never connects one twice. Whatever must outlive a connection (a
 * token the next connection may offer again, calls only the vendor's events told us about, a
 * relay cursor) goes through `AdapterContext.checkpoint`, which the session clears at every
 * sign-in and sign-out; an adapter keeps nothing else between connections.
 */
import type { InternalDial } from '../phone/dial-input';
import type { DirectoryEntry, Feature } from './features';
import type { Call, CallDirection, Command, CommandType, CtiEvent, RemoteParty } from './model';

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
};

export interface Logger {
  debug(message: string, details?: unknown): void;
  info(message: string, details?: unknown): void;
  warn(message: string, details?: unknown): void;
  error(message: string, details?: unknown): void;
}

/** What the agent typed at sign-in, keyed by the vendor's `signInFields`. Never persisted to disk. */
export type Credentials = Readonly<Record<string, string>>;

export interface AdapterContext {
  emit(event: CtiEvent): void;
  /**
   * Call on every inbound frame or successful poll: the session's heartbeat watchdog closes the
   * connection after `heartbeat.missLimit` intervals without one.
   */
  alive(): void;
  /** Aborted when the session tears this connection down. */
  signal: AbortSignal;
  clock: Clock;
  fetch: typeof fetch;
  WebSocket: typeof WebSocket;
  log: Logger;
  credentials: Credentials;
  /**
   * True for the connection that follows the agent's sign-in, false for reconnects and for the
   * restore after a worker restart. Steps that change the agent's state on the platform (XiVO's
   * agent login on the sign-in phone) run once per sign-in: repeating them after a network blip
   * would undo what the agent chose since (logging out, say).
   */
  firstConnect: boolean;
  /**
   * Headers the browser must add to this vendor's HTTP requests where `fetch` cannot set them
   * (MaxContact's `Cookie: TokenKey=…`). The background installs them as a declarativeNetRequest
   * session rule limited to the extension's own requests under `urlPrefix`; tests add them to
   * their fetch. Cleared automatically when the connection is torn down.
   */
  requestHeaders: RequestHeaders;
  /** Whether the agent has the popup or side panel open: polling vendors poll faster then. */
  panelOpen(): boolean;
  /**
   * A small JSON value the adapter keeps across its own connections and worker restarts
   * (storage.session in the background: memory only). Cleared at every sign-in and sign-out, so a
   * connection with `firstConnect` finds nothing. Vendors without a "current calls" query keep
   * what they need to resume there (Anywhere365: the last relay event handled and the live calls).
   */
  checkpoint: Checkpoint;
}

/** Writes take effect in the order they are made; `get` sees every earlier `set`. */
export interface Checkpoint {
  get(): Promise<unknown>;
  set(value: unknown): Promise<void>;
}

/** Calls take effect in the order they are made. */
export interface RequestHeaders {
  set(urlPrefix: string, headers: Readonly<Record<string, string>>): Promise<void>;
  clear(): Promise<void>;
}

export interface Capabilities {
  /** Commands this vendor can carry out at all. The store narrows them by call state. */
  commands: ReadonlySet<CommandType>;
  /** Agent states the agent may choose. */
  agentStates: ReadonlySet<'ready' | 'notReady' | 'loggedOut'>;
  /**
   * Where disposition codes come from: the vendor's own list (`vendor`), the admin's policy
   * `dispositions.codes` (`policy`), or nowhere.
   */
  dispositions: 'vendor' | 'policy';
  /**
   * The vendor can schedule a call back to the customer with the disposition (the `dispose`
   * command's `callbackAt`): uContact's DispositionCall `schedule`. The panel offers the time
   * only when this is true.
   */
  dispositionCallback: boolean;
  /** Recording pause is only possible on some calls (XiVO: queue calls only). */
  recordingControl: 'all' | 'queueCalls' | 'none';
  /** What the vendor offers beyond commands (features.ts `FEATURES`); none when absent. */
  features?: ReadonlySet<Feature>;
  /**
   * Where the pause reasons of `setAgentState` come from: the vendor's own list (`lists.pauseReasons`,
   * the default), or the admin's policy `agent.pauseReasons` for a vendor that takes a reason but
   * does not list them (XiVO). `none`: the vendor takes no reason.
   */
  pauseReasons?: 'vendor' | 'policy' | 'none';
  /** The `dial` command's `variables` reach the call (XiVO dial `variables`). */
  dialVariables?: boolean;
  /** The `dial` command's `route` kinds the vendor can place (XiVO `dialFromMobile`, `dialFromQueue`). */
  dialRoutes?: ReadonlySet<'mobile' | 'queue'>;
  /**
   * What the dial box takes besides public numbers: internal extensions of the platform's length,
   * and codes with * and # where it dials them (utils/phone/dial-input.ts). Absent:
   * `DEFAULT_INTERNAL_DIAL` (2 to 6 digits, no codes).
   */
  internalDial?: InternalDial;
}

export interface Heartbeat {
  intervalMs: number;
  /** Consecutive intervals without `ctx.alive()` after which the connection is declared dead. */
  missLimit: number;
  send(): void;
}

/** What the outbox gives an adapter with a command it sends later (VendorAdapter.execute). */
export interface QueuedWrite {
  call?: Call;
}

export interface VendorAdapter {
  /** The vendor's registry id (utils/cti/vendors/index.ts). */
  readonly id: string;
  readonly capabilities: Capabilities;
  /** Present when the vendor needs keepalive traffic; the session times it. */
  readonly heartbeat?: Heartbeat;
  /**
   * Authenticate and open the transport. Resolves when the vendor session is ready for commands;
   * rejects with a CtiError (`auth`/`config` are fatal, others are retried by the session).
   */
  connect(ctx: AdapterContext): Promise<void>;
  /** Ask the vendor for the current calls and agent state; answers arrive as events. */
  resync(): Promise<void>;
  /**
   * Rejects with a CtiError. `queued`: the command comes from the outbox, maybe after a restart;
   * `queued.call` is the call as it was when the command was queued, for an adapter that no longer
   * tracks it (its own memory went with the connection, the worker or the browser).
   */
  execute(command: Command, queued?: QueuedWrite): Promise<void>;
  disconnect(): Promise<void>;
  /**
   * Called once when the agent signs out, before disconnect; ends the vendor-side session (a
   * token that would otherwise stay valid on the server). Failures are logged, never block
   * sign-out: the session waits for it only a short while.
   */
  signOut?(): Promise<void>;
  /**
   * Events that reach the background from outside the adapter's own transport: `portal` is the
   * uContact agent portal's postMessage events, forwarded by its content script after the
   * background checked the sender (vendors/README.md §4.4). The adapter validates `payload` with
   * its wire schema; a bad one is a `protocolError`, never a throw.
   */
  receive?(source: EventSource, payload: unknown): void;
  /**
   * The agent's calls that the vendor's own history lists between `window.from` and `window.to`
   * (epoch ms, our clock), for the outage records (DESIGN.md / architecture.md "Outages"): after
   * a reconnection the session asks for the calls of the time it was offline. Optional: a vendor
   * whose API cannot list past calls leaves it out, and the outage itself goes into history.
   * Rejects with a CtiError; may return calls outside the window (the caller filters).
   */
  pastCalls?(window: TimeWindow): Promise<PastCall[]>;
  /**
   * People, extensions, queues and rooms whose name or number matches `term` (at least one
   * character; the adapter decides how the vendor matches), for the panel's directory and its
   * transfer targets. With `Capabilities.features` `favorites`, an empty `term` lists the agent's
   * favourites. Rejects with a CtiError; at most `limit` entries.
   */
  searchDirectory?(term: string, limit: number): Promise<DirectoryEntry[]>;
}

/** A span of time, epoch ms on our clock. */
export interface TimeWindow {
  from: number;
  to: number;
}

/** One call from the vendor's own history (`VendorAdapter.pastCalls`). */
export interface PastCall {
  /** The vendor's id of the call, when its history gives one. */
  vendorCallId?: string;
  direction: CallDirection;
  remote: RemoteParty;
  queue?: string;
  startedAt: number;
  answeredAt?: number;
  endedAt: number;
  /** An inbound call nobody answered (the vendor's history says so). */
  missed: boolean;
}

/** Where an event handed to `VendorAdapter.receive` came from. */
export type EventSource = 'portal';

export interface SignInField {
  key: string;
  /** The visible label, also the accessible name. */
  label: string;
  type: 'text' | 'password' | 'tel';
  autocomplete?: string;
  required: boolean;
}
