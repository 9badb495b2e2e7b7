/**
 * Tiny DOM queries for component tests (@testing-library is not a dependency). They find
 * elements the way a user or a screen reader would: by label text and accessible name.
 */
import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';
import { loadCommandCheck } from '../../utils/ui/agent-tools';

// A panel loads its command check once it has painted (utils/ui/agent-tools.ts), long before an
// agent can submit a form; tests submit at once, so the check is loaded before any of them, as it
// would be. utils/ui/agent-tools.test.ts covers a check asked for before it has loaded.
await loadCommandCheck();

export function mount(ui: ComponentChild): { container: HTMLElement; unmount(): void } {
  const container = document.createElement('div');
  document.body.append(container);
  act(() => render(ui, container));
  return {
    container,
    unmount() {
      act(() => render(null, container));
      container.remove();
    },
  };
}

const text = (el: Element | null | undefined) =>
  (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The accessible name of a button: aria-label, else its text. */
export const nameOf = (el: Element): string => el.getAttribute('aria-label') ?? text(el);

export function buttons(root: ParentNode): HTMLButtonElement[] {
  return [...root.querySelectorAll('button')];
}

export function button(root: ParentNode, name: string): HTMLButtonElement {
  const found = buttons(root).filter((b) => nameOf(b) === name);
  if (found.length !== 1) throw new Error(`Expected one button "${name}", found ${found.length}`);
  return found[0]!;
}

export const queryButton = (root: ParentNode, name: string): HTMLButtonElement | undefined =>
  buttons(root).find((b) => nameOf(b) === name);

/** The control a <label> with exactly this text names (by `for` or by wrapping it), or by aria-label. */
export function labelled<T extends HTMLElement = HTMLInputElement>(
  root: ParentNode,
  name: string,
): T {
  const label = [...root.querySelectorAll('label')].find((l) => text(l) === name);
  // Mounted containers are attached to the document, so ids resolve there.
  const control = label?.htmlFor
    ? document.getElementById(label.htmlFor)
    : (label?.querySelector('input, select, textarea') ??
      root.querySelector(`[aria-label="${name}"]`));
  if (!control) throw new Error(`No control labelled "${name}"`);
  return control as T;
}

export const alerts = (root: ParentNode): string[] =>
  [...root.querySelectorAll('[role="alert"]')].map(text);

export function click(el: HTMLElement): void {
  act(() => el.click());
}

/** Types into an input the way Preact listens for it (input event). */
export function type(el: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  act(() => {
    el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export function choose(el: HTMLSelectElement, value: string): void {
  act(() => {
    el.value = value;
    el.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

export function submit(form: HTMLFormElement | null): void {
  if (!form) throw new Error('No form');
  act(() => {
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
}

/** Let pending promises (connector replies) settle and Preact re-render. */
export async function settle(): Promise<void> {
  await act(async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
    await new Promise((r) => setTimeout(r, 0));
  });
}

export { text };
