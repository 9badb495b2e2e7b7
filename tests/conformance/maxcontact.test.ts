/**
 * The conformance suite bound to the MaxContact adapter and the MaxContact simulator.
 */
import { expect } from 'vitest';
import { digitsOnly } from '../../utils/phone/format';
import { DEFAULT_SETTINGS } from '../../utils/settings/schema';
import { maxcontact } from '../../utils/cti/vendors/maxcontact';
import { POLL_FAILURES_BEFORE_LOST } from '../../utils/cti/vendors/maxcontact/adapter';
import type { CallUpdate, Command } from '../../utils/cti/model';
import {
  CHANGE_LEAD,
  CREATE_LEAD,
  LEAD_PHONE_FIELD,
  NEW_LEAD_NUMBER_FIELD,
} from '../../utils/cti/vendors/maxcontact/leads';
import {
  DEFAULT_RESULT_CODES,
  DEFAULT_USERS,
  startMaxContactSimulator,
  type MaxContactSimulator,
  type ReceivedRequest,
  type SimResultCode,
} from '../simulators/maxcontact';
import { noWebSocket } from '../simulators/shared/node-websocket';
import { withConnection, type FeatureScene } from './harness';
import { defineConformanceSuite } from './suite';

const USER = '1001';
/** The suite's transfer target (suite.ts): a MaxContact user, whom "Transfer To User" reaches. */
const COLLEAGUE = { login: '2000', password: 'secret', userId: 2000, fullName: 'Robin Hale' };
/** The simulator of the running test, for the feature scenarios. */
let current: MaxContactSimulator | undefined;
/** The suite disposes with this code (suite.ts); the platform must know it. */
const RESOLVED: SimResultCode = {
  ...DEFAULT_RESULT_CODES[1]!,
  Code: 'resolved',
  Description: 'Resolved',
  ResultCodeID: 90,
};

type Pred = (r: ReceivedRequest) => boolean;

/** The telephony request(s) each command must produce (vendors/README.md §3.4). */
function requestsFor(command: Command, call: CallUpdate | undefined): Pred[] {
  const api =
    (name: string, extra: Pred = () => true): Pred =>
    (r) =>
      r.api === name && r.status === 200 && r.path.includes(`/user/${USER}`) && extra(r);
  const onCall = (id: string | undefined) => (r: ReceivedRequest) => r.path.endsWith(`/call/${id}`);
  const dialled = (number: string) => (r: ReceivedRequest) =>
    digitsOnly(r.path.split('/phone/')[1] ?? '').endsWith(digitsOnly(number));
  switch (command.type) {
    case 'dial':
      return [api('dial', dialled(command.number))];
    case 'hangup':
    case 'hold':
      return [api(command.type, onCall(call?.vendorCallId))];
    case 'resume':
      return [api('retrieve', onCall(call?.vendorCallId))];
    case 'blindTransfer':
      // MaxContact v1.8 "Transfer To User", at its assumed path (paths.ts).
      return [
        api('transfertouser', (r) =>
          r.path.endsWith(`/call/${call?.vendorCallId}/touser/${command.target}`),
        ),
      ];
    case 'attendedTransfer':
      // Hold the customer, then dial the target (the consultation leg).
      return [api('hold', onCall(call?.vendorCallId)), api('dial', dialled(command.target))];
    case 'completeTransfer':
      return [api('connectcalls', (r) => r.query.call1 === call?.vendorCallId && !!r.query.call2)];
    case 'cancelTransfer':
      // The consultation leg is hung up; the customer is retrieved.
      return [
        api('hangup', (r) => !onCall(call?.vendorCallId)(r)),
        api('retrieve', onCall(call?.vendorCallId)),
      ];
    case 'pauseRecording':
      return [api('stoprecord', onCall(call?.vendorCallId))];
    case 'resumeRecording':
      return [api('startrecord', onCall(call?.vendorCallId))];
    case 'dispose':
      return [
        api('dispose', (r) => onCall(call?.vendorCallId)(r) && r.query.resultcode === command.code),
      ];
    case 'setAgentState':
      if (command.state === 'ready') return [api('goready')];
      if (command.state === 'notReady') return [api('gonotready')];
      return [api('logout')];
    default:
      throw new Error(`MaxContact has no ${command.type} request`);
  }
}

/**
 * The call's lead (leads.ts): a call from a lead with two phones offers "Change lead phone" with
 * both; choosing the mobile sends `changelead` with its id; "Save as a new lead" sends
 * `createnewlead` and the call then belongs to the new lead.
 */
