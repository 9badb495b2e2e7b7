/**
 * The background's dial gate, for every source: the site of the frame that asked, the blocked
 * prefixes and `confirmInternational`, whose yes comes only from the notification's button or the
 * panel, never from the page (a `content/dial` is a request, whatever the page showed).
 */
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { startXivoSimulator, type XivoSimulator } from '../../tests/simulators/xivo';
import {
  closeApps,
  createHarness,
  EXTENSION,
  type Sender,
} from '../../tests/support/background-harness';
import { EXPIRED, MAX_WAITING, NOTIFICATION_PREFIX, TOO_MANY } from './dial-confirmations';
import type { NotificationOptions } from './incoming-call-notification';

const asTab = (id: number, url: string) => ({ id, url }) as Browser.tabs.Tab;
const CRM_URL = 'https://crm.example.com/contacts/42';
const frameAt = (url: string, tabUrl = url): Sender => ({
  id: EXTENSION.id,
  url,
  tab: asTab(7, tabUrl),
});
const CRM = frameAt(CRM_URL);
const FOREIGN = '+442079460958';
const HOME = '+14155552671';
const CONFIRMING = { clickToDial: { confirmInternational: true, defaultCountry: 'US' } };

const sims: XivoSimulator[] = [];
const dials = (sim: XivoSimulator) =>
  sim.received.filter((r) => r.frame.claz === 'web' && r.frame.command === 'dial');

