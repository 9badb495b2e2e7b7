/**
 * What the demo needs to know about each vendor: how to start its simulator, which settings point
 * the extension at it, and what the agent types at sign-in.
 */
import { randomBytes } from 'node:crypto';
import { createRelay } from '../relay';
import { silentLogger } from '../relay/log';
import { startAnywhere365Simulator } from '../tests/simulators/anywhere365';
import { startCcsSimulator } from '../tests/simulators/ccs';
import { startMaxContactSimulator } from '../tests/simulators/maxcontact';
import { createTraffic, PEOPLE, pick, prng } from '../tests/simulators/shared/traffic';
import { startUcontactSimulator } from '../tests/simulators/ucontact';
import { startXivoSimulator } from '../tests/simulators/xivo';

export interface DemoCall {
  answer?(): void;
  hangup(): void;
}

export interface DemoSimulator {
  url: string;
  startTraffic(): void;
  stopTraffic(): void;
  /** A call for the screenshots; it rings the agent. */
  inboundCall(o: { from: string; name: string; queue: string }): DemoCall;
  close(): Promise<void>;
}

export interface DemoStarted {
  sim: DemoSimulator;
  connection: Record<string, unknown>;
  /** Sign-in values only known once started (Anywhere365's relay token); override `signIn`. */
  signIn?: Record<string, string>;
  /** Other servers the demo started, printed with the simulator's address (Anywhere365's relay). */
  servers?: Array<{ label: string; url: string }>;
}

export interface DemoVendor {
  /** The simulator and the `connection.<vendor>` settings that point at it. */
  start(): Promise<DemoStarted>;
  /** Sign-in form values by field label. */
  signIn: Record<string, string>;
  /** A control that shows once the demo call is up, for the screenshot… */
  inCallButton?: string;
  /** …or, for a vendor whose panel shows no call buttons, a text it shows then. */
  inCallText?: string;
  /** Pages to keep open after sign-in (uContact's events come from its agent portal's tab). */
  pagesAfterSignIn?(simUrl: string): string[];
  /**
   * What the vendor's events say about a call besides the number, for the demo's screen-pop URL
   * (`{name}`, `{queue}`); default both. A placeholder the events never fill would pop an empty
   * parameter.
   */
  popFields?: Array<'name' | 'queue'>;
}

/**
 * uContact learns of calls from the agent portal's softphone frame (vendors/README.md §4.4), so the
 * demo rings the agent through the simulator's portal and runs its own caller loop.
 */
async function startUcontactDemo(): Promise<{
  sim: DemoSimulator;
  connection: Record<string, unknown>;
}> {
  const sim = await startUcontactSimulator();
  const random = prng(7);
  const callers = Object.values(PEOPLE);
  const ring = (from: string, name?: string) => {
    // The caller's name rides in the portal event (the `callerNameParam` setting, default name).
    const call = sim.ringInbound({ from, ...(name ? { name } : {}) });
    return { hangup: () => sim.remoteHangup(call.guid) };
  };
  const traffic = createTraffic({
    intervalMs: 12_000,
    placeCall: () => {
      const caller = pick(random, callers);
      if (!caller) return;
      const call = ring(caller.from, caller.name);
      setTimeout(call.hangup, 8_000);
    },
  });
  return {
    sim: {
      url: sim.url,
      startTraffic: () => traffic.start(),
      stopTraffic: () => traffic.stop(),
      inboundCall: ({ from, name }) => ring(from, name),
      close: async () => {
        traffic.stop();
        await sim.close();
      },
    },
    connection: { baseUrl: sim.url, portalOrigin: sim.url, campaign: 'Sales->' },
  };
}

/**
 * Anywhere365's events reach the extension through the Switchboard relay (docs/vendors.md): the
 * demo runs the relay in-process, subscribed to the CTI Broker simulator, and signs in with a
 * relay token it issues.
 */
async function startAnywhere365Demo(): Promise<DemoStarted> {
  const agent = 'sip:alice@example.com';
  const broker = await startAnywhere365Simulator();
  const relay = await createRelay(
    {
      secret: randomBytes(32).toString('base64url'),
      anywhere365: { brokerUrl: broker.url, imAddresses: [agent] },
    },
    { log: silentLogger },
  ).catch(async (error: unknown) => {
    await broker.close();
    throw error;
  });
  const ring = (from: string): DemoCall => {
    const call = broker.inboundCall({ from });
    const log = (error: unknown) => console.error('Anywhere365 simulator:', error);
    return {
      answer: () => void call.then((c) => c.answer()).catch(log),
      hangup: () => void call.then((c) => c.hangup()).catch(log),
    };
  };
  return {
    sim: {
      url: broker.url,
      startTraffic: () => broker.startTraffic(),
      stopTraffic: () => broker.stopTraffic(),
      inboundCall: ({ from }) => ring(from),
      close: async () => {
        broker.stopTraffic();
        await relay.close();
        await broker.close();
      },
    },
    connection: { brokerUrl: broker.url, relayUrl: relay.url },
    signIn: { 'Relay token': relay.issueToken(agent) },
    servers: [
      { label: 'Switchboard relay', url: relay.url },
      { label: 'Relay agent socket', url: relay.wsUrl },
    ],
  };
}

export const DEMO_VENDORS: Record<string, DemoVendor> = {
  xivo: {
    start: async () => {
      const sim = await startXivoSimulator();
      return { sim, connection: { server: sim.url } };
    },
    signIn: { Username: 'alice', Password: 'secret', 'Phone number': '1001' },
    inCallButton: 'Hold',
  },
  ccs: {
    start: async () => {
      const sim = await startCcsSimulator();
      return {
        sim,
        connection: {
          domain: sim.url,
          tenantId: sim.tenantId,
          extensionId: sim.extension.uuid,
          outboundQueueId: sim.outboundQueueId,
        },
      };
    },
    signIn: { 'API token': 'ccs-token-104' },
    inCallButton: 'Transfer',
  },
  maxcontact: {
    start: async () => {
      const sim = await startMaxContactSimulator();
      return { sim, connection: { baseUrl: sim.url } };
    },
    signIn: { Username: '1001', Password: 'secret' },
    inCallButton: 'Hold',
  },
  ucontact: {
    start: startUcontactDemo,
    signIn: { Agent: 'alice', Password: 'secret' },
    // Decline shows while the call still rings (uContact cannot answer remotely): wait for the
    // state the call reaches once answered in the portal (assumed after `assumeConnectedMs`).
    inCallText: 'In call',
    pagesAfterSignIn: (simUrl) => [`${simUrl}/portal`],
  },
  anywhere365: {
    start: startAnywhere365Demo,
    // The relay token is issued at start (DemoStarted.signIn).
    signIn: {},
    // The broker has no call commands: the panel shows the call's state, no buttons.
    inCallText: 'In call',
    // The broker's events carry the caller's number only (vendors/README.md §2.6): no name, and
    // not the UCC (queue) that offered the call.
    popFields: [],
  },
};
