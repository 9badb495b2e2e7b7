/**
 * The conformance suite bound to the uContact adapter and the uContact simulator. Call events
 * reach the adapter the way the session hands them over in the extension: through
 * `receive('portal', …)`, here straight from the simulator's portal messages (vendors/README.md
 * §4.4). The "transport" that drops is the REST API the heartbeat checks.
 */
import { expect } from 'vitest';
import type { VendorAdapter } from '../../utils/cti/adapter';
import type { CallUpdate, Command } from '../../utils/cti/model';
import { ucontact } from '../../utils/cti/vendors/ucontact';
import { CHECK_FAILURES_BEFORE_LOST } from '../../utils/cti/vendors/ucontact/adapter';
import { digitsOnly } from '../../utils/phone/format';
import { DEFAULT_SETTINGS } from '../../utils/settings/schema';
import {
  DEFAULT_AGENT,
  startUcontactSimulator,
  type UcontactRequest,
  type UcontactSimulator,
} from '../simulators/ucontact';
import { noWebSocket } from '../simulators/shared/node-websocket';
import { UCONTACT_FEATURE_SCENARIOS } from './ucontact-features';
import { defineConformanceSuite } from './suite';
import { withConnection } from './harness';

/** The simulator of the test that runs now (one per test): the feature scenarios inspect it. */
let current: UcontactSimulator | undefined;

type Pred = (r: UcontactRequest) => boolean;

/** The request each command must produce (vendors/README.md §4.3). */
function requestFor(command: Command, call: CallUpdate | undefined): Pred {
  const ok =
    (api: string, extra: Pred = () => true): Pred =>
    (r) =>
      r.api === api && r.status === 200 && r.answer !== '0' && extra(r);
  const iface = (r: UcontactRequest) =>
    r.form.agent === DEFAULT_AGENT.agent && r.form.interface === `SIP/${DEFAULT_AGENT.extension}`;
  switch (command.type) {
    case 'dial':
      return ok('Agents/AgentCall', (r) =>
        digitsOnly(command.number).endsWith(digitsOnly(r.form.destination ?? '-')),
      );
    case 'hangup':
      return ok('Agents/HungupPhone', (r) => r.form.phone === DEFAULT_AGENT.extension);
    case 'dispose':
      return ok(
        'api/DispositionCall',
        (r) => r.form.l1 === command.code && r.form.callerid === call?.remote.raw,
      );
    case 'setAgentState':
      if (command.state === 'ready') return ok('api/AgentUnBreak', iface);
      if (command.state === 'notReady')
        return ok('api/AgentBreak', (r) => iface(r) && r.form.motive === command.reason);
      return ok('api/AgentLogoff', iface);
    default:
      throw new Error(`uContact has no ${command.type} request`);
  }
}

defineConformanceSuite({
  name: 'uContact',
  capabilities: {
    commands: [
      'dial',
      'hangup',
      'dispose',
      'setAgentState',
      'scheduleCallback',
      'cancelCallback',
      'vendorAction',
    ],
    agentStates: ['ready', 'notReady', 'loggedOut'],
    dispositions: 'vendor',
    recordingControl: 'none',
  },
  // queuesummary and campaignstatus; nothing on the API page lists scheduled calls (no callbacks).
  features: ['queues', 'queueStats'],
  featureScenarios: UCONTACT_FEATURE_SCENARIOS(() => {
    if (!current) throw new Error('No uContact simulator is running');
    return current;
  }),
  // No "current calls" request (§4.4): what the portal reported before a sign-in is gone with it.
  callsBeforeSignIn: false,
  async start() {
    const sim = await startUcontactSimulator();
    current = sim;
    const settings = structuredClone(DEFAULT_SETTINGS);
    settings.connection.ucontact.baseUrl = sim.url;
    settings.connection.ucontact.portalOrigin = sim.url;
    settings.connection.ucontact.campaign = 'Sales->';
    // Nothing asserts on it; short keeps the suite quick.
    settings.connection.ucontact.assumeConnectedMs = 20;
    const adapters: VendorAdapter[] = [];
    // What the session does with the portal bridge's messages: hand them to the live adapter.
    const unsubscribe = sim.onPortal((message) => {
      for (const adapter of adapters) adapter.receive?.('portal', message);
    });
    return {
      createAdapter: () => {
        const adapter = ucontact.create(settings);
        adapters.push(adapter);
        return adapter;
      },
      createAdapterAtWrongPath: () =>
        ucontact.create(withConnection(settings, 'ucontact', { baseUrl: `${sim.url}/nope` })),
      credentials: { agent: DEFAULT_AGENT.agent, password: DEFAULT_AGENT.password },
      transport: {
        fetch: globalThis.fetch,
        WebSocket: noWebSocket('uContact'),
      },
      sim: {
        ringInbound: async (o = {}) => ({
          vendorCallId: sim.ringInbound({
            ...(o.from ? { from: o.from } : {}),
            ...(o.name ? { name: o.name } : {}),
          }).guid,
        }),
        // uContact sends no answer event (§4.5): the adapter assumes it.
        answerOnDevice: async () => undefined,
        remoteHangup: async (guid) => sim.remoteHangup(guid),
        dropTransport: async () => {
          sim.fail(503, CHECK_FAILURES_BEFORE_LOST);
          for (const adapter of adapters) {
            for (let i = 0; i < CHECK_FAILURES_BEFORE_LOST; i++) adapter.heartbeat?.send();
          }
        },
        rejectAuth: async (on) => sim.rejectLogins(on),
        sendMalformed: async () => sim.portalPost({ action: 'gettingCall', params: [42] }),
        expectWire: async (command, call) => {
          await expect(sim.waitForRequest(requestFor(command, call))).resolves.toBeTruthy();
        },
      },
      stop: async () => {
        unsubscribe();
        for (const adapter of adapters) await adapter.disconnect();
        await sim.close();
        if (current === sim) current = undefined;
      },
    };
  },
});
