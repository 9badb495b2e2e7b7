import { describe, expect, it } from 'vitest';
import { deriveActions } from './actions';
import type { Capabilities } from './adapter';
import { CallUpdate, type CallData, type CommandType } from './model';
import { ALL_CAPABILITIES } from './testing/fake-adapter';

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

const caps = (patch: Partial<Capabilities> = {}): Capabilities => ({
  ...ALL_CAPABILITIES,
  ...patch,
});

describe('deriveActions', () => {
  it('offers answer on an inbound ringing call, only hangup on an outbound one', () => {
    expect(deriveActions(call({ state: 'ringing' }), caps())).toEqual(['answer', 'hangup']);
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
      'attendedTransfer',
      'sendDtmf',
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
});
