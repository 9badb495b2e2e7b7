/**
 * Property checks of the XiVO agent-feature frames (wire-features.ts and the books that read
 * them): mutations of the page's examples and arbitrary JSON, fed through a connected adapter's
 * socket, never throw, and every event they cause is one the store accepts (store-features.ts
 * schemas and limits). The directory and sheet mappers are checked on their own too.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  AgentStat,
  CallbackItem,
  DirectoryEntry,
  Presence,
  QueueInfo,
  QueueStats,
  VendorAction,
} from '../../features';
import { CallUpdate, type CtiEvent } from '../../model';
import { FEATURE_LIMITS } from '../../store-features';
import {
  CALLBACK_LIST,
  QUEUE_LIST,
  resynced,
  setup,
  xuc,
} from '../../../../tests/simulators/xivo/test-kit';
import {
  anyJson,
  applyMutation,
  mutated,
  type Json,
} from '../../../../tests/property/support/json';
import { checkProperty } from '../../../../tests/support/property';
import type { FakeWebSocket } from '../../../../tests/simulators/shared/fake-websocket';
import { entriesOf } from './directory';
import { sheetPopOf } from './sheet';
import { DirectoryPayload, SheetPayload } from './wire-features';

/** One of each feature frame, as the page (or the public cti.js / callback.js) shows it. */
const SAMPLES = JSON.parse(
  JSON.stringify([
    xuc('QueueList', QUEUE_LIST),
    xuc('QueueConfig', {
      id: 8,
      context: 'default',
      name: 'blue',
      displayName: 'blue sky',
      number: '3506',
    }),
    xuc('QueueMember', { agentId: 22, queueId: 8, penalty: 12 }),
    xuc('QueueMemberList', [
      { agentId: 22, queueId: 8, penalty: 2 },
      { agentId: 139, queueId: 168, penalty: 2 },
    ]),
    xuc('QueueStatistics', {
      queueId: 11,
      counters: [
        { statName: 'AvailableAgents', value: 0 },
        { statName: 'EWT', value: 0 },
      ],
    }),
    xuc('QueueStatistics', {
      queueRef: 'travels',
      counters: [{ statName: 'TotalNumberCallsAbandonned', value: 19 }],
    }),
    xuc('AgentStatistics', {
      id: 22,
      statistics: [
        { name: 'AgentReadyTotalTime', value: 434 },
        { name: 'LoginDateTime', value: '2015-04-27T08:15:01.081+02:00' },
      ],
    }),
    xuc('AgentListen', { started: false, phoneNumber: '1058', agentId: 22 }),
    xuc('CallbackLists', CALLBACK_LIST),
    xuc('CallbackLists', [CALLBACK_LIST]),
    xuc('CallbackTaken', { uuid: CALLBACK_LIST.callbacks[0]!.uuid, agentId: 22 }),
    xuc('CallbackReleased', { uuid: CALLBACK_LIST.callbacks[0]!.uuid }),
    xuc('CallbackClotured', { uuid: CALLBACK_LIST.callbacks[0]!.uuid }),
    xuc('CallbackStarted', { requestUuid: CALLBACK_LIST.callbacks[0]!.uuid, ticketUuid: 't' }),
    xuc('CallbackRequestUpdated', { request: CALLBACK_LIST.callbacks[0]! }),
    xuc('PreferredCallbackPeriodList', [CALLBACK_LIST.callbacks[0]!.preferredPeriod]),
    xuc('UserConfigUpdate', {
      userId: 9,
      dndEnabled: false,
      naFwdEnabled: true,
      naFwdDestination: '0612',
      uncFwdEnabled: false,
      uncFwdDestination: '',
      busyFwdEnabled: false,
      busyFwdDestination: '',
      agentId: 22,
      mobileNumber: '064574512',
    }),
    xuc('VoiceMailStatusUpdate', {
      voiceMailId: 58,
      newMessages: 2,
      waitingMessages: 1,
      oldMessages: 1,
    }),
    xuc('UsersStatuses', [
      { name: 'available', color: '#08FD20', longName: 'Available', actions: [] },
    ]),
    xuc('UserStatusUpdate', { status: 'available' }),
    xuc('ConferenceList', [
      { number: '4000', name: 'public', pinRequired: false, startTime: 1, members: [] },
    ]),
    xuc('DirectoryResult', {
      entries: [{ status: 0, entry: ['hawkeye', 'pierce', '1002', '0761187406', 'false'] }],
      headers: ['Firstname', 'Lastname', 'Number', 'Mobile', 'Favorite'],
    }),
    xuc('FavoriteUpdated', { action: 'Added', contact_id: '12', source: 'internal' }),
    xuc('Sheet', {
      payload: {
        profile: {
          user: {
            internal: [{ content: '10.1', name: 'uid' }],
            sheetInfo: [
              { value: 'https://crm.example.com/', name: 'popupUrl', order: 10, type: 'url' },
            ],
          },
        },
      },
      channel: 'SIP/1',
    }),
    xuc('PhoneEvent', {
      eventType: 'EventRinging',
      DN: '1001',
      otherDN: '0142',
      linkedId: '10.1',
      uniqueId: '10.2',
    }),
  ]),
) as Json[];

