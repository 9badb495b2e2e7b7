/**
 * Property-based checks of the CCS parsers added for the agent features: inbound queue events,
 * the call search's rows, the single call lookup's answer, and the page's durations and
 * date-times. Arbitrary and mutated input never throws, and what comes out is what the model
 * accepts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyJson, mutated, type Json } from '../../../../tests/property/support/json';
import { checkProperty } from '../../../../tests/support/property';
import { QueueStats } from '../../features';
import { parseSocketFrame } from './events';
import { pastCallOf } from './history';
import { QueueEventRow } from './queues';
import { durationSeconds, parseUtcDateTime, utcDateTime } from './times';
import { CallLookupResponse, CallRecord } from './wire';
import { configFromSettings } from './config';
import { DEFAULT_SETTINGS } from '../../../settings/schema';

/** The default event names, as the settings have them. */
const NAMES = configFromSettings(structuredClone(DEFAULT_SETTINGS)).events;
const ME = { uuid: 'ext-104', number: '104' };

const QUEUE_ROW: Json = {
  uuid: 'q-386',
  extension: '386',
  calls_waiting: 2,
  longest_wait: '0:01:05',
  agents_available: '1',
  agents_logged_in: 3,
  answered: 10,
  abandoned: 0,
};
const SEARCH_ROW: Json = {
  call_id: '0BS9DD02LEMUI',
  status: 'ended',
  direction: 'inbound',
  calling_number: '+19735552109',
  called_number: '104',
  extension: '104',
  start_time: '2021-10-07T07:22:21',
  answer_time: '2021-10-07T07:22:30',
  end_time: '2021-10-07T07:25:00',
};

const digitsOrNumber = (n: number) => fc.constantFrom<string | number>(n, String(n));

describe('CCS wire parsers (properties)', () => {
  it('reads queue events into figures the model accepts, never throwing', () => {
    checkProperty(
      'CCS wire parser',
      fc.property(
        fc.oneof(mutated([QUEUE_ROW]), anyJson),
        fc.constantFrom('create_queue', 'update_queue'),
        (row, action) => {
          const message = parseSocketFrame(JSON.stringify({ action, response: [row] }), NAMES);
          expect(message.kind).toBe('queue');
          if (message.kind !== 'queue') return;
          expect(message.rows.length + message.invalid).toBe(1);
          for (const read of message.rows) {
            expect(QueueStats.safeParse(read.figures).success).toBe(true);
          }
        },
      ),
      { numRuns: 3000, label: 'queue events: arbitrary and mutated rows' },
    );
  });

  it('reads every well-formed queue row exactly', () => {
    checkProperty(
      'CCS wire parser',
      fc.property(
        fc.nat(10_000).chain(digitsOrNumber),
        fc.tuple(fc.nat(99), fc.nat(59), fc.nat(59)),
        fc.nat(500).chain(digitsOrNumber),
        (waiting, [h, m, s], available) => {
          const wait = `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
          const parsed = QueueEventRow.safeParse({
            uuid: 'q',
            calls_waiting: waiting,
            longest_wait: wait,
            agents_available: available,
          });
          expect(parsed.success && parsed.data.figures).toEqual({
            waiting: Number(waiting),
            longestWaitS: h * 3600 + m * 60 + s,
            agentsAvailable: Number(available),
          });
        },
      ),
      { numRuns: 1000, label: 'queue rows: well-formed' },
    );
  });

  it('reads call search rows into past calls whose times are in order, never throwing', () => {
    checkProperty(
      'CCS wire parser',
      fc.property(fc.oneof(mutated([SEARCH_ROW]), anyJson), (row) => {
        const record = CallRecord.safeParse(row);
        if (!record.success) return;
        const call = pastCallOf(record.data, ME, 'US');
        if (!call) return;
        expect(call.endedAt).toBeGreaterThanOrEqual(call.startedAt);
        if (call.answeredAt !== undefined) {
          expect(call.answeredAt).toBeGreaterThanOrEqual(call.startedAt);
          expect(call.answeredAt).toBeLessThanOrEqual(call.endedAt);
        }
        if (call.missed) {
          expect(call.direction).toBe('inbound');
          expect(call.answeredAt).toBeUndefined();
        }
        expect(typeof call.remote.raw).toBe('string');
      }),
      { numRuns: 3000, label: 'call search rows: arbitrary and mutated' },
    );
  });

  it('reads any lookup answer without a throw', () => {
    checkProperty(
      'CCS wire parser',
      fc.property(
        fc.oneof(mutated([{ success: true, ...(SEARCH_ROW as object) }]), anyJson),
        (body) => {
          const answer = CallLookupResponse.safeParse(body);
          if (answer.success) CallRecord.safeParse(answer.data);
        },
      ),
      { numRuns: 2000, label: 'call lookup answers' },
    );
  });

  it('writes and reads the page’s date-times and durations back', () => {
    checkProperty(
      'CCS wire parser',
      fc.property(
        fc.integer({ min: 0, max: Date.UTC(9999, 11, 31) }),
        fc.tuple(fc.nat(999), fc.nat(59), fc.nat(59)),
        fc.oneof(anyJson, fc.string()),
        (at, [h, m, s], junk) => {
          expect(parseUtcDateTime(utcDateTime(at))).toBe(Math.floor(at / 1000) * 1000);
          const text = `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
          expect(durationSeconds(text)).toBe(h * 3600 + m * 60 + s);
          const seconds = durationSeconds(junk);
          if (seconds !== undefined) expect(seconds).toBeGreaterThanOrEqual(0);
          const time = parseUtcDateTime(junk);
          if (time !== undefined) expect(Number.isFinite(time)).toBe(true);
        },
      ),
      { numRuns: 2000, label: 'date-times and durations' },
    );
  });
});