async function signedIn(user: unknown = CONFIRMING) {
  const sim = await startXivoSimulator({ dialAnswerMs: 50 });
  sims.push(sim);
  const shown = new Map<string, NotificationOptions>();
  const bg = await createHarness({
    user,
    notifications: {
      create: async (id, options) => void shown.set(id, options),
      clear: async (id) => void shown.delete(id),
    },
  });
  await bg.signIn(sim);
  await bg.until((s) => s.connection.status === 'connected');
  const waiting = async () => (await bg.state()).dialConfirmations ?? [];
  return { sim, bg, shown, waiting };
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

afterEach(async () => {
  await closeApps();
  for (const sim of sims.splice(0)) await sim.close();
});

describe('confirmInternational, enforced by the background', () => {
  it('dials nothing a content script asks for until the agent says Call in the panel', async () => {
    const { sim, bg, shown, waiting } = await signedIn();
    const reply = await bg.send({ type: 'content/dial', e164: FOREIGN }, CRM);
    expect(reply).toEqual({ ok: true, value: { confirm: 'notification' } });
    expect(dials(sim)).toEqual([]);
    const [dial] = await waiting();
    expect(dial).toMatchObject({ e164: FOREIGN, from: 'crm.example.com' });
    // The question is also on a notification with Call and Cancel buttons.
    expect(shown.get(NOTIFICATION_PREFIX + dial!.id)).toMatchObject({
      title: 'Call +44 20 7946 0958?',
      buttons: [{ title: 'Call' }, { title: 'Cancel' }],
    });
    // A content script cannot answer it: panel messages are for extension pages only.
    const forged = { type: 'panel/confirmDial', id: dial!.id, call: true };
    await expect(bg.send(forged, CRM)).resolves.toEqual({ ok: false, error: 'Invalid request' });
    expect(dials(sim)).toEqual([]);

    await expect(bg.send(forged)).resolves.toEqual({ ok: true, value: undefined });
    await expect(sim.waitForFrame((f) => f.command === 'dial')).resolves.toMatchObject({
      destination: FOREIGN,
    });
    expect(await waiting()).toEqual([]);
    expect(shown.size).toBe(0);
    // Answered once: a second yes finds nothing to dial.
    await expect(bg.send(forged)).resolves.toEqual({ ok: false, error: EXPIRED() });
    expect(dials(sim)).toHaveLength(1);
  });

  it('takes the notification’s Call button as a yes and Cancel as a no', async () => {
    const { sim, bg, waiting } = await signedIn();
    await bg.send({ type: 'content/dial', e164: FOREIGN }, CRM);
    await bg.send({ type: 'content/dial', e164: '+33123456789' }, CRM);
    const [first, second] = await waiting();
    bg.app.notificationButtonClicked(NOTIFICATION_PREFIX + second!.id, 1);
    await vi.waitFor(async () => expect(await waiting()).toHaveLength(1));
    expect(dials(sim)).toEqual([]);
    bg.app.notificationButtonClicked(NOTIFICATION_PREFIX + first!.id, 0);
    await expect(sim.waitForFrame((f) => f.command === 'dial')).resolves.toMatchObject({
      destination: FOREIGN,
    });
    expect(dials(sim)).toHaveLength(1);
  });

  it('asks for the panel’s dials and call-backs too, and dials home numbers at once', async () => {
    const { sim, bg, waiting } = await signedIn();
    const reply = await bg.command({ type: 'dial', number: '+44 20 7946 0958' });
    expect(reply).toEqual({ ok: true, value: { confirm: 'notification' } });
    expect(await waiting()).toMatchObject([{ e164: FOREIGN, from: 'the Switchboard panel' }]);
    expect(dials(sim)).toEqual([]);
    await expect(bg.command({ type: 'dial', number: '(415) 555-2671' })).resolves.toEqual({
      ok: true,
      value: undefined,
    });
    await expect(sim.waitForFrame((f) => f.command === 'dial')).resolves.toMatchObject({
      destination: expect.stringMatching(/4155552671$/),
    });
  });

  it('lets a page queue only a few questions at once', async () => {
    const { bg } = await signedIn();
    for (let i = 0; i < MAX_WAITING; i++) {
      await bg.send({ type: 'content/dial', e164: FOREIGN }, CRM);
    }
    await expect(bg.send({ type: 'content/dial', e164: FOREIGN }, CRM)).resolves.toEqual({
      ok: false,
      error: TOO_MANY(),
    });
  });
});

describe('the other dial rules, for every source', () => {
  it('refuses blocked prefixes from the panel as from a page', async () => {
    const { sim, bg } = await signedIn({ clickToDial: { blockedPrefixes: ['+1900'] } });
    const blocked = { ok: false, error: 'Your organization does not allow calls to this number' };
    await expect(bg.command({ type: 'dial', number: '+1 900 555 0100' })).resolves.toEqual(blocked);
    await expect(bg.send({ type: 'content/dial', e164: '+19005550100' }, CRM)).resolves.toEqual(
      blocked,
    );
    expect(dials(sim)).toEqual([]);
    // An internal extension is no public number: no prefix to judge.
    await expect(bg.command({ type: 'dial', number: '1002' })).resolves.toEqual({
      ok: true,
      value: undefined,
    });
  });

  it('judges a page’s request by the frame that sent it, not only its tab', async () => {
    const sites = { mode: 'allow', patterns: ['crm.example.com'] };
    const { sim, bg } = await signedIn({ clickToDial: { sites } });
    const notHere = { ok: false, error: 'Click-to-dial is not enabled on this site' };
    const adFrame = frameAt('https://ads.example.org/frame', CRM_URL);
    await expect(bg.send({ type: 'content/dial', e164: HOME }, adFrame)).resolves.toEqual(notHere);
    // An about:blank frame written by that foreign frame is judged by its creator.
    const blank: Sender = { ...frameAt('about:blank', CRM_URL), origin: 'https://ads.example.org' };
    await expect(bg.send({ type: 'content/dial', e164: HOME }, blank)).resolves.toEqual(notHere);
    expect(dials(sim)).toEqual([]);
    await expect(bg.send({ type: 'content/dial', e164: HOME }, CRM)).resolves.toEqual({
      ok: true,
      value: undefined,
    });
  });
});

describe('settings and the content scripts’ config', () => {
  it('answers a frame’s config request, and refuses settings messages from content scripts', async () => {
    const { bg } = await signedIn();
    const config = await bg.send({ type: 'content/config' }, CRM);
    expect(config).toMatchObject({
      ok: true,
      value: { clickToDial: { confirmInternational: true, defaultCountry: 'US' } },
    });
    const save = { type: 'panel/saveSettings', patch: { clickToDial: { enabled: false } } };
    const invalid = { ok: false, error: 'Invalid request' };
    await expect(bg.send(save, CRM)).resolves.toEqual(invalid);
    await expect(bg.send({ type: 'panel/getSettings' }, CRM)).resolves.toEqual(invalid);
    // Firefox reports no origin for an about:blank frame: it gets its config and nothing else.
    const blank: Sender = { id: EXTENSION.id, url: 'about:blank', tab: asTab(7, 'about:blank') };
    await expect(bg.send({ type: 'content/config' }, blank)).resolves.toMatchObject({ ok: true });
    const dial = { type: 'content/dial', e164: HOME };
    await expect(bg.send(dial, blank)).resolves.toEqual({ ok: false, error: 'Not allowed' });
    await expect(bg.send({ type: 'content/config' }, { url: CRM_URL })).resolves.toEqual({
      ok: false,
      error: 'Not allowed',
    });
  });

  it('saves valid values from an extension page and refuses invalid ones', async () => {
    const { bg } = await signedIn();
    const bad = { type: 'panel/saveSettings', patch: { clickToDial: { blockedPrefixes: 'x' } } };
    await expect(bg.send(bad)).resolves.toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Not saved: clickToDial\.blockedPrefixes: /),
    });
    const good = { type: 'panel/saveSettings', patch: { clickToDial: { telLinks: true } } };
    await expect(bg.send(good)).resolves.toMatchObject({
      ok: true,
      value: { settings: { clickToDial: { telLinks: true } } },
    });
    await expect(bg.send({ type: 'panel/getSettings' })).resolves.toMatchObject({
      ok: true,
      value: { settings: { clickToDial: { telLinks: true } } },
    });
  });
});
