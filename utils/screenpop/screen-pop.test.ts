import { deleteDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Call } from '../cti/model';
import { DB_NAME, createPoppedKeys, openSwitchboardDb, type SwitchboardDb } from '../storage/db';
import { DEFAULT_SETTINGS, Settings } from '../settings/schema';
import { createScreenPop, triggersFor, type PopDecision, type ScreenPopDeps } from './screen-pop';

const call = (over: Partial<Call> = {}): Call => ({
  id: 'leg-1',
  vendorCallId: 'v-1',
  groupId: 'group-1',
  direction: 'inbound',
  state: 'ringing',
  remote: { raw: '+33123456789', e164: '+33123456789', name: 'Jane' },
  queue: 'Support',
  startedAt: 1_000,
  data: {},
  recording: 'unknown',
  actions: [],
  ...over,
});

const settingsWith = (rules: unknown[], allowedOrigins: string[] = []): Settings =>
  Settings.parse({ ...DEFAULT_SETTINGS, screenPop: { rules, allowedOrigins } });

const RINGING_RULE = { id: 'crm', url: 'https://crm.example.com/search?q={e164}' };
const ANSWERED_RULE = {
  id: 'notes',
  trigger: 'answered',
  url: 'https://notes.example.com/new?c={callId}',
};

/** A screen-pop wired to an in-memory claim set, recording tabs and decisions. */
function setup(rules: unknown[] = [RINGING_RULE], over: Partial<ScreenPopDeps> = {}) {
  const claimed = new Set<string>();
  const tabs: { url: string; target: string }[] = [];
  const log: PopDecision[] = [];
  const deps: ScreenPopDeps = {
    getSettings: () => settingsWith(rules),
    popped: {
      claim: async (key) => {
        if (claimed.has(key)) return false;
        claimed.add(key);
        return true;
      },
    },
    openTab: async (url, target) => {
      tabs.push({ url, target });
    },
    log: (decision) => log.push(decision),
    now: () => 5_000,
    ...over,
  };
  return { screenPop: createScreenPop(deps), claimed, tabs, log, deps };
}

describe('triggersFor', () => {
  it('names ringing for a call being set up or first seen live, answered once it is answered', () => {
    expect(triggersFor({ call: call() })).toEqual(['ringing']);
    expect(triggersFor({ call: call({ state: 'dialing', direction: 'outbound' }) })).toEqual([
      'ringing',
    ]);
    expect(triggersFor({ call: call({ state: 'ringing' }), previous: call() })).toEqual([
      'ringing',
    ]);
    expect(triggersFor({ call: call({ state: 'connected' }), previous: call() })).toEqual([
      'answered',
    ]);
    expect(triggersFor({ call: call({ state: 'connected' }) })).toEqual(['ringing', 'answered']);
    expect(triggersFor({ call: call({ state: 'held' }) })).toEqual(['ringing', 'answered']);
    expect(
      triggersFor({
        call: call({ state: 'transferring' }),
        previous: call({ state: 'connected' }),
      }),
    ).toEqual(['answered']);
    expect(triggersFor({ call: call({ state: 'ended', answeredAt: 2 }) })).toEqual([]);
  });
});

