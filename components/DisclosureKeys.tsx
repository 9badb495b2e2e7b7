/**
 * Keyboard behaviour of the panel's small forms, the ones a button opens below itself (Transfer,
 * Keypad, Add call data, Schedule a callback…: a button with `aria-expanded` and
 * `aria-controls`). Escape inside such a form closes it, as the button would, and focus goes back
 * to that button; and when the form closes any other way (Close, a command sent) while focus was
 * in it, focus goes back to the button too, instead of falling to the top of the page.
 *
 * One listener for the whole panel, mounted once (Panel.tsx), so that every form opened this way
 * behaves alike without each one handling keys of its own.
 */
import { useEffect } from 'preact/hooks';

/** The region holding `el` that an expanded button controls, and that button. */
function disclosureOf(el: Element | null): { opener: HTMLElement; region: Element } | undefined {
  for (let node = el; node; node = node.parentElement) {
    if (!node.id) continue;
    const opener = document.querySelector<HTMLElement>(
      `[aria-expanded="true"][aria-controls="${CSS.escape(node.id)}"]`,
    );
    if (opener) return { opener, region: node };
  }
  return undefined;
}

export function DisclosureKeys() {
  useEffect(() => {
    /** The form focus was last in, while it is open. */
    let inside: ReturnType<typeof disclosureOf>;
    const onFocusIn = (event: FocusEvent) => {
      inside = disclosureOf(event.target as Element);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      // A control that handles Escape itself (an open list) has it first.
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      const open = disclosureOf(document.activeElement);
      if (!open) return;
      event.preventDefault();
      open.opener.click();
      open.opener.focus();
    };
    // A form that went away with focus in it leaves focus nowhere: give it to its button.
    const observer = new MutationObserver(() => {
      if (!inside || inside.region.isConnected) return;
      const { opener } = inside;
      inside = undefined;
      const lost = !document.activeElement || document.activeElement === document.body;
      if (lost && opener.isConnected) opener.focus();
    });
    observer.observe(document.body, { childList: true, subtree: true });
    document.addEventListener('focusin', onFocusIn);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      observer.disconnect();
      document.removeEventListener('focusin', onFocusIn);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, []);
  return null;
}
