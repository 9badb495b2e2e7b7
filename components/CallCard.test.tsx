// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { VendorAction } from '../utils/cti/features';
import type { PanelState } from '../utils/messaging';
import type { PanelMessage } from '../utils/message-checks';
import { fromLocalInput } from '../utils/ui/datetime';
import { showPanel, unmountPanels } from '../tests/support/panel-view';
import { sampleCall, signedInState } from '../tests/support/sample-state';
import {
  alerts,
  button,
  buttons,
  choose,
  click,
  labelled,
  nameOf,
  queryButton,
  settle,
  submit,
  text,
  type,
} from '../tests/support/test-dom';

afterEach(unmountPanels);

const connected = sampleCall({
  state: 'connected',
  actions: ['hangup'],
  data: { ticket: 'T-42', segment: 'gold' },
});

function show(over: Partial<PanelState>, layout: 'popup' | 'sidepanel' = 'popup') {
  return showPanel(signedInState({ calls: [connected], ...over }), { layout });
}

const controls = (root: HTMLElement) =>
  buttons(root.querySelector('[role="group"][aria-label="Call controls"]')!).map(nameOf);
const commands = (sent: PanelMessage[]) =>
  sent.flatMap((m) => (m.type === 'panel/command' ? [m.command] : []));
const withActions = (vendorActions: VendorAction[]) => ({
  ...signedInState().agentTools,
  vendorActions,
});

describe('call data on the call card', () => {
  it('shows the vendor’s call data where the vendor has the feature', () => {
    const { root } = show({ features: ['callData'] });
    const list = root.querySelector('dl[aria-label="Call data"]');
    expect(text(list)).toContain('ticket');
    expect(text(list)).toContain('T-42');
    expect(text(list)).toContain('gold');
    unmountPanels();
    const plain = show({});
    expect(plain.root.querySelector('dl[aria-label="Call data"]')).toBeNull();
  });

  it('attaches key/values to the call where the vendor can, after checking the keys', async () => {
    // What the store derives for a connected call of a vendor with setCallData (cti/actions.ts).
    const talking = { ...connected, actions: [...connected.actions, 'setCallData' as const] };
    const { root, connector } = show({ commands: ['setCallData'], calls: [talking] });
    expect(controls(root)).toEqual(['Hang up', 'Add call data']);
    click(button(root, 'Add call data'));
    const form = () => root.querySelector<HTMLFormElement>('form[aria-label="Add call data"]');
    submit(form());
    await settle();
    expect(alerts(root)).toEqual(['Enter a key and a value']);
    type(labelled(root, 'Key'), 'bad key!');
    type(labelled(root, 'Value'), 'x');
    submit(form());
    await settle();
    expect(alerts(root)).toEqual(['A call data key is letters, digits, _ . or - (up to 64)']);
    type(labelled(root, 'Key'), 'reason');
    click(button(root, 'Add another value'));
    type(labelled(root, 'Key 2'), 'order');
    type(labelled(root, 'Value 2'), '1234');
    submit(form());
    await settle();
    expect(commands(connector.sent)).toEqual([
      { type: 'setCallData', callId: 'call-1', data: { reason: 'x', order: '1234' } },
    ]);
    expect(form()).toBeNull();
  });

  it('offers no call data form without the command, nor on an ended call', () => {
    const { root } = show({});
    expect(queryButton(root, 'Add call data')).toBeUndefined();
    unmountPanels();
    const ended = sampleCall({ state: 'ended', actions: ['dispose'] });
    const shown = showPanel(signedInState({ calls: [ended], commands: ['setCallData'] }));
    expect(queryButton(shown.root, 'Add call data')).toBeUndefined();
  });
});

describe('vendor actions on the call card', () => {
  const SAVE_LEAD: VendorAction = {
    id: 'saveLead',
    label: 'Save as a new lead',
    hint: 'Creates a lead with this number.',
    callId: 'call-1',
    states: ['connected'],
    submit: 'Save lead',
    fields: [
      { key: 'name', label: 'Name', kind: 'text', required: true, max: 50 },
      { key: 'age', label: 'Age', kind: 'number', required: false },
      {
        key: 'list',
        label: 'List',
        kind: 'choice',
        required: true,
        options: [
          { code: 'L1', label: 'Prospects' },
          { code: 'L2', label: 'Customers' },
        ],
      },
      { key: 'when', label: 'Call back', kind: 'datetime', required: false },
    ],
  };

  it('offers the call’s own actions as small forms and sends their values', async () => {
    const { root, connector } = show({ agentTools: withActions([SAVE_LEAD]) });
    expect(controls(root)).toEqual(['Hang up', 'Save as a new lead']);
    click(button(root, 'Save as a new lead'));
    const form = () => root.querySelector<HTMLFormElement>('form[aria-label="Save as a new lead"]');
    expect(text(form())).toContain('Creates a lead with this number.');
    submit(form());
    await settle();
    expect(alerts(root)).toEqual(['Fill in “Name”']);
    type(labelled(root, 'Name'), 'Ada');
    type(labelled(root, 'Age (optional)'), 'old');
    choose(labelled<HTMLSelectElement>(root, 'List'), 'L2');
    submit(form());
    await settle();
    expect(alerts(root)).toEqual(['“Age” must be a number']);
    type(labelled(root, 'Age (optional)'), '36');
    type(labelled(root, 'Call back (optional)'), '2030-05-04T10:30');
    click(button(root, 'Save lead'));
    await settle();
    expect(commands(connector.sent)).toEqual([
      {
        type: 'vendorAction',
        action: 'saveLead',
        callId: 'call-1',
        values: {
          name: 'Ada',
          age: '36',
          list: 'L2',
          when: String(fromLocalInput('2030-05-04T10:30')),
        },
      },
    ]);
    expect(form()).toBeNull();
  });

  it('offers an action only on its call and in its states', () => {
    const other = { ...SAVE_LEAD, id: 'x', label: 'Other call', callId: 'call-2' };
    const ringingOnly = {
      ...SAVE_LEAD,
      id: 'y',
      label: 'While ringing',
      states: ['ringing' as const],
    };
    const agentScope = { ...SAVE_LEAD, id: 'z', label: 'For the agent', callId: undefined };
    const { root } = show({ agentTools: withActions([other, ringingOnly, agentScope]) });
    expect(controls(root)).toEqual(['Hang up']);
  });
});
