// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { showPanel, unmountPanels } from '../tests/support/panel-view';
import { sampleCall, signedInState } from '../tests/support/sample-state';
import { button, click, labelled, settle } from '../tests/support/test-dom';

afterEach(unmountPanels);

const talking = () =>
  signedInState({
    commands: ['dial', 'answer', 'hangup', 'hold', 'resume', 'blindTransfer', 'sendDtmf'],
    calls: [
      sampleCall({
        state: 'connected',
        answeredAt: Date.now(),
        actions: ['hangup', 'hold', 'blindTransfer', 'sendDtmf'],
      }),
    ],
  });

const escape = (el: Element) =>
  act(() => {
    el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
  });

/** The panel on a call, with the form of the button `name` opened: the root and that button. */
async function opened(name: string) {
  const { root } = showPanel(talking());
  await settle();
  const opener = button(root, name);
  click(opener);
  await settle();
  return { root, opener };
}

describe('the forms a button opens', () => {
  it('close on Escape, and focus goes back to their button', async () => {
    const { root, opener } = await opened('Transfer');
    const formId = opener.getAttribute('aria-controls')!;
    expect(document.getElementById(formId)).not.toBeNull();
    const field = labelled(root, 'Transfer to');
    field.focus();
    escape(field);
    await settle();
    expect(document.getElementById(formId)).toBeNull();
    expect(opener.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(opener);
  });

  it('give focus back to their button when closed with Close', async () => {
    const { root, opener } = await opened('Transfer');
    const close = button(root, 'Close');
    close.focus();
    click(close);
    await settle();
    expect(opener.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(opener);
  });

  it('leave Escape alone outside such a form', async () => {
    const { root, opener } = await opened('Keypad');
    const hold = button(root, 'Hold');
    hold.focus();
    escape(hold);
    await settle();
    expect(opener.getAttribute('aria-expanded')).toBe('true');
    expect(document.activeElement).toBe(hold);
  });
});
