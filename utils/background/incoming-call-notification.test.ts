import { describe, expect, it, vi } from 'vitest';
import type { Call } from '../cti/model';
import { createIncomingCallNotifier, type NotificationsApi } from './incoming-call-notification';

const ringing: Call = {
  id: 'xivo:1',
  vendorCallId: '1',
  direction: 'inbound',
  state: 'ringing',
  remote: { raw: '0123456789', e164: '+33123456789', name: 'Camille Dubois' },
  queue: 'support',
  startedAt: 1,
  data: {},
  recording: 'unknown',
  actions: ['answer', 'hangup'],
};

function setup(supportsButtons = true) {
  const notifications: NotificationsApi = {
    create: vi.fn(async () => 'id'),
    clear: vi.fn(async () => true),
  };
  const answer = vi.fn();
  const notifier = createIncomingCallNotifier({
    notifications,
    iconUrl: 'icon.png',
    supportsButtons,
    answer,
    log: vi.fn(),
  });
  return { notifications, answer, notifier };
}

describe('incoming call notification', () => {
  it('shows the caller once while the call rings, with an Answer button', () => {
    const { notifications, notifier } = setup();
    notifier.onTransitions([{ call: ringing }]);
    notifier.onTransitions([{ call: ringing, previous: ringing }]);
    expect(notifications.create).toHaveBeenCalledTimes(1);
    expect(notifications.create).toHaveBeenCalledWith('switchboard-call:xivo:1', {
      type: 'basic',
      iconUrl: 'icon.png',
      title: 'Incoming call: Camille Dubois',
      message: '+33 1 23 45 67 89',
      contextMessage: 'Queue: support',
      requireInteraction: true,
      buttons: [{ title: 'Answer' }],
    });
  });

  it('clears it when the call is answered or ends', () => {
    const { notifications, notifier } = setup();
    notifier.onTransitions([{ call: ringing }]);
    notifier.onTransitions([{ call: { ...ringing, state: 'connected' }, previous: ringing }]);
    expect(notifications.clear).toHaveBeenCalledWith('switchboard-call:xivo:1');
    notifier.onTransitions([{ call: { ...ringing, state: 'ended' } }]);
    expect(notifications.clear).toHaveBeenCalledTimes(1);
  });

  it('answers the call from its button, and ignores other notifications', () => {
    const { answer, notifier } = setup();
    notifier.onButtonClicked('switchboard-call:xivo:1', 0);
    notifier.onButtonClicked('someone-else', 0);
    expect(answer).toHaveBeenCalledExactlyOnceWith('xivo:1');
  });

  it('offers no button where the vendor cannot answer or the browser has no buttons', () => {
    const noAnswer = setup();
    noAnswer.notifier.onTransitions([{ call: { ...ringing, actions: ['hangup'] } }]);
    expect(vi.mocked(noAnswer.notifications.create).mock.calls[0]?.[1].buttons).toEqual([]);
    const firefox = setup(false);
    firefox.notifier.onTransitions([{ call: ringing }]);
    expect(vi.mocked(firefox.notifications.create).mock.calls[0]?.[1]).not.toHaveProperty(
      'buttons',
    );
  });

  it('without buttons, says that a click answers in the panel, where the vendor can answer', () => {
    const firefox = setup(false);
    firefox.notifier.onTransitions([{ call: ringing }]);
    expect(vi.mocked(firefox.notifications.create).mock.calls[0]?.[1].message).toBe(
      '+33 1 23 45 67 89\nClick to answer it in the Switchboard panel.',
    );
    const noAnswer = setup(false);
    noAnswer.notifier.onTransitions([{ call: { ...ringing, actions: ['hangup'] } }]);
    expect(vi.mocked(noAnswer.notifications.create).mock.calls[0]?.[1].message).toBe(
      '+33 1 23 45 67 89',
    );
  });

  it('never notifies for outbound calls', () => {
    const { notifications, notifier } = setup();
    notifier.onTransitions([{ call: { ...ringing, direction: 'outbound' } }]);
    expect(notifications.create).not.toHaveBeenCalled();
  });
});
