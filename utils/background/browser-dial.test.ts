/**
 * The path the context menu and the keyboard command share, with fakes for the background's
 * settings and dial, the tab's content script and the notifications.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Reply } from '../messaging';
import { DEFAULT_SETTINGS } from '../settings/schema';
import {
  createBrowserDial,
  NO_NUMBER_IN_LINK,
  NO_NUMBER_SELECTED,
  NOTIFICATION_ID,
  NOTIFICATION_TITLE,
  numberInSelection,
  UNEXPECTED_FAILURE,
  type BrowserDialDeps,
} from './browser-dial';
import type { ClickToDialSettings } from './dial-gate';

const CRM = { id: 7, url: 'https://crm.example.com/contacts/42' };
/** The site of a dial from the CRM tab's page: its frame and its page are the same. */
const AT_CRM = { frameUrl: CRM.url, tabUrl: CRM.url };

function setup(patch: Partial<ClickToDialSettings> = {}, opts: { reply?: Reply<unknown> } = {}) {
  const click: ClickToDialSettings = { ...DEFAULT_SETTINGS.clickToDial, ...patch };
  const deps = {
    settings: vi.fn(async () => click),
    dial: vi.fn(async () => opts.reply ?? { ok: true as const, value: undefined }),
    notifications: { create: vi.fn(async () => 'id'), clear: vi.fn(async () => true) },
    iconUrl: 'icon.png',
    log: vi.fn(),
  } satisfies BrowserDialDeps;
  const browserDial = createBrowserDial(deps);
  /** The messages of the notifications shown, in order. */
  const notices = () => deps.notifications.create.mock.calls.map((call) => (call as unknown[])[1]);
  const messages = () => notices().map((n) => (n as { message: string }).message);
  return { deps, browserDial, notices, messages };
}

const selection = (text: string) => ({ kind: 'selection', text }) as const;
const link = (url: string) => ({ kind: 'link', url }) as const;

describe('numberInSelection', () => {
  it('takes the first number the detector finds, with its extension', () => {
    expect(numberInSelection('Call Anna on +44 20 7946 0958 ext. 12 today', 'US')).toEqual({
      e164: '+442079460958',
      extension: '12',
    });
    expect(numberInSelection('+1 212 555 0123 / +1 212 555 0124', 'US')).toEqual({
      e164: '+12125550123',
    });
    expect(numberInSelection('Mobile: 06 12 34 56 78', 'FR')).toEqual({ e164: '+33612345678' });
  });

  it('accepts a selection that is only a valid number, without a label', () => {
    expect(numberInSelection('0123456789', 'FR')).toEqual({ e164: '+33123456789' });
    expect(numberInSelection('  4155552671\n', 'US')).toEqual({ e164: '+14155552671' });
    expect(numberInSelection('(415) 555-2671', 'US')).toEqual({ e164: '+14155552671' });
  });

  it('finds nothing in text without a phone number', () => {
    for (const text of ['', 'hello', '123', '1234567', 'Order 123456789', '2024-01-15', '10.0.0.1'])
      expect(numberInSelection(text, 'US')).toBeUndefined();
  });
});

