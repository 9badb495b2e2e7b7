/**
 * The uContact portal bridge's messages (`content/portalEvent`, vendors/README.md §4.4): only the
 * top frame of a tab on the configured portal origin, with uContact as the vendor, reaches the
 * adapter; anything else is refused and changes nothing.
 */
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import {
  DEFAULT_AGENT,
  startUcontactSimulator,
  type UcontactSimulator,
} from '../../tests/simulators/ucontact';
import {
  closeApps,
  createHarness,
  EXTENSION,
  POPUP,
  type Sender,
} from '../../tests/support/background-harness';

const asTab = (id: number, url?: string) => ({ id, url }) as Browser.tabs.Tab;
const contentAt = (url: string, frameId = 0, tabUrl = url): Sender => ({
  id: EXTENSION.id,
  url,
  frameId,
  tab: asTab(7, tabUrl),
});
const RINGING = { action: 'gettingCall', params: { number: '+33123456789', guid: 'g-1' } };

const sims: UcontactSimulator[] = [];

async function signedIn(user: Record<string, unknown> = {}) {
  const sim = await startUcontactSimulator();
  sims.push(sim);
  const bg = await createHarness({
    user: {
      vendor: 'ucontact',
      connection: {
        ucontact: { baseUrl: sim.url, portalOrigin: sim.url, assumeConnectedMs: 60_000 },
      },
      ...user,
    },
  });
  const reply = await bg.send({
    type: 'panel/signIn',
    credentials: { agent: DEFAULT_AGENT.agent, password: DEFAULT_AGENT.password },
    connection: {},
  });
  expect(reply).toEqual({ ok: true, value: undefined });
  const portal = contentAt(`${sim.url}/portal`);
  const event = (payload: unknown, sender: Sender = portal) =>
    bg.send({ type: 'content/portalEvent', payload }, sender);
  return { sim, bg, portal, event };
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

afterEach(async () => {
  await closeApps();
  for (const sim of sims.splice(0)) await sim.close();
});

describe('uContact portal events', () => {
  it('from the portal tab reach the adapter: the call rings', async () => {
    const { bg, event } = await signedIn();
    await expect(event(RINGING)).resolves.toEqual({ ok: true, value: undefined });
    const state = await bg.until((s) => s.calls.length === 1);
    expect(state.calls[0]).toMatchObject({
      direction: 'inbound',
      state: 'ringing',
      remote: { e164: '+33123456789' },
    });
    expect(state.transport).toEqual({ mode: 'events' });
    await event({ action: 'finishedCall', params: { guid: 'g-1' } });
    // Without disposition codes nothing waits for one: the ended call leaves the panel.
    const ended = await bg.until((s) => s.calls.every((c) => c.state === 'ended'));
    expect(ended.agent.status).toBe('wrapUp');
  });

  it('are refused from any other page, frame or extension', async () => {
    const { sim, bg, event } = await signedIn();
    const strangers: Sender[] = [
      contentAt('https://crm.example.com/contacts/42'),
      // A frame of the portal, or the portal framed by another page.
      contentAt(`${sim.url}/uphone`, 3, `${sim.url}/portal`),
      contentAt(`${sim.url}/portal`, 0, 'https://evil.example.com/'),
      { id: 'other-extension', url: `${sim.url}/portal`, tab: asTab(7, `${sim.url}/portal`) },
      { url: `${sim.url}/portal`, tab: asTab(7, `${sim.url}/portal`) },
    ];
    for (const sender of strangers) {
      await expect(event(RINGING, sender)).resolves.toMatchObject({ ok: false });
    }
    // Extension pages have no such message.
    await expect(event(RINGING, POPUP)).resolves.toEqual({ ok: false, error: 'Invalid request' });
    expect((await bg.state()).calls).toEqual([]);
  });

  it('are refused when uContact is not the vendor or no portal is configured', async () => {
    const { sim, bg, event } = await signedIn();
    bg.change({
      user: {
        vendor: 'ucontact',
        connection: { ucontact: { baseUrl: sim.url, portalOrigin: '' } },
      },
    });
    await expect(event(RINGING)).resolves.toMatchObject({ ok: false, error: 'Not allowed' });
    bg.change({ user: { vendor: 'xivo' } });
    await expect(event(RINGING)).resolves.toMatchObject({ ok: false, error: 'Not allowed' });
    expect((await bg.state()).calls).toEqual([]);
  });

  it('that fail validation change nothing and never become commands', async () => {
    const { sim, bg, event } = await signedIn();
    await expect(event('gettingCall')).resolves.toEqual({ ok: false, error: 'Invalid request' });
    await expect(event({ action: 'gettingCall', params: [1] })).resolves.toEqual({
      ok: true,
      value: undefined,
    });
    await expect(
      event({ action: 'makeCall', params: { number: '+14155550199' } }),
    ).resolves.toMatchObject({ ok: true });
    await bg.until((s) => s.calls.length === 1);
    // A portal's makeCall is a report, not a request: nothing was dialled.
    expect(sim.requests.items.filter((r) => r.api === 'Agents/AgentCall')).toEqual([]);
  });
});
