// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { CallbackItem } from '../utils/cti/features';
import { pastCallbackMessage } from '../utils/cti/callback-time';
import type { PanelState } from '../utils/messaging';
import type { PanelMessage } from '../utils/message-checks';
import { toLocalInput } from '../utils/ui/datetime';
import { showPanel, unmountPanels } from '../tests/support/panel-view';
import { signedInState } from '../tests/support/sample-state';
import {
  alerts,
  button,
  choose,
  click,
  labelled,
  queryButton,
  settle,
  submit,
  text,
  type,
} from '../tests/support/test-dom';

afterEach(unmountPanels);

const HOUR = 3_600_000;
/** A minute boundary well in the future, as a datetime-local input can hold it. */
const later = (hours: number) => {
  const at = Date.now() + hours * HOUR;
  return at - (at % 60_000);
};

const MINE: CallbackItem = {
  id: 'cb-1',
  number: '+33123456789',
  name: 'Ada Lovelace',
  detail: 'ACME',
  note: 'About invoice 42',
  owner: 'mine',
  dueAt: later(2),
};
const OPEN: CallbackItem = { id: 'cb-2', number: '0611223344', owner: 'open' };
const TAKEN: CallbackItem = { id: 'cb-3', number: '0699887766', owner: 'taken', dueAt: later(1) };

const ALL_COMMANDS: PanelState['commands'] = [
  'dial',
  'takeCallback',
  'releaseCallback',
  'startCallback',
  'rescheduleCallback',
  'cancelCallback',
  'scheduleCallback',
];

function openCallbacks(over: Partial<PanelState> = {}) {
  const state = signedInState({
    features: ['callbacks'],
    commands: ALL_COMMANDS,
    ...over,
    agentTools: {
      ...signedInState().agentTools,
      callbacks: [MINE, OPEN, TAKEN],
      ...over.agentTools,
    },
  });
  const shown = showPanel(state);
  click(button(shown.root, 'Callbacks'));
  return shown;
}

const commands = (sent: PanelMessage[]) =>
  sent.flatMap((m) => (m.type === 'panel/command' ? [m.command] : []));
const items = (root: HTMLElement) => [
  ...root.querySelectorAll<HTMLElement>('[aria-label="Callbacks"] > li'),
];

describe('callbacks', () => {
  it('lists the callbacks soonest first with number, name, due time, note and owner', () => {
    const { root } = openCallbacks();
    const [open, taken, mine] = items(root).map(text);
    expect(open).toContain('0611223344');
    expect(open).toContain('As soon as possible');
    expect(open).toContain('Open to anyone');
    expect(taken).toContain('Taken by a colleague');
    expect(mine).toContain('Ada Lovelace');
    expect(mine).toContain('+33123456789');
    expect(mine).toContain('ACME');
    expect(mine).toContain('About invoice 42');
    expect(mine).toContain('Yours');
  });

  it('offers each action by owner and sends it with the callback’s id', async () => {
    const { root, connector } = openCallbacks();
    // Someone else's: nothing to do with it.
    for (const verb of [
      'Take callback for',
      'Call back',
      'Reschedule callback for',
      'Cancel callback for',
    ])
      expect(queryButton(root, `${verb} 0699887766`)).toBeUndefined();
    expect(queryButton(root, 'Release callback for 0611223344')).toBeUndefined();
    expect(queryButton(root, 'Take callback for Ada Lovelace (+33123456789)')).toBeUndefined();
    click(button(root, 'Take callback for 0611223344'));
    await settle();
    click(button(root, 'Call back Ada Lovelace (+33123456789)'));
    await settle();
    click(button(root, 'Release callback for Ada Lovelace (+33123456789)'));
    await settle();
    click(button(root, 'Cancel callback for 0611223344'));
    // A cancellation is confirmed first.
    expect(commands(connector.sent)).toHaveLength(3);
    click(button(root, 'Cancel the callback'));
    await settle();
    expect(commands(connector.sent)).toEqual([
      { type: 'takeCallback', callbackId: 'cb-2' },
      { type: 'startCallback', callbackId: 'cb-1' },
      { type: 'releaseCallback', callbackId: 'cb-1' },
      { type: 'cancelCallback', callbackId: 'cb-2' },
    ]);
  });

  it('reschedules to a future date and time, with an optional window end', async () => {
    const { root, connector } = openCallbacks();
    click(button(root, 'Reschedule callback for Ada Lovelace (+33123456789)'));
    const form = () =>
      root.querySelector<HTMLFormElement>('form[aria-label="Reschedule the callback"]');
    expect(labelled(root, 'New time').value).toBe(toLocalInput(MINE.dueAt!));
    type(labelled(root, 'New time'), toLocalInput(Date.now() - HOUR));
    submit(form());
    await settle();
    expect(alerts(root)).toEqual([pastCallbackMessage()]);
    const at = later(24);
    type(labelled(root, 'New time'), toLocalInput(at));
    type(labelled(root, 'Window ends (optional)'), toLocalInput(at - HOUR));
    submit(form());
    await settle();
    expect(alerts(root)).toEqual(['The window must end after it starts']);
    type(labelled(root, 'Window ends (optional)'), toLocalInput(at + HOUR));
    submit(form());
    await settle();
    expect(commands(connector.sent)).toEqual([
      { type: 'rescheduleCallback', callbackId: 'cb-1', at, until: at + HOUR },
    ]);
    expect(form()).toBeNull();
  });

  it('schedules a new callback with a note and a queue', async () => {
    const { root, connector } = openCallbacks({
      agentTools: { ...signedInState().agentTools, queues: [{ id: 'q1', name: 'Support' }] },
    });
    click(button(root, 'Schedule a callback'));
    const form = () =>
      root.querySelector<HTMLFormElement>('form[aria-label="Schedule a callback"]');
    submit(form());
    await settle();
    expect(alerts(root)).toEqual(['Enter the date and time in full']);
    const at = later(3);
    type(labelled(root, 'Call at'), toLocalInput(at));
    submit(form());
    await settle();
    expect(alerts(root)).toEqual(['Enter the number to call back']);
    type(labelled(root, 'Number to call'), ' 0611223344 ');
    type(labelled<HTMLTextAreaElement>(root, 'Note (optional)'), 'Wants a quote');
    choose(labelled<HTMLSelectElement>(root, 'Queue (optional)'), 'q1');
    submit(form());
    await settle();
    expect(commands(connector.sent)).toEqual([
      { type: 'scheduleCallback', number: '0611223344', at, note: 'Wants a quote', queue: 'q1' },
    ]);
    expect(form()).toBeNull();
  });

  it('shows no control the vendor cannot perform', () => {
    const { root } = openCallbacks({ commands: ['dial'] });
    expect(items(root)).toHaveLength(3);
    expect(root.querySelectorAll('[aria-label="Callbacks"] button')).toHaveLength(0);
    expect(queryButton(root, 'Schedule a callback')).toBeUndefined();
  });

  it('offers scheduling alone to a vendor that lists no callbacks', () => {
    const shown = showPanel(signedInState({ commands: ['dial', 'scheduleCallback'] }));
    click(button(shown.root, 'Callbacks'));
    expect(queryButton(shown.root, 'Schedule a callback')).toBeDefined();
    expect(text(shown.root)).not.toContain('No callbacks for you.');
  });
});
