/**
 * The context-menu items: how they are created and shown, and what a click on them does, first
 * with fakes, then against the background app and the XiVO simulator.
 */
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser, WxtBrowser } from 'wxt/browser';
import { startXivoSimulator, type XivoSimulator } from '../../tests/simulators/xivo';
import { createBrowserDial, type BrowserDial } from './browser-dial';
import {
  createContextMenu,
  LINK_ITEM,
  promisedMenus,
  SELECTION_ITEM,
  type MenusApi,
} from './context-menu';
import { closeApps, createHarness } from '../../tests/support/background-harness';

type OnClickData = Browser.contextMenus.OnClickData;
const asTab = (id: number, url?: string) => ({ id, url }) as Browser.tabs.Tab;
const CRM_URL = 'https://crm.example.com/contacts/42';

function fakeMenus() {
  return {
    create: vi.fn<MenusApi['create']>(async () => undefined),
    update: vi.fn<MenusApi['update']>(async () => undefined),
    removeAll: vi.fn<MenusApi['removeAll']>(async () => undefined),
  };
}

function fakeDial() {
  return {
    dial: vi.fn<BrowserDial['dial']>(async () => undefined),
    siteRefusal: vi.fn<BrowserDial['siteRefusal']>(async () => undefined),
    notify: vi.fn<BrowserDial['notify']>(),
  };
}

const click = (data: Partial<OnClickData>): OnClickData =>
  ({ editable: false, menuItemId: SELECTION_ITEM, ...data }) as OnClickData;

describe('context menu items', () => {
  it('are created from scratch, a selection item and a tel:/callto:/sip: link item', async () => {
    const menus = fakeMenus();
    const menu = createContextMenu({ menus, dial: fakeDial(), log: vi.fn() });
    menu.install(true);
    await vi.waitFor(() => expect(menus.create).toHaveBeenCalledTimes(2));
    expect(menus.removeAll.mock.invocationCallOrder[0]).toBeLessThan(
      menus.create.mock.invocationCallOrder[0]!,
    );
    expect(menus.create.mock.calls.map(([props]) => props)).toEqual([
      { id: SELECTION_ITEM, title: 'Call “%s”', contexts: ['selection'], visible: true },
      {
        id: LINK_ITEM,
        title: 'Call with Switchboard',
        contexts: ['link'],
        targetUrlPatterns: ['tel:*', 'callto:*', 'sip:*', 'sips:*'],
        visible: true,
      },
    ]);
  });

  it('are hidden while click-to-dial is off, in order with their creation', async () => {
    const menus = fakeMenus();
    const menu = createContextMenu({ menus, dial: fakeDial(), log: vi.fn() });
    menu.install(false);
    menu.setEnabled(true);
    menu.setEnabled(false);
    await vi.waitFor(() => expect(menus.update).toHaveBeenCalledTimes(4));
    expect(menus.create.mock.calls.every(([props]) => props.visible === false)).toBe(true);
    expect(menus.create.mock.invocationCallOrder[1]).toBeLessThan(
      menus.update.mock.invocationCallOrder[0]!,
    );
    expect(menus.update.mock.calls).toEqual([
      [SELECTION_ITEM, { visible: true }],
      [LINK_ITEM, { visible: true }],
      [SELECTION_ITEM, { visible: false }],
      [LINK_ITEM, { visible: false }],
    ]);
  });

  it('take a settings change that comes before their creation into it, updating nothing', async () => {
    const menus = fakeMenus();
    const log = vi.fn();
    const menu = createContextMenu({ menus, dial: fakeDial(), log });
    // The settings watcher fires while the app is still starting: no items exist yet.
    menu.setEnabled(false);
    menu.install(true);
    menu.setEnabled(false);
    await vi.waitFor(() => expect(menus.update).toHaveBeenCalledTimes(2));
    expect(menus.update.mock.invocationCallOrder[0]).toBeGreaterThan(
      menus.create.mock.invocationCallOrder[1]!,
    );
    // Created as the latest settings say, then updated in order.
    expect(menus.create.mock.calls.map(([props]) => props.visible)).toEqual([false, false]);
    expect(menus.update.mock.calls.map(([, props]) => props.visible)).toEqual([false, false]);
    expect(log).not.toHaveBeenCalled();
  });

  it('log a failed update and keep going', async () => {
    const menus = fakeMenus();
    menus.removeAll.mockRejectedValueOnce(new Error('no menus here'));
    const log = vi.fn();
    const menu = createContextMenu({ menus, dial: fakeDial(), log });
    menu.install(true);
    menu.setEnabled(false);
    await vi.waitFor(() => expect(menus.update).toHaveBeenCalledTimes(2));
    expect(log).toHaveBeenCalledWith('context menu update failed', expect.any(Error));
  });

  it('send the selection or the link, with the tab, down the dialling path', () => {
    const dial = fakeDial();
    const menu = createContextMenu({ menus: fakeMenus(), dial, log: vi.fn() });
    menu.onClicked(
      click({ selectionText: '+33 1 23 45 67 89', pageUrl: CRM_URL }),
      asTab(7, CRM_URL),
    );
    menu.onClicked(
      click({ menuItemId: LINK_ITEM, linkUrl: 'tel:+14155550100' }),
      asTab(7, CRM_URL),
    );
    // Without a readable tab URL the page's URL decides where the agent is.
    menu.onClicked(click({ selectionText: '0123456789', pageUrl: CRM_URL }), asTab(8));
    menu.onClicked(click({ menuItemId: 'someone-else', selectionText: '+33 1 23 45 67 89' }));
    expect(dial.dial.mock.calls).toEqual([
      [
        { kind: 'selection', text: '+33 1 23 45 67 89' },
        { id: 7, url: CRM_URL },
      ],
      [
        { kind: 'link', url: 'tel:+14155550100' },
        { id: 7, url: CRM_URL },
      ],
      [
        { kind: 'selection', text: '0123456789' },
        { id: 8, url: CRM_URL },
      ],
    ]);
  });
});