async function leadActions({ adapter, t, connected }: FeatureScene): Promise<void> {
  const sim = current!;
  const lead = sim.addLead({
    phones: [
      { number: '+441632960777', type: 'Home' },
      { number: '+447700900777', type: 'Mobile' },
    ],
  });
  const call = await connected({ from: '+441632960777' });
  const offer = await t.next('vendorActions', (e) =>
    e.actions.some((a) => a.id === CHANGE_LEAD && a.callId === call.id),
  );
  const change = offer.actions.find((a) => a.id === CHANGE_LEAD && a.callId === call.id)!;
  const mobile = change.fields?.[0]?.options?.find((o) => o.label.includes('7700900777'));
  const phone = lead.phones[1]!;
  expect(mobile?.code).toBe(String(phone.LeadPhoneID));
  await adapter.execute({
    type: 'vendorAction',
    action: CHANGE_LEAD,
    callId: call.id,
    values: { [LEAD_PHONE_FIELD]: mobile!.code },
  });
  await expect(
    sim.waitForRequest(
      (r) =>
        r.api === 'changelead' &&
        r.status === 200 &&
        r.path.endsWith(`/call/${call.vendorCallId}/leadphone/${phone.LeadPhoneID}`),
    ),
  ).resolves.toBeTruthy();
  await adapter.execute({
    type: 'vendorAction',
    action: CREATE_LEAD,
    callId: call.id,
    values: { [NEW_LEAD_NUMBER_FIELD]: '+447700900888' },
  });
  await sim.waitForRequest((r) => r.api === 'createnewlead' && r.status === 200);
  const created = sim.leads().at(-1)!;
  expect(created.phones.map((p) => digitsOnly(p.PhoneNumber))).toEqual(['447700900888']);
  await t.next(
    'callUpsert',
    (e) => e.call.id === call.id && e.call.recordId === String(created.LeadId),
  );
}
defineConformanceSuite({
  name: 'MaxContact',
  capabilities: {
    commands: [
      'dial',
      'hangup',
      'hold',
      'resume',
      'attendedTransfer',
      'completeTransfer',
      'cancelTransfer',
      'pauseRecording',
      'resumeRecording',
      'dispose',
      'setAgentState',
      'blindTransfer',
      'vendorAction',
    ],
    agentStates: ['ready', 'notReady', 'loggedOut'],
    dispositions: 'vendor',
    recordingControl: 'all',
  },
  features: ['directory', 'queues', 'callData'],
  // The suite's target is Robin Hale's user id: a consultation dials a phone number instead.
  consultTarget: '2999',
  featureScenarios: { vendorAction: leadActions },
  async start() {
    const sim = await startMaxContactSimulator({
      dialAnswerMs: 20,
      resultCodes: [...DEFAULT_RESULT_CODES, RESOLVED],
      users: [...DEFAULT_USERS, COLLEAGUE],
    });
    current = sim;
    const settings = structuredClone(DEFAULT_SETTINGS);
    settings.connection.maxcontact.baseUrl = sim.url;
    // Short intervals keep the suite quick (the settings schema allows no less than 500 ms);
    // nothing asserts on them.
    settings.connection.maxcontact.pollIntervalMs = 30;
    settings.connection.maxcontact.idlePollIntervalMs = 60;
    const live = (id: string) => {
      const call = sim.calls().find((c) => String(c.CallId) === id);
      if (!call) throw new Error(`The simulator has no live call ${id}`);
      return call;
    };
    return {
      createAdapter: () => maxcontact.create(settings),
      createAdapterAtWrongPath: () =>
        maxcontact.create(withConnection(settings, 'maxcontact', { baseUrl: `${sim.url}/nope` })),
      credentials: { username: USER, password: 'secret' },
      transport: {
        fetch: globalThis.fetch,
        WebSocket: noWebSocket('MaxContact'),
      },
      sim: {
        ringInbound: async (o = {}) => ({
          vendorCallId: String(
            sim.inboundCall({
              ...(o.queue === false ? {} : { queue: 'Support', campaign: 'Customer Care' }),
              ...(o.from ? { from: o.from } : {}),
              ...(o.name ? { name: o.name } : {}),
            }).CallId,
          ),
        }),
        answerOnDevice: async (id) => live(id).answer(),
        remoteHangup: async (id) => live(id).hangup(),
        // The polling endpoint fails until the adapter gives up on the connection.
        dropTransport: () => sim.fail(503, POLL_FAILURES_BEFORE_LOST),
        rejectAuth: async (on) => sim.rejectLogins(on),
        sendMalformed: async () => sim.sendMalformed('notJson'),
        expectWire: async (command, call) => {
          for (const pred of requestsFor(command, call)) {
            await expect(sim.waitForRequest(pred)).resolves.toBeTruthy();
          }
        },
      },
      stop: () => sim.close(),
    };
  },
});
