// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { PanelState } from '../utils/messaging';
import { createMockConnector } from '../tests/support/mock-connector';
import { sampleCall, signedInState } from '../tests/support/sample-state';
import { Panel } from './Panel';
import {
  alerts,
  button,
  buttons,
  choose,
  click,
  labelled,
  mount,
  nameOf,
  settle,
  submit,
} from '../tests/support/test-dom';

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

const QUEUES = [
  { code: 'az123456-0817-40a5-86aa-0f43becbd6f6', label: 'Q3878' },
  { code: 'az123456-d988-4239-ab9c-c393eeb2d217', label: 'Q386' },
];

function show(state: PanelState, reply?: Parameters<typeof createMockConnector>[1]) {
  const connector = createMockConnector(state, reply);
  const view = mount(<Panel connector={connector} />);
  cleanup = view.unmount;
  return { connector, root: view.container };
}

const group = (root: HTMLElement) =>
  root.querySelector<HTMLElement>('[role="group"][aria-label="Call controls"]')!;
const controls = (root: HTMLElement) => buttons(group(root)).map(nameOf);
const form = (root: HTMLElement) =>
  root.querySelector<HTMLFormElement>('form[aria-label="Send to queue"]');

describe('send to queue', () => {
  it('sends a ringing call to the queue chosen by name, with the vendor’s id', async () => {
    const call = sampleCall({ actions: ['hangup', 'redirectToQueue'] });
    const { root, connector } = show(signedInState({ calls: [call], queues: QUEUES }));
    expect(controls(root)).toEqual(['Decline', 'Send to queue']);
    expect(form(root)).toBeNull();

    click(button(root, 'Send to queue'));
    const toggle = button(group(root), 'Send to queue');
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(toggle.getAttribute('aria-controls')).toBe(form(root)?.id);
    const select = labelled<HTMLSelectElement>(root, 'Queue');
    expect([...select.options].map((o) => o.text)).toEqual(['Choose…', 'Q3878', 'Q386']);

    choose(select, 'az123456-d988-4239-ab9c-c393eeb2d217');
    click(button(form(root)!, 'Send to queue'));
    await settle();
    expect(connector.sent).toEqual([
      {
        type: 'panel/command',
        command: {
          type: 'redirectToQueue',
          callId: 'call-1',
          queue: 'az123456-d988-4239-ab9c-c393eeb2d217',
        },
      },
    ]);
    // Done: the form closes; the call leaves when the vendor says it ended.
    expect(form(root)).toBeNull();
  });

  it('asks for a queue instead of sending none, and shows a refusal in the form', async () => {
    const call = sampleCall({ state: 'connected', actions: ['hangup', 'redirectToQueue'] });
    const { root, connector } = show(signedInState({ calls: [call], queues: QUEUES }), (msg) =>
      msg.type === 'panel/command' ? { ok: false, error: 'Windstream CCS refused' } : undefined,
    );
    click(button(root, 'Send to queue'));
    submit(form(root));
    await settle();
    expect(alerts(root)).toEqual(['Choose a queue']);
    expect(connector.sent).toEqual([]);

    choose(labelled<HTMLSelectElement>(root, 'Queue'), QUEUES[0]!.code);
    submit(form(root));
    await settle();
    expect(alerts(root)).toEqual(['Windstream CCS refused']);
    // Still open, so that the agent can pick another queue.
    expect(form(root)).not.toBeNull();
    click(button(form(root)!, 'Close'));
    expect(form(root)).toBeNull();
  });

  it('offers no button when the call does not allow it or the vendor listed no queues', () => {
    const allowed = sampleCall({ actions: ['hangup', 'redirectToQueue'] });
    const noQueues = show(signedInState({ calls: [allowed], queues: [] }));
    expect(controls(noQueues.root)).toEqual(['Decline']);
    cleanup?.();
    const notAllowed = sampleCall({ actions: ['answer', 'hangup'] });
    const other = show(signedInState({ calls: [notAllowed], queues: QUEUES }));
    expect(controls(other.root)).toEqual(['Answer', 'Decline']);
  });
});