describe('createScreenPop', () => {
  it('pops a ringing call once, with the rendered URL and target', async () => {
    const { screenPop, tabs, log } = setup();
    await screenPop.onTransitions([{ call: call() }]);
    expect(tabs).toEqual([
      { url: 'https://crm.example.com/search?q=%2B33123456789', target: 'newTab' },
    ]);
    expect(log).toEqual([
      {
        at: 5_000,
        callId: 'leg-1',
        trigger: 'ringing',
        ruleId: 'crm',
        key: 'group-1|crm|ringing',
        outcome: 'popped',
        detail: 'https://crm.example.com',
      },
    ]);
  });

  it('never pops twice: a second ringing event, an answer, a resync', async () => {
    const { screenPop, tabs, log } = setup();
    const ringing = call();
    await screenPop.onTransitions([{ call: ringing }]);
    await screenPop.onTransitions([{ call: ringing, previous: ringing }]);
    await screenPop.onTransitions([
      { call: call({ state: 'connected', answeredAt: 2_000 }), previous: ringing },
    ]);
    await screenPop.onTransitions([{ call: call({ state: 'connected', answeredAt: 2_000 }) }]);
    expect(tabs).toHaveLength(1);
    expect(log.map((d) => `${d.trigger}:${d.outcome}`)).toEqual([
      'ringing:popped',
      'ringing:alreadyPopped',
      'answered:noRule',
      'ringing:alreadyPopped',
      'answered:noRule',
    ]);
  });

  it('keys on the call group, so a transferred leg does not pop again', async () => {
    const { screenPop, tabs, log } = setup();
    await screenPop.onTransitions([{ call: call() }]);
    await screenPop.onTransitions([{ call: call({ id: 'leg-2', vendorCallId: 'v-2' }) }]);
    expect(tabs).toHaveLength(1);
    expect(log[1]).toMatchObject({
      callId: 'leg-2',
      outcome: 'alreadyPopped',
      key: 'group-1|crm|ringing',
    });
  });

  it('falls back to the call id without a group', async () => {
    const { screenPop, claimed } = setup();
    await screenPop.onTransitions([{ call: call({ groupId: undefined }) }]);
    expect([...claimed]).toEqual(['leg-1|crm|ringing']);
  });

  it('pops a call first seen already connected (missed ringing, restart) for both triggers', async () => {
    const { screenPop, tabs } = setup([RINGING_RULE, ANSWERED_RULE]);
    await screenPop.onTransitions([{ call: call({ state: 'connected', answeredAt: 2_000 }) }]);
    expect(tabs.map((t) => t.url)).toEqual([
      'https://crm.example.com/search?q=%2B33123456789',
      'https://notes.example.com/new?c=v-1',
    ]);
  });

  it('pops the answered rule when the call is answered', async () => {
    const { screenPop, tabs } = setup([ANSWERED_RULE]);
    const ringing = call();
    await screenPop.onTransitions([{ call: ringing }]);
    expect(tabs).toHaveLength(0);
    await screenPop.onTransitions([
      { call: call({ state: 'connected', answeredAt: 2 }), previous: ringing },
    ]);
    await screenPop.onTransitions([
      { call: call({ state: 'held', answeredAt: 2 }), previous: call({ state: 'connected' }) },
    ]);
    expect(tabs.map((t) => t.url)).toEqual(['https://notes.example.com/new?c=v-1']);
  });

  it('never pops an ended call', async () => {
    const { screenPop, tabs, log, claimed } = setup();
    await screenPop.onTransitions([{ call: call({ state: 'ended', endedAt: 3 }) }]);
    expect(tabs).toEqual([]);
    expect(claimed.size).toBe(0);
    expect(log).toEqual([{ at: 5_000, callId: 'leg-1', outcome: 'ended' }]);
  });

  it('logs calls no rule matches', async () => {
    const { screenPop, tabs, log } = setup([{ ...RINGING_RULE, direction: 'outbound' }]);
    await screenPop.onTransitions([{ call: call() }]);
    expect(tabs).toEqual([]);
    expect(log).toEqual([{ at: 5_000, callId: 'leg-1', trigger: 'ringing', outcome: 'noRule' }]);
  });

  it('logs a template that cannot render, with the reason, and opens nothing', async () => {
    const { screenPop, tabs, log } = setup([{ id: 'bad', url: 'https://{name}.crm.example.com/' }]);
    await screenPop.onTransitions([{ call: call() }]);
    expect(tabs).toEqual([]);
    expect(log[0]).toMatchObject({ outcome: 'badTemplate', ruleId: 'bad' });
    expect(log[0]?.detail).toMatch(/allowed origin/);
  });

  it('claims before opening the tab', async () => {
    const order: string[] = [];
    const { screenPop } = setup([RINGING_RULE], {
      popped: {
        claim: async () => {
          order.push('claim');
          return true;
        },
      },
      openTab: async () => {
        order.push('open');
      },
    });
    await screenPop.onTransitions([{ call: call() }]);
    expect(order).toEqual(['claim', 'open']);
  });

  it('logs errors of openTab, the claim and the log itself without throwing', async () => {
    const failingOpen = setup([RINGING_RULE], {
      openTab: () => Promise.reject(new Error('no window')),
    });
    await expect(failingOpen.screenPop.onTransitions([{ call: call() }])).resolves.toBeUndefined();
    expect(failingOpen.log[0]).toMatchObject({ outcome: 'openFailed', detail: 'no window' });

    const failingClaim = setup([RINGING_RULE], {
      popped: { claim: () => Promise.reject(new Error('quota')) },
    });
    await failingClaim.screenPop.onTransitions([{ call: call() }]);
    expect(failingClaim.tabs).toEqual([]);
    expect(failingClaim.log[0]).toMatchObject({
      outcome: 'error',
      detail: 'Could not record the pop: quota',
    });

    const failingLog = setup([RINGING_RULE], {
      log: () => {
        throw new Error('log full');
      },
    });
    await expect(failingLog.screenPop.onTransitions([{ call: call() }])).resolves.toBeUndefined();
    expect(failingLog.tabs).toHaveLength(1);
  });

  it('does not pop a manual rule automatically, but pops it every time the agent asks', async () => {
    const { screenPop, tabs } = setup([
      { id: 'm', trigger: 'manual', url: 'https://crm.example.com/?q={digits}' },
    ]);
    await screenPop.onTransitions([{ call: call({ state: 'connected', answeredAt: 2 }) }]);
    expect(tabs).toEqual([]);
    expect(await screenPop.popManually(call())).toMatchObject({
      outcome: 'popped',
      trigger: 'manual',
    });
    await screenPop.popManually(call());
    expect(tabs).toHaveLength(2);
    expect(await screenPop.popManually(call({ state: 'ended' }))).toMatchObject({
      outcome: 'ended',
    });
  });

  it('reads the settings at each decision, so a policy change applies live', async () => {
    let rules: unknown[] = [];
    const { screenPop, tabs } = setup([], { getSettings: () => settingsWith(rules) });
    await screenPop.onTransitions([{ call: call() }]);
    rules = [RINGING_RULE];
    await screenPop.onTransitions([{ call: call(), previous: call() }]);
    expect(tabs).toHaveLength(1);
  });
});

