// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BUTTON_TAG, createCallButton, type CallButtonOptions } from './button';
import { createTimers } from './timers';

const anchor = {
  top: 100,
  left: 50,
  right: 150,
  bottom: 116,
  width: 100,
  height: 16,
  x: 50,
  y: 100,
} as DOMRectReadOnly;

/** A click as the browser makes it for a real user; scripts cannot set isTrusted. */
function trustedClick(target: Element): void {
  const event = new MouseEvent('click', { bubbles: true, composed: true });
  Object.defineProperty(event, 'isTrusted', { value: true });
  target.dispatchEvent(event);
}

let controller: AbortController;

function setup(overrides: Partial<CallButtonOptions> = {}) {
  const dial = vi.fn<CallButtonOptions['dial']>().mockResolvedValue({ ok: true, value: undefined });
  const button = createCallButton({
    doc: document,
    signal: controller.signal,
    timers: createTimers(controller.signal),
    dial,
    needsConfirm: () => false,
    onPointerEnter: () => {},
    onPointerLeave: () => {},
    onTabOut: () => {},
    ...overrides,
  });
  const inner = () => button.shadow.querySelector('button')!;
  const status = () => button.shadow.querySelector('[role="status"]')!;
  return {
    button,
    dial,
    inner,
    status,
    host: () => document.querySelector(BUTTON_TAG) as HTMLElement | null,
  };
}

beforeEach(() => {
  controller = new AbortController();
});
afterEach(() => {
  controller.abort();
  vi.useRealTimers();
});

describe('call button', () => {
  it('appears as a fixed, closed-shadow host on the document element with an accessible name', () => {
    const { button, inner, host } = setup();
    button.show({ e164: '+33123456789' }, anchor, '01 23 45 67 89');
    const element = host()!;
    expect(element.parentNode).toBe(document.documentElement);
    expect(element.shadowRoot).toBeNull();
    const style = element.getAttribute('style')!;
    for (const rule of [
      'all: initial',
      'position: fixed',
      'z-index: 2147483647',
      'width:',
      'height:',
      'top:',
      'left:',
    ]) {
      expect(style).toContain(rule);
    }
    expect(inner().tagName).toBe('BUTTON');
    expect(inner().getAttribute('aria-label')).toBe('Call +33 1 23 45 67 89');
    expect(button.target).toEqual({ e164: '+33123456789' });
  });

  it('names the extension too', () => {
    const { button, inner } = setup();
    button.show({ e164: '+12125550123', extension: '45' }, anchor, '(212) 555-0123 x45');
    expect(inner().getAttribute('aria-label')).toBe('Call +1 212 555 0123 ext. 45');
  });

  it('names a number it does not know the written form of in simple groups', () => {
    const { button, inner } = setup();
    button.show({ e164: '+33123456789' }, anchor);
    expect(inner().getAttribute('aria-label')).toBe('Call +33 123 456 789');
    expect(inner().title).toBe('Call +33 123 456 789');
  });

  it('ignores every click a page script can make', () => {
    const { button, dial, inner, host } = setup();
    button.show({ e164: '+33123456789' }, anchor);
    host()!.click();
    host()!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    inner().click();
    inner().dispatchEvent(new MouseEvent('click', { bubbles: true }));
    inner().dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    window.postMessage({ type: 'content/dial', e164: '+33123456789' }, '*');
    document.dispatchEvent(new CustomEvent('switchboard-dial', { detail: '+33123456789' }));
    expect(dial).not.toHaveBeenCalled();
  });

  it('dials on a trusted click and says so', async () => {
    const { button, dial, inner, status } = setup();
    button.show({ e164: '+12125550123', extension: '45' }, anchor);
    trustedClick(inner());
    expect(dial).toHaveBeenCalledWith({
      type: 'content/dial',
      e164: '+12125550123',
      extension: '45',
    });
    expect(status().textContent).toBe('Calling…');
    expect(inner().hidden).toBe(true);
    await vi.waitFor(() => expect(button.busy).toBe(true));
    trustedClick(inner());
    expect(dial).toHaveBeenCalledTimes(1);
  });

  it('says where to confirm when the background waits for the agent’s yes', async () => {
    const { button, dial, inner, status } = setup();
    dial.mockResolvedValue({ ok: true, value: { confirm: 'notification' } });
    button.show({ e164: '+442079460958' }, anchor);
    trustedClick(inner());
    await vi.waitFor(() =>
      expect(status().textContent).toBe('Confirm the call in Switchboard’s notification'),
    );
  });

  it('shows the error of a failed reply, then hides', async () => {
    vi.useFakeTimers();
    const { button, inner, status, host } = setup({
      dial: vi.fn().mockResolvedValue({ ok: false, error: 'Not signed in' }),
    });
    button.show({ e164: '+33123456789' }, anchor);
    trustedClick(inner());
    await vi.waitFor(() => expect(status().textContent).toBe('Not signed in'));
    expect(status().classList.contains('error')).toBe(true);
    vi.advanceTimersByTime(5_000);
    expect(host()).toBeNull();
    expect(button.target).toBeUndefined();
  });

  it('reports a missing background as an error', async () => {
    const { button, inner, status } = setup({
      dial: vi.fn().mockRejectedValue(new Error('Extension context invalidated')),
    });
    button.show({ e164: '+33123456789' }, anchor);
    trustedClick(inner());
    await vi.waitFor(() => expect(status().textContent).toMatch(/not available/));
  });

  it('asks a second click for foreign numbers when told to', () => {
    const { button, dial, inner } = setup({ needsConfirm: (e164) => !e164.startsWith('+1') });
    button.show({ e164: '+442079460958' }, anchor, '020 7946 0958');
    trustedClick(inner());
    expect(dial).not.toHaveBeenCalled();
    expect(inner().getAttribute('aria-label')).toBe('Confirm call to +44 20 7946 0958');
    trustedClick(inner());
    expect(dial).toHaveBeenCalledTimes(1);
  });

  it('refuses a click after the page moved the host', () => {
    const { button, dial, inner, host } = setup();
    button.show({ e164: '+33123456789' }, anchor);
    host()!.setAttribute(
      'style',
      'position: fixed; top: 0; left: 0; width: 100vw; height: 100vh; opacity: 0',
    );
    trustedClick(inner());
    expect(dial).not.toHaveBeenCalled();
  });

  it('sends Tab back to where the agent came from', () => {
    const onTabOut = vi.fn();
    const { button, inner } = setup({ onTabOut });
    button.show({ e164: '+33123456789' }, anchor);
    inner().dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true }),
    );
    expect(onTabOut).toHaveBeenCalled();
  });

  it('leaves nothing behind when aborted', () => {
    const { button, host } = setup();
    button.show({ e164: '+33123456789' }, anchor);
    controller.abort();
    expect(host()).toBeNull();
  });
});
