/**
 * The session's contract (session.ts): what the background asks of it and what it needs.
 */
import type {
  Clock,
  Credentials,
  EventSource,
  Logger,
  PastCall,
  RequestHeaders,
  TimeWindow,
  VendorAdapter,
} from './adapter';
import type { Call, Command, ConnectFailure } from './model';
import type { CallStore, KeyValueArea } from './store';

export interface Session {
  /**
   * Sign in. Resolves once connected (resync follows). A sign-in is not a session until the vendor
   * accepted it: when its first connection fails, whatever the reason, or does not open within
   * `signInTimeoutMs`, the session ends (nobody is signed in, nothing is retried, the connection
   * is `failed` with the failure's kind) and this rejects with the CtiError, its `failure` set.
   * Only the connections after that one retry with backoff.
   */
  start(credentials: Credentials): Promise<void>;
  /**
   * Sign out: forget the credentials, clear the store, end the vendor session (the adapter's
   * `signOut`, bounded) and disconnect.
   */
  stop(): Promise<void>;
  /** After a worker restart: reconnect with the saved credentials; false when nobody was signed in. */
  restore(): Promise<boolean>;
  /** The watchdog: reconnect when signed in but neither connected, connecting nor waiting. */
  ensureRunning(): void;
  /**
   * The settings an adapter is built from changed (a server address pushed by policy): drop the
   * connection and connect again at once with the same credentials, as a reconnect.
   */
  restart(): void;
  /** Rejects with a CtiError. */
  execute(command: Command): Promise<void>;
  /**
   * A write from the outbox (utils/background/outbox.ts): like `execute`, for a call the store
   * may have let go of since; the adapter gets the call as it was when the write was queued.
   * Rejects with a CtiError.
   */
  executeQueued(command: Command, call?: Call): Promise<void>;
  /**
   * Hands an event from outside the vendor transport to the connected adapter's `receive`; false
   * when nobody is connected or the adapter takes no such events.
   */
  deliver(source: EventSource, payload: unknown): boolean;
  /**
   * Runs a query on the connected adapter (`searchDirectory`, `pastCalls`): rejects with a CtiError
   * (`network` when nobody is connected, `unsupported` when `use` says the adapter cannot).
   */
  query<T>(use: (adapter: VendorAdapter) => Promise<T> | undefined): Promise<T>;
  readonly signedIn: boolean;
}

export interface SessionDeps {
  /** Called once per connect attempt. May throw a CtiError('config') when settings cannot work. */
  createAdapter: () => VendorAdapter;
  /** Gets connection state and events. Its capabilities are the background's to set (policy). */
  store: CallStore;
  clock?: Clock;
  /** [0, 1), for the backoff's jitter. */
  random?: () => number;
  log: Logger;
  fetch: typeof fetch;
  WebSocket: typeof WebSocket;
  /** browser.storage.session: memory only, survives a worker restart, never written to disk. */
  secrets: KeyValueArea;
  /** Where in `secrets` the session and its adapters' checkpoint live (utils/storage/registry.ts). */
  keys: { session: string; checkpoint: string };
  /** An adapter's connect that has not settled by then counts as a failed attempt. */
  connectTimeoutMs?: number;
  /**
   * The bound on a sign-in's first connection (SIGN_IN_TIMEOUT_MS unless set): the agent hears
   * how a sign-in went within seconds, not after the reconnects' 30 s.
   */
  signInTimeoutMs?: number;
  /**
   * Watches what the browser reports about the extension's requests while a sign-in's first
   * connection is under way, to tell network failures apart (utils/background/network-watch.ts):
   * fetch throws the same TypeError for a name that does not resolve, a refused connection and a
   * refused certificate.
   */
  watchNetwork?: () => NetworkWatch;
  /** Header rules for the vendor's HTTP requests (AdapterContext.requestHeaders). */
  requestHeaders?: RequestHeaders;
  /** Whether the agent has a panel open (AdapterContext.panelOpen). */
  panelOpen?: () => boolean;
  /**
   * Called on every sign of life from the vendor. The background makes a cheap extension API
   * call there: Chrome only counts extension API calls and WebSocket traffic as worker activity,
   * so a polling vendor's fetches alone would let the worker be stopped mid-session.
   */
  keepAlive?: () => void;
  /**
   * The link is back after an outage: `outage` runs from the moment the link was lost (or the
   * worker restarted while signed in) to the moment it opened again. Called once the resync has
   * settled, so the store already holds what the vendor says is live. `pastCalls` reads the
   * vendor's history on this connection (VendorAdapter.pastCalls); undefined when the vendor
   * cannot list past calls. The session forgets the outage once this settles with the link still
   * up; a link lost meanwhile extends the same outage (same `from`), so records keyed on `from`
   * are rewritten, not duplicated.
   */
  outageEnded?: (outage: TimeWindow, pastCalls: PastCallsReader | undefined) => Promise<void>;
}

/** `VendorAdapter.pastCalls` of the connection that is up; rejects with a CtiError. */
export type PastCallsReader = (window: TimeWindow) => Promise<PastCall[]>;

/** What the browser said about the requests of one sign-in (SessionDeps.watchNetwork). */
export interface NetworkWatch {
  /**
   * The kind of the network failure the browser reported since the watch began, waiting a moment
   * for a report still on its way; undefined when it reported nothing that tells.
   */
  explain(): Promise<ConnectFailure | undefined>;
  /** Stops watching; call it once the connection opened or failed. */
  stop(): void;
}
