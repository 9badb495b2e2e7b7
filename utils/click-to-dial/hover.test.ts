// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { h } from '../../tests/fixtures/phone/dom';
import { createCallButton, type CallButton } from './button';
import { createHover, type Hover } from './hover';
import { createMarks, type Marks } from './marks';
import type { Timers } from './timers';

// happy-dom does no layout: every marked range claims the same box, 100×20 at the top left.
const BOX = new DOMRect(0, 0, 100, 20);
const ON = { clientX: 10, clientY: 10 };
const OFF = { clientX: 500, clientY: 500 };

// Timeouts on vitest's fake clock; animation frames at once, so a pointermove is handled in step.
const timers: Timers = {
  timeout(callback, ms) {
    const id = setTimeout(callback, ms);
    return () => clearTimeout(id);
  },
  idle(callback) {
    const id = setTimeout(() => callback(() => 10), 0);
    return () => clearTimeout(id);
  },
  frame(callback) {
    callback();
    return () => {};
  },
};

let controller: AbortController;
let marks: Marks;
let button: CallButton;
let hover: Hover;
let number: HTMLElement;
let link: HTMLAnchorElement;

/** The agent's pointer moving (the browser's own, trusted event). */
function move(target: Element, at: { clientX: number; clientY: number }): void {
  target.dispatchEvent(
    trusted(new PointerEvent('pointermove', { ...at, bubbles: true, composed: true })),
  );
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(Range.prototype, 'getClientRects').mockReturnValue([BOX] as unknown as DOMRectList);
  controller = new AbortController();
  const { signal } = controller;
  number = h('span', {}, 'Call 212-555-0123');
  link = h('a', { href: 'tel:+33123456789' }, 'Paris') as HTMLAnchorElement;
  document.body.append(
    h('p', {}, number),
    h('p', {}, link),
    h('p', { id: 'other' }, 'Nothing here'),
  );
  marks = createMarks({ add() {}, delete() {}, styleRoot() {}, supported: false });
  const text = number.firstChild as Text;
  marks.setText(text, [{ kind: 'text', node: text, start: 5, end: 17, e164: '+12125550123' }]);
  marks.setLink({ kind: 'link', element: link, e164: '+33123456789' });
  button = createCallButton({
    doc: document,
    signal,
    timers,
    dial: vi.fn(),
    needsConfirm: () => false,
    onPointerEnter: () => hover.buttonEntered(),
    onPointerLeave: () => hover.buttonLeft(),
    onTabOut: () => hover.returnFocus(),
  });
  hover = createHover({ doc: document, signal, timers, marks, button, restMs: 100, leaveMs: 300 });
});

afterEach(() => {
  controller.abort();
  document.body.replaceChildren();
  vi.useRealTimers();
});

