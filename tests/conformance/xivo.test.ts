/**
 * The conformance suite bound to the XiVO adapter and the XiVO xuc simulator.
 */
import { expect } from 'vitest';
import { digitsOnly } from '../../utils/phone/format';
import { DEFAULT_SETTINGS } from '../../utils/settings/schema';
import { xivo } from '../../utils/cti/vendors/xivo';
import type { CallUpdate, Command } from '../../utils/cti/model';
import { startXivoSimulator, type ClientFrame, type XivoSimulator } from '../simulators/xivo';
import { defineConformanceSuite } from './suite';
import { withConnection } from './harness';
import { NodeWebSocket } from '../simulators/shared/node-websocket';
import { XIVO_FEATURE_SCENARIOS, XIVO_FEATURES } from '../simulators/xivo/feature-scenarios';

const AGENT_ID = 22;
/** The simulator of the test under way, for the feature scenarios (simulators/xivo/feature-scenarios.ts). */
let current: XivoSimulator | undefined;

/** The xuc frame(s) each command must produce (vendors/README.md §1.6). */
function framesFor(
  command: Command,
  call: CallUpdate | undefined,
): ((f: ClientFrame) => boolean)[] {
  const web =
    (name: string, extra: (f: ClientFrame) => boolean = () => true) =>
    (f: ClientFrame) =>
      f.claz === 'web' && f.command === name && extra(f);
  const onCall = (f: ClientFrame) => f.uniqueId === call?.vendorCallId;
  switch (command.type) {
    case 'dial':
      return [
        web(
          'dial',
          (f) =>
            typeof f.destination === 'string' &&
            digitsOnly(f.destination).endsWith(digitsOnly(command.number)),
        ),
      ];
    case 'answer':
    case 'hangup':
    case 'hold':
      return [web(command.type, onCall)];
    case 'resume':
      // hold toggles (§1.6, assumed): resume is a second hold.
      return [web('hold', onCall)];
    case 'blindTransfer':
      return [web('directTransfer', (f) => f.destination === command.target)];
    case 'attendedTransfer':
      return [web('attendedTransfer', (f) => f.destination === command.target)];
    case 'completeTransfer':
    case 'cancelTransfer':
      return [web(command.type)];
    case 'sendDtmf':
      return [...command.digits].map((key) => web('sendDtmf', (f) => f.key === key));
    case 'pauseRecording':
      return [web('monitorPause', (f) => f.agentid === AGENT_ID)];
    case 'resumeRecording':
      return [web('monitorUnpause', (f) => f.agentid === AGENT_ID)];
    case 'setAgentState':
      if (command.state === 'ready') {
        return [(f) => (web('unpauseAgent')(f) || web('agentLogin')(f)) && f.agentid === AGENT_ID];
      }
      if (command.state === 'notReady')
        return [web('pauseAgent', (f) => f.agentid === AGENT_ID && f.reason === command.reason)];
      return [web('agentLogout', (f) => f.agentid === AGENT_ID)];
    default:
      throw new Error(`XiVO has no ${command.type} frame`);
  }
}

defineConformanceSuite({
  name: 'XiVO',
  capabilities: {
    commands: [
      'dial',
      'answer',
      'hangup',
      'hold',
      'resume',
      'blindTransfer',
      'attendedTransfer',
      'completeTransfer',
      'cancelTransfer',
      'sendDtmf',
      'pauseRecording',
      'resumeRecording',
      'setAgentState',
      'setCallData',
      'joinQueue',
      'leaveQueue',
      'takeCallback',
      'releaseCallback',
      'startCallback',
      'rescheduleCallback',
      'setDnd',
      'setForward',
      'addFavorite',
      'removeFavorite',
      'vendorAction',
    ],
    agentStates: ['ready', 'notReady', 'loggedOut'],
    dispositions: 'policy',
    recordingControl: 'queueCalls',
  },
  pastCalls: true,
  features: XIVO_FEATURES,
  featureScenarios: XIVO_FEATURE_SCENARIOS(() => {
    if (!current) throw new Error('No XiVO simulator is running');
    return current;
  }),
  async start() {
    // Short simulated delays keep the suite quick; nothing asserts on them.
    const sim: XivoSimulator = await startXivoSimulator({ dialAnswerMs: 20, wrapUpMs: 50 });
    current = sim;
    const settings = structuredClone(DEFAULT_SETTINGS);
    settings.connection.xivo.server = sim.url;
    const live = (id: string) => {
      const call = sim.calls().find((c) => c.uniqueId === id);
      if (!call) throw new Error(`The simulator has no call ${id}`);
      return call;
    };
    return {
      createAdapter: () => xivo.create(settings),
      createAdapterAtWrongPath: () =>
        xivo.create(withConnection(settings, 'xivo', { server: `${sim.url}/nope` })),
      credentials: { username: 'alice', password: 'secret', phoneNumber: '1001' },
      transport: {
        fetch: globalThis.fetch,
        WebSocket: NodeWebSocket,
      },
      sim: {
        ringInbound: async (o = {}) => ({
          vendorCallId: sim.inboundCall({
            queue: o.queue === false ? '' : 'support',
            from: o.from,
            name: o.name,
          }).uniqueId,
        }),
        answerOnDevice: async (id) => live(id).answer(),
        remoteHangup: async (id) => live(id).hangup(),
        dropTransport: async () => sim.dropSockets(),
        rejectAuth: async (on) => sim.rejectLogins(on),
        sendMalformed: async () => {
          sim.sendMalformed('notJson');
        },
        expectWire: async (command, call) => {
          for (const pred of framesFor(command, call)) {
            await expect(sim.waitForFrame(pred)).resolves.toBeTruthy();
          }
        },
      },
      stop: () => sim.close(),
    };
  },
});
