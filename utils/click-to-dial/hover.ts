/**
 * When to show the Call button and where: while the pointer rests on a marked number, or while a
 * marked link or phone field has the keyboard focus. It goes away when the pointer has left both the number and
 * the button for a moment, on any scroll, and on Escape.
 *
 * Hit-testing uses the marks' own ranges (`getClientRects`) for the element under the pointer:
 * it works inside open shadow roots, where caret-from-point APIs stop at the host.
 */
import { writtenForm } from '../phone/scan';
import type { CallButton } from './button';
import type { Mark, Marks } from './marks';
import type { Timers } from './timers';

export interface HoverOptions {
  doc: Document;
  signal: AbortSignal;
  timers: Timers;
  marks: Marks;
  button: CallButton;
  /** How long the pointer rests on a number before the button shows. */
  restMs?: number;
  /** How long the pointer may be away from number and button before it hides. */
  leaveMs?: number;
}

export interface Hover {
  /** The button reports the pointer entering and leaving it (its shadow root is closed). */
  buttonEntered(): void;
  buttonLeft(): void;
  /** The button had focus and the agent pressed Tab or Shift+Tab: back to what it serves. */
  returnFocus(): void;
}

const REST_MS = 120;
const LEAVE_MS = 350;
// Rects are fractional and a pointer on the edge of a glyph is still "on" it.
const SLOP_PX = 1;

export function createHover(options: HoverOptions): Hover {
  const { doc, signal, timers, marks, button } = options;
  const restMs = options.restMs ?? REST_MS;
  const leaveMs = options.leaveMs ?? LEAVE_MS;
  const listen = { capture: true, passive: true, signal };

  let x = 0;
  let y = 0;
  let under: EventTarget | null = null;
  let overButton = false;
  let shown: Mark | undefined;
  let focusAnchor: HTMLElement | undefined;
  let passNextTab = false;
  let pending: { mark: Mark; cancel: () => void } | undefined;
  let cancelHide: (() => void) | undefined;
  let framePending = false;

  doc.addEventListener(
    'pointermove',
    (event) => {
      x = event.clientX;
      y = event.clientY;
      under = event.composedPath()[0] ?? null;
      // One evaluation per frame however fast the pointer events come.
      if (framePending) return;
      framePending = true;
      timers.frame(() => {
        framePending = false;
        evaluate();
      });
    },
    listen,
  );
  doc.addEventListener(
    'pointerout',
    (event) => event.relatedTarget === null && scheduleHide(),
    listen,
  );
  // Any scroller, the page's or an inner one: the button would float away from its number.
  doc.addEventListener('scroll', () => hideNow(), listen);
  doc.defaultView?.addEventListener('resize', () => hideNow(), listen);
  doc.addEventListener('keydown', onKeyDown, { capture: true, signal });
  doc.addEventListener('focusin', onFocusIn, listen);
  doc.addEventListener('focusout', () => scheduleHide(), listen);
  // Typing in the focused phone field makes its number a draft: the scan unmarks it, and the
  // button, which still names the old number, goes at once.
  doc.addEventListener(
    'input',
    (event) => {
      if (focusAnchor && event.composedPath()[0] === focusAnchor && !button.busy) hideNow();
    },
    listen,
  );

  function evaluate(): void {
    if (button.busy) return;
    // A button removed under the pointer (a rescan hid it) never hears pointerleave.
    if (!button.target) overButton = false;
    if (overButton || button.owns(under)) {
      cancelPending();
      stopHide();
      return;
    }
    const mark = under instanceof Element ? markAt(under) : undefined;
    if (!mark) {
      cancelPending();
      if (button.target) scheduleHide();
      return;
    }
    stopHide();
    // `shown` outlives the button when it hid itself after a call: then it may show again.
    if ((mark === shown && button.target) || mark === pending?.mark) return;
    cancelPending();
    pending = { mark, cancel: timers.timeout(() => show(mark, pointerRect(mark)), restMs) };
  }

  function markAt(element: Element): Mark | undefined {
    const near = marks.near(element);
    const onText = near.find((mark) => pointerRect(mark) !== undefined);
    if (onText || near.length !== 1) return onText;
    // A field that holds nothing but the number (a table cell, a <dd>) is one target as a whole:
    // CRMs lay such fields out much wider than their text.
    const [only] = near;
    if (
      only &&
      element.textContent?.trim() === only.range.toString().trim() &&
      inside(element.getBoundingClientRect())
    ) {
      return only;
    }
    return undefined;
  }

  function inside(rect: DOMRectReadOnly): boolean {
    return (
      x >= rect.left - SLOP_PX &&
      x <= rect.right + SLOP_PX &&
      y >= rect.top - SLOP_PX &&
      y <= rect.bottom + SLOP_PX
    );
  }

  function pointerRect(mark: Mark): DOMRect | undefined {
    for (const rect of mark.range.getClientRects()) {
      if (inside(rect)) return rect;
    }
    return undefined;
  }

  function show(mark: Mark, rect?: DOMRect): void {
    pending = undefined;
    const rects = mark.range.getClientRects();
    const anchor = rect ?? rects[rects.length - 1] ?? mark.range.getBoundingClientRect();
    shown = mark;
    button.show(
      { e164: mark.hit.e164, ...(mark.hit.extension ? { extension: mark.hit.extension } : {}) },
      anchor,
      writtenForm(mark.hit),
    );
  }

  function onFocusIn(event: FocusEvent): void {
    const target = event.composedPath()[0] ?? null;
    if (button.owns(target) || button.hasFocus()) return;
    if (!(target instanceof HTMLElement)) {
      focusAnchor = undefined;
      return;
    }
    // A link or field mark belongs to the element itself; text marks have no focus of their own.
    const own = marks
      .near(target)
      .find((mark) => mark.hit.kind !== 'text' && mark.hit.element === target);
    if (!own) {
      focusAnchor = undefined;
      return;
    }
    focusAnchor = target;
    stopHide();
    cancelPending();
    show(own);
  }

  function onKeyDown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && button.target) {
      const hadFocus = button.hasFocus();
      hideNow();
      if (hadFocus) focusAnchor?.focus();
      return;
    }
    // The host sits at the end of the document; Tab from the link or field it serves jumps to it.
    if (event.key !== 'Tab' || event.shiftKey || !focusAnchor || !button.target) return;
    if (event.composedPath()[0] !== focusAnchor) return;
    if (passNextTab) {
      passNextTab = false;
      return;
    }
    event.preventDefault();
    button.focus();
  }

  function scheduleHide(): void {
    if (cancelHide || !button.target) return;
    cancelHide = timers.timeout(() => {
      cancelHide = undefined;
      if (overButton || button.hasFocus() || button.busy) return;
      if (focusAnchor && doc.activeElement === focusAnchor) return;
      hideNow();
    }, leaveMs);
  }

  function stopHide(): void {
    cancelHide?.();
    cancelHide = undefined;
  }

  function cancelPending(): void {
    pending?.cancel();
    pending = undefined;
  }

  function hideNow(): void {
    cancelPending();
    stopHide();
    shown = undefined;
    if (button.target) button.hide();
  }

  return {
    buttonEntered() {
      overButton = true;
      stopHide();
    },
    buttonLeft() {
      overButton = false;
      scheduleHide();
    },
    returnFocus() {
      if (!focusAnchor) return;
      passNextTab = true;
      focusAnchor.focus();
    },
  };
}
