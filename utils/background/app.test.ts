/**
 * createBackgroundApp as the entry point wires it, with injected settings, storage and tabs, and
 * a real XiVO session against the simulator where the vendor has to take part: who may ask
 * what, click-to-dial and live settings.
 */
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { startXivoSimulator, type XivoSimulator } from '../../tests/simulators/xivo';
import type { Reply } from '../messaging';
import type { OutboxItem, OutboxStore } from '../storage/outbox-db';
import {
  closeApps,
  createHarness,
  EXTENSION,
  POPUP,
  type HarnessOptions,
  type Sender,
} from '../../tests/support/background-harness';

const asTab = (id: number, url?: string) => ({ id, url }) as Browser.tabs.Tab;
const POPUP_IN_TAB: Sender = { ...POPUP, tab: asTab(3, POPUP.url) };
const contentAt = (url: string): Sender => ({ id: EXTENSION.id, url, tab: asTab(7, url) });
const CRM = contentAt('https://crm.example.com/contacts/42');
const STRANGERS: Sender[] = [
  { id: 'other-extension', url: 'chrome-extension://other-extension/popup.html' },
  { id: 'other-extension', url: CRM.url, tab: CRM.tab },
  { url: CRM.url, tab: CRM.tab },
  { id: EXTENSION.id, url: 'about:blank', tab: asTab(7, 'about:blank') },
  { id: EXTENSION.id },
];
const NUMBER = '+33123456789';
const CODES = [{ code: 'sale', label: 'Sale' }];

const sims: XivoSimulator[] = [];

async function simulator(): Promise<XivoSimulator> {
  const sim = await startXivoSimulator({ dialAnswerMs: 50 });
  sims.push(sim);
  return sim;
}

/** A background with these user and policy values, as the entry point would build it. */
async function harness(opts: HarnessOptions = {}) {
  const h = await createHarness(opts);
  return {
    ...h,
    dial: (e164: string, sender: Sender = CRM) => h.send({ type: 'content/dial', e164 }, sender),
  };
}

const dialFrames = (sim: XivoSimulator) =>
  sim.received.filter((r) => r.frame.claz === 'web' && r.frame.command === 'dial');
const refused = (error: string | RegExp): Reply<unknown> =>
  expect.objectContaining({
    ok: false,
    error: typeof error === 'string' ? error : expect.stringMatching(error),
  });

beforeEach(() => {
  // Each test gets empty history and pop keys.
  globalThis.indexedDB = new IDBFactory();
});

afterEach(async () => {
  await closeApps();
  for (const sim of sims.splice(0)) await sim.close();
});

describe('extension pages', () => {
  it('read the state, sign in, send commands and sign out', async () => {
    const sim = await simulator();
    const bg = await harness();
    const before = await bg.state();
    expect(before).toMatchObject({ vendor: 'xivo', connection: { status: 'idle' } });
    expect(before.identity).toBeUndefined();

    await expect(bg.signIn(sim)).resolves.toEqual({ ok: true, value: undefined });
    const after = await bg.until((s) => s.connection.status === 'connected');
    expect(after.identity).toEqual({ username: 'alice' });
    // The server typed at sign-in is saved as the user's setting.
    expect(after.signIn.connectionFields[0]?.value).toBe(sim.url);
    // The credentials are never part of the state the views get.
    expect(JSON.stringify(after)).not.toContain('secret');

    const command = { type: 'panel/command', command: { type: 'dial', number: NUMBER } };
    await expect(bg.send(command, POPUP_IN_TAB)).resolves.toEqual({ ok: true, value: undefined });
    await expect(sim.waitForFrame((f) => f.command === 'dial')).resolves.toMatchObject({
      destination: NUMBER,
    });

    await expect(bg.send({ type: 'panel/signOut' })).resolves.toEqual({
      ok: true,
      value: undefined,
    });
    const out = await bg.state();
    expect(out.identity).toBeUndefined();
    expect(out.connection).toEqual({ status: 'idle' });
  });

  it('must fill every required sign-in field', async () => {
    const bg = await harness();
    const reply = await bg.send({
      type: 'panel/signIn',
      credentials: { username: 'alice', password: ' ' },
      connection: {},
    });
    expect(reply).toEqual(refused('Enter your password'));
    expect((await bg.state()).identity).toBeUndefined();
  });
});

