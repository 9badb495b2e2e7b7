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

describe('the forms a button opens', () => {
  it('close on Escape, and focus goes back to their button', async () => {
    const { root } = showPanel(talking());
    await settle();
    const transfer = button(root, 'Transfer');
    click(transfer);
    await settle();
    const formId = transfer.getAttribute('aria-controls')!;
    expect(document.getElementById(formId)).not.toBeNull();
    const field = labelled(root, 'Transfer to');
    field.focus();
    escape(field);
    await settle();
    expect(document.getElementById(formId)).toBeNull();
    expect(transfer.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(transfer);
  });

  it('give focus back to their button when closed with Close', async () => {
    const { root } = showPanel(talking());
    await settle();
    const transfer = button(root, 'Transfer');
    click(transfer);
    await settle();
    const close = button(root, 'Close');
    close.focus();
    click(close);
    await settle();
    expect(transfer.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(transfer);
  });

  it('leave Escape alone outside such a form', async () => {
    const { root } = showPanel(talking());
    await settle();
    const keypad = button(root, 'Keypad');
    click(keypad);
    await settle();
    const hold = button(root, 'Hold');
    hold.focus();
    escape(hold);
    await settle();
    expect(keypad.getAttribute('aria-expanded')).toBe('true');
    expect(document.activeElement).toBe(hold);
  });
});
