/**
 * The keyboard's way to the Call button, apart from the pointer's (hover.ts): a marked link or
 * phone field that takes the focus shows the button; Tab from it jumps to the button, which sits
 * at the end of the document; Tab or Shift+Tab on the button comes back; Escape hides it.
 */
import type { CallButton } from './button';
import type { Mark, Marks } from './marks';

export interface FocusOptions {
  doc: Document;
  signal: AbortSignal;
  marks: Pick<Marks, 'near'>;
  button: CallButton;
  /** Shows the button for `mark` now, with any pending show or hide called off. */
  show(mark: Mark): void;
  /** Hides the button now. */
  hide(): void;
}

export interface FocusTracking {
  /** True while the link or field the button serves has the focus: the button stays. */
  anchorFocused(): boolean;
  /** The button had focus and the agent pressed Tab or Shift+Tab: back to what it serves. */
  returnFocus(): void;
}

/** Keyboard agents get the button too, without the pointer ever resting on a number. */
export function trackFocus(options: FocusOptions): FocusTracking {
  const { doc, signal, marks, button } = options;
  const listen = { capture: true, passive: true, signal };
  let focusAnchor: HTMLElement | undefined;
  let passNextTab = false;

  doc.addEventListener('keydown', onKeyDown, { capture: true, signal });
  doc.addEventListener('focusin', onFocusIn, listen);
  // Typing in the focused phone field makes its number a draft: the scan unmarks it, and the
  // button, which still names the old number, goes at once.
  doc.addEventListener(
    'input',
    (event) => {
      if (focusAnchor && event.composedPath()[0] === focusAnchor && !button.busy) options.hide();
    },
    listen,
  );

  function onFocusIn(event: FocusEvent): void {
    const target = event.composedPath()[0] ?? null;
    if (button.owns(target) || button.hasFocus()) return;
    if (!(target instanceof HTMLElement)) {
      focusAnchor = undefined;
      return;
    }
    // A page can dispatch a focusin on any element; only the one that really has the focus
    // (the agent's Tab, or the page's own focus(), which moves the real caret) shows the button.
    if (!event.isTrusted && !holdsFocus(doc, target)) return;
    // A link or field mark belongs to the element itself; text marks have no focus of their own.
    const own = marks
      .near(target)
      .find((mark) => mark.hit.kind !== 'text' && mark.hit.element === target);
    if (!own) {
      focusAnchor = undefined;
      return;
    }
    focusAnchor = target;
    options.show(own);
  }

  function onKeyDown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && button.target) {
      const hadFocus = button.hasFocus();
      options.hide();
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

  return {
    anchorFocused: () => focusAnchor !== undefined && doc.activeElement === focusAnchor,
    returnFocus() {
      if (!focusAnchor) return;
      passNextTab = true;
      focusAnchor.focus();
    },
  };
}

/** True when `element` is the focused element, looked up through open shadow roots. */
function holdsFocus(doc: Document, element: HTMLElement): boolean {
  let active: Element | null = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active === element;
}
