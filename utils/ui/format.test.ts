import { describe, expect, it } from 'vitest';
import {
  agentStateText,
  callStateText,
  connectionText,
  formatClock,
  formatDuration,
  isIncomingRinging,
  remoteNumber,
  transportText,
} from './format';

describe('panel wording', () => {
  it('formats durations and clock times', () => {
    expect(formatDuration(7_400)).toBe('0:07');
    expect(formatDuration(754_000)).toBe('12:34');
    expect(formatDuration(3_723_000)).toBe('1:02:03');
    expect(formatDuration(-5_000)).toBe('0:00');
    const at = new Date(2025, 0, 6, 14, 3, 22).getTime();
    // Intl's clock in the locale: 24 hours in Britain and France, 12 in the US.
    expect(formatClock(at, 'en-GB')).toBe('14:03:22');
    expect(formatClock(at, 'fr')).toBe('14:03:22');
    expect(formatClock(at, 'en-US').replace(/\s/g, ' ')).toBe('2:03:22 PM');
  });

  it('describes the connection in plain words', () => {
    expect(connectionText({ status: 'connecting' })).toBe('Connecting…');
    expect(connectionText({ status: 'connected', since: 0 })).toBe('Connected');
    // The countdown and the reason are the panel's connection details, not the line.
    expect(
      connectionText({ status: 'reconnecting', attempt: 3, retryAt: 4_200, reason: 'closed' }),
    ).toBe('Reconnecting… (attempt 3)');
    expect(connectionText({ status: 'failed', reason: 'Bad password' })).toBe(
      'Connection failed: Bad password',
    );
  });

  it('tells a call ringing for the agent from the others', () => {
    expect(isIncomingRinging({ direction: 'inbound', state: 'ringing' })).toBe(true);
    expect(isIncomingRinging({ direction: 'outbound', state: 'ringing' })).toBe(false);
    expect(isIncomingRinging({ direction: 'inbound', state: 'connected' })).toBe(false);
  });

  it('describes agents, calls and numbers', () => {
    expect(agentStateText({ status: 'notReady', reason: 'Lunch' })).toBe('Not ready (Lunch)');
    expect(agentStateText({ status: 'wrapUp' })).toBe('Wrap-up');
    expect(callStateText({ state: 'held' })).toBe('On hold');
    expect(callStateText({ state: 'connected' })).toBe('In call');
    expect(callStateText({ state: 'transferring', transferTarget: '2002' })).toBe(
      'Transferring to 2002',
    );
    expect(remoteNumber({ raw: '0123456789', e164: '+33123456789' })).toBe('+33 1 23 45 67 89');
    expect(remoteNumber({ raw: '1001' })).toBe('1001');
    expect(remoteNumber({ raw: '' })).toBe('Unknown number');
  });

  it('says how calls reach the panel', () => {
    expect(transportText({ mode: 'events' })).toBe('Live events');
    expect(transportText({ mode: 'polling', intervalMs: 1000 })).toBe('Polling every 1 s');
    expect(transportText({ mode: 'polling', intervalMs: 1500 })).toBe('Polling every 1.5 s');
    expect(transportText({ mode: 'polling' })).toBe('Polling');
  });
});
