/**
 * What a vendor provides to run the conformance suite against its simulator. The suite drives
 * the adapter only through the VendorAdapter contract and an AdapterContext; everything that
 * knows the vendor's wire sits behind this interface.
 */
import type {
  AdapterContext,
  Capabilities,
  Credentials,
  VendorAdapter,
} from '../../utils/cti/adapter';
import type { Feature } from '../../utils/cti/features';
import type { CallState, CallUpdate, Command, CommandType } from '../../utils/cti/model';
import type { Settings } from '../../utils/settings/schema';
import type { TestContext } from '../simulators/shared/context';

export interface ConformanceHarness {
  /** Shown in the describe() title. */
  name: string;
  /** The capabilities the adapter must declare, exactly. */
  capabilities: {
    commands: readonly CommandType[];
    agentStates: readonly ('ready' | 'notReady' | 'loggedOut')[];
    dispositions: Capabilities['dispositions'];
    recordingControl: Capabilities['recordingControl'];
  };
  /**
   * False for a platform with no "current calls" request (uContact, vendors/README.md §4.4): a
   * sign-in cannot learn of a call that began before it. Default true.
   */
  callsBeforeSignIn?: boolean;
  /**
   * The adapter reads the vendor's call history (`VendorAdapter.pastCalls`, for the outage
   * records). Default false: the adapter must not offer it.
   */
  pastCalls?: boolean;
  /** The agent features (features.ts) the adapter must declare, exactly. Default none. */
  features?: readonly Feature[];
  /**
   * The conformance case of each agent-feature command the vendor supports (joinQueue,
   * takeCallback…: the suite has no vendor-neutral way to set their scene up). A supported command
   * without one fails the suite.
   */
  featureScenarios?: Partial<Record<CommandType, (s: FeatureScene) => Promise<void>>>;
  /**
   * The number an attended transfer dials, when the suite's transfer target is something else on
   * this vendor (a MaxContact user id, which only a blind transfer takes).
   */
  consultTarget?: string;
  /** Where a call ends up after a command, when the vendor differs from the suite's default. */
  outcomes?: Partial<Record<CommandType, CallState[]>>;
  /** Start a fresh simulator (one per test). */
  start(): Promise<ConformanceRig>;
}

/** What a feature scenario gets: a signed-in adapter, its context and the rig. */
export interface FeatureScene {
  adapter: VendorAdapter;
  t: TestContext;
  rig: ConformanceRig;
  /** A call rung and answered (or picked up on the device), for commands on a live call. */
  connected(o?: RingOptions): Promise<CallUpdate>;
}

export interface ConformanceRig {
  /** A new adapter configured for this simulator. */
  createAdapter(): VendorAdapter;
  /**
   * A new adapter whose first server address (the one a sign-in reaches first) is the simulator's
   * with a path it does not serve (`/nope`) after it: the sign-in must fail as `notFound`.
   */
  createAdapterAtWrongPath(): VendorAdapter;
  /** What the agent types at sign-in, keyed by the descriptor's signInFields. */
  credentials: Credentials;
  /** Transport implementations for Node (the suite supplies the rest of the AdapterContext). */
  transport: Pick<AdapterContext, 'fetch' | 'WebSocket'>;
  sim: SimControl;
  stop(): Promise<void>;
}

export interface RingOptions {
  /** A call delivered by a queue (the only kind whose recording XiVO can pause). Default true. */
  queue?: boolean;
  from?: string;
  name?: string;
}

/** Vendor-neutral control of a simulator. Every method resolves once the simulator has acted. */
export interface SimControl {
  /** Ring the agent; resolves with the vendor's id of the new call (CallUpdate.vendorCallId). */
  ringInbound(o?: RingOptions): Promise<{ vendorCallId: string }>;
  /** The agent picks up on the device itself (for vendors that cannot answer remotely). */
  answerOnDevice(vendorCallId: string): Promise<void>;
  /** The remote party hangs up. */
  remoteHangup(vendorCallId: string): Promise<void>;
  /** Cut the transport abruptly (socket drop, or polling endpoint gone), keeping the calls. */
  dropTransport(): Promise<void>;
  /** While on, sign-in is refused as bad credentials. */
  rejectAuth(on: boolean): Promise<void>;
  /** Deliver something the adapter cannot parse. */
  sendMalformed(): Promise<void>;
  /**
   * Resolves when the vendor has received the request `command` stands for (on `call`'s leg when
   * the command names a call); rejects after a few seconds otherwise.
   */
  expectWire(command: Command, call?: CallUpdate): Promise<void>;
}

/** A copy of `settings` with some of `vendor`'s connection settings changed. */
export function withConnection<V extends keyof Settings['connection']>(
  settings: Settings,
  vendor: V,
  patch: Partial<Settings['connection'][V]>,
): Settings {
  const copy = structuredClone(settings);
  copy.connection[vendor] = { ...copy.connection[vendor], ...patch };
  return copy;
}
