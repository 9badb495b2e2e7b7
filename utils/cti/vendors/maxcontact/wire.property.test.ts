/**
 * Property: the MaxContact answers read for the agent's tools (`users`, `acdqueues`,
 * `leadphones`, `createnewlead`) and the assumed request paths. Arbitrary and mutated answers are
 * read or refused, never a throw; what is read always makes well-formed directory entries, queues
 * and vendor actions (the store drops anything else); a path template the settings accept always
 * expands to a request under the agent's own user.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DirectoryEntry, QueueInfo, VendorAction } from '../../features';
import { anyJson, mutated, type Json } from '../../../../tests/property/support/json';
import { checkAsyncProperty, checkProperty } from '../../../../tests/support/property';
import { CallTracker } from './calls';
import { queuesOf } from './catalog';
import { UserDirectory } from './directory';
import { LeadBook } from './leads';
import { expandPath, pathTemplate } from './paths';
import { AcdQueueList, CallList, LeadPhoneList, NewLeadData, UserList } from './wire';

const USERS: Json[] = [
  [
    { FullName: 'Priya Shah', ID: 1002 },
    { FullName: 'Tom Williams', ID: '1003' },
  ],
];
const QUEUES: Json[] = [
  [
    { ID: 11, AcdName: 'Support', Active: true, SnapshotStats: {}, AbandonThreshold: 20 },
    { ID: 13, AcdName: 'Old', Active: false },
  ],
];
const PHONES: Json[] = [
  [
    {
      LeadId: 77,
      PhoneNumber: '+441632960123',
      RecordType: 'Home',
      RecordTypeId: 1,
      LeadPhoneID: 9001,
    },
    {
      LeadId: 77,
      PhoneNumber: '07700 900123',
      RecordType: 'Mobile',
      RecordTypeId: 2,
      LeadPhoneID: '9002',
    },
  ],
];

const answer = (valid: Json[]) =>
  fc.oneof({ weight: 3, arbitrary: mutated(valid) }, { weight: 1, arbitrary: anyJson });

const digits = /^\d+$/;

describe('maxcontact wire (property): agent tools', () => {
  it('reads or refuses any users answer, and searches only well-formed entries', async () => {
    await checkAsyncProperty(
      'MaxContact users answers',
      fc.asyncProperty(answer(USERS), fc.string({ maxLength: 4 }), async (data, term) => {
        const parsed = UserList.safeParse(data);
        if (!parsed.success) return;
        const { items, dropped } = parsed.data;
        expect(items.length + dropped).toBe(Array.isArray(data) ? data.length : 0);
        for (const user of items) expect(user.ID).toMatch(digits);
        const directory = new UserDirectory({
          userId: '1001',
          request: async () => parsed.data,
          now: () => 0,
          protocolError: () => undefined,
        });
        for (const entry of await directory.search(term, 50)) {
          expect(DirectoryEntry.safeParse(entry).success).toBe(true);
        }
      }),
      { numRuns: 2_000, label: 'mutated and arbitrary users lists, searched' },
    );
  });

  it('reads or refuses any acdqueues answer, and shows only well-formed queues', () => {
    checkProperty(
      'MaxContact acdqueues answers',
      fc.property(answer(QUEUES), (data) => {
        const parsed = AcdQueueList.safeParse(data);
        if (!parsed.success) return;
        for (const queue of queuesOf(parsed.data.items)) {
          expect(QueueInfo.safeParse(queue).success).toBe(true);
        }
      }),
      { numRuns: 2_000, label: 'mutated and arbitrary queue lists' },
    );
  });

  it('reads or refuses any leadphones answer, and offers only well-formed actions', async () => {
    await checkAsyncProperty(
      'MaxContact leadphones answers',
      fc.asyncProperty(answer(PHONES), anyJson, async (data, created) => {
        const parsed = LeadPhoneList.safeParse(data);
        const leadId = NewLeadData.parse(created);
        if (leadId !== undefined) expect(leadId).toMatch(digits);
        if (!parsed.success) return;
        const calls = new CallTracker(() => 0, 'GB', 'k');
        calls.apply(CallList.parse([{ CallId: 1000, LeadId: 77 }]), 1, 'ringing');
        const book = new LeadBook({
          userId: '1001',
          config: { dialFormat: 'e164', defaultCountry: 'GB', leadPhoneIdField: 'LeadPhoneID' },
          calls,
          request: async () => parsed.data as never,
          emit: () => undefined,
          now: () => 0,
        });
        await book.load(calls.live());
        for (const action of book.actions(calls.live())) {
          expect(VendorAction.safeParse(action).success).toBe(true);
        }
      }),
      { numRuns: 2_000, label: 'mutated and arbitrary lead phone lists and new-lead answers' },
    );
  });

  it('expands any accepted path template to a request of the agent', () => {
    const template = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc
        .array(
          fc.constantFrom('transfer', 'user', '{user}', 'call', '{call}', '{target}', 'x-1', ''),
          {
            maxLength: 8,
          },
        )
        .map((parts) => parts.join('/')),
    );
    checkProperty(
      'MaxContact assumed path templates',
      fc.property(template, (value) => {
        const parsed = pathTemplate('', ['user']).safeParse(value);
        if (!parsed.success) return;
        const req = expandPath(parsed.data, { user: '1001', call: '1000', target: '1002' });
        expect(req.method).toBe(req.segments[0]);
        expect(req.segments.join('/')).toContain('1001');
        for (const segment of req.segments) expect(segment).not.toMatch(/^$|[{}/?]/);
      }),
      { numRuns: 2_000, label: 'arbitrary and assembled templates' },
    );
  });
});
