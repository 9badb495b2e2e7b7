/**
 * A scriptable VendorAdapter for tests of the session, the store and the background. It talks to
 * no server: a test decides how each connect ends, emits events as the vendor would, and reads
 * back what the session asked of it. Test-only: nothing in the extension imports it.
 */
import type {
  AdapterContext,
  Capabilities,
  Heartbeat,
  VendorAdapter,
} from '../../utils/cti/adapter';
import { COMMAND_TYPES, CtiError, type Command, type CtiEvent } from '../../utils/cti/model';

/**
 * How one connect ends: `ok` resolves, a CtiError rejects, `hang` waits until the session aborts
 * the attempt, a function does whatever it likes with the context.
 */
export type ConnectOutcome = 'ok' | 'hang' | CtiError | ((ctx: AdapterContext) => Promise<void>);

export interface FakeAdapterOptions {
  id?: string;
  capabilities?: Partial<Capabilities>;
  /** Give the adapter a heartbeat with these timings; pings are answered until told otherwise. */
  heartbeat?: { intervalMs: number; missLimit: number };
  /** Run on every resync, e.g. to emit a `callsSnapshot`. */
  onResync?: (adapter: FakeAdapter) => void | Promise<void>;
  /** Run on every command; throw (a CtiError) to have the vendor refuse it. */
  onExecute?: (command: Command, adapter: FakeAdapter) => void | Promise<void>;
  /** Run on sign-out (`VendorAdapter.signOut`); throw or never settle to test the session. */
  onSignOut?: (adapter: FakeAdapter) => void | Promise<void>;
}

export const ALL_CAPABILITIES: Capabilities = {
  commands: new Set(COMMAND_TYPES),
  agentStates: new Set(['ready', 'notReady', 'loggedOut']),
  dispositions: 'vendor',
  dispositionCallback: true,
  recordingControl: 'all',
};

export class FakeAdapter implements VendorAdapter {
  readonly id: string;
  readonly capabilities: Capabilities;
  readonly heartbeat?: Heartbeat;
  /** The context of the last connect: the test emits through it. */
  ctx?: AdapterContext;
  readonly counts = { connect: 0, resync: 0, disconnect: 0, heartbeat: 0, signOut: 0 };
  /** What the session called on sign-out and teardown, in order. */
  readonly calls: ('signOut' | 'disconnect')[] = [];
  readonly executed: Command[] = [];
  /** When false, heartbeats go unanswered: the server has gone quiet. */
  answersHeartbeat = true;

  constructor(
    private readonly options: FakeAdapterOptions,
    private readonly outcome: ConnectOutcome,
  ) {
    this.id = options.id ?? 'xivo';
    this.capabilities = { ...ALL_CAPABILITIES, ...options.capabilities };
    if (options.heartbeat) {
      this.heartbeat = {
        ...options.heartbeat,
        send: () => {
          this.counts.heartbeat += 1;
          if (this.answersHeartbeat) this.ctx?.alive();
        },
      };
    }
  }

  async connect(ctx: AdapterContext): Promise<void> {
    this.ctx = ctx;
    this.counts.connect += 1;
    const outcome = this.outcome;
    if (outcome === 'ok') return;
    if (outcome instanceof CtiError) throw outcome;
    if (outcome === 'hang') {
      return new Promise((_resolve, reject) => {
        const onAbort = () => reject(new CtiError('network', 'Connection attempt aborted'));
        if (ctx.signal.aborted) onAbort();
        else ctx.signal.addEventListener('abort', onAbort, { once: true });
      });
    }
    return outcome(ctx);
  }

  async resync(): Promise<void> {
    this.counts.resync += 1;
    await this.options.onResync?.(this);
  }

  async execute(command: Command): Promise<void> {
    this.executed.push(command);
    await this.options.onExecute?.(command, this);
  }

  async disconnect(): Promise<void> {
    this.counts.disconnect += 1;
    this.calls.push('disconnect');
  }

  async signOut(): Promise<void> {
    this.counts.signOut += 1;
    this.calls.push('signOut');
    await this.options.onSignOut?.(this);
  }

  /** Whether the session has torn this connection down. */
  get aborted(): boolean {
    return this.ctx?.signal.aborted ?? false;
  }

  emit(event: CtiEvent): void {
    if (!this.ctx) throw new Error('FakeAdapter.emit before connect');
    this.ctx.emit(event);
  }

  /** The transport drops, as a closed WebSocket or a failed poll would report it. */
  loseConnection(error = new CtiError('network', 'Connection closed')): void {
    this.emit({ type: 'connectionLost', error });
  }
}

export interface FakeVendor {
  /** Pass to `createSession`: every connect gets a fresh adapter, as in production. */
  createAdapter: () => FakeAdapter;
  /** Every adapter made so far, oldest first. */
  readonly adapters: FakeAdapter[];
  /** The newest adapter; throws when none was made yet. */
  latest(): FakeAdapter;
  /** How the next connects end, in order; when the script runs out, connects succeed. */
  script: ConnectOutcome[];
  /** Make `createAdapter` itself throw this (a vendor whose settings cannot work). */
  createError?: CtiError;
}

export function createFakeVendor(options: FakeAdapterOptions = {}): FakeVendor {
  const vendor: FakeVendor = {
    adapters: [],
    script: [],
    createAdapter() {
      if (vendor.createError) throw vendor.createError;
      const adapter = new FakeAdapter(options, vendor.script.shift() ?? 'ok');
      vendor.adapters.push(adapter);
      return adapter;
    },
    latest() {
      const adapter = vendor.adapters.at(-1);
      if (!adapter) throw new Error('no adapter was created yet');
      return adapter;
    },
  };
  return vendor;
}
