import { describe, expect, it } from 'vitest';
import type { Capabilities } from '../cti/adapter';
import { initialState, type StoreState } from '../cti/store';
import { vendorDescriptor } from '../cti/vendors';
import { XIVO_CAPABILITIES } from '../cti/vendors/xivo/adapter';
import { resolveSettings } from '../settings/policy';
import { effectiveCapabilities } from './capabilities';
import type { OutboxItem } from '../storage/outbox-db';
import { buildPanelState, outboxEntry, type PanelInputs } from './panel-state';

const POLICY_CODES = [
  { code: 'sale', label: 'Sale' },
  { code: 'callback', label: 'Call back' },
];
const VENDOR_CODES = [{ code: 'R1', label: 'Resolved' }];

function storeState(patch: Partial<StoreState> = {}): StoreState {
  return { ...initialState(), ...patch };
}

/** The inputs the background gives for XiVO with these user and policy values. */
function inputs(user: unknown = {}, managed: unknown = {}): PanelInputs {
  const { settings, locked } = resolveSettings(user, managed);
  const vendor = vendorDescriptor(settings.vendor);
  return {
    store: storeState(),
    settings,
    locked,
    vendor,
    capabilities: effectiveCapabilities(vendor.capabilities, settings),
    identity: undefined,
    recent: [],
  };
}

describe('buildPanelState', () => {
  it('draws the XiVO sign-in form with the saved server', () => {
    const state = buildPanelState(inputs({ connection: { xivo: { server: 'https://xuc.a' } } }));
    expect(state.vendor).toBe('xivo');
    expect(state.vendorLabel).toBe('XiVO');
    expect(state.signIn.fields.map((f) => f.key)).toEqual(['username', 'password', 'phoneNumber']);
    expect(state.signIn.connectionFields).toEqual([
      {
        key: 'server',
        label: 'Server',
        placeholder: 'https://xuc.example.com:8090',
        value: 'https://xuc.a',
        locked: false,
      },
    ]);
  });

  it('flags connection fields set by policy as locked, with the admin’s value', () => {
    const state = buildPanelState(
      inputs(
        { connection: { xivo: { server: 'https://user.example' } } },
        { connection: { xivo: { server: 'https://xuc.corp.example' } } },
      ),
    );
    expect(state.signIn.connectionFields).toEqual([
      {
        key: 'server',
        label: 'Server',
        placeholder: 'https://xuc.example.com:8090',
        value: 'https://xuc.corp.example',
        locked: true,
      },
    ]);
  });

  it('locks a field when policy locks the group that holds it', () => {
    const state = buildPanelState({ ...inputs(), locked: ['connection'] });
    expect(state.signIn.connectionFields[0]?.locked).toBe(true);
  });

  it('leaves a field unlocked when policy only sets a sibling', () => {
    const state = buildPanelState(inputs({}, { connection: { xivo: { dialPrefix: '9' } } }));
    expect(state.signIn.connectionFields[0]?.locked).toBe(false);
  });

  it('takes disposition codes from policy for a policy vendor, and offers dispose', () => {
    const state = buildPanelState(
      inputs({}, { dispositions: { required: true, codes: POLICY_CODES } }),
    );
    expect(state.dispositionCodes).toEqual(POLICY_CODES);
    expect(state.dispositionRequired).toBe(true);
    expect(state.commands).toContain('dispose');
  });

  it('offers neither codes nor dispose when policy has none', () => {
    const state = buildPanelState(inputs());
    expect(state.dispositionCodes).toEqual([]);
    expect(state.dispositionRequired).toBe(false);
    expect(state.commands).not.toContain('dispose');
    expect(state.commands).toEqual(expect.arrayContaining([...XIVO_CAPABILITIES.commands]));
  });

  it('ignores a policy vendor’s result codes from the wire', () => {
    const input = inputs({ dispositions: { codes: POLICY_CODES } });
    const state = buildPanelState({
      ...input,
      store: storeState({ lists: { resultCodes: VENDOR_CODES } }),
    });
    expect(state.dispositionCodes).toEqual(POLICY_CODES);
  });

  it('takes disposition codes from the vendor’s own list for a vendor vendor', () => {
    const capabilities: Capabilities = { ...XIVO_CAPABILITIES, dispositions: 'vendor' };
    const input = { ...inputs({ dispositions: { codes: POLICY_CODES } }), capabilities };
    expect(buildPanelState(input).dispositionCodes).toEqual([]);
    const withList = { ...input, store: storeState({ lists: { resultCodes: VENDOR_CODES } }) };
    expect(buildPanelState(withList).dispositionCodes).toEqual(VENDOR_CODES);
  });

  it('offers a call-back time only for a vendor that can schedule one (uContact)', () => {
    expect(buildPanelState(inputs()).dispositionCallback).toBe(false);
    const ucontact = buildPanelState(inputs({ vendor: 'ucontact' }));
    expect(ucontact.commands).toContain('dispose');
    expect(ucontact.dispositionCallback).toBe(true);
    // The time goes to the vendor with the disposition: not with the admin's own codes.
    const policy: Capabilities = { ...XIVO_CAPABILITIES, dispositionCallback: true };
    expect(buildPanelState({ ...inputs(), capabilities: policy }).dispositionCallback).toBe(false);
  });

  it('passes the store, identity and history through', () => {
    // XiVO's pause reasons come from policy: a vendor that lists its own is passed through.
    const xivo = inputs();
    const input = {
      ...xivo,
      capabilities: { ...xivo.capabilities, pauseReasons: 'vendor' as const },
    };
    const store = storeState({
      connection: { status: 'connected', since: 5 },
      lastEventAt: 9,
      agent: { status: 'notReady', reason: 'Lunch' },
      lists: {
        pauseReasons: [{ code: 'lunch', label: 'Lunch' }],
        queues: [{ code: 'acd-uuid-1', label: 'Support' }],
      },
      notices: [{ id: 'n1', level: 'info', message: 'Hello', at: 1 }],
    });
    const recent = [
      { callId: 'c1', direction: 'inbound' as const, remote: { raw: '1' }, startedAt: 1 },
    ];
    const state = buildPanelState({ ...input, store, identity: { username: 'alice' }, recent });
    expect(state).toMatchObject({
      connection: { status: 'connected', since: 5 },
      lastEventAt: 9,
      agent: { status: 'notReady', reason: 'Lunch' },
      pauseReasons: [{ code: 'lunch', label: 'Lunch' }],
      queues: [{ code: 'acd-uuid-1', label: 'Support' }],
      notices: [{ id: 'n1' }],
      identity: { username: 'alice' },
      recent,
    });
    expect(state.agentStates.sort()).toEqual(['loggedOut', 'notReady', 'ready']);
  });

  it('offers no queues until the vendor lists some', () => {
    const state = buildPanelState(inputs());
    expect(state.queues).toEqual([]);
  });

  it('is plain data that survives a message channel', () => {
    const state = buildPanelState(inputs({ dispositions: { codes: POLICY_CODES } }));
    expect(structuredClone(state)).toEqual(state);
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });

  describe('pause reasons', () => {
    const vendorReasons = [{ code: 'away-1', label: 'Away' }];
    const policyReasons = [{ code: 'lunch', label: 'Lunch' }];
    const withReasons = (pauseReasons: Capabilities['pauseReasons']) => {
      const base = inputs({}, { agent: { pauseReasons: policyReasons } });
      return buildPanelState({
        ...base,
        store: storeState({ lists: { pauseReasons: vendorReasons } }),
        capabilities: { ...base.capabilities, pauseReasons },
      }).pauseReasons;
    };
    it('come from the vendor by default, from policy where the vendor lists none', () => {
      expect(withReasons(undefined)).toEqual(vendorReasons);
      expect(withReasons('vendor')).toEqual(vendorReasons);
      expect(withReasons('policy')).toEqual(policyReasons);
      expect(withReasons('none')).toEqual([]);
    });
  });

  it('passes on the agent features the vendor offers and what the store holds of them', () => {
    const base = inputs();
    const store = storeState({
      queues: [{ id: 'q1', name: 'Sales', member: true }],
      queueStats: { q1: { waiting: 2, at: 5 } },
      presence: { dnd: true },
    });
    const state = buildPanelState({
      ...base,
      store,
      capabilities: {
        ...base.capabilities,
        features: new Set(['queues', 'queueStats']),
        dialRoutes: new Set(['mobile']),
        dialVariables: true,
      },
    });
    expect(state.features.sort()).toEqual(['queueStats', 'queues']);
    expect(state.agentTools).toMatchObject({
      queues: store.queues,
      queueStats: store.queueStats,
      presence: { dnd: true },
      callbacks: [],
    });
    expect(state).toMatchObject({ dialRoutes: ['mobile'], dialVariables: true });
  });
});

