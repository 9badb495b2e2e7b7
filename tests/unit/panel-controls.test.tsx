// @vitest-environment happy-dom
/**
 * "The panel shows no control the signed-in vendor cannot perform", checked for each vendor as
 * the panel gets it: every tab of the side panel and the popup, with calls in every state and
 * every agent tool filled, is explored to two clicks deep (every button, then every form filled
 * in and sent, and every button that appeared). The commands all of it sends must be exactly the
 * ones the vendor's capabilities name: no control for what the vendor cannot do, and a control
 * for everything it can.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Capabilities } from '../../utils/cti/adapter';
import { deriveActions } from '../../utils/cti/actions';
import type { Call, CallState } from '../../utils/cti/model';
import { ANYWHERE365_CAPABILITIES } from '../../utils/cti/vendors/anywhere365/adapter';
import { CCS_CAPABILITIES } from '../../utils/cti/vendors/ccs/capabilities';
import { MAXCONTACT_CAPABILITIES } from '../../utils/cti/vendors/maxcontact/adapter';
import { UCONTACT_CAPABILITIES } from '../../utils/cti/vendors/ucontact/capabilities';
import { XIVO_CAPABILITIES } from '../../utils/cti/vendors/xivo/capabilities';
import type { PanelState } from '../../utils/messaging';
import type { PanelMessage } from '../../utils/message-checks';
import type { MockReplier } from '../support/mock-connector';
import { showPanel, unmountPanels, type ShownPanel } from '../support/panel-view';
import { sampleCall, signedInState } from '../support/sample-state';
import { buttons, click, nameOf, settle, submit } from '../support/test-dom';

afterEach(unmountPanels);

const HOUR = 3_600_000;
const soon = () => {
  const at = Date.now() + 2 * HOUR;
  return at - (at % 60_000);
};

function callIn(state: CallState, caps: Capabilities, over: Partial<Call> = {}): Call {
  const call = sampleCall({ id: `call-${state}`, vendorCallId: `v-${state}`, state, ...over });
  return { ...call, actions: deriveActions(call, caps) };
}

/** What the background would send for this vendor, with something in every section. */
function stateFor(vendor: string, caps: Capabilities): PanelState {
  const calls = [
    callIn('connected', caps, { queue: 'Support', answeredAt: Date.now() - 60_000 }),
    callIn('connected', caps, { id: 'call-paused', queue: 'Support', recording: 'paused' }),
    callIn('held', caps),
    callIn('ringing', caps),
    callIn('transferring', caps),
    callIn('ended', caps, { endedAt: Date.now() - 1_000 }),
  ];
  return signedInState({
    vendor,
    commands: [...caps.commands],
    agentStates: [...caps.agentStates],
    pauseReasons: caps.pauseReasons === 'none' ? [] : [{ code: 'lunch', label: 'Lunch' }],
    features: [...(caps.features ?? [])],
    dialVariables: caps.dialVariables ?? false,
    dialRoutes: [...(caps.dialRoutes ?? [])],
    hasSpeedDial: true,
    queues: [{ code: 'support', label: 'Support' }],
    dispositionCodes: [{ code: 'sale', label: 'Sale' }],
    dispositionCallback: caps.dispositionCallback,
    calls,
    agentTools: {
      queues: [
        { id: 'q1', name: 'Support', number: '3000', member: true },
        { id: 'q2', name: 'Sales', member: false },
      ],
      queueStats: { q1: { waiting: 2, longestWaitS: 30, agentsAvailable: 1, at: Date.now() } },
      callbacks: [
        { id: 'cb-1', number: '+33123456789', name: 'Ada', owner: 'mine', dueAt: soon() },
        { id: 'cb-2', number: '0611223344', owner: 'open' },
        { id: 'cb-3', number: '0699887766', owner: 'taken', dueAt: soon() },
      ],
      presence: {
        dnd: false,
        forwards: { busy: { enabled: true, destination: '1002' } },
        voicemail: { new: 1, old: 2 },
      },
      agentStats: [{ name: 'answered', label: 'Answered', value: 3, unit: 'count' }],
      vendorActions: caps.commands.has('vendorAction')
        ? [
            {
              id: 'tag',
              label: 'Tag the call',
              callId: 'call-connected',
              fields: [{ key: 'tag', label: 'Tag', kind: 'text', required: true }],
            },
          ]
        : [],
    },
  });
}

/** Directory entries and history rows for the tabs that ask the background for them. */
const reply: MockReplier = (msg) => {
  if (msg.type === 'panel/directory') {
    return {
      ok: true,
      value: {
        entries: [
          {
            id: 'u1',
            kind: 'person',
            name: 'Bob Martin',
            numbers: [{ number: '1002', label: 'Office' }],
            favorite: true,
          },
          {
            id: 'u2',
            kind: 'person',
            name: 'Chloé Petit',
            numbers: [{ number: '1003' }],
            favorite: false,
          },
          {
            id: 's1',
            kind: 'speedDial',
            name: 'Help desk',
            numbers: [{ number: '+33123450000', transferOnly: true }],
          },
        ],
      },
    };
  }
  if (msg.type === 'panel/history') {
    const at = Date.now() - HOUR;
    return {
      ok: true,
      value: {
        entries: [
          {
            callId: 'c1',
            direction: 'inbound',
            remote: { raw: '0123456789', e164: '+33123456789' },
            startedAt: at,
            endedAt: at + 60_000,
          },
        ],
      },
    };
  }
  return undefined;
};

