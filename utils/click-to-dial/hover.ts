/**
 * When to show the Call button and where: while the pointer rests on a marked number, or while a
 * marked link or phone field has the keyboard focus. It goes away when the pointer has left both the number and
 * the button for a moment, on any scroll, and on Escape.
 *
 * Hit-testing is in hover-hit.ts, the keyboard's side (focus, Tab, Escape) in hover-focus.ts.
 *
 * Only the agent drives it: pointer events a page script dispatches (`isTrusted` false) are
 * ignored, so no page can make the button appear, move or stay; a forged `focusin` counts only
 * for the element that really has the focus (hover-focus.ts).
 */
import { writtenForm } from '../phone/scan';
import type { CallButton } from './button';
import { trackFocus } from './hover-focus';
import { markAt, pointerRect } from './hover-hit';
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
  let pending: { mark: Mark; cancel: () => void } | undefined;
  let cancelHide: (() => void) | undefined;
  let framePending = false;

  doc.addEventListener(
    'pointermove',
    (event) => {
      if (!event.isTrusted) return;
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
    (event) => event.isTrusted && event.relatedTarget === null && scheduleHide(),
    listen,
  );
  // Any scroller, the page's or an inner one: the button would float away from its number.
  doc.addEventListener('scroll', () => hideNow(), listen);
  doc.defaultView?.addEventListener('resize', () => hideNow(), listen);
  const keyboard = trackFocus({
    doc,
    signal,
    marks,
    button,
    show(mark) {
      stopHide();
      cancelPending();
      show(mark);
    },
    hide: hideNow,
  });
  doc.addEventListener('focusout', () => scheduleHide(), listen);

  function evaluate(): void {
    if (button.busy) return;
    // A button removed under the pointer (a rescan hid it) never hears pointerleave.
    if (!button.target) overButton = false;
    if (overButton || button.owns(under)) {
      cancelPending();
      stopHide();
      return;
    }
    const mark = under instanceof Element ? markAt(marks, under, x, y) : undefined;
    if (!mark) {
      cancelPending();
      if (button.target) scheduleHide();
      return;
    }
    stopHide();
    // `shown` outlives the button when it hid itself after a call: then it may show again.
    if ((mark === shown && button.target) || mark === pending?.mark) return;
    cancelPending();
    pending = { mark, cancel: timers.timeout(() => show(mark, pointerRect(mark, x, y)), restMs) };
  }

  function show(mark: Mark, rect?: DOMRect): void {
    pending = undefined;
    shown = mark;
    showBeside(button, mark, rect);
  }

  function scheduleHide(): void {
    if (cancelHide || !button.target) return;
    cancelHide = timers.timeout(() => {
      cancelHide = undefined;
      if (overButton || button.hasFocus() || button.busy) return;
      if (keyboard.anchorFocused()) return;
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
    returnFocus: keyboard.returnFocus,
  };
}

/** Shows the button for `mark` beside `rect` (where the pointer is), or else its last line. */
function showBeside(button: CallButton, mark: Mark, rect: DOMRect | undefined): void {
  const rects = mark.range.getClientRects();
  const anchor = rect ?? rects[rects.length - 1] ?? mark.range.getBoundingClientRect();
  button.show(
    { e164: mark.hit.e164, ...(mark.hit.extension ? { extension: mark.hit.extension } : {}) },
    anchor,
    writtenForm(mark.hit),
  );
}
