/**
 * What the demo needs to know about each vendor: how to start its simulator, which settings point
 * the extension at it, and what the agent types at sign-in.
 */
import { startCcsSimulator } from '../tests/simulators/ccs';
import { startMaxContactSimulator } from '../tests/simulators/maxcontact';
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
};
