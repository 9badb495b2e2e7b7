/**
 * Dials that wait for the agent's yes (settings `confirmInternational`), whatever asked for them:
 * the call button, a tel: link, the context menu, the keyboard command, the panel or a call-back
 * from history. The background asks on surfaces no page can script (DESIGN.md "Security
 * rules"):
 *
 * - a desktop notification with Call and Cancel buttons, where the browser has buttons (Chrome,
 *   Edge; Firefox shows none, and its notification says to confirm in the panel);
 * - the panel (popup or side panel), which lists every waiting dial (`PanelState.dialConfirmations`)
 *   and answers with `panel/confirmDial`.
 *
 * Never the page's DOM: a page can script anything in it, our call button's confirm state
 * included, so a `content/dial` counts as a request, never as a confirmation. A waiting dial
 * lives in `storage.session` (extension contexts only), so that a worker stopped between the
 * question and the answer still knows it; it expires after two minutes.
 */
import type { Clock } from '../cti/adapter';
import type { Command } from '../cti/model';
import type { KeyValueArea } from '../cti/store';
import { fail, ok, type DialConfirmation, type DialPending, type Reply } from '../messaging';
import type { DialSite } from '../phone/dial-policy';
import { formatInternational } from '../phone/format';
import type { NotificationsApi } from './incoming-call-notification';
import { t } from '../i18n/runtime';

export type DialCommand = Extract<Command, { type: 'dial' }>;

/** A dial waiting for the agent; `site` is where a page or the browser's UI asked from. */
export interface WaitingDial {
  id: string;
  command: DialCommand;
  /** The number in E.164, for the question (the panel's command holds what the agent typed). */
  e164: string;
  site?: DialSite;
  from: string;
  at: number;
}

export const CONFIRM_TTL_MS = 2 * 60_000;
/** A page that asks again and again gets no more than this many questions at once. */
export const MAX_WAITING = 5;
export const NOTIFICATION_PREFIX = 'switchboard-confirm:';
export const TOO_MANY = () => t('dialConfirm.tooMany');
export const EXPIRED = () => t('dialConfirm.expired');

export interface DialConfirmationsDeps {
  area: KeyValueArea;
  key: string;
  notifications: NotificationsApi;
  iconUrl: string;
  supportsButtons: boolean;
  clock: Clock;
  /** Runs a confirmed dial through the gate again (the settings may have changed since). */
  dial(waiting: WaitingDial): Promise<Reply<unknown>>;
  /** Tells the agent what became of a dial confirmed from a notification. */
  notice(message: string): void;
  /** The waiting list changed: the panels render it. */
  changed(): void;
  log(message: string, error: unknown): void;
}

export interface DialConfirmations {
  /** Loaded what a stopped worker left in storage.session. */
  ready: Promise<void>;
  ask(
    command: DialCommand,
    e164: string,
    site: DialSite | undefined,
    from: string,
  ): Promise<Reply<DialPending>>;
  /** The agent's answer from the panel. */
  answer(id: string, call: boolean): Promise<Reply<unknown>>;
  /** A notification button: true when it was one of ours. */
  onButtonClicked(notificationId: string, buttonIndex: number): boolean;
  list(): DialConfirmation[];
}

export function createDialConfirmations(deps: DialConfirmationsDeps): DialConfirmations {
  let waiting: WaitingDial[] = [];
  let counter = 0;
  const ready = deps.area.get(deps.key).then(
    (stored) => {
      if (Array.isArray(stored)) waiting = [...(stored as WaitingDial[]), ...waiting];
    },
    (error: unknown) => deps.log('could not read the dials waiting for confirmation', error),
  );

  const live = () => {
    const now = deps.clock.now();
    waiting = waiting.filter((w) => now - w.at < CONFIRM_TTL_MS);
    return waiting;
  };

  async function save(): Promise<void> {
    deps.changed();
    await deps.area.set(deps.key, waiting).catch((error: unknown) => {
      deps.log('could not keep the dials waiting for confirmation', error);
    });
  }

  function notify(dial: WaitingDial): Promise<unknown> {
    const number = formatInternational(dial.e164);
    return deps.notifications.create(NOTIFICATION_PREFIX + dial.id, {
      type: 'basic',
      iconUrl: deps.iconUrl,
      title: t('dialConfirm.title', { number }),
      message: deps.supportsButtons
        ? t('dialConfirm.outside', { from: dial.from })
        : t('dialConfirm.outsideInPanel', { from: dial.from }),
      ...(deps.supportsButtons
        ? {
            requireInteraction: true,
            buttons: [{ title: t('dialConfirm.call') }, { title: t('dialConfirm.cancel') }],
          }
        : {}),
    });
  }

  function take(id: string): WaitingDial | undefined {
    const found = live().find((w) => w.id === id);
    waiting = waiting.filter((w) => w.id !== id);
    void deps.notifications.clear(NOTIFICATION_PREFIX + id).catch(() => undefined);
    return found;
  }

  async function answer(id: string, call: boolean): Promise<Reply<unknown>> {
    await ready;
    const dial = take(id);
    await save();
    if (!dial) return fail(EXPIRED());
    return call ? deps.dial(dial) : ok(undefined);
  }

  return {
    ready,
    async ask(command, e164, site, from) {
      await ready;
      if (live().length >= MAX_WAITING) return fail(TOO_MANY());
      const dial: WaitingDial = {
        id: `${deps.clock.now().toString(36)}-${(counter++).toString(36)}`,
        command,
        e164,
        ...(site ? { site } : {}),
        from,
        at: deps.clock.now(),
      };
      waiting.push(dial);
      await save();
      // The panel lists it whatever happens to the notification (notifications may be off).
      await notify(dial).catch((error: unknown) => deps.log('could not ask to confirm', error));
      return ok({ confirm: deps.supportsButtons ? 'notification' : 'panel' });
    },
    answer,
    onButtonClicked(notificationId, buttonIndex) {
      if (!notificationId.startsWith(NOTIFICATION_PREFIX)) return false;
      const id = notificationId.slice(NOTIFICATION_PREFIX.length);
      void answer(id, buttonIndex === 0).then((reply) => {
        if (!reply.ok) deps.notice(reply.error);
      });
      return true;
    },
    list: () =>
      live().map(({ id, command, e164, from }) => ({
        id,
        e164,
        ...(command.extension ? { extension: command.extension } : {}),
        from,
      })),
  };
}