describe('hover', () => {
  it('shows the button once the pointer rests on a number', () => {
    move(number, ON);
    expect(button.target).toBeUndefined();
    vi.advanceTimersByTime(100);
    expect(button.target).toEqual({ e164: '+12125550123' });
    expect(document.querySelector('switchboard-call-button')).not.toBeNull();
  });

  it('does not show it for a pointer passing by, or beside the number', () => {
    move(number, ON);
    vi.advanceTimersByTime(50);
    move(document.getElementById('other')!, ON);
    vi.advanceTimersByTime(500);
    move(number, OFF);
    vi.advanceTimersByTime(500);
    expect(button.target).toBeUndefined();
  });

  it('hides it a moment after the pointer leaves number and button', () => {
    move(number, ON);
    vi.advanceTimersByTime(100);
    move(document.getElementById('other')!, OFF);
    vi.advanceTimersByTime(200);
    expect(button.target).toBeDefined();
    vi.advanceTimersByTime(200);
    expect(button.target).toBeUndefined();
  });

  it('keeps it while the pointer is on the button', () => {
    move(number, ON);
    vi.advanceTimersByTime(100);
    const host = document.querySelector('switchboard-call-button')!;
    move(document.getElementById('other')!, OFF);
    host.dispatchEvent(trusted(new PointerEvent('pointerenter')));
    vi.advanceTimersByTime(1_000);
    expect(button.target).toBeDefined();
    host.dispatchEvent(trusted(new PointerEvent('pointerleave')));
    vi.advanceTimersByTime(400);
    expect(button.target).toBeUndefined();
  });

  it('ignores a pointerenter the page forges on the button', () => {
    move(number, ON);
    vi.advanceTimersByTime(100);
    const host = document.querySelector('switchboard-call-button')!;
    move(document.getElementById('other')!, OFF);
    host.dispatchEvent(new PointerEvent('pointerenter'));
    vi.advanceTimersByTime(1_000);
    expect(button.target).toBeUndefined();
  });

  it('hides it on scroll and on Escape', () => {
    move(number, ON);
    vi.advanceTimersByTime(100);
    document.dispatchEvent(new Event('scroll'));
    expect(button.target).toBeUndefined();

    move(link, ON);
    vi.advanceTimersByTime(100);
    expect(button.target).toEqual({ e164: '+33123456789' });
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(button.target).toBeUndefined();
  });

  it('serves keyboard users of tel: links: focus shows it, Tab reaches it, Tab returns', () => {
    link.focus();
    expect(button.target).toEqual({ e164: '+33123456789' });
    const tab = new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true });
    link.dispatchEvent(tab);
    expect(tab.defaultPrevented).toBe(true);
    expect(button.hasFocus()).toBe(true);
    const inner = button.shadow.querySelector('button')!;
    inner.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true }),
    );
    expect(document.activeElement).toBe(link);
    // The next Tab goes on through the page.
    const next = new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true });
    link.dispatchEvent(next);
    expect(next.defaultPrevented).toBe(false);
  });

  it('serves keyboard users of phone fields, and goes when the agent types', () => {
    const field = h('input', { type: 'tel', value: '+1 212 555 0199' }) as HTMLInputElement;
    document.body.append(h('p', {}, field));
    marks.setInput(field, { kind: 'input', element: field, e164: '+12125550199' });
    field.focus();
    expect(button.target).toEqual({ e164: '+12125550199' });
    const tab = new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true });
    field.dispatchEvent(tab);
    expect(button.hasFocus()).toBe(true);
    field.focus();
    field.dispatchEvent(new Event('input', { bubbles: true }));
    expect(button.target).toBeUndefined();
  });

  it('shows it for a phone field under the pointer', () => {
    const field = h('input', { type: 'tel', value: '+1 212 555 0199' }) as HTMLInputElement;
    document.body.append(h('p', {}, field));
    marks.setInput(field, { kind: 'input', element: field, e164: '+12125550199' });
    move(field, ON);
    vi.advanceTimersByTime(100);
    expect(button.target).toEqual({ e164: '+12125550199' });
  });

  it('treats a field holding only the number as one target', () => {
    const field = h('dd', {}, ' +33 1 23 45 67 89 ');
    document.body.append(field);
    const text = field.firstChild as Text;
    marks.setText(text, [{ kind: 'text', node: text, start: 1, end: 18, e164: '+33123456789' }]);
    const wide = new DOMRect(0, 0, 800, 20);
    vi.spyOn(field, 'getBoundingClientRect').mockReturnValue(wide);
    vi.spyOn(number, 'getBoundingClientRect').mockReturnValue(wide);
    const far = { clientX: 600, clientY: 10 };
    move(number, far);
    vi.advanceTimersByTime(200);
    expect(button.target).toBeUndefined();
    move(field, far);
    vi.advanceTimersByTime(100);
    expect(button.target).toEqual({ e164: '+33123456789' });
  });

  it('shows it again for the same number after it went away', () => {
    move(number, ON);
    vi.advanceTimersByTime(100);
    button.hide();
    move(document.getElementById('other')!, OFF);
    move(number, ON);
    vi.advanceTimersByTime(100);
    expect(button.target).toEqual({ e164: '+12125550123' });
  });

  it('ignores pointer moves and focus the page forges: the button never appears', () => {
    for (let i = 0; i < 5; i++) {
      number.dispatchEvent(
        new PointerEvent('pointermove', { ...ON, bubbles: true, composed: true }),
      );
      vi.advanceTimersByTime(200);
    }
    expect(button.target).toBeUndefined();
    // A forged focusin on a link that does not have the focus shows nothing either.
    link.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
    expect(button.target).toBeUndefined();
    expect(document.querySelector('switchboard-call-button')).toBeNull();
  });

  it('lets no forged pointerout hide the button the agent is looking at', () => {
    move(number, ON);
    vi.advanceTimersByTime(100);
    document.body.dispatchEvent(new PointerEvent('pointerout', { bubbles: true }));
    vi.advanceTimersByTime(1_000);
    expect(button.target).toEqual({ e164: '+12125550123' });
  });

  it('forgets numbers that left the page', () => {
    number.remove();
    marks.sweep();
    move(document.body, ON);
    vi.advanceTimersByTime(500);
    expect(button.target).toBeUndefined();
  });
});

/** What the browser makes for the agent's real pointer; page scripts cannot set isTrusted. */
function trusted<E extends Event>(event: E): E {
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
}