describe('untrusted senders', () => {
  it('change nothing: content scripts get no panel messages, strangers get nothing', async () => {
    const sim = await simulator();
    const bg = await harness();
    await bg.signIn(sim);
    await bg.until((s) => s.connection.status === 'connected');

    const panelMessages = [
      { type: 'panel/getState' },
      { type: 'panel/signOut' },
      { type: 'panel/signIn', credentials: { username: 'mallory' }, connection: {} },
      { type: 'panel/command', command: { type: 'dial', number: '+15550001111' } },
      { type: 'panel/command', command: { type: 'setAgentState', state: 'loggedOut' } },
      { type: 'panel/dismissNotice', id: 'x' },
    ];
    for (const message of panelMessages) {
      await expect(bg.send(message, CRM)).resolves.toEqual(refused('Invalid request'));
      for (const stranger of STRANGERS) {
        await expect(bg.send(message, stranger)).resolves.toEqual(refused('Not allowed'));
      }
    }
    for (const stranger of STRANGERS) {
      await expect(bg.dial('+15550002222', stranger)).resolves.toEqual(refused('Not allowed'));
    }

    const state = await bg.state();
    expect(state.identity).toEqual({ username: 'alice' });
    expect(state.connection.status).toBe('connected');
    // One dial from the page itself; frames arrive in order, so nothing refused went before it.
    await expect(bg.dial(NUMBER)).resolves.toEqual({ ok: true, value: undefined });
    await sim.waitForFrame((f) => f.command === 'dial');
    expect(dialFrames(sim).map((r) => r.frame.destination)).toEqual([NUMBER]);
    expect(sim.received.some((r) => r.frame.command === 'agentLogout')).toBe(false);
  });

  it('get "Invalid request" for malformed payloads, without a throw', async () => {
    const bg = await harness();
    const garbage: unknown[] = [
      undefined,
      null,
      42,
      'panel/getState',
      [],
      {},
      { type: 'panel/nope' },
      { type: 'panel/command' },
      { type: 'panel/command', command: { type: 'dial' } },
      { type: 'panel/command', command: { type: 'selfDestruct', callId: 'c1' } },
      { type: 'panel/command', command: { type: 'blindTransfer', callId: 'c1', target: '<b>' } },
      {
        type: 'panel/command',
        command: { type: 'sendDtmf', callId: 'c1', digits: '1'.repeat(99) },
      },
      { type: 'panel/signIn', credentials: { username: 5 }, connection: {} },
      { type: 'panel/signIn', credentials: {}, connection: { server: 'x'.repeat(3000) } },
      { type: 'panel/dismissNotice' },
      { type: 'content/dial', e164: NUMBER },
    ];
    for (const message of garbage) {
      await expect(bg.send(message)).resolves.toEqual(refused('Invalid request'));
    }
    const badDials: unknown[] = [
      ...garbage.slice(0, 7),
      { type: 'content/dial' },
      { type: 'content/dial', e164: 33123456789 },
      { type: 'content/dial', e164: '0123456789' },
      { type: 'content/dial', e164: '+33 1 23 45 67 89' },
      { type: 'content/dial', e164: '+33123456789;ext=12' },
      { type: 'content/dial', e164: '+0123456789' },
      { type: 'content/dial', e164: '+1234567890123456' },
      { type: 'content/dial', e164: NUMBER, extension: '12a' },
    ];
    for (const message of badDials) {
      await expect(bg.send(message, CRM)).resolves.toEqual(refused('Invalid request'));
    }
  });
});

