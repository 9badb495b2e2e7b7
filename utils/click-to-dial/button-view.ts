/**
 * What the Call button looks like and where it sits, apart from what it does (button.ts): a host
 * with a closed shadow root that holds the inner button and a status line, placed beside the
 * number with inline `!important` styles that no page style sheet outranks.
 */
import type { DialTarget } from '../phone/dial-policy';
import { formatAsWritten } from '../phone/light';

export const BUTTON_TAG = 'switchboard-call-button';

export type Phase = 'idle' | 'confirm' | 'calling' | 'done' | 'error';

export interface ButtonView {
  readonly host: HTMLElement;
  readonly shadow: ShadowRoot;
  readonly button: HTMLButtonElement;
  /** Labels the button for `phase`, or shows the status instead, then places the host. */
  render(
    target: DialTarget,
    written: string | undefined,
    phase: Phase,
    anchor: DOMRectReadOnly | undefined,
  ): void;
  /** Sets the status line's text; it shows on the next `render` of a busy phase. */
  setStatus(text: string, isError: boolean): void;
  /** False when something rewrote the host's style, e.g. to slide it under the pointer. */
  untouched(): boolean;
}

const GAP_PX = 6;
const MARGIN_PX = 4;

const STYLE = `
.wrap { display: inline-flex; width: max-content; font: 600 12px/16px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
button { all: unset; box-sizing: border-box; display: inline-flex; align-items: center; padding: 4px 10px; border-radius: 12px;
  background: #1a73e8; color: #fff; cursor: pointer; white-space: nowrap; box-shadow: 0 1px 3px rgba(0, 0, 0, 0.35); }
button:hover { background: #1765cc; }
button:focus-visible { outline: 2px solid #0b57d0; outline-offset: 2px; }
button.confirm { background: #e37400; }
.status { display: inline-block; max-width: 320px; padding: 4px 10px; border-radius: 12px; background: #202124; color: #fff;
  box-shadow: 0 1px 3px rgba(0, 0, 0, 0.35); overflow-wrap: anywhere; }
.status.error { background: #b3261e; }
[hidden] { display: none !important; }
`;

/** Calling, or showing a result: the status line stands in for the button. */
export function showsStatus(phase: Phase): boolean {
  return phase === 'calling' || phase === 'done' || phase === 'error';
}

/** Builds the host and its closed shadow root once; `render` then only relabels and moves it. */
export function createButtonView(doc: Document): ButtonView {
  const host = doc.createElement(BUTTON_TAG);
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = STYLE;
  const wrap = doc.createElement('div');
  wrap.className = 'wrap';
  const button = doc.createElement('button');
  button.type = 'button';
  const status = doc.createElement('span');
  status.className = 'status';
  status.setAttribute('role', 'status');
  status.hidden = true;
  wrap.append(button, status);
  shadow.append(style, wrap);

  // The style the host was last placed with: anything else on it was written by someone else.
  let hostStyle = '';

  return {
    host,
    shadow,
    button,
    render(target, written, phase, anchor) {
      const spoken =
        formatAsWritten(target.e164, written, target.extension) +
        (target.extension ? ` ext. ${target.extension}` : '');
      const confirming = phase === 'confirm';
      button.textContent = confirming ? 'Confirm' : 'Call';
      button.classList.toggle('confirm', confirming);
      button.setAttribute(
        'aria-label',
        confirming ? `Confirm call to ${spoken}` : `Call ${spoken}`,
      );
      button.title = confirming ? `Confirm call to ${spoken}` : `Call ${spoken}`;
      const showStatus = showsStatus(phase);
      button.hidden = showStatus;
      status.hidden = !showStatus;
      if (anchor) hostStyle = place(doc, host, wrap, anchor);
    },
    setStatus(text, isError) {
      status.textContent = text;
      status.classList.toggle('error', isError);
    },
    untouched: () => host.isConnected && host.getAttribute('style') === hostStyle,
  };
}

/**
 * Sizes the host to its content and puts it beside the number, inside the viewport. Returns the
 * style it gave the host.
 */
function place(
  doc: Document,
  host: HTMLElement,
  wrap: HTMLElement,
  anchor: DOMRectReadOnly,
): string {
  if (!host.isConnected) {
    // Measured off-screen first, so that it never takes part in the page's own layout.
    host.setAttribute(
      'style',
      'all: initial !important; position: fixed !important; visibility: hidden !important;',
    );
    doc.documentElement.append(host);
  }
  const box = wrap.getBoundingClientRect();
  const width = Math.ceil(box.width);
  const height = Math.ceil(box.height);
  const view = doc.defaultView;
  const viewWidth = view?.innerWidth ?? width;
  const viewHeight = view?.innerHeight ?? height;
  let left = anchor.right + GAP_PX;
  if (left + width > viewWidth - MARGIN_PX)
    left = Math.max(MARGIN_PX, anchor.left - GAP_PX - width);
  const top = Math.min(
    Math.max(MARGIN_PX, anchor.top + (anchor.height - height) / 2),
    viewHeight - height - MARGIN_PX,
  );
  // `all: initial !important` inline outranks every page style sheet, !important ones included.
  const hostStyle =
    'all: initial !important; position: fixed !important; z-index: 2147483647 !important; ' +
    'display: block !important; ' +
    `top: ${Math.round(Math.max(0, top))}px !important; left: ${Math.round(left)}px !important; ` +
    `width: ${width}px !important; height: ${height}px !important;`;
  host.setAttribute('style', hostStyle);
  return hostStyle;
}
