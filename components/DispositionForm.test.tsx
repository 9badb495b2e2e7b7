// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { PanelState } from '../utils/messaging';
import { createMockConnector } from '../tests/support/mock-connector';
import { toLocalInput } from '../utils/ui/datetime';
import { sampleCall, signedInState } from '../tests/support/sample-state';
import { Panel } from './Panel';
import {
  alerts,
  button,
  choose,
  click,
  labelled,
  mount,
  settle,
  text,
  type,
} from '../tests/support/test-dom';

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

const CODES = [
  { code: 'Sale/Won', label: 'Sale won' },
  { code: 'Callback', label: 'Call back later' },
];

/** An ended call waiting for its disposition, as the background sends it for uContact. */
function wrapUp(patch: Partial<PanelState> = {}): PanelState {
  const ended = sampleCall({ state: 'ended', endedAt: Date.now(), actions: ['dispose'] });
  return signedInState({
    vendor: 'ucontact',
    vendorLabel: 'uContact',
    calls: [ended],
    agent: { status: 'wrapUp' },
    dispositionCodes: CODES,
    dispositionCallback: true,
    ...patch,
  });
}

function show(state: PanelState, reply?: Parameters<typeof createMockConnector>[1]) {
  const connector = createMockConnector(state, reply);
  const view = mount(<Panel connector={connector} />);
  cleanup = view.unmount;
  return { connector, root: view.container };
}

const callbackField = (root: HTMLElement) => labelled<HTMLInputElement>(root, 'Call back at');
const describedBy = (el: HTMLElement) =>
  (el.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => text(document.getElementById(id)));

describe('disposition call-back time', () => {
  it('is offered, labelled and explained, with the current minute as its minimum', () => {
    const before = Date.now();
    const { root } = show(wrapUp());
    const field = callbackField(root);
    expect(field.type).toBe('datetime-local');
    expect(field.value).toBe('');
    // (Either side of a minute that turned while rendering.)
    expect([toLocalInput(before), toLocalInput(Date.now())]).toContain(field.min);
    expect(field.getAttribute('aria-invalid')).toBeNull();
    expect(describedBy(field)).toEqual([
      'Optional. uContact calls this number back then if the disposition is set up to reschedule.',
    ]);
  });

  it('is absent for a vendor that cannot schedule one', () => {
    const { root } = show(wrapUp({ dispositionCallback: false }));
    expect(() => labelled(root, 'Disposition')).not.toThrow();
    expect(() => callbackField(root)).toThrow('No control labelled "Call back at"');
    expect(root.querySelector('input[type="datetime-local"]')).toBeNull();
  });

  it('sends the chosen time as epoch milliseconds with the disposition', async () => {
    const { root, connector } = show(wrapUp());
    const at = new Date(Date.now() + 2 * 86_400_000);
    at.setSeconds(0, 0);
    choose(labelled<HTMLSelectElement>(root, 'Disposition'), 'Callback');
    type(labelled<HTMLTextAreaElement>(root, 'Notes'), 'After lunch');
    type(callbackField(root), toLocalInput(at.getTime()));
    click(button(root, 'Save disposition'));
    await settle();
    expect(connector.sent).toEqual([
      {
        type: 'panel/command',
        command: {
          type: 'dispose',
          callId: 'call-1',
          code: 'Callback',
          notes: 'After lunch',
          callbackAt: at.getTime(),
        },
      },
    ]);
  });

  it('sends no time when the field is left empty', async () => {
    const { root, connector } = show(wrapUp());
    choose(labelled<HTMLSelectElement>(root, 'Disposition'), 'Sale/Won');
    click(button(root, 'Save disposition'));
    await settle();
    expect(connector.sent).toEqual([
      {
        type: 'panel/command',
        command: { type: 'dispose', callId: 'call-1', code: 'Sale/Won', notes: '' },
      },
    ]);
  });

  it('refuses a time that has passed with a clear message next to the field', async () => {
    const { root, connector } = show(wrapUp());
    choose(labelled<HTMLSelectElement>(root, 'Disposition'), 'Callback');
    type(callbackField(root), toLocalInput(Date.now() - 3_600_000));
    click(button(root, 'Save disposition'));
    await settle();
    expect(connector.sent).toEqual([]);
    const message = 'The call-back time has passed: choose a later time';
    expect(alerts(root)).toEqual([message]);
    const field = callbackField(root);
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(describedBy(field)).toContain(message);

    // Changing the time clears the complaint; a future time goes through.
    type(field, toLocalInput(Date.now() + 3_600_000));
    expect(alerts(root)).toEqual([]);
    expect(field.getAttribute('aria-invalid')).toBeNull();
    click(button(root, 'Save disposition'));
    await settle();
    expect(connector.sent).toHaveLength(1);
  });

  it('refuses a half-typed time rather than dropping it', async () => {
    const { root, connector } = show(wrapUp());
    choose(labelled<HTMLSelectElement>(root, 'Disposition'), 'Callback');
    // What Chromium reports for "06/01/2031 --:--": no value, and `badInput`.
    const field = callbackField(root);
    Object.defineProperty(field, 'validity', { value: { badInput: true }, configurable: true });
    type(field, '');
    click(button(root, 'Save disposition'));
    await settle();
    expect(connector.sent).toEqual([]);
    expect(alerts(root)).toEqual(['Enter the call-back date and time in full, or clear the field']);
  });

  it('shows the background’s refusal of the time', async () => {
    const { root } = show(wrapUp(), (msg) =>
      msg.type === 'panel/command'
        ? { ok: false, error: 'The call-back time has passed: choose a later time' }
        : undefined,
    );
    choose(labelled<HTMLSelectElement>(root, 'Disposition'), 'Callback');
    type(callbackField(root), toLocalInput(Date.now() + 120_000));
    click(button(root, 'Save disposition'));
    await settle();
    expect(alerts(root)).toEqual(['The call-back time has passed: choose a later time']);
  });
});