/** The value a field gets: something every field of the panel takes; times an hour apart. */
function valueFor(el: HTMLInputElement, nth: number): string {
  if (el.type === 'datetime-local') {
    const at = soon() + nth * HOUR;
    return new Date(at - new Date(at).getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  }
  return el.type === 'number' ? '5' : '1002';
}

/**
 * Fills in every field, one event at a time as an agent would (a view renders between two
 * keystrokes), so that a form can be sent.
 */
async function fill(root: HTMLElement): Promise<void> {
  let nth = 0;
  for (const el of root.querySelectorAll<
    HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement
  >('input, textarea, select')) {
    if (el instanceof HTMLSelectElement) {
      const option = [...el.options].find((o) => o.value !== '' && !o.disabled);
      if (!option) continue;
      el.value = option.value;
      el.dispatchEvent(new Event('change', { bubbles: true }));
    } else if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) {
      if (!el.checked) el.click();
    } else {
      el.value = el instanceof HTMLInputElement ? valueFor(el, nth++) : 'note';
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }
    await settle();
  }
}

const SKIP = new Set(['Sign out']);
const controls = (root: HTMLElement) =>
  buttons(root).filter((b) => b.getAttribute('role') !== 'tab' && !b.disabled);

/** Every connector the exploration mounted a panel on: what each panel sent. */
const connectors: ShownPanel['connector'][] = [];

/** A fresh panel on `tab` (none: the popup). */
async function open(state: PanelState, tab: string | undefined): Promise<ShownPanel> {
  unmountPanels();
  const shown = showPanel(state, { reply, layout: tab ? 'sidepanel' : 'popup' });
  connectors.push(shown.connector);
  await settle();
  if (tab) {
    const el = buttons(shown.root).find(
      (b) => b.getAttribute('role') === 'tab' && nameOf(b) === tab,
    );
    click(el!);
    await settle();
    await settle();
  }
  return shown;
}

/** Sends every form on the page once, filled in. */
async function sendForms(shown: ShownPanel): Promise<void> {
  await fill(shown.root);
  for (const form of shown.root.querySelectorAll('form')) {
    if (form.isConnected) submit(form);
    await settle();
  }
}

/** Presses the `i`th control of a fresh panel on `tab`, with the fields filled in. */
async function pressNth(state: PanelState, tab: string | undefined, i: number) {
  const shown = await open(state, tab);
  const target = controls(shown.root)[i];
  if (target) {
    click(target);
    await settle();
  }
  return target ? shown : undefined;
}

/**
 * Explores `tab` two clicks deep: each control, then every form sent and, on a fresh panel each
 * time, each control that the first one brought up. Returns how many controls it pressed.
 */
async function explore(state: PanelState, tab: string | undefined): Promise<number> {
  let pressed = 0;
  const first = controls((await open(state, tab)).root).map(nameOf);
  for (const [i, name] of first.entries()) {
    if (SKIP.has(name)) continue;
    const shown = await pressNth(state, tab, i);
    if (!shown) continue;
    pressed++;
    const appeared = controls(shown.root)
      .map(nameOf)
      .filter((n) => !first.includes(n) && !SKIP.has(n));
    await sendForms(shown);
    for (const next of appeared) {
      const again = await pressNth(state, tab, i);
      if (!again) continue;
      await fill(again.root);
      const second = controls(again.root).find((b) => nameOf(b) === next);
      if (!second) continue;
      click(second);
      pressed++;
      await settle();
      await sendForms(again);
    }
  }
  return pressed;
}

const VENDORS: [string, Capabilities][] = [
  ['xivo', XIVO_CAPABILITIES],
  ['ccs', CCS_CAPABILITIES],
  ['maxcontact', MAXCONTACT_CAPABILITIES],
  ['ucontact', UCONTACT_CAPABILITIES],
  ['anywhere365', ANYWHERE365_CAPABILITIES],
];

const commandsOf = (sent: readonly PanelMessage[]) =>
  sent.flatMap((m) => (m.type === 'panel/command' ? [m.command.type] : []));

describe('the panel offers only what the vendor can do', () => {
  it.each(VENDORS)(
    '%s: the controls send exactly the commands the vendor can carry out',
    async (vendor, caps) => {
      connectors.length = 0;
      const state = stateFor(vendor, caps);
      const tabs = buttons((await open(state, 'Calls')).root)
        .filter((b) => b.getAttribute('role') === 'tab')
        .map(nameOf);
      let pressed = 0;
      for (const tab of [undefined, ...tabs]) pressed += await explore(state, tab);

      const sent = [...new Set(connectors.flatMap((c) => commandsOf(c.sent)))].sort();
      // Nothing the vendor cannot do, and a control for everything it can.
      expect(sent).toEqual([...caps.commands].sort());
      expect(pressed).toBeGreaterThan(caps.commands.size);
    },
    300_000,
  );
});

describe('call waiting offers only what the vendor can do', () => {
  it.each(VENDORS)(
    '%s: Swap and Hold and answer exactly where the vendor can hold, with its own commands',
    async (vendor, caps) => {
      const talking = callIn('connected', caps, { answeredAt: Date.now() - 60_000 });
      const cases = [
        { other: callIn('held', caps), control: 'Swap', then: 'resume' },
        { other: callIn('ringing', caps), control: 'Hold and answer', then: 'answer' },
      ] as const;
      for (const { other, control, then } of cases) {
        const state = signedInState({
          vendor,
          commands: [...caps.commands],
          agentStates: [...caps.agentStates],
          calls: [talking, other],
        });
        const shown = await open(state, undefined);
        const offered = controls(shown.root).find((b) => nameOf(b) === control);
        expect({ control, offered: offered !== undefined }).toEqual({
          control,
          offered: caps.commands.has('hold') && caps.commands.has(then),
        });
        if (!offered) continue;
        click(offered);
        await settle();
        const sent = commandsOf(shown.connector.sent);
        expect(sent).toEqual(['hold', then]);
        expect(sent.every((c) => caps.commands.has(c))).toBe(true);
      }
    },
  );
});
