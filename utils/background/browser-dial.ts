/**
 * Dialling from the browser's own UI: the "Call <number>" context-menu items (context-menu.ts)
 * and the "Dial selected number" keyboard command (dial-command.ts) share this path.
 *
 * Both are trusted by construction: the browser itself reports the agent's click on its menu or
 * press of the shortcut to the background (`contextMenus.onClicked`, `commands.onCommand`). No
 * page script can raise those events or forge their data, and nothing here listens to a page.
 * A page only controls which text is selected (the content script reads it for `tab/selection`),
 * and that text is parsed and gated like any other before anything is dialled.
 */
import { isValidPhoneNumber, type CountryCode } from 'libphonenumber-js/min';
import type { Reply } from '../messaging';
import { findPhoneNumbers } from '../phone/detect';
import { toE164ByLibphonenumber } from '../phone/format';
import type { DialSite, DialTarget } from '../phone/dial-policy';
import { parseTelHref } from '../phone/scan';
import { numberRefusal, siteRefusal, type ClickToDialSettings } from './dial-gate';
import type { NotificationsApi } from './incoming-call-notification';
import { t } from '../i18n/runtime';

/** The tab the agent acted in. `url` is missing on pages the extension may not read. */
export interface DialTab {
  id?: number;
  url?: string;
  /** The frame the agent acted in, when the browser says (a context-menu click in a frame). */
  frameUrl?: string;
}

/** The site rules apply to the frame the agent acted in and to its tab's page. */
const siteOf = (tab: DialTab): DialSite => ({
  frameUrl: tab.frameUrl ?? tab.url ?? '',
  ...(tab.url !== undefined ? { tabUrl: tab.url } : {}),
});

export type DialSource = { kind: 'selection'; text: string } | { kind: 'link'; url: string };

export interface BrowserDialDeps {
  settings(): Promise<ClickToDialSettings>;
  /** The background's dial behind the same gate as `content/dial` (BackgroundApp.dialFromBrowser). */
  dial(target: DialTarget, site: DialSite): Promise<Reply<unknown>>;
  notifications: NotificationsApi;
  iconUrl: string;
  log(message: string, error: unknown): void;
}

export interface BrowserDial {
  /** Find the number in what the agent chose, check it, and hand it to the background's gate. */
  dial(source: DialSource, tab: DialTab): Promise<void>;
  /** Why nothing may be dialled from this tab at all (off, or not on this site); undefined if it may. */
  siteRefusal(tab: DialTab): Promise<string | undefined>;
  /** Tell the agent why no call started. */
  notify(message: string): void;
}

export const NOTIFICATION_ID = 'switchboard-dial';
export const NOTIFICATION_TITLE = () => t('browserDial.notStarted');
export const NO_NUMBER_SELECTED = () => t('browserDial.noNumberSelected');
export const NO_NUMBER_IN_LINK = () => t('browserDial.noNumberInLink');
export const UNEXPECTED_FAILURE = () => t('browserDial.failed');

/** Far more than any number with its label; the detector bounds its own work beyond that. */
const MAX_SELECTION = 10_000;
// A selection that is nothing but a number: digits and the punctuation numbers are written with.
const ONLY_A_NUMBER = /^\+?[\d\s().\-‐–/]+$/;
const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * The first number in the agent's selection. The detector wants a label cue before a bare run
 * of digits, because on a page it has to guess; here the agent chose the text explicitly, so a
 * selection that is only a valid number is taken as one.
 */
export function numberInSelection(
  text: string,
  defaultCountry: string | undefined,
): DialTarget | undefined {
  const selected = text.slice(0, MAX_SELECTION).trim();
  // libphonenumber ignores a country it does not know, which leaves only +-prefixed numbers.
  const [first] = findPhoneNumbers(selected, { defaultCountry: defaultCountry as CountryCode });
  if (first) {
    const { e164, extension } = first;
    return extension ? { e164, extension } : { e164 };
  }
  if (!ONLY_A_NUMBER.test(selected)) return undefined;
  const e164 = toE164ByLibphonenumber(selected, defaultCountry);
  return e164 && E164.test(e164) && isValidPhoneNumber(e164) ? { e164 } : undefined;
}

export function createBrowserDial(deps: BrowserDialDeps): BrowserDial {
  function notify(message: string): void {
    // One id: a newer message replaces an older one instead of piling up.
    deps.notifications
      .create(NOTIFICATION_ID, {
        type: 'basic',
        iconUrl: deps.iconUrl,
        title: NOTIFICATION_TITLE(),
        message,
      })
      .catch((error: unknown) => deps.log('could not show why no call started', error));
  }

  async function dial(source: DialSource, tab: DialTab): Promise<void> {
    const click = await deps.settings();
    const site = siteOf(tab);
    const refused = siteRefusal(click, site);
    if (refused) return notify(refused);
    const target =
      source.kind === 'selection'
        ? numberInSelection(source.text, click.defaultCountry)
        : parseTelHref(source.url, click.defaultCountry as CountryCode);
    if (!target)
      return notify(source.kind === 'selection' ? NO_NUMBER_SELECTED() : NO_NUMBER_IN_LINK());
    const blocked = numberRefusal(click, target.e164);
    if (blocked) return notify(blocked);
    // The background's gate decides, with the settings of the moment: a number abroad under
    // `confirmInternational` waits there for the agent's yes on the notification or the panel.
    const reply = await deps.dial(target, site);
    if (!reply.ok) notify(reply.error);
  }

  return {
    dial: (source, tab) =>
      dial(source, tab).catch((error: unknown) => {
        deps.log('dialling from the browser failed', error);
        notify(UNEXPECTED_FAILURE());
      }),
    siteRefusal: async (tab) => siteRefusal(await deps.settings(), siteOf(tab)),
    notify,
  };
}
