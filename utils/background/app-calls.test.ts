/**
 * createBackgroundApp with calls from the XiVO simulator: dispositions (policy codes, history,
 * "required before ready") and the screen-pop wiring. The harness matches app.test.ts.
 */
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { startXivoSimulator, type SimCall, type XivoSimulator } from '../../tests/simulators/xivo';
import type { Call } from '../cti/model';
import { createPopLog, openSwitchboardDb, type SwitchboardDb } from '../storage/db';
import type { Browser } from 'wxt/browser';
import type { PanelState, Reply, StatePush } from '../messaging';
import { closeApps, createHarness, POPUP } from '../../tests/support/background-harness';
import type { BackgroundDeps } from './app';

const CALLER = { from: '+33142685300', name: 'Camille Dubois' };
const CODES = [
  { code: 'sale', label: 'Sale' },
  { code: 'callback', label: 'Call back' },
];
const OK = { ok: true, value: undefined };

let sim: XivoSimulator;

interface Options {
  managed?: unknown;
  openTab?: Mock<BackgroundDeps['openTab']>;
  openDb?: () => Promise<SwitchboardDb>;
}

/** A background signed in to the simulator as alice, with these policy values. */
async function signedIn(opts: Options = {}) {
  const h = await createHarness(opts);
  expect(await h.signIn(sim)).toEqual(OK);
  await h.until((s) => s.connection.status === 'connected');
  return {
    ...h,
    openTab: opts.openTab ?? h.openTab,
    /** The call from the simulator, once the panel shows it in `state`. */
    call: async (simCall: SimCall, state: Call['state']): Promise<Call> => {
      const s = await h.until((p) =>
        p.calls.some((c) => c.vendorCallId === simCall.uniqueId && c.state === state),
      );
      return s.calls.find((c) => c.vendorCallId === simCall.uniqueId)!;
    },
  };
}

/** An inbound call that rang and was hung up by the caller, as the panel shows it. */
async function endedCall(bg: Awaited<ReturnType<typeof signedIn>>): Promise<Call> {
  const simCall = sim.inboundCall(CALLER);
  await bg.call(simCall, 'ringing');
  simCall.hangup();
  return bg.call(simCall, 'ended');
}

const refused = (error: string | RegExp): Reply<unknown> =>
  expect.objectContaining({
    ok: false,
    error: typeof error === 'string' ? error : expect.stringMatching(error),
  });

beforeEach(async () => {
  // Each test gets empty history and pop keys.
  globalThis.indexedDB = new IDBFactory();
  sim = await startXivoSimulator({ wrapUpMs: 50 });
});

afterEach(async () => {
  await closeApps();
  await sim.close();
});

