import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from './adapter';
import type { Call } from './model';
import { createPostDial, EXTENSION_PAUSE_MS } from './post-dial';

const call = (patch: Partial<Call>): Call => ({
  id: 'c1',
  vendorCallId: 'v1',
  direction: 'outbound',
  state: 'dialing',
  remote: { raw: '+12125550123', e164: '+12125550123' },
  startedAt: 0,
  data: {},
  recording: 'unknown',
  actions: [],
  ...patch,
});

function setup() {
  const sendDtmf = vi.fn(async (_callId: string, _digits: string) => undefined);
  const notice = vi.fn();
  const postDial = createPostDial({ clock: systemClock, sendDtmf, notice });
  return { sendDtmf, notice, postDial };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('post-dial extension', () => {
  it('keys the extension in once the dialled call is answered, after a pause', async () => {
    const { sendDtmf, postDial } = setup();
    postDial.dialled({ e164: '+12125550123', extension: '45' }, true);
    // Another call's events change nothing.
    postDial.onTransitions([
      { call: call({ id: 'other', direction: 'inbound', state: 'connected' }) },
    ]);
    const dialing = call({});
    postDial.onTransitions([{ call: dialing }]);
    const answered = call({ state: 'connected' });
    postDial.onTransitions([{ call: answered, previous: dialing }]);
    await vi.advanceTimersByTimeAsync(EXTENSION_PAUSE_MS - 1);
    expect(sendDtmf).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(sendDtmf).toHaveBeenCalledWith('c1', '45');
    // Once only, whatever follows.
    postDial.onTransitions([{ call: call({ state: 'held' }), previous: answered }]);
    postDial.onTransitions([{ call: answered, previous: call({ state: 'held' }) }]);
    await vi.advanceTimersByTimeAsync(EXTENSION_PAUSE_MS * 2);
    expect(sendDtmf).toHaveBeenCalledTimes(1);
  });

  it('drops the extension when the call ends before or during the pause', async () => {
    const { sendDtmf, postDial } = setup();
    postDial.dialled({ e164: '+12125550123', extension: '45' }, true);
    postDial.onTransitions([{ call: call({ state: 'connected' }) }]);
    postDial.onTransitions([
      { call: call({ state: 'ended' }), previous: call({ state: 'connected' }) },
    ]);
    await vi.advanceTimersByTimeAsync(EXTENSION_PAUSE_MS);
    expect(sendDtmf).not.toHaveBeenCalled();
  });

  it('tells the agent to key it in where the platform cannot send DTMF', () => {
    const { sendDtmf, notice, postDial } = setup();
    postDial.dialled({ e164: '+12125550123', extension: '45' }, false);
    postDial.onTransitions([{ call: call({ state: 'connected' }) }]);
    expect(notice).toHaveBeenCalledWith('info', 'When the call is answered, dial extension 45');
    expect(sendDtmf).not.toHaveBeenCalled();
  });

  it('says so when the DTMF is refused', async () => {
    const { sendDtmf, notice, postDial } = setup();
    sendDtmf.mockRejectedValueOnce(new Error('That call is no longer active'));
    postDial.dialled({ e164: '+12125550123', extension: '7' }, true);
    postDial.onTransitions([{ call: call({ state: 'connected' }) }]);
    await vi.advanceTimersByTimeAsync(EXTENSION_PAUSE_MS);
    expect(notice).toHaveBeenCalledWith(
      'warning',
      'Could not dial extension 7: That call is no longer active',
    );
  });

  it('does nothing for a dial without extension, and a new dial replaces an old one', async () => {
    const { sendDtmf, postDial } = setup();
    postDial.dialled({ e164: '+12125550123', extension: '45' }, true);
    postDial.dialled({ e164: '+12125550123' }, true);
    postDial.onTransitions([{ call: call({ state: 'connected' }) }]);
    await vi.advanceTimersByTimeAsync(EXTENSION_PAUSE_MS);
    expect(sendDtmf).not.toHaveBeenCalled();
  });
});