describe('createScreenPop with a {vendorUrl} rule', () => {
  const PAGE = 'https://sheets.example.net/popup?id=42';
  const rules = [{ id: 'sheet', url: '{vendorUrl}' }];

  it('opens the platform’s page once it is sent, on an allowed origin only', async () => {
    const allowed = setup([], {
      getSettings: () => settingsWith(rules, ['https://sheets.example.net']),
    });
    // Ringing without a page yet: the rule does not apply, nothing is claimed.
    await allowed.screenPop.onTransitions([{ call: call() }]);
    expect(allowed.tabs).toEqual([]);
    expect(allowed.claimed.size).toBe(0);
    // The page arrives while the call still rings: it opens, once.
    const withPage = call({ popUrl: PAGE });
    await allowed.screenPop.onTransitions([{ call: withPage, previous: call() }]);
    await allowed.screenPop.onTransitions([{ call: withPage, previous: withPage }]);
    expect(allowed.tabs).toEqual([{ url: PAGE, target: 'newTab' }]);

    const refused = setup([], { getSettings: () => settingsWith(rules) });
    await refused.screenPop.onTransitions([{ call: withPage }]);
    expect(refused.tabs).toEqual([]);
    expect(refused.log.at(-1)).toMatchObject({
      outcome: 'badTemplate',
      detail: "https://sheets.example.net (the phone system's page) is not an allowed origin",
    });
  });
});

describe('createScreenPop with the IndexedDB claim', () => {
  let db: SwitchboardDb | undefined;
  afterEach(async () => {
    db?.close();
    await deleteDB(DB_NAME);
  });

  it('does not pop again after a worker restart', async () => {
    db = await openSwitchboardDb();
    const openTab = vi.fn(async () => undefined);
    const first = setup([RINGING_RULE], { popped: createPoppedKeys(db), openTab });
    await first.screenPop.onTransitions([{ call: call() }]);
    db.close();

    // A new worker: new database connection, new screen-pop, the store has forgotten the call.
    db = await openSwitchboardDb();
    const second = setup([RINGING_RULE], { popped: createPoppedKeys(db), openTab });
    await second.screenPop.onTransitions([{ call: call({ state: 'connected', answeredAt: 2 }) }]);
    expect(openTab).toHaveBeenCalledTimes(1);
    expect(second.log[0]).toMatchObject({ outcome: 'alreadyPopped' });
  });

  it('pops once when the same event is handled twice at the same time', async () => {
    db = await openSwitchboardDb();
    const { screenPop, tabs } = setup([RINGING_RULE], { popped: createPoppedKeys(db) });
    await Promise.all([
      screenPop.onTransitions([{ call: call() }]),
      screenPop.onTransitions([{ call: call() }]),
    ]);
    expect(tabs).toHaveLength(1);
  });
});
