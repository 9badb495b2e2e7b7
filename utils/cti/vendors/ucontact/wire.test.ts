import { describe, expect, it } from 'vitest';
import { levelsOf } from './commands';
import { looksLikePortalEvent, PortalMessage, toSignal } from './wire';

const signal = (frame: unknown) => toSignal(PortalMessage.parse(frame));

describe('uContact portal frames (vendors/README.md §4.4–§4.5)', () => {
  it('maps the Window Proxy API actions', () => {
    expect(signal({ action: 'gettingCall', params: { number: 5551234 } })).toEqual({
      kind: 'ringing',
      number: '5551234',
    });
    expect(signal({ action: 'makeCall', params: { number: '099' } })).toMatchObject({
      kind: 'dialing',
    });
    expect(signal({ action: 'finishedCall' })).toEqual({ kind: 'ended' });
    expect(signal({ action: 'sentDispositions', params: {} })).toEqual({ kind: 'disposed' });
    expect(signal({ action: 'agentLogin', params: {} })).toEqual({ kind: 'loggedIn' });
  });

  it('maps the Events API, voice interactions only', () => {
    const data = { guid: 'g', campaign: 'In<-', channel: 'voice', clientId: '+3312' };
    expect(signal({ event: 'assignedInteraction', data })).toEqual({
      kind: 'ringing',
      number: '+3312',
      guid: 'g',
      campaign: 'In<-',
    });
    expect(
      signal({ event: 'assignedInteraction', data: { ...data, channel: 'whatsapp' } }),
    ).toEqual({ kind: 'ignored' });
    expect(signal({ event: 'finishedInteraction', data: { guid: 'g' } })).toMatchObject({
      kind: 'ended',
      guid: 'g',
    });
    expect(signal({ event: 'sentDisposition' })).toEqual({ kind: 'disposed' });
  });

  it('takes a call without a client (clientId null) as a call with no number, not an error', () => {
    const data = { guid: 'g', campaign: 'In<-', channel: 'voice', clientId: null, number: null };
    expect(signal({ event: 'assignedInteraction', data })).toEqual({
      kind: 'ringing',
      guid: 'g',
      campaign: 'In<-',
    });
  });

  it('forwards only documented frames and rejects bad shapes', () => {
    expect(looksLikePortalEvent({ action: 'gettingCall' })).toBe(true);
    expect(looksLikePortalEvent({ action: 'dial', params: { number: '1' } })).toBe(false);
    expect(looksLikePortalEvent('gettingCall')).toBe(false);
    expect(PortalMessage.safeParse({ action: 'gettingCall', params: [1] }).success).toBe(false);
  });

  it('splits a disposition code into the three levels', () => {
    expect(levelsOf('Sale/Won/Upsell')).toEqual({ l1: 'Sale', l2: 'Won', l3: 'Upsell' });
    expect(levelsOf('resolved')).toEqual({ l1: 'resolved', l2: '', l3: '' });
  });
});
