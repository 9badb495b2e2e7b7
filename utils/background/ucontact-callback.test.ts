/**
 * The background with uContact (vendors/README.md §4): a disposition's call-back time reaches
 * DispositionCall as its `schedule`, a time that has passed is refused with a clear message, and
 * sign-out ends the AgentLogin token (`auth/EndSession`).
 */
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import {
  DEFAULT_AGENT,
  startUcontactSimulator,
  type UcontactSimulator,
} from '../../tests/simulators/ucontact';
import { formatSchedule } from '../cti/vendors/ucontact/commands';
import {
  closeApps,
  createHarness,
  EXTENSION,
  type Sender,
} from '../../tests/support/background-harness';

const CODES = [
  { code: 'Sale/Won', label: 'Sale won' },
  { code: 'Callback', label: 'Call back later' },
];
const OK = { ok: true, value: undefined };

const sims: UcontactSimulator[] = [];

async function signedIn() {
  const sim = await startUcontactSimulator();
  sims.push(sim);
  const bg = await createHarness({
    user: {
      vendor: 'ucontact',
      connection: {
        ucontact: { baseUrl: sim.url, portalOrigin: sim.url, assumeConnectedMs: 60_000 },
      },
      dispositions: { codes: CODES },
    },
  });
  const reply = await bg.send({
    type: 'panel/signIn',
    credentials: { agent: DEFAULT_AGENT.agent, password: DEFAULT_AGENT.password },
    connection: {},
  });
  expect(reply).toEqual(OK);
  const portal: Sender = {
    id: EXTENSION.id,
    url: `${sim.url}/portal`,
    frameId: 0,
    tab: { id: 7, url: `${sim.url}/portal` } as Browser.tabs.Tab,
  };
  /** A call the portal reported and then ended: it waits for its disposition. */
  const endedCall = async (guid: string) => {
    const event = (payload: unknown) => bg.send({ type: 'content/portalEvent', payload }, portal);
    await event({ action: 'gettingCall', params: { number: '+33123456789', guid } });
    await event({ action: 'finishedCall', params: { guid } });
    const state = await bg.until((s) => s.calls.some((c) => c.state === 'ended'));
    return state.calls[0]!;
  };
  return { sim, bg, endedCall };
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

afterEach(async () => {
  await closeApps();
  for (const sim of sims.splice(0)) await sim.close();
});

describe('uContact disposition call-back', () => {
  it('tells the panel it can schedule one', async () => {
    const { bg } = await signedIn();
    const state = await bg.until((s) => s.dispositionCodes.length > 0);
    expect(state.dispositionCallback).toBe(true);
    expect(state.commands).toContain('dispose');
  });

  it('refuses a time that has passed, then sends a future one as the schedule', async () => {
    const { sim, bg, endedCall } = await signedIn();
    const call = await endedCall('g-1');
    const dispose = { type: 'dispose', callId: call.id, code: 'Callback', notes: '' };

    const past = await bg.command({ ...dispose, callbackAt: Date.now() - 60_000 });
    expect(past).toEqual({
      ok: false,
      error: 'The call-back time has passed: choose a later time',
    });
    expect(sim.requests.items.some((r) => r.api === 'api/DispositionCall')).toBe(false);

    const at = new Date(Date.now() + 2 * 86_400_000);
    at.setSeconds(0, 0);
    await expect(bg.command({ ...dispose, callbackAt: at.getTime() })).resolves.toEqual(OK);
    const request = await sim.waitForRequest((r) => r.api === 'api/DispositionCall');
    expect(request.form).toMatchObject({ l1: 'Callback', guid: 'g-1' });
    expect(request.form.schedule).toBe(formatSchedule(at.getTime()));
    expect(request.answer).toBe('1');
    // History keeps when the customer is to be called back.
    const state = await bg.until((s) => s.recent.some((h) => h.disposition));
    expect(state.recent[0]?.disposition).toMatchObject({
      code: 'Callback',
      callbackAt: at.getTime(),
    });
  });
});

describe('uContact sign-out', () => {
  it('ends the AgentLogin token with EndSession', async () => {
    const { sim, bg } = await signedIn();
    await expect(bg.send({ type: 'panel/signOut' })).resolves.toEqual(OK);
    const end = await sim.waitForRequest((r) => r.api === 'auth/EndSession');
    expect(end.form).toMatchObject({ user: DEFAULT_AGENT.agent });
    expect(end.answer).toBe('1');
    expect((await bg.state()).identity).toBeUndefined();
  });
});