describe('content/dial', () => {
  it('dials through the signed-in session', async () => {
    const sim = await simulator();
    const bg = await harness();
    await bg.signIn(sim);
    await bg.until((s) => s.connection.status === 'connected');
    await expect(bg.dial(NUMBER)).resolves.toEqual({ ok: true, value: undefined });
    await expect(sim.waitForFrame((f) => f.command === 'dial')).resolves.toMatchObject({
      claz: 'web',
      command: 'dial',
      destination: NUMBER,
    });
  });

  it('says so when nobody is signed in', async () => {
    const bg = await harness();
    await expect(bg.dial(NUMBER)).resolves.toEqual(refused('Not connected to the phone system'));
  });

  it('refuses what the settings forbid, with a clear message, and dials nothing', async () => {
    const sim = await simulator();
    const clickToDial = {
      sites: { mode: 'allow', patterns: ['crm.example.com'] },
      blockedPrefixes: ['+1900', '+4490'],
    };
    const bg = await harness({ user: { clickToDial } });
    await bg.signIn(sim);
    await bg.until((s) => s.connection.status === 'connected');

    const elsewhere = 'https://news.example.net/article';
    await expect(bg.dial(NUMBER, contentAt(elsewhere))).resolves.toEqual(
      refused('Click-to-dial is not enabled on this site'),
    );
    // Without the tabs permission the tab has no URL: the frame's URL decides.
    const noTabUrl = { id: EXTENSION.id, url: elsewhere, tab: asTab(7) };
    await expect(bg.dial(NUMBER, noTabUrl)).resolves.toEqual(
      refused('Click-to-dial is not enabled on this site'),
    );
    await expect(bg.dial('+19005551234')).resolves.toEqual(
      refused('Your organization does not allow calls to this number'),
    );
    await expect(bg.dial('+449012345678')).resolves.toEqual(refused(/does not allow calls/));

    bg.change({ managed: { clickToDial: { enabled: false } } });
    await expect(bg.dial(NUMBER)).resolves.toEqual(refused('Click-to-dial is turned off'));

    bg.change({ managed: {} });
    await expect(bg.dial(NUMBER)).resolves.toEqual({ ok: true, value: undefined });
    await sim.waitForFrame((f) => f.command === 'dial');
    expect(dialFrames(sim).map((r) => r.frame.destination)).toEqual([NUMBER]);
  });
});

describe('click-to-dial from a frame', () => {
  const frameOf = (frameUrl: string, pageUrl: string): Sender => ({
    id: EXTENSION.id,
    url: frameUrl,
    frameId: 3,
    tab: asTab(7, pageUrl),
  });
  const ALLOW_CRM = { clickToDial: { sites: { mode: 'allow', patterns: ['crm.example.com'] } } };

  it('is judged by the frame that asked and by its page', async () => {
    const sim = await simulator();
    const bg = await harness({ managed: ALLOW_CRM });
    await bg.signIn(sim);
    await bg.until((s) => s.connection.status === 'connected');
    const notHere = refused('Click-to-dial is not enabled on this site');
    // A frame from another site inside the CRM, and the CRM framed by another site.
    const widget = frameOf('https://widgets.example.net/card', CRM.url!);
    await expect(bg.dial(NUMBER, widget)).resolves.toEqual(notHere);
    const framed = frameOf('https://crm.example.com/embed', 'https://news.example.net/');
    await expect(bg.dial(NUMBER, framed)).resolves.toEqual(notHere);
    // An about:blank frame is part of its page (Chrome reports its creator's origin).
    const blank = { ...frameOf('about:blank', CRM.url!), origin: 'https://crm.example.com' };
    await expect(bg.dial(NUMBER, blank)).resolves.toEqual({ ok: true, value: undefined });
    await sim.waitForFrame((f) => f.command === 'dial');
    expect(dialFrames(sim)).toHaveLength(1);
  });
});