describe('promisedMenus', () => {
  it("turns create's callback and runtime.lastError into a promise", async () => {
    let lastError: { message?: string } | undefined = undefined;
    const api = {
      create: vi.fn((_props: unknown, done: () => void) => {
        queueMicrotask(done);
        return 'id';
      }),
      update: vi.fn(async () => undefined),
      removeAll: vi.fn(async () => undefined),
    };
    const menus = promisedMenus(api as unknown as WxtBrowser['contextMenus'], () => lastError);
    await expect(menus.create({ id: 'a' })).resolves.toBeUndefined();
    lastError = { message: 'Cannot create item with duplicate id a' };
    await expect(menus.create({ id: 'a' })).rejects.toThrow('duplicate id');
    await menus.update('a', { visible: false });
    await menus.removeAll();
    expect(api.update).toHaveBeenCalledWith('a', { visible: false });
    expect(api.removeAll).toHaveBeenCalled();
  });
});

describe('a context-menu click, through the background app', () => {
  const sims: XivoSimulator[] = [];

  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory();
  });

  afterEach(async () => {
    await closeApps();
    for (const sim of sims.splice(0)) await sim.close();
  });

  async function setup(user: unknown = {}) {
    const sim = await startXivoSimulator({ dialAnswerMs: 50 });
    sims.push(sim);
    const bg = await createHarness({ user });
    const notifications = { create: vi.fn(async () => 'id'), clear: vi.fn(async () => true) };
    const dial = createBrowserDial({
      settings: bg.app.clickToDial,
      dial: bg.app.dialFromBrowser,
      notifications,
      iconUrl: 'icon.png',
      log: vi.fn(),
    });
    const menu = createContextMenu({ menus: fakeMenus(), dial, log: vi.fn() });
    const messages = () =>
      notifications.create.mock.calls.map(
        (c) => ((c as unknown[])[1] as { message: string }).message,
      );
    const dials = () => sim.received.filter((r) => r.frame.command === 'dial');
    return { sim, bg, menu, messages, dials };
  }

  it('dials the selected number with the signed-in session', async () => {
    const { sim, bg, menu, messages } = await setup();
    await bg.signIn(sim);
    await bg.until((s) => s.connection.status === 'connected');
    menu.onClicked(click({ selectionText: 'Tel: +33 1 23 45 67 89' }), asTab(7, CRM_URL));
    await expect(sim.waitForFrame((f) => f.command === 'dial')).resolves.toMatchObject({
      destination: '+33123456789',
    });
    expect(messages()).toEqual([]);
  });

  it('tells the agent who is not signed in, and what policy forbids', async () => {
    const { bg, menu, messages, dials } = await setup({
      clickToDial: { blockedPrefixes: ['+1900'] },
    });
    menu.onClicked(click({ selectionText: '+33 1 23 45 67 89' }), asTab(7, CRM_URL));
    await vi.waitFor(() => expect(messages()).toEqual(['Not connected to the phone system']));
    menu.onClicked(
      click({ menuItemId: LINK_ITEM, linkUrl: 'tel:+19005551234' }),
      asTab(7, CRM_URL),
    );
    await vi.waitFor(() => expect(messages()).toHaveLength(2));
    expect(messages()[1]).toBe('Your organization does not allow calls to this number');
    bg.change({ managed: { clickToDial: { enabled: false } } });
    menu.onClicked(click({ selectionText: '+33 1 23 45 67 89' }), asTab(7, CRM_URL));
    await vi.waitFor(() => expect(messages()).toHaveLength(3));
    expect(messages()[2]).toBe('Click-to-dial is turned off');
    expect(dials()).toEqual([]);
  });
});
