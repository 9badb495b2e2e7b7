/**
 * What the demo needs to know about each vendor: how to start its simulator, which settings point
 * the extension at it, and what the agent types at sign-in.
 */
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

export interface DemoVendor {
  /** The simulator and the `connection.<vendor>` settings that point at it. */
  start(): Promise<{ sim: DemoSimulator; connection: Record<string, unknown> }>;
  /** Sign-in form values by field label. */
  signIn: Record<string, string>;
  /** A control that shows once the demo call is up, for the screenshot. */
  inCallButton: string;
  /** Pages to keep open after sign-in (uContact's events come from its agent portal's tab). */
  pagesAfterSignIn?(simUrl: string): string[];
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
  const ring = (from: string) => {
    const call = sim.ringInbound({ from });
    return { hangup: () => sim.remoteHangup(call.guid) };
  };
  const traffic = createTraffic({
    intervalMs: 12_000,
    placeCall: () => {
      const caller = pick(random, callers);
      if (!caller) return;
      const call = ring(caller.from);
      setTimeout(call.hangup, 8_000);
    },
  });
  return {
    sim: {
      url: sim.url,
      startTraffic: () => traffic.start(),
      stopTraffic: () => traffic.stop(),
      inboundCall: ({ from }) => ring(from),
      close: async () => {
        traffic.stop();
        await sim.close();
      },
    },
    connection: { baseUrl: sim.url, portalOrigin: sim.url, campaign: 'Sales->' },
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
    inCallButton: 'Hang up',
    pagesAfterSignIn: (simUrl) => [`${simUrl}/portal`],
  },
};