describe('dispositions with policy codes', () => {
  const policy = { dispositions: { codes: CODES } };

  it('an ended call offers dispose, refuses unknown codes, and saves a valid one', async () => {
    const bg = await signedIn({ managed: policy });
    const call = await endedCall(bg);
    expect(call.actions).toEqual(['dispose']);
    expect((await bg.state()).dispositionCodes).toEqual(CODES);

    const unknown = { type: 'dispose', callId: call.id, code: 'free-cruise', notes: '' };
    await expect(bg.command(unknown)).resolves.toEqual(
      refused('Choose one of the disposition codes'),
    );
    // History has the call once it ended; the refused code left it alone.
    const before = await bg.until((s) => s.recent.some((h) => h.callId === call.id));
    expect(before.calls.map((c) => c.id)).toEqual([call.id]);
    expect(before.recent.find((h) => h.callId === call.id)?.disposition).toBeUndefined();

    const valid = { type: 'dispose', callId: call.id, code: 'callback', notes: 'Tuesday 10:00' };
    await expect(bg.command(valid)).resolves.toEqual(OK);
    const after = await bg.state();
    expect(after.calls).toEqual([]);
    expect(after.recent[0]).toMatchObject({
      callId: call.id,
      direction: 'inbound',
      remote: { e164: CALLER.from },
      disposition: { code: 'callback', label: 'Call back', notes: 'Tuesday 10:00' },
    });
    // XiVO has no disposition frame (§1.9): nothing went to the vendor.
    expect(sim.received.some((r) => JSON.stringify(r.frame).includes('callback'))).toBe(false);
  });

  it('refuses a call-back time: XiVO cannot schedule one', async () => {
    const bg = await signedIn({ managed: policy });
    const call = await endedCall(bg);
    expect((await bg.state()).dispositionCallback).toBe(false);
    const dispose = { type: 'dispose', callId: call.id, code: 'sale', notes: '' };
    const callbackAt = Date.now() + 86_400_000;
    await expect(bg.command({ ...dispose, callbackAt })).resolves.toEqual(
      refused('XiVO cannot schedule a call back'),
    );
    expect((await bg.state()).calls.map((c) => c.id)).toEqual([call.id]);
    await expect(bg.command(dispose)).resolves.toEqual(OK);
  });

  it('refuses to dispose a call the panel no longer has', async () => {
    const bg = await signedIn({ managed: policy });
    const call = await endedCall(bg);
    await bg.until((s) => s.recent.some((h) => h.callId === call.id));
    const dispose = { type: 'dispose', callId: call.id, code: 'sale', notes: '' };
    await expect(bg.command(dispose)).resolves.toEqual(OK);
    // A second panel with a stale view, or a made-up id.
    await expect(bg.command(dispose)).resolves.toEqual(refused(/no longer/));
    await expect(bg.command({ ...dispose, callId: 'xivo:nope' })).resolves.toEqual(
      refused(/no longer/),
    );
    const recent = (await bg.state()).recent.filter((h) => h.callId === call.id);
    expect(recent).toHaveLength(1);
    expect(recent[0]?.disposition?.code).toBe('sale');
  });

  it('without codes, an ended call offers nothing and leaves the panel for history', async () => {
    const bg = await signedIn();
    const simCall = sim.inboundCall(CALLER);
    const ringing = await bg.call(simCall, 'ringing');
    simCall.hangup();
    const state = await bg.until((s) => s.recent.some((h) => h.callId === ringing.id));
    expect(state.calls).toEqual([]);
    expect(state.commands).not.toContain('dispose');
    await expect(
      bg.command({ type: 'dispose', callId: ringing.id, code: 'sale', notes: '' }),
    ).resolves.toEqual(refused('Choose one of the disposition codes'));
  });

  it('tells an open panel once the call that ended is in history', async () => {
    const bg = await signedIn();
    const posted: PanelState[] = [];
    const port = {
      name: 'switchboard/panel',
      sender: POPUP,
      postMessage: (push: StatePush) => posted.push(push.state),
      disconnect: () => undefined,
      onDisconnect: { addListener: () => undefined },
    };
    bg.app.connectPanel(port as unknown as Browser.runtime.Port);
    const simCall = sim.inboundCall(CALLER);
    const ringing = await bg.call(simCall, 'ringing');
    simCall.hangup();
    // A missed call: nothing else changes after it ends, so only that push can show it.
    await vi.waitFor(() =>
      expect(posted.at(-1)?.recent.map((h) => h.callId)).toEqual([ringing.id]),
    );
    expect(posted.at(-1)?.calls).toEqual([]);
  });

  it('when required, going ready waits for the disposition of the last call', async () => {
    const bg = await signedIn({ managed: { dispositions: { required: true, codes: CODES } } });
    const call = await endedCall(bg);
    expect((await bg.state()).dispositionRequired).toBe(true);

    const ready = { type: 'setAgentState', state: 'ready' };
    await expect(bg.command(ready)).resolves.toEqual(
      refused('Save the disposition of your last call before going ready'),
    );
    // Only "ready" waits: a pause or a logout does not.
    await expect(bg.command({ type: 'setAgentState', state: 'notReady' })).resolves.toEqual(OK);

    await bg.until((s) => s.recent.some((h) => h.callId === call.id));
    await expect(
      bg.command({ type: 'dispose', callId: call.id, code: 'sale', notes: '' }),
    ).resolves.toEqual(OK);
    await expect(bg.command(ready)).resolves.toEqual(OK);
    await expect(
      sim.waitForFrame((f) => f.command === 'unpauseAgent' || f.command === 'agentLogin'),
    ).resolves.toBeTruthy();
  });
});

