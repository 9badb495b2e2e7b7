/**
 * The "Dial selected number" command with fakes for the tab's content scripts; the dialling
 * path after it is browser-dial.ts's, used here for real.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { DEFAULT_SETTINGS } from '../settings/schema';
import { createBrowserDial, NO_NUMBER_SELECTED, UNEXPECTED_FAILURE } from './browser-dial';
import {
  createDialCommand,
  DIAL_SELECTION,
  SELECT_A_NUMBER_FIRST,
  SELECTION_UNREADABLE,
} from './dial-command';
import type { ClickToDialSettings } from './dial-gate';

const CRM = { id: 7, url: 'https://crm.example.com/contacts/42' } as Browser.tabs.Tab;

function setup(
  answer: () => Promise<unknown>,
  opts: { click?: Partial<ClickToDialSettings>; active?: Browser.tabs.Tab } = {},
) {
  // A US agent's settings as the background resolves them (default-country.ts).
  const click = { ...DEFAULT_SETTINGS.clickToDial, defaultCountry: 'US', ...opts.click };
  const notifications = { create: vi.fn(async () => 'id'), clear: vi.fn(async () => true) };
  const dialInBackground = vi.fn(async () => ({ ok: true as const, value: undefined }));
  const dial = createBrowserDial({
    settings: async () => click,
    dial: dialInBackground,
    notifications,
    iconUrl: 'icon.png',
    log: vi.fn(),
  });
  const sendToTab = vi.fn(answer);
  const activeTab = vi.fn(async () => opts.active);
  const log = vi.fn();
  const command = createDialCommand({ dial, activeTab, sendToTab, log });
  const messages = () =>
    notifications.create.mock.calls.map(
      (c) => ((c as unknown[])[1] as { message: string }).message,
    );
  /** Press the shortcut and wait until it has either dialled or said why not. */
  const press = async (tab?: Browser.tabs.Tab, name = DIAL_SELECTION) => {
    const before = dialInBackground.mock.calls.length + messages().length;
    command.onCommand(name, tab);
    await vi.waitFor(() =>
      expect(dialInBackground.mock.calls.length + messages().length).toBeGreaterThan(before),
    );
  };
  return { command, press, sendToTab, activeTab, dialInBackground, messages, log };
}

describe('the Dial selected number command', () => {
  it("dials the number selected in the tab's frames", async () => {
    const t = setup(async () => ({ text: 'Mobile: +33 6 12 34 56 78' }));
    await t.press(CRM);
    // Sent to every frame: the one with a selection answers.
    expect(t.sendToTab).toHaveBeenCalledWith(7, { type: 'tab/selection' });
    expect(t.dialInBackground).toHaveBeenCalledWith(
      { e164: '+33612345678' },
      { frameUrl: CRM.url, tabUrl: CRM.url },
    );
    expect(t.messages()).toEqual([]);
  });

  it('asks for the active tab when the browser does not say which', async () => {
    const t = setup(async () => ({ text: '4155552671' }), { active: CRM });
    await t.press(undefined);
    expect(t.activeTab).toHaveBeenCalled();
    expect(t.dialInBackground).toHaveBeenCalledWith(
      { e164: '+14155552671' },
      { frameUrl: CRM.url, tabUrl: CRM.url },
    );
  });

  it('says to select a number first when no frame has a selection', async () => {
    for (const answer of [undefined, null, {}, { text: '   ' }, { text: 42 }, 'text']) {
      const t = setup(async () => answer);
      await t.press(CRM);
      expect(t.messages()).toEqual([SELECT_A_NUMBER_FIRST()]);
      expect(t.dialInBackground).not.toHaveBeenCalled();
    }
    const noTab = setup(async () => ({ text: '+33 1 23 45 67 89' }));
    await noTab.press(undefined);
    expect(noTab.messages()).toEqual([SELECT_A_NUMBER_FIRST()]);
    expect(noTab.sendToTab).not.toHaveBeenCalled();
  });

  it('says the page cannot be read where no content script runs', async () => {
    const t = setup(async () => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    });
    await t.press({ id: 3 } as Browser.tabs.Tab);
    expect(t.messages()).toEqual([SELECTION_UNREADABLE()]);
    expect(t.dialInBackground).not.toHaveBeenCalled();
  });

  it('gives the site rule, not "cannot read", where click-to-dial does not run', async () => {
    const t = setup(async () => ({ text: '+33 1 23 45 67 89' }), {
      click: { sites: { mode: 'block', patterns: ['crm.example.com'] } },
    });
    await t.press(CRM);
    expect(t.messages()).toEqual(['Click-to-dial is not enabled on this site']);
    expect(t.sendToTab).not.toHaveBeenCalled();
  });

  it('says when the selection holds no number', async () => {
    const t = setup(async () => ({ text: 'Order #20240115-77' }));
    await t.press(CRM);
    expect(t.messages()).toEqual([NO_NUMBER_SELECTED()]);
  });

  it('reports an unexpected failure instead of failing silently', async () => {
    const t = setup(async () => ({ text: '+33 1 23 45 67 89' }));
    t.activeTab.mockRejectedValueOnce(new Error('no window'));
    await t.press(undefined);
    expect(t.messages()).toEqual([UNEXPECTED_FAILURE()]);
    expect(t.log).toHaveBeenCalled();
  });

  it('ignores other commands', async () => {
    const t = setup(async () => ({ text: '+33 1 23 45 67 89' }));
    t.command.onCommand('_execute_action', CRM);
    // Had the first been taken, it would have gone the same way as this one, and first.
    await t.press(CRM);
    expect(t.sendToTab).toHaveBeenCalledTimes(1);
    expect(t.dialInBackground).toHaveBeenCalledTimes(1);
  });
});
