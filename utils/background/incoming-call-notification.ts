/**
 * A desktop notification while an inbound call rings, with an Answer button where the vendor and
 * the browser can answer from it; where the browser has no buttons (Firefox), it says that a click
 * answers in the panel, which the click opens (notification-click.ts). It goes away as soon as the
 * call stops ringing.
 */
import type { Call } from '../cti/model';
import type { CallTransition } from '../cti/store';
import { formatInternational } from '../phone/format';
import { t } from '../i18n/runtime';

export interface NotificationsApi {
  create(id: string, options: NotificationOptions): Promise<unknown>;
  clear(id: string): Promise<unknown>;
}

export interface NotificationOptions {
  type: 'basic';
  iconUrl: string;
  title: string;
  message: string;
  contextMessage?: string;
  requireInteraction?: boolean;
  buttons?: { title: string }[];
}

/** The incoming-call notifications' ids: this, then the call's id. */
export const CALL_NOTIFICATION_PREFIX = 'switchboard-call:';
const PREFIX = CALL_NOTIFICATION_PREFIX;

export function createIncomingCallNotifier(deps: {
  notifications: NotificationsApi;
  iconUrl: string;
  /** Firefox shows neither buttons nor sticky notifications. */
  supportsButtons: boolean;
  answer(callId: string): void;
  log(message: string, error: unknown): void;
}) {
  const shown = new Set<string>();

  function show(call: Call): void {
    const id = PREFIX + call.id;
    if (shown.has(id)) return;
    shown.add(id);
    const number = call.remote.e164 ? formatInternational(call.remote.e164) : call.remote.raw;
    const canAnswer = deps.supportsButtons && call.actions.includes('answer');
    deps.notifications
      .create(id, {
        type: 'basic',
        iconUrl: deps.iconUrl,
        title: call.remote.name
          ? t('incomingCall.titleNamed', { name: call.remote.name })
          : t('incomingCall.title'),
        // No buttons (Firefox): a click on the notification opens the panel (notification-click.ts).
        message:
          deps.supportsButtons || !call.actions.includes('answer')
            ? number
            : `${number}\n${t('incomingCall.clickToAnswer')}`,
        contextMessage: call.queue ? t('incomingCall.queue', { queue: call.queue }) : undefined,
        ...(deps.supportsButtons
          ? {
              requireInteraction: true,
              buttons: canAnswer ? [{ title: t('incomingCall.answer') }] : [],
            }
          : {}),
      })
      .catch((error: unknown) => deps.log('could not show the incoming call', error));
  }

  function hide(call: Call): void {
    const id = PREFIX + call.id;
    if (!shown.delete(id)) return;
    deps.notifications.clear(id).catch((error: unknown) => deps.log('could not clear', error));
  }

  return {
    onTransitions(transitions: readonly CallTransition[]): void {
      for (const { call } of transitions) {
        if (call.direction === 'inbound' && call.state === 'ringing') show(call);
        else hide(call);
      }
    },
    /** A click on the notification's Answer button. */
    onButtonClicked(notificationId: string, buttonIndex: number): void {
      if (!notificationId.startsWith(PREFIX) || buttonIndex !== 0) return;
      deps.answer(notificationId.slice(PREFIX.length));
    },
  };
}