describe('the panel’s view of agent-feature writes and speed dial', () => {
  const item = (command: OutboxItem['command']): OutboxItem => ({
    key: 'k',
    vendor: 'xivo',
    command,
    createdAt: 0,
    status: 'pending',
    attempts: 0,
    nextAt: 5,
  });

  it('says which callback, number, time and keys a queued write carries', () => {
    expect(
      outboxEntry(item({ type: 'scheduleCallback', number: '0611', at: 9_000 }), 'XiVO'),
    ).toMatchObject({ kind: 'scheduleCallback', number: '0611', at: 9_000 });
    expect(
      outboxEntry(item({ type: 'rescheduleCallback', callbackId: 'cb', at: 9_000 }), 'XiVO'),
    ).toMatchObject({ callbackId: 'cb', at: 9_000 });
    expect(outboxEntry(item({ type: 'cancelCallback', callbackId: 'cb' }), 'XiVO')).toMatchObject({
      callbackId: 'cb',
    });
    const data = outboxEntry(
      item({ type: 'setCallData', callId: 'c1', data: { a: '1', b: '2' } }),
      'XiVO',
    );
    expect(data).toMatchObject({ callId: 'c1', dataKeys: ['a', 'b'] });
    // A disposition carries none of them.
    const dispose = outboxEntry(
      item({ type: 'dispose', callId: 'c1', code: 'x', notes: '' }),
      'XiVO',
    );
    expect(Object.keys(dispose)).not.toContain('dataKeys');
    expect(Object.keys(dispose)).not.toContain('at');
  });

  it('tells the panel whether the admin set speed-dial entries', () => {
    expect(buildPanelState(inputs()).hasSpeedDial).toBe(false);
    const withSpeedDial = inputs({
      directory: { speedDial: [{ name: 'Reception', number: '100' }] },
    });
    expect(buildPanelState(withSpeedDial).hasSpeedDial).toBe(true);
  });
});
