/**
 * The conformance suite bound to the Windstream CCS adapter and the CCS simulator.
 */
import { expect } from 'vitest';
import { digitsOnly } from '../../utils/phone/format';
import { DEFAULT_SETTINGS } from '../../utils/settings/schema';
import { ccs } from '../../utils/cti/vendors/ccs';
import type { CallUpdate, Command } from '../../utils/cti/model';
import {
  DEFAULT_PRESENCE_OPTIONS,
  startCcsSimulator,
  type CcsSimulator,
  type RestRecord,
} from '../simulators/ccs';
import { defineConformanceSuite } from './suite';
import { withConnection } from './harness';
import { NodeWebSocket } from '../simulators/shared/node-websocket';

/** The REST request each command must produce (vendors/README.md §5.4). */
function requestFor(
  sim: CcsSimulator,
  command: Command,
  call: CallUpdate | undefined,
): (r: RestRecord) => boolean {
  const extensionPath = `/tenants/${sim.tenantId}/extensions/${sim.extension.uuid}`;
  const post =
    (path: string, match: (body: Record<string, unknown>) => boolean) => (r: RestRecord) =>
      r.method === 'POST' &&
      r.path === path &&
      typeof r.body === 'object' &&
      r.body !== null &&
      match(r.body as Record<string, unknown>);
  const onCall = (request: string, extra: (b: Record<string, unknown>) => boolean = () => true) =>
    post(`/calls/${call?.vendorCallId ?? '?'}`, (b) => b.request === request && extra(b));
  switch (command.type) {
    case 'dial':
      return post(
        extensionPath,
        (b) =>
          b.request === 'dial' &&
          b.outbound_queue_uuid === sim.outboundQueueId &&
          typeof b.target === 'string' &&
          digitsOnly(b.target).endsWith(digitsOnly(command.number)),
      );
    case 'hangup':
      return onCall('kill');
    case 'blindTransfer':
      return onCall('wait_transfer', (b) => b.target === command.target);
    case 'redirectToQueue':
      // The target is the ACD's uuid (vendors/README.md §5.4, api-pages §4.26).
      return onCall('wait_redirect', (b) => b.target === command.queue);
    case 'pauseRecording':
      return onCall('startSuppression');
    case 'resumeRecording':
      return onCall('stopSuppression');
    case 'setAgentState': {
      const name =
        command.state === 'ready' ? 'Ready' : command.state === 'notReady' ? 'lunch' : 'Sign Out';
      // An agent's own sign-in changes its own state (api-pages §4.17, routes.ts).
      return post('/agent_state', (b) => b.request === 'updateAgentState' && b.name === name);
    }
    default:
      throw new Error(`Windstream CCS has no request for ${command.type}`);
  }
}

defineConformanceSuite({
  name: 'Windstream CCS',
  capabilities: {
    commands: [
      'dial',
      'hangup',
      'blindTransfer',
      'redirectToQueue',
      'pauseRecording',
      'resumeRecording',
      'setAgentState',
    ],
    agentStates: ['ready', 'notReady', 'loggedOut'],
    dispositions: 'policy',
    recordingControl: 'all',
  },
  // The call search (api-pages §4.21) lists the agent's past calls.
  pastCalls: true,
  // No agent-feature command: no request joins or leaves a queue, and hanging up a waiting call
  // (wait_kill, §4.27) is the hangup command.
  features: ['directory', 'history', 'queues', 'queueStats', 'agentStats'],
  async start() {
    const sim = await startCcsSimulator({
      dialAnswerMs: 20,
      // The suite pauses with the reason "lunch".
      presenceOptions: [
        ...DEFAULT_PRESENCE_OPTIONS,
        { uuid: 'az123456-0000-4000-8000-00000000lunch', type: 'away', name: 'lunch' },
      ],
    });
    const settings = structuredClone(DEFAULT_SETTINGS);
    settings.connection.ccs = {
      ...settings.connection.ccs,
      domain: sim.url,
      tenantId: sim.tenantId,
      extensionId: sim.extension.uuid,
      outboundQueueId: sim.outboundQueueId,
    };
    const live = (id: string) => {
      const call = sim.calls().find((c) => c.callId === id);
      if (!call) throw new Error(`The simulator has no call ${id}`);
      return call;
    };
    return {
      createAdapter: () => ccs.create(settings),
      createAdapterAtWrongPath: () =>
        ccs.create(withConnection(settings, 'ccs', { domain: `${sim.url}/nope` })),
      credentials: { token: sim.extension.token },
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
          }).callId,
        }),
        answerOnDevice: async (id) => live(id).answer(),
        remoteHangup: async (id) => live(id).hangup(),
        dropTransport: async () => sim.dropSockets(),
        rejectAuth: async (on) => sim.rejectTokens(on),
        sendMalformed: async () => sim.sendMalformed('notJson'),
        expectWire: async (command, call) => {
          await expect(sim.waitForRequest(requestFor(sim, command, call))).resolves.toBeTruthy();
        },
      },
      stop: () => sim.close(),
    };
  },
});