describe('screen-pop', () => {
  const RINGING_URL = 'https://crm.example.com/search?phone=%2B33142685300&name=Camille%20Dubois';
  const ANSWERED_URL = 'https://crm.example.com/answered?n=33142685300';
  const rules = [
    {
      id: 'crm',
      trigger: 'ringing',
      url: 'https://crm.example.com/search?phone={e164}&name={name}',
    },
    { id: 'crm-answered', trigger: 'answered', url: 'https://crm.example.com/answered?n={digits}' },
  ];

  it('opens the rendered URL once per call, even after a second identical event', async () => {
    const bg = await signedIn({ managed: { screenPop: { rules } } });
    const simCall = sim.inboundCall(CALLER);
    await vi.waitFor(() => expect(bg.openTab).toHaveBeenCalled());
    expect(bg.openTab).toHaveBeenCalledWith(RINGING_URL, 'newTab');

    simCall.repeatLastEvent();
    simCall.repeatLastEvent();
    // The answer comes after the repeats on the same socket: once its pop is there, the
    // repeats have been through the store and the screen-pop.
    simCall.answer();
    await vi.waitFor(() => expect(bg.openTab).toHaveBeenCalledWith(ANSWERED_URL, 'newTab'));
    expect(bg.openTab.mock.calls).toEqual([
      [RINGING_URL, 'newTab'],
      [ANSWERED_URL, 'newTab'],
    ]);
  });

  it('does not pop again after a worker restart that finds the call still ringing', async () => {
    const db = await openSwitchboardDb();
    const openTab = vi.fn<BackgroundDeps['openTab']>(async () => undefined);
    const first = await signedIn({
      managed: { screenPop: { rules } },
      openTab,
      openDb: async () => db,
    });
    const simCall = sim.inboundCall(CALLER);
    await first.call(simCall, 'ringing');
    await vi.waitFor(() => expect(openTab).toHaveBeenCalledTimes(1));

    // The worker stops; the new one has neither its memory nor its storage.session, only IndexedDB.
    await first.send({ type: 'panel/signOut' });
    const second = await signedIn({
      managed: { screenPop: { rules } },
      openTab,
      openDb: async () => db,
    });
    await second.call(simCall, 'ringing');
    const decisions = () => createPopLog(db).recent(20);
    await vi.waitFor(async () =>
      expect((await decisions()).map((d) => d.outcome)).toContain('alreadyPopped'),
    );
    expect(openTab.mock.calls).toEqual([[RINGING_URL, 'newTab']]);
  });
});

describe('Open record (manual screen-pop rules)', () => {
  const rules = [
    {
      id: 'support',
      trigger: 'manual',
      queue: 'support*',
      url: 'https://crm.example.com/search?phone={e164}',
    },
  ];

  it('is offered for the calls a manual rule matches, and opens the record on request', async () => {
    const bg = await signedIn({ managed: { screenPop: { rules } } });
    const ringing = await bg.call(sim.inboundCall({ ...CALLER, queue: 'support' }), 'ringing');
    const state = await bg.until((s) => s.recordCalls.includes(ringing.id));
    // Nothing opens by itself: the rule waits for the agent.
    expect(bg.openTab).not.toHaveBeenCalled();
    await expect(bg.send({ type: 'panel/popRecord', callId: ringing.id })).resolves.toEqual(OK);
    expect(bg.openTab).toHaveBeenCalledWith(
      'https://crm.example.com/search?phone=%2B33142685300',
      'newTab',
    );
    // Asked again, it opens again: the agent asked.
    await bg.send({ type: 'panel/popRecord', callId: ringing.id });
    expect(bg.openTab).toHaveBeenCalledTimes(2);
    expect(state.recordCalls).toEqual([ringing.id]);
  });

  it('says why nothing opens', async () => {
    const bg = await signedIn({ managed: { screenPop: { rules } } });
    const other = await bg.call(sim.inboundCall({ ...CALLER, queue: 'sales' }), 'ringing');
    expect((await bg.state()).recordCalls).toEqual([]);
    await expect(bg.send({ type: 'panel/popRecord', callId: other.id })).resolves.toEqual(
      refused('No screen-pop rule opens a record for this call'),
    );
    await expect(bg.send({ type: 'panel/popRecord', callId: 'gone' })).resolves.toEqual(
      refused('That call has ended'),
    );
    expect(bg.openTab).not.toHaveBeenCalled();
  });
});

describe('a dialled number’s extension', () => {
  it('is keyed in as DTMF once the call is answered', async () => {
    const bg = await signedIn({ managed: { clickToDial: { defaultCountry: 'FR' } } });
    const crm = {
      id: 'switchboard-id',
      url: 'https://crm.example.com/contacts/42',
      tab: { id: 7, url: 'https://crm.example.com/contacts/42' },
    } as Browser.runtime.MessageSender;
    await expect(
      bg.send({ type: 'content/dial', e164: '+33142685300', extension: '45' }, crm),
    ).resolves.toEqual(OK);
    await expect(sim.waitForFrame((f) => f.command === 'dial')).resolves.toMatchObject({
      destination: '+33142685300',
    });
    const keys = [
      await sim.waitForFrame((f) => f.command === 'sendDtmf', 15_000),
      await sim.waitForFrame((f) => f.command === 'sendDtmf', 15_000),
    ].map((f) => f.key);
    expect(keys).toEqual(['4', '5']);
  });
});
