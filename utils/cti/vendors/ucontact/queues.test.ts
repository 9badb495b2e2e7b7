/**
 * uContact's campaign information read as the model's queues and queue figures
 * (api-pages/ucontact-integra.txt "Campaigns Information"), and the dialer's small formats.
 * The parsers also get property-based runs: whatever uContact answers, they never throw and give
 * only figures the store accepts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkProperty } from '../../../../tests/support/property';
import { QueueStats } from '../../features';
import { dialerData, parseCallbackId } from './dialer';
import {
  configuredQueues,
  queueInfos,
  queueName,
  readCampaignStatus,
  readSummary,
  type SummaryRead,
} from './queues';

/** The API page's own queuesummary example. */
const PAGE_SUMMARY = [
  {
    queue: 'Power<-',
    loggedIn: 10,
    available: 5,
    callers: 3,
    holdTime: 18,
    talkTime: 130,
    longestHoldTime: 220,
    internalActionId: '1982468278_6312',
    dateReceived: 'Nov 2, 2018 11:31:42 AM',
  },
  {
    queue: 'test->',
    loggedIn: 0,
    available: 0,
    callers: 0,
    holdTime: 0,
    talkTime: 0,
    longestHoldTime: 0,
    internalActionId: '1982468278_6312',
    dateReceived: 'Nov 2, 2018 11:31:42 AM',
  },
  { internalActionId: '1982468278_6312', dateReceived: 'Nov 2, 2018 11:31:42 AM' },
];

describe('uContact queue names', () => {
  it('drops the direction suffix for the agent, keeping the rest', () => {
    expect(queueName('Support<-')).toBe('Support');
    expect(queueName('Ventas->')).toBe('Ventas');
    expect(queueName('Night shift <- ')).toBe('Night shift');
    expect(queueName('Plain')).toBe('Plain');
    expect(queueName('a->b')).toBe('a->b');
    // A name that is only a suffix stays readable.
    expect(queueName('<-')).toBe('<-');
  });

  it('tells two campaigns of one name apart by their direction', () => {
    expect(queueInfos(['Sales<-', 'Sales->', 'Support<-'])).toEqual([
      { id: 'Sales<-', name: 'Sales (inbound)' },
      { id: 'Sales->', name: 'Sales (outbound)' },
      { id: 'Support<-', name: 'Support' },
    ]);
  });

  it('reads the queues setting as a comma-separated list', () => {
    expect(configuredQueues(' Support<-, Sales-> ,,Support<-')).toEqual(['Support<-', 'Sales->']);
    expect(configuredQueues('')).toEqual([]);
  });
});

describe('uContact queuesummary and campaignstatus', () => {
  it('reads the API page’s queuesummary: live figures by queue, the closing row skipped', () => {
    expect(readSummary(PAGE_SUMMARY)).toEqual({
      stats: {
        'Power<-': { waiting: 3, longestWaitS: 220, agentsAvailable: 5, agentsLoggedIn: 10 },
        'test->': { waiting: 0, longestWaitS: 0, agentsAvailable: 0, agentsLoggedIn: 0 },
      },
      invalid: 0,
    });
  });

  it('takes numeric strings, and counts a row it cannot read without its figures', () => {
    const read = readSummary([
      { queue: 'A<-', callers: '4', available: ' 2 ' },
      { queue: 'B<-', callers: -1 },
      { queue: 'C<-', callers: 'many' },
    ]);
    expect(read).toEqual({ stats: { 'A<-': { waiting: 4, agentsAvailable: 2 } }, invalid: 2 });
  });

  it('reads the day’s counts of each campaign and skips agents and ACD calls', () => {
    const answer = {
      'Power<-': { campaign: 'Power<-', availables: 0, completed: 41, abandoned: 2, wrapup: 0 },
      alice: { agent: 'alice', status: 'available' },
      'test->': { campaign: 'test->', completed: 'x' },
    };
    expect(readCampaignStatus(answer)).toEqual({
      stats: { 'Power<-': { answered: 41, abandoned: 2 } },
      invalid: 1,
    });
  });

  const valid = (read: SummaryRead) =>
    Object.values(read.stats).every((s) => QueueStats.safeParse(s).success);

  it('never throws and gives only valid figures, whatever the answer (property)', () => {
    const row = fc.record(
      {
        queue: fc.oneof(fc.string(), fc.constantFrom('Support<-', 'Sales->')),
        loggedIn: fc.oneof(fc.integer(), fc.string(), fc.double()),
        available: fc.oneof(fc.nat(), fc.constant(null)),
        callers: fc.oneof(fc.nat(), fc.stringMatching(/^\d{1,12}$/)),
        longestHoldTime: fc.anything(),
      },
      { requiredKeys: [] },
    );
    checkProperty(
      'uContact queuesummary reader',
      fc.property(fc.array(fc.oneof(row, fc.anything()), { maxLength: 20 }), (rows) => {
        expect(valid(readSummary(rows))).toBe(true);
      }),
      { numRuns: 2_000, label: 'rows' },
    );
    checkProperty(
      'uContact campaignstatus reader',
      fc.property(fc.dictionary(fc.string(), fc.oneof(row, fc.anything())), (answer) => {
        expect(valid(readCampaignStatus(answer))).toBe(true);
      }),
      { numRuns: 2_000, label: 'answers' },
    );
  });
});

describe('uContact dialer formats', () => {
  it('writes data as Par=Val:Par=Val and refuses what the format cannot carry', () => {
    expect(dialerData({ idcustomer: '7', topic: 'invoice 42' }, 'call data')).toBe(
      'idcustomer=7:topic=invoice 42',
    );
    expect(dialerData({}, 'call data')).toBe('');
    expect(() => dialerData({ note: 'at 3:30' }, 'a note')).toThrow(
      'uContact cannot take “:” or “=” in a note: remove them',
    );
  });

  it('reads a callback id as campaign|number, or a number alone', () => {
    expect(parseCallbackId('Sales->|+14155550123')).toEqual({
      campaign: 'Sales->',
      number: '+14155550123',
    });
    expect(parseCallbackId(' +14155550123 ')).toEqual({ number: '+14155550123' });
    expect(() => parseCallbackId('Sales->|')).toThrow('Name the number');
  });
});

describe('uContact queue names that are object keys', () => {
  it('keeps a queue named __proto__ as its own entry', () => {
    const read = readSummary([{ queue: '__proto__', callers: 1 }]);
    expect(Object.keys(read.stats)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(read.stats)).toBe(Object.prototype);
  });
});
