import { describe, expect, it } from 'vitest';
import { deriveActions } from './actions';
import type { Capabilities } from './adapter';
import { CALL_COMMAND_TYPES, CallUpdate, type CallData, type CommandType } from './model';
import { ALL_CAPABILITIES } from '../../tests/support/fake-adapter';
import { CCS_CAPABILITIES } from './vendors/ccs/adapter';
import { MAXCONTACT_CAPABILITIES } from './vendors/maxcontact/adapter';
import { XIVO_CAPABILITIES } from './vendors/xivo/adapter';

const call = (patch: Partial<CallData>): CallData =>
  CallUpdate.parse({
    id: 'c1',
    vendorCallId: 'v1',
    direction: 'inbound',
    state: 'ringing',
    remote: { raw: '+33123456789' },
    startedAt: 1,
    ...patch,
  });

/** Every call-model command; the agent-feature commands have their own cases below. */
const caps = (patch: Partial<Capabilities> = {}): Capabilities => ({
  ...ALL_CAPABILITIES,
  commands: new Set(CALL_COMMAND_TYPES),
  ...patch,
});

describe('deriveActions', () => {
  it('offers answer on an inbound ringing call, only hangup on an outbound one', () => {
    expect(deriveActions(call({ state: 'ringing' }), caps())).toEqual([
      'answer',
      'hangup',
      'redirectToQueue',
    ]);
    expect(deriveActions(call({ state: 'ringing', direction: 'outbound' }), caps())).toEqual([
      'hangup',
    ]);
    expect(deriveActions(call({ state: 'dialing', direction: 'outbound' }), caps())).toEqual([
      'hangup',
    ]);
  });

  it('offers the in-call controls on a connected call', () => {
    expect(deriveActions(call({ state: 'connected', recording: 'on' }), caps())).toEqual([
      'hangup',
      'hold',
      'blindTransfer',
      'redirectToQueue',
      'attendedTransfer',
      'sendDtmf',
      'pauseRecording',
    ]);
  });

  it('offers redirect to a queue on ringing inbound and connected calls only', () => {
    const redirects = (patch: Partial<CallData>) =>
      deriveActions(call(patch), caps()).includes('redirectToQueue');
    expect(redirects({ state: 'ringing' })).toBe(true);
    expect(redirects({ state: 'connected' })).toBe(true);
    expect(redirects({ state: 'ringing', direction: 'outbound' })).toBe(false);
    expect(redirects({ state: 'dialing', direction: 'outbound' })).toBe(false);
    expect(redirects({ state: 'held' })).toBe(false);
    expect(redirects({ state: 'transferring' })).toBe(false);
    expect(redirects({ state: 'ended' })).toBe(false);
  });

  it('keeps a vendor without redirect (XiVO, MaxContact) as it was', () => {
    for (const vendorCaps of [XIVO_CAPABILITIES, MAXCONTACT_CAPABILITIES]) {
      expect(vendorCaps.commands.has('redirectToQueue')).toBe(false);
      for (const state of ['ringing', 'connected'] as const) {
        expect(deriveActions(call({ state }), vendorCaps)).not.toContain('redirectToQueue');
      }
    }
    expect(deriveActions(call({ state: 'ringing' }), XIVO_CAPABILITIES)).toEqual([
      'answer',
      'hangup',
    ]);
  });

  it('offers redirect with the CCS capabilities, which have no answer or hold', () => {
    expect(deriveActions(call({ state: 'ringing' }), CCS_CAPABILITIES)).toEqual([
      'hangup',
      'redirectToQueue',
    ]);
    expect(deriveActions(call({ state: 'connected' }), CCS_CAPABILITIES)).toEqual([
      'hangup',
      'blindTransfer',
      'redirectToQueue',
      'pauseRecording',
    ]);
  });

  it('chooses pause or resume recording from the recording state', () => {
    const actions = (recording: CallData['recording']) =>
      deriveActions(call({ state: 'connected', recording }), caps());
    expect(actions('on')).toContain('pauseRecording');
    expect(actions('paused')).toContain('resumeRecording');
    expect(actions('paused')).not.toContain('pauseRecording');
    // Unknown still lets the agent stop a recording before sensitive data is read out.
    expect(actions('unknown')).toContain('pauseRecording');
  });

  it('respects recording control limited to queue calls, or absent', () => {
    const queued = call({ state: 'connected', queue: 'sales', recording: 'on' });
    const direct = call({ state: 'connected', recording: 'on' });
    const queueOnly = caps({ recordingControl: 'queueCalls' });
    expect(deriveActions(queued, queueOnly)).toContain('pauseRecording');
    expect(deriveActions(direct, queueOnly)).not.toContain('pauseRecording');
    expect(deriveActions(queued, caps({ recordingControl: 'none' }))).not.toContain(
      'pauseRecording',
    );
  });

  it('offers resume, hangup and blind transfer on a held call', () => {
    expect(deriveActions(call({ state: 'held' }), caps())).toEqual([
      'resume',
      'hangup',
      'blindTransfer',
    ]);
  });

  it('offers complete and cancel while transferring', () => {
    expect(deriveActions(call({ state: 'transferring' }), caps())).toEqual([
      'completeTransfer',
      'cancelTransfer',
      'hangup',
    ]);
  });

  it('offers dispose on an ended call until it is disposed', () => {
    expect(deriveActions(call({ state: 'ended' }), caps())).toEqual(['dispose']);
    expect(deriveActions(call({ state: 'ended' }), caps(), { disposed: true })).toEqual([]);
  });

  it('never offers what the vendor cannot do', () => {
    const commands = new Set<CommandType>(['answer', 'hangup', 'dispose']);
    expect(deriveActions(call({ state: 'connected' }), caps({ commands }))).toEqual(['hangup']);
    expect(deriveActions(call({ state: 'held' }), caps({ commands }))).toEqual(['hangup']);
    expect(deriveActions(call({ state: 'ended' }), caps({ commands: new Set() }))).toEqual([]);
  });

  it('offers call data on a call the agent is in, where the vendor can attach it', () => {
    const withData = caps({ commands: new Set<CommandType>(['setCallData', 'hangup']) });
    for (const state of ['connected', 'held', 'transferring'] as const) {
      expect(deriveActions(call({ state }), withData)).toContain('setCallData');
      expect(deriveActions(call({ state }), caps())).not.toContain('setCallData');
    }
    for (const state of ['ringing', 'dialing', 'ended'] as const) {
      expect(deriveActions(call({ state }), withData)).not.toContain('setCallData');
    }
  });
});
