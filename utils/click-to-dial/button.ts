/**
 * The "Call" button shown next to a number. It lives in a closed shadow root so that the page can
 * neither read nor drive it, and it dials only on a trusted click (DESIGN.md "Security rules"):
 * a page script can dispatch clicks on the host, focus it or post messages, but none of that
 * carries `isTrusted`, and none of it reaches the inner button.
 *
 * No custom element class is defined: `customElements` is null in Chrome content scripts, and a
 * valid custom-element name with `attachShadow` is all we need.
 */
import type { ContentMessage } from '../message-checks';
import type { DialTarget } from '../phone/dial-policy';
import {
  BUTTON_TAG,
  createButtonView,
  showsStatus,
  type ButtonView,
  type Phase,
} from './button-view';
import type { Timers } from './timers';

export { BUTTON_TAG };

export type { DialTarget };

export interface CallButtonOptions {
  doc: Document;
  signal: AbortSignal;
  timers: Timers;
  /** Sends the dial request; the background answers with a `Reply`. */
  dial(message: ContentMessage): Promise<unknown>;
  /** True when this number needs a second click (settings `confirmInternational`). */
  needsConfirm(e164: string): boolean;
  onPointerEnter(): void;
  onPointerLeave(): void;
  /** Tab or Shift+Tab on the button: focus goes back to what it was reached from. */
  onTabOut(): void;
}

export interface CallButton {
  /**
   * `written` is the number as the page writes it ("01 23 45 67 89"): the button's label keeps
   * its grouping ("Call +33 1 23 45 67 89").
   */
  show(target: DialTarget, anchor: DOMRectReadOnly, written?: string): void;
  /**
   * Shows the button already in its confirm state, with the keyboard focus, for a number the
   * agent chose another way (context menu, keyboard command, a tel: link): their next trusted
   * click or Enter on it dials. It replaces whatever the button showed. False when it cannot
   * be shown.
   */
  confirm(target: DialTarget, anchor: DOMRectReadOnly, written?: string): boolean;
  /**
   * Dials at once and shows the progress by `anchor`. Only for a trusted click the caller has
   * checked itself (a tel: link); the button's own click goes through `show`. A call still
   * being placed goes on, but its result is no longer shown.
   */
  call(target: DialTarget, anchor: DOMRectReadOnly): void;
  hide(): void;
  /** The number the button is shown for, if it is shown. */
  readonly target: DialTarget | undefined;
  /** Calling, or showing a result: hover must neither move nor hide it. */
  readonly busy: boolean;
  owns(node: EventTarget | null): boolean;
  hasFocus(): boolean;
  focus(): void;
  /** The closed shadow root, for this module's tests; the page never sees this object. */
  readonly shadow: ShadowRoot;
}

const DONE_MS = 1_500;
const ERROR_MS = 4_000;
const MAX_ERROR_LENGTH = 200;

