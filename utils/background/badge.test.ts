import { describe, expect, it } from 'vitest';
import type { Call, Connection } from '../cti/model';
import { badgeFor } from './badge';

const connected: Connection = { status: 'connected', since: 1 };
const call = (patch: Partial<Call>): Call => ({
  id: 'c',
  vendorCallId: 'v',
  direction: 'inbound',
  state: 'ringing',
  remote: { raw: '0123456789', e164: '+33123456789', name: 'Camille Dubois' },
  startedAt: 1,
  data: {},
  recording: 'unknown',
  actions: [],
  ...patch,
});

describe('badgeFor', () => {
  it('is empty when nothing needs the agent', () => {
    expect(badgeFor({ connection: connected, calls: [] }).text).toBe('');
  });

  it('names the caller of a ringing call, before anything else', () => {
    const badge = badgeFor({
      connection: connected,
      calls: [call({ id: 'a', state: 'connected' }), call({ id: 'b' })],
    });
    expect(badge).toMatchObject({
      text: 'RING',
      title: 'Switchboard: incoming call from Camille Dubois',
    });
  });

  it('shows a call in progress, and a call on hold when nothing else is connected', () => {
    expect(badgeFor({ connection: connected, calls: [call({ state: 'connected' })] }).text).toBe(
      'CALL',
    );
    expect(badgeFor({ connection: connected, calls: [call({ state: 'held' })] }).text).toBe('HOLD');
    expect(badgeFor({ connection: connected, calls: [call({ state: 'ended' })] }).text).toBe('');
  });

  it('flags a connection that failed or is coming back', () => {
    const failed = badgeFor({
      connection: { status: 'failed', reason: 'Wrong password' },
      calls: [],
    });
    expect(failed).toMatchObject({ text: '!', title: 'Switchboard: Wrong password' });
    const retrying: Connection = { status: 'reconnecting', attempt: 2, retryAt: 5, reason: 'x' };
    expect(badgeFor({ connection: retrying, calls: [] }).text).toBe('…');
  });
});