/** What the store requires of each event (store-features.ts, model.ts). */
const ACCEPTED: Partial<Record<CtiEvent['type'], z.ZodType>> = {
  queues: z.object({ queues: z.array(QueueInfo).max(FEATURE_LIMITS.queues) }),
  queueStats: z.object({ stats: z.record(z.string().min(1).max(200), QueueStats) }),
  callbacks: z.object({ callbacks: z.array(CallbackItem).max(FEATURE_LIMITS.callbacks) }),
  presence: z.object({ presence: Presence }),
  agentStats: z.object({ stats: z.array(AgentStat).max(FEATURE_LIMITS.agentStats) }),
  vendorActions: z.object({ actions: z.array(VendorAction).max(FEATURE_LIMITS.actions) }),
  callUpsert: z.object({ call: CallUpdate }),
};

function problemOf(event: CtiEvent): string | undefined {
  const schema = ACCEPTED[event.type];
  if (!schema) return undefined;
  const checked = schema.safeParse(event);
  return checked.success ? undefined : `${event.type}: ${checked.error.issues[0]?.message}`;
}

describe('XiVO feature frames (property)', () => {
  let socket: FakeWebSocket;
  let events: CtiEvent[];

  beforeAll(async () => {
    const connected = await resynced(setup());
    socket = connected.socket;
    events = connected.t.events.items;
  });

  it('never throws, and every event they cause is one the store accepts', () => {
    // Long text in any field: names, numbers and ids past the model's bounds.
    const long = fc
      .tuple(fc.integer({ min: 60, max: 2500 }), fc.string({ minLength: 1, maxLength: 4 }))
      .map(([length, unit]) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length));
    const longText = fc
      .tuple(fc.constantFrom(...SAMPLES), fc.nat(), long)
      .map(([base, at, value]) => applyMutation(base, { at, kind: 'replace', value, key: '' }));
    const frames = fc.oneof(
      { weight: 1, arbitrary: anyJson },
      { weight: 2, arbitrary: longText },
      { weight: 1, arbitrary: SAMPLES.length ? fc.constantFrom(...SAMPLES) : anyJson },
      { weight: 8, arbitrary: mutated(SAMPLES) },
    );
    checkProperty(
      'XiVO feature frames',
      fc.property(frames, (frame) => {
        const before = events.length;
        socket.serverSend(frame);
        for (const event of events.slice(before)) {
          const problem = problemOf(event);
          if (problem) throw new Error(`${problem}\nafter ${JSON.stringify(frame).slice(0, 300)}`);
        }
      }),
      { numRuns: 10_000, label: 'page examples mutated, and arbitrary JSON' },
    );
    expect(events.some((e) => e.type === 'queues')).toBe(true);
  });
});

describe('XiVO directory rows and sheets (property)', () => {
  const cell = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom('+33 1 42 68 53 00', '1002', '0761187406', 'true', 'false', ''),
  );
  const header = fc.oneof(
    fc.constantFrom(
      'Firstname',
      'Lastname',
      'Name',
      'Nom',
      'Number',
      'Mobile',
      'Favorite',
      'Company',
      'Fax',
      'E-mail',
    ),
    fc.string({ maxLength: 300 }),
  );

  it('maps any row to an entry the panel accepts, or to nothing', () => {
    const payload = fc.record({
      headers: fc.array(header, { maxLength: 8 }),
      entries: fc.array(
        fc.record({
          status: fc.oneof(fc.integer({ min: -200, max: 200 }), fc.constant(null)),
          entry: fc.array(cell, { maxLength: 8 }),
          contact_id: fc.option(fc.string({ maxLength: 400 })),
          source: fc.option(fc.string({ maxLength: 400 })),
          favorite: fc.option(fc.boolean()),
        }),
        { maxLength: 5 },
      ),
    });
    checkProperty(
      'XiVO directory rows',
      fc.property(payload, fc.boolean(), (raw, favorites) => {
        const parsed = DirectoryPayload.safeParse(raw);
        if (!parsed.success) return;
        for (const entry of entriesOf(parsed.data, favorites)) {
          const checked = DirectoryEntry.safeParse(entry);
          if (!checked.success) throw new Error(checked.error.issues[0]?.message);
        }
      }),
      { numRuns: 10_000, label: 'generated headers and rows' },
    );
  });

  it('takes only an http(s) page of at most 2000 characters from a sheet', () => {
    const value = fc.oneof(
      fc.string({ maxLength: 50 }),
      fc.webUrl(),
      fc.constantFrom(
        'javascript:alert(1)',
        'data:text/html,x',
        'file:///etc/passwd',
        `https://a.b/${'x'.repeat(2000)}`,
      ),
    );
    const sheet = fc.record({
      payload: fc.record({
        profile: fc.record({
          user: fc.record({
            internal: fc.array(
              fc.record({
                name: fc.constantFrom('uid', 'where'),
                content: fc.string({ maxLength: 20 }),
              }),
              { maxLength: 3 },
            ),
            sheetInfo: fc.array(
              fc.record({
                name: fc.constantFrom('popupUrl', 'popupUrl1', 'folder'),
                value,
                order: fc.option(fc.integer()),
                type: fc.constantFrom('url', 'text', 'URL'),
              }),
              { maxLength: 4 },
            ),
          }),
        }),
      }),
      channel: fc.string({ maxLength: 10 }),
    });
    checkProperty(
      'XiVO sheets',
      fc.property(sheet, (raw) => {
        const parsed = SheetPayload.safeParse(raw);
        if (!parsed.success) return;
        const pop = sheetPopOf(parsed.data);
        if (!pop) return;
        const url = new URL(pop.url);
        if (!['http:', 'https:'].includes(url.protocol) || pop.url.length > 2000 || !pop.uid) {
          throw new Error(`unsafe pop ${pop.url.slice(0, 100)}`);
        }
      }),
      { numRuns: 5_000, label: 'generated sheets' },
    );
  });
});
