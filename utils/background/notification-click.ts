/**
 * Firefox's notifications have no buttons: a ringing call's notification cannot offer Answer, nor
 * a dial waiting for confirmation Call and Cancel (incoming-call-notification.ts,
 * dial-confirmations.ts). There, a click on one of those notifications opens the panel in its own
 * window (pop-out.ts), or brings it to the front, where the same buttons are.
 */
import { NOTIFICATION_PREFIX as CONFIRM_PREFIX } from './dial-confirmations';
import { CALL_NOTIFICATION_PREFIX } from './incoming-call-notification';
import type { PopOut, ScreenArea } from './pop-out';

export interface NotificationClickDeps {
  popOut: Pick<PopOut, 'open'>;
  /** Where windows may go: the background page's `screen.avail*`. */
  screen(): ScreenArea;
  log(message: string, error?: unknown): void;
}

/** `notifications.onClicked`: opens the panel for the extension's call and dial notifications. */
export function createNotificationClick(deps: NotificationClickDeps): (id: string) => void {
  return (id) => {
    if (!id.startsWith(CALL_NOTIFICATION_PREFIX) && !id.startsWith(CONFIRM_PREFIX)) return;
    deps.popOut.open(deps.screen()).then(
      (reply) => {
        if (!reply.ok) deps.log('could not open the panel from a notification', reply.error);
      },
      (error: unknown) => deps.log('could not open the panel from a notification', error),
    );
  };
}