export function createCallButton(options: CallButtonOptions): CallButton {
  const { doc, signal, timers } = options;
  const view = createButtonView(doc);
  const { host, shadow, button } = view;

  let target: DialTarget | undefined;
  let phase: Phase = 'idle';
  let anchor: DOMRectReadOnly | undefined;
  let written: string | undefined;
  let cancelHide: (() => void) | undefined;

  listen(view, options, onClick);
  signal.addEventListener('abort', () => host.remove());

  function onClick(event: MouseEvent): void {
    event.stopPropagation();
    // The one gate between the page and a phone call: only the agent's own click gets past.
    if (!event.isTrusted || !target || phase === 'calling' || phase === 'done' || signal.aborted)
      return;
    // Something rewrote the host's style, e.g. to slide it under the pointer: no call.
    if (!view.untouched()) return;
    if (phase !== 'confirm' && options.needsConfirm(target.e164)) {
      phase = 'confirm';
      render();
      return;
    }
    void call(target);
  }

  async function call(number: DialTarget): Promise<void> {
    phase = 'calling';
    setStatus('Calling…', false);
    const message: ContentMessage = { type: 'content/dial', e164: number.e164 };
    if (number.extension) message.extension = number.extension;
    let reply: unknown;
    try {
      reply = await options.dial(message);
    } catch {
      reply = { ok: false, error: 'Switchboard is not available. Reload the page and try again.' };
    }
    if (signal.aborted || target !== number) return;
    const error = replyError(reply);
    const waiting = pendingText(reply);
    phase = error === undefined ? 'done' : 'error';
    setStatus(error ?? waiting ?? 'Calling…', error !== undefined);
    cancelHide?.();
    cancelHide = timers.timeout(hide, error === undefined && !waiting ? DONE_MS : ERROR_MS);
  }

  function setStatus(text: string, isError: boolean): void {
    view.setStatus(text, isError);
    render();
  }

  function render(): void {
    if (target) view.render(target, written, phase, anchor);
  }

  function hide(): void {
    cancelHide?.();
    cancelHide = undefined;
    target = undefined;
    anchor = undefined;
    phase = 'idle';
    host.remove();
  }

  function open(next: DialTarget, rect: DOMRectReadOnly, as?: string): void {
    cancelHide?.();
    cancelHide = undefined;
    const same = target?.e164 === next.e164 && target.extension === next.extension;
    if (!same) phase = 'idle';
    target = next;
    anchor = rect;
    written = as;
  }

  return {
    show(next, rect, as) {
      if (signal.aborted) return;
      open(next, rect, as);
      render();
    },
    confirm(next, rect, as) {
      if (signal.aborted) return false;
      open(next, rect, as);
      phase = 'confirm';
      render();
      button.focus();
      return host.isConnected;
    },
    call(next, rect) {
      if (signal.aborted) return;
      open(next, rect);
      void call(next);
    },
    hide,
    get target() {
      return target;
    },
    get busy() {
      return showsStatus(phase);
    },
    owns: (node) => node === host,
    hasFocus: () => shadow.activeElement !== null,
    focus: () => button.focus(),
    shadow,
  };
}

/**
 * The button's listeners, in one place so that the factory reads as the dialling it does: the
 * page keeps its focus, Tab goes back, and only the agent's pointer reaches the hover logic.
 */
function listen(
  { host, button }: ButtonView,
  options: CallButtonOptions,
  onClick: (event: MouseEvent) => void,
): void {
  const { signal } = options;
  // Keep the page's focus where it is (a CRM form field, say) when the agent clicks the button.
  button.addEventListener('mousedown', (event) => event.preventDefault(), { signal });
  button.addEventListener('click', onClick, { signal });
  button.addEventListener(
    'keydown',
    (event) => {
      if (event.key !== 'Tab') return;
      event.preventDefault();
      options.onTabOut();
    },
    { signal },
  );
  // Only the agent's pointer moves the hover logic: a page's forged pointerenter could otherwise
  // pin the button in place (it could never dial, but it could keep it from following the agent).
  host.addEventListener('pointerenter', (e) => e.isTrusted && options.onPointerEnter(), { signal });
  host.addEventListener('pointerleave', (e) => e.isTrusted && options.onPointerLeave(), { signal });
}

/**
 * What the agent must do when the background waits for their yes on a surface the page cannot
 * script (`DialPending`); undefined when the call started.
 */
function pendingText(reply: unknown): string | undefined {
  const value = (reply as { value?: { confirm?: unknown } } | undefined)?.value;
  if (value?.confirm === 'notification') return 'Confirm the call in Switchboard’s notification';
  if (value?.confirm === 'panel') return 'Confirm the call in the Switchboard panel';
  return undefined;
}

/** The error text of a failed `Reply`, or undefined for `{ ok: true }`. */
function replyError(reply: unknown): string | undefined {
  if (typeof reply === 'object' && reply !== null && 'ok' in reply) {
    if (reply.ok === true) return undefined;
    if ('error' in reply && typeof reply.error === 'string' && reply.error.trim()) {
      return reply.error.trim().slice(0, MAX_ERROR_LENGTH);
    }
  }
  return 'The call could not be started.';
}