describe('dialling from the browser', () => {
  it('dials the selected number through the background, for the tab it was chosen in', async () => {
    const { deps, browserDial, notices } = setup();
    await browserDial.dial(selection('Tel. +33 1 23 45 67 89'), CRM);
    expect(deps.dial).toHaveBeenCalledWith({ e164: '+33123456789' }, AT_CRM);
    expect(notices()).toEqual([]);
  });

  it('dials the number of a tel: or callto: link', async () => {
    const { deps, browserDial } = setup();
    await browserDial.dial(link('tel:+1-212-555-0123;ext=45'), CRM);
    await browserDial.dial(link('callto://+33123456789'), CRM);
    expect(deps.dial.mock.calls).toEqual([
      // The link's extension goes with the number, to be keyed in once the call is answered.
      [{ e164: '+12125550123', extension: '45' }, AT_CRM],
      [{ e164: '+33123456789' }, AT_CRM],
    ]);
  });

  it('says so when there is no number, and dials nothing', async () => {
    const { deps, browserDial, notices } = setup();
    await browserDial.dial(selection('Invoice 2024-0042, due 15/03/2024'), CRM);
    await browserDial.dial(link('tel:'), CRM);
    expect(deps.dial).not.toHaveBeenCalled();
    expect(notices()).toEqual([
      {
        type: 'basic',
        iconUrl: 'icon.png',
        title: NOTIFICATION_TITLE(),
        message: NO_NUMBER_SELECTED(),
      },
      {
        type: 'basic',
        iconUrl: 'icon.png',
        title: NOTIFICATION_TITLE(),
        message: NO_NUMBER_IN_LINK(),
      },
    ]);
    // One notification id: the newer message replaces the older.
    expect(deps.notifications.create.mock.calls.map((c) => (c as unknown[])[0])).toEqual([
      NOTIFICATION_ID,
      NOTIFICATION_ID,
    ]);
  });

  it('refuses what the settings forbid, with the gate messages, before anything else', async () => {
    const off = setup({ enabled: false });
    await off.browserDial.dial(selection('no number here'), CRM);
    expect(off.messages()).toEqual(['Click-to-dial is turned off']);

    const elsewhere = setup({ sites: { mode: 'allow', patterns: ['intranet.example.com'] } });
    await elsewhere.browserDial.dial(selection('+33 1 23 45 67 89'), CRM);
    expect(elsewhere.messages()).toEqual(['Click-to-dial is not enabled on this site']);

    const blocked = setup({ blockedPrefixes: ['+1900'], confirmInternational: true });
    await blocked.browserDial.dial(selection('+1 900 555 1234'), CRM);
    expect(blocked.messages()).toEqual(['Your organization does not allow calls to this number']);

    for (const { deps } of [off, elsewhere, blocked]) expect(deps.dial).not.toHaveBeenCalled();
  });

  it("passes on the background's refusal or the vendor's error", async () => {
    const { deps, browserDial, messages } = setup(
      {},
      { reply: { ok: false, error: 'Not connected to the phone system' } },
    );
    await browserDial.dial(selection('+33 1 23 45 67 89'), CRM);
    expect(deps.dial).toHaveBeenCalledTimes(1);
    expect(messages()).toEqual(['Not connected to the phone system']);
  });

  it('says something went wrong when the background cannot answer', async () => {
    const { deps, browserDial, messages } = setup();
    deps.settings.mockRejectedValueOnce(new Error('storage gone'));
    await browserDial.dial(selection('+33 1 23 45 67 89'), CRM);
    expect(messages()).toEqual([UNEXPECTED_FAILURE()]);
    expect(deps.log).toHaveBeenCalled();
  });
});

describe('confirmInternational', () => {
  const confirming = { confirmInternational: true, defaultCountry: 'US' };

  it("hands a foreign number to the background's gate, which asks the agent, never the page", async () => {
    const { deps, browserDial, notices } = setup(confirming);
    await browserDial.dial(selection('+44 20 7946 0958 ext. 12'), CRM);
    // The gate (commands.ts) holds it for the agent's yes on the notification or the panel.
    expect(deps.dial).toHaveBeenCalledWith({ e164: '+442079460958', extension: '12' }, AT_CRM);
    expect(notices()).toEqual([]);
  });

  it('dials a home number at once', async () => {
    const { deps, browserDial } = setup(confirming);
    await browserDial.dial(selection('(415) 555-2671'), CRM);
    expect(deps.dial).toHaveBeenCalledWith({ e164: '+14155552671' }, AT_CRM);
  });

  it('needs no content script to confirm: a browser page or the PDF viewer goes to the gate too', async () => {
    const { deps, browserDial, notices } = setup(confirming);
    // A browser page: no tab id, no URL the extension may read.
    await browserDial.dial(link('tel:+442079460958'), {});
    expect(deps.dial).toHaveBeenCalledWith({ e164: '+442079460958' }, { frameUrl: '' });
    expect(notices()).toEqual([]);
  });
});
