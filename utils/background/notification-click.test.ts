import { describe, expect, it, vi } from 'vitest';
import { NOTIFICATION_PREFIX as CONFIRM_PREFIX } from './dial-confirmations';
import { CALL_NOTIFICATION_PREFIX } from './incoming-call-notification';
import { createNotificationClick } from './notification-click';

const SCREEN = { left: 0, top: 0, width: 1920, height: 1040 };

function setUp(reply: Promise<{ ok: true; value: undefined } | { ok: false; error: string }>) {
  const open = vi.fn(() => reply);
  const log = vi.fn();
  const click = createNotificationClick({ popOut: { open }, screen: () => SCREEN, log });
  return { open, log, click };
}

describe('a click on a notification (Firefox, where notifications have no buttons)', () => {
  it.each([
    ['a ringing call', `${CALL_NOTIFICATION_PREFIX}xivo:1700000000.1`],
    ['a dial waiting for confirmation', `${CONFIRM_PREFIX}d1`],
  ])('on %s opens the panel in its window, on the screen the background sees', async (_, id) => {
    const { open, log, click } = setUp(Promise.resolve({ ok: true, value: undefined }));
    click(id);
    expect(open).toHaveBeenCalledExactlyOnceWith(SCREEN);
    await Promise.resolve();
    expect(log).not.toHaveBeenCalled();
  });

  it('on any other notification does nothing', () => {
    const { open, click } = setUp(Promise.resolve({ ok: true, value: undefined }));
    click('switchboard-dial');
    click('someone-else');
    expect(open).not.toHaveBeenCalled();
  });

  it('logs a window that could not open', async () => {
    const { log, click } = setUp(Promise.resolve({ ok: false, error: 'no windows' }));
    click(`${CALL_NOTIFICATION_PREFIX}x`);
    await vi.waitFor(() => expect(log).toHaveBeenCalledWith(expect.any(String), 'no windows'));
  });
});
