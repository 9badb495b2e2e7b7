/**
 * The conformance suite bound to the Anywhere365 adapter, the CTI Broker simulator and the real
 * Switchboard relay in between: the broker posts its webhooks to `relay.hookUrl('anywhere365')`
 * (subscribed by the adapter itself), and the adapter reads them from the relay's WebSocket.
 */
import { NodeWebSocket } from '../simulators/shared/node-websocket';
import { createRelay } from '../../relay';
import { silentLogger } from '../../relay/log';
import { anywhere365 } from '../../utils/cti/vendors/anywhere365';
import type { Command } from '../../utils/cti/model';
import { DEFAULT_SETTINGS } from '../../utils/settings/schema';
import { startAnywhere365Simulator, type ReceivedRequest } from '../simulators/anywhere365';
import { defineConformanceSuite } from './suite';
import { withConnection } from './harness';

const AGENT = 'sip:alice@example.com';
const SECRET = 'conformance-secret-of-at-least-32-chars';

/** The broker command each Switchboard command must produce (vendors/README.md §2.4). */
function commandFor(command: Command): (r: ReceivedRequest) => boolean {
  const sent = (type: number, number?: string) => (r: ReceivedRequest) => {
    const body = r.body as { ImAddress?: string; commandType?: number; number?: string };
    return (
      r.path === '/api/command' &&
      r.status === 202 &&
      body.ImAddress === AGENT &&
      body.commandType === type &&
      (number === undefined || body.number === number)
    );
  };
  if (command.type === 'dial') return sent(4, `tel:${command.number}`);
  if (command.type === 'setAgentState') return sent(command.state === 'ready' ? 0 : 1);
  throw new Error(`Anywhere365 has no ${command.type} command`);
}

defineConformanceSuite({
  name: 'Anywhere365',
  capabilities: {
    commands: ['dial', 'setAgentState'],
    agentStates: ['ready', 'loggedOut'],
    dispositions: 'policy',
    recordingControl: 'none',
  },
  async start() {
    const broker = await startAnywhere365Simulator({ dialAnswerMs: 20 });
    const relay = await createRelay({ secret: SECRET }, { log: silentLogger });
    const settings = structuredClone(DEFAULT_SETTINGS);
    const c = settings.connection.anywhere365;
    c.brokerUrl = broker.url;
    c.relayUrl = relay.url;
    c.callbackUrl = relay.hookUrl('anywhere365');
    const good = relay.issueToken(AGENT);
    // The suite reads these at every new context: rejectAuth swaps the token.
    const credentials: Record<string, string> = { relayToken: good };
    const live = (id: string) => {
      const call = broker.calls().find((x) => x.callId === id);
      if (!call) throw new Error(`The simulator has no live call ${id}`);
      return call;
    };
    return {
      createAdapter: () => anywhere365.create(settings),
      // The relay is what a sign-in reaches first (its WebSocket).
      createAdapterAtWrongPath: () =>
        anywhere365.create(
          withConnection(settings, 'anywhere365', { relayUrl: `${relay.url}/nope` }),
        ),
      credentials,
      transport: {
        fetch: globalThis.fetch,
        WebSocket: NodeWebSocket,
      },
      sim: {
        ringInbound: async (o = {}) => ({
          vendorCallId: (await broker.inboundCall(o.from ? { from: o.from } : {})).callId,
        }),
        answerOnDevice: (id) => live(id).answer(),
        remoteHangup: (id) => live(id).hangup(),
        // The relay stops and starts again: sockets drop, seq restarts (clients see a gap).
        dropTransport: () => relay.restart(),
        rejectAuth: async (on) => {
          credentials.relayToken = on ? relay.issueToken(AGENT, -60) : good;
        },
        sendMalformed: () => broker.sendMalformed('unknownEventType'),
        expectWire: async (command) => {
          await broker.waitForRequest(commandFor(command));
        },
      },
      stop: async () => {
        await relay.close();
        await broker.close();
      },
    };
  },
});
