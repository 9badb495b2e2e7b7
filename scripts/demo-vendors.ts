/**
 * What the demo needs to know about each vendor: how to start its simulator, which settings point
 * the extension at it, and what the agent types at sign-in.
 */
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
  start(): Promise<DemoSimulator>;
  /** `connection.<vendor>` settings for a simulator at `url`. */
  connection(url: string): Record<string, unknown>;
  /** Sign-in form values by field label. */
  signIn: Record<string, string>;
  /** The control that shows once the demo call is up, for the screenshot. */
  inCallButton: string;
}

export const DEMO_VENDORS: Record<string, DemoVendor> = {
  xivo: {
    start: startXivoSimulator,
    connection: (url) => ({ server: url }),
    signIn: { Username: 'alice', Password: 'secret', 'Phone number': '1001' },
    inCallButton: 'Hold',
  },
};
