import { describe, expect, it, vi } from 'vitest';
import type { CtiEvent } from '../../model';
import { DEFAULT_SETTINGS } from '../../../settings/schema';
import { CallTracker } from './calls';
import { configFromSettings } from './config';
import { CcsFrames } from './frames';
import { CallLookup } from './lookup';
import type { CallRecord } from './wire';

const ME = { uuid: 'ext-104', number: '104' };

function frames(read: (id: string) => Promise<CallRecord> = () => new Promise(() => undefined)) {
  const events: CtiEvent[] = [];
  const calls = new CallTracker(() => 1_000, 'US');
  const queueRows = vi.fn();
  const lookupRead = vi.fn(read);
  const host = {
    names: configFromSettings(structuredClone(DEFAULT_SETTINGS)).events,
    calls,
    lookup: new CallLookup({
      read: lookupRead,
      apply: (kind, record) => f.applyCall(kind, record),
      failed: () => undefined,
    }),
    me: () => ME,
    now: () => 1_000,
    log: () => undefined,
    emit: (event: CtiEvent) => events.push(event),
    reply: vi.fn(),
    callEventSeen: vi.fn(),
    agentEventSeen: vi.fn(),
    agent: vi.fn(),
    queueRows,
  };
  const f = new CcsFrames(host);
  const send = (action: string, response: unknown) =>
    f.handle(JSON.stringify({ action, response }));
  return { f, host, events, send, lookupRead };
}

describe('CCS socket frames', () => {
  it('looks up a call it never saw when the event names no number, even with our extension', () => {
    const { send, events, lookupRead } = frames();
    send('call_ringing', { call_id: 'C1', extension: '104' });
    send('call_answered', { call_id: 'C2' });
    expect(lookupRead.mock.calls.map(([id]) => id)).toEqual(['C1', 'C2']);
    expect(events).toEqual([]);
  });

  it('applies events that name the caller, and later ones about a known call, at once', () => {
    const { send, events, lookupRead, host } = frames();
    send('call_ringing', { call_id: 'C1', extension: '104', calling_number: '555' });
    send('call_answered', { call_id: 'C1' });
    expect(lookupRead).not.toHaveBeenCalled();
    expect(events.map((e) => e.type === 'callUpsert' && e.call.state)).toEqual([
      'ringing',
      'connected',
    ]);
    expect(host.callEventSeen).toHaveBeenCalledTimes(2);
  });

  it('applies the row the lookup found, and ignores another extension’s', async () => {
    const rows: Record<string, CallRecord> = {
      C1: { callId: 'C1', call_id: 'C1', calling_number: '555', extension: '104' } as CallRecord,
      C2: { callId: 'C2', call_id: 'C2', calling_number: '556', extension: '113' } as CallRecord,
    };
    const { send, events } = frames(async (id) => rows[id] as CallRecord);
    send('call_ringing', { call_id: 'C1' });
    send('call_ringing', { call_id: 'C2' });
    await vi.waitFor(() => expect(events).toHaveLength(1));
    expect(events[0]).toMatchObject({
      type: 'callUpsert',
      call: { vendorCallId: 'C1', state: 'ringing', remote: { raw: '555' } },
    });
  });

  it('ends a call whose lookup is under way, and the late row starts nothing', async () => {
    let answer = (_: CallRecord): void => undefined;
    const { send, events } = frames(() => new Promise((resolve) => (answer = resolve)));
    send('call_ringing', { call_id: 'C1' });
    send('call_ended', { call_id: 'C1' });
    answer({ callId: 'C1', call_id: 'C1', calling_number: '555' } as CallRecord);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(events).toEqual([]);
  });

  it('hands queue rows over, answers pings and reports binary frames', () => {
    const { f, send, host, events } = frames();
    send('update_queue', [{ uuid: 'q1', calls_waiting: 1 }]);
    expect(host.queueRows).toHaveBeenCalledWith([
      { uuid: 'q1', extension: undefined, figures: { waiting: 1 } },
    ]);
    send('update_queue', []);
    expect(host.queueRows).toHaveBeenCalledTimes(1);
    f.handle('ping');
    expect(host.reply).toHaveBeenCalledWith('pong');
    f.handle(new ArrayBuffer(2));
    expect(events).toEqual([
      { type: 'protocolError', message: 'Windstream CCS sent a binary frame' },
    ]);
  });
});
