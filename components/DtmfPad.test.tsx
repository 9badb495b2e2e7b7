// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'preact/test-utils';
import type { PanelMessage } from '../utils/message-checks';
import type { MockReplier } from '../tests/support/mock-connector';
import { showPanel, unmountPanels } from '../tests/support/panel-view';
import { sampleCall, signedInState } from '../tests/support/sample-state';
import { alerts, button, click, settle, text } from '../tests/support/test-dom';

afterEach(unmountPanels);

const talking = (id: string) =>
  sampleCall({
    id,
    vendorCallId: `v-${id}`,
    state: 'connected',
    remote: { raw: id },
    actions: ['hangup', 'sendDtmf'],
  });
const card = (root: HTMLElement, number: string) =>
  [...root.querySelectorAll<HTMLElement>('article.sb-call')].find(
    (c) => text(c.querySelector('.sb-call-number')) === number,
  )!;
const echo = (el: HTMLElement) => el.querySelector<HTMLElement>('[role="log"]');
const digits = (sent: PanelMessage[]) =>
  sent.flatMap((m) =>
    m.type === 'panel/command' && m.command.type === 'sendDtmf' ? [m.command.digits] : [],
  );

async function press(el: HTMLElement, key: string) {
  act(() => {
    el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  });
  await settle();
}

describe('keypad echo', () => {
  it('shows the digits sent, as they are pressed or typed, in a polite log', async () => {
    const { root, connector } = showPanel(signedInState({ calls: [talking('1001')] }));
    click(button(root, 'Keypad'));
    const log = echo(root)!;
    expect(log.getAttribute('aria-labelledby')).toBeTruthy();
    expect(text(document.getElementById(log.getAttribute('aria-labelledby')!))).toBe('Digits sent');
    // A log is polite: nothing makes it assertive.
    expect(root.querySelector('.sb-subform [aria-live="assertive"]')).toBeNull();
    expect(text(log)).toBe('');
    click(button(root, '1'));
    await settle();
    click(button(root, '2'));
    await settle();
    await press(button(root, '2'), '#');
    await press(button(root, '2'), 'a');
    expect(text(log)).toBe('12#');
    // One element per digit: screen readers hear the digit added, not the line again.
    expect(log.children).toHaveLength(3);
    expect(digits(connector.sent)).toEqual(['1', '2', '#']);
  });

  it('keeps the call’s digits when the keypad closes and opens again, apart from other calls', async () => {
    const { root } = showPanel(
      signedInState({ calls: [talking('1001'), talking('1002')], commands: ['sendDtmf'] }),
    );
    const first = card(root, '1001');
    click(button(first, 'Keypad'));
    click(button(first, '4'));
    await settle();
    click(button(first, 'Keypad'));
    expect(echo(first)).toBeNull();
    click(button(first, 'Keypad'));
    expect(text(echo(first))).toBe('4');
    const second = card(root, '1002');
    click(button(second, 'Keypad'));
    expect(text(echo(second))).toBe('');
  });

  it('echoes only what the vendor took, and says why a digit was not sent', async () => {
    const refuse5: MockReplier = (msg) =>
      msg.type === 'panel/command' && msg.command.type === 'sendDtmf' && msg.command.digits === '5'
        ? { ok: false, error: 'The PBX refused' }
        : undefined;
    const { root } = showPanel(signedInState({ calls: [talking('1001')] }), { reply: refuse5 });
    click(button(root, 'Keypad'));
    click(button(root, '3'));
    await settle();
    click(button(root, '5'));
    await settle();
    expect(text(echo(root))).toBe('3');
    expect(alerts(root)).toEqual(['The PBX refused']);
  });
});