describe('settingsChanged', () => {
  it('signs out when the vendor changes under a signed-in agent', async () => {
    const sim = await simulator();
    const bg = await harness();
    await bg.signIn(sim);
    await bg.until((s) => s.connection.status === 'connected');

    bg.change({ managed: { vendor: 'anywhere365' } });
    const state = await bg.until((s) => s.vendor === 'anywhere365' && s.identity === undefined);
    expect(state.connection).toEqual({ status: 'idle' });
    expect(state.vendorLabel).toBe('Anywhere365');
    expect(state.signIn.fields.map((f) => f.key)).toContain('relayToken');
    await vi.waitFor(() => expect(sim.connections()).toBe(0));
  });

  it('connects to a server that policy pushes at once, with the same sign-in', async () => {
    const first = await simulator();
    const second = await simulator();
    const bg = await harness();
    await bg.signIn(first);
    await bg.until((s) => s.connection.status === 'connected');
    expect(first.connections()).toBe(1);

    bg.change({ managed: { connection: { xivo: { server: second.url } } } });
    await vi.waitFor(() => expect(second.connections()).toBe(1), { timeout: 20_000 });
    await vi.waitFor(() => expect(first.connections()).toBe(0));
    const state = await bg.until((s) => s.connection.status === 'connected');
    expect(state.identity).toEqual({ username: 'alice' });
    // A reconnect, not a new sign-in: the agent is not logged in on the phone again.
    expect(second.received.filter((r) => r.frame.command === 'agentLogin')).toEqual([]);
  });

  it('follows the policy codes with dispose, and keeps the session', async () => {
    const sim = await simulator();
    const bg = await harness();
    await bg.signIn(sim);
    expect((await bg.until((s) => s.connection.status === 'connected')).commands).not.toContain(
      'dispose',
    );

    bg.change({ managed: { dispositions: { codes: CODES } } });
    const withCodes = await bg.until((s) => s.commands.includes('dispose'));
    expect(withCodes.dispositionCodes).toEqual(CODES);

    bg.change({ managed: {} });
    const without = await bg.until((s) => !s.commands.includes('dispose'));
    expect(without.dispositionCodes).toEqual([]);
    expect(without.identity).toEqual({ username: 'alice' });
    expect(without.connection.status).toBe('connected');
  });
});

describe('connectPanel', () => {
  function fakePort(sender: Sender) {
    const onDisconnect: (() => void)[] = [];
    const port = {
      name: 'switchboard/panel',
      sender,
      postMessage: vi.fn(),
      disconnect: vi.fn(),
      onDisconnect: { addListener: (fn: () => void) => onDisconnect.push(fn) },
    };
    const close = () => onDisconnect.forEach((fn) => fn());
    return { port, asPort: port as unknown as Browser.runtime.Port, close };
  }

  it('streams state to extension pages only, until they go', async () => {
    const bg = await harness();
    const page = fakePort(POPUP_IN_TAB);
    const content = fakePort(CRM);
    const anonymous = fakePort(undefined as unknown as Sender);
    bg.app.connectPanel(page.asPort);
    bg.app.connectPanel(content.asPort);
    bg.app.connectPanel(anonymous.asPort);

    expect(content.port.disconnect).toHaveBeenCalled();
    expect(anonymous.port.disconnect).toHaveBeenCalled();
    await vi.waitFor(() => expect(page.port.postMessage).toHaveBeenCalled());
    expect(page.port.postMessage.mock.calls[0]?.[0]).toMatchObject({ type: 'state' });

    bg.change({ managed: { vendor: 'maxcontact' } });
    await vi.waitFor(() =>
      expect(page.port.postMessage).toHaveBeenLastCalledWith({
        type: 'state',
        state: expect.objectContaining({ vendor: 'maxcontact' }),
      }),
    );
    page.close();
    const posted = page.port.postMessage.mock.calls.length;
    bg.change({ managed: {} });
    await bg.until((s) => s.vendor === 'xivo');
    expect(page.port.postMessage).toHaveBeenCalledTimes(posted);
    expect(content.port.postMessage).not.toHaveBeenCalled();
    expect(anonymous.port.postMessage).not.toHaveBeenCalled();
  });
});

describe('a slow first start', () => {
  it('shows a waiting outbox item once the settings are loaded, with no storage error', async () => {
    let settingsLoaded = (): void => undefined;
    const item: OutboxItem = {
      key: 'k-1',
      vendor: 'xivo',
      command: { type: 'dispose', callId: 'xivo:1', code: 'SALE', notes: '' },
      createdAt: 1,
      status: 'pending',
      attempts: 0,
      nextAt: 1,
    };
    const outboxLoaded = vi.fn();
    // The outbox is read before the settings are (IndexedDB beats a migration of the settings).
    const outboxStore: OutboxStore = {
      all: async () => (outboxLoaded(), [item]),
      get: async () => item,
      put: async () => undefined,
      delete: async () => undefined,
    };
    const started = createHarness({
      outboxStore,
      settingsLoaded: new Promise<void>((resolve) => (settingsLoaded = resolve)),
    });
    await vi.waitFor(() => expect(outboxLoaded).toHaveBeenCalled());
    settingsLoaded();
    const { state } = await started;
    const s = await state();
    expect(s.notices).toEqual([]);
    expect(s.outbox).toMatchObject([{ key: 'k-1', status: 'waiting' }]);
  });
});
