/**
 * The marks a view sets on its own timeline (`performance.mark`), read back by the first-paint
 * benchmark (tests/bench/panel.ts, `npm run bench:panel`):
 *
 * - `FIRST_PAINT_MARK`: the first render of real content, the sign-in form or the agent's state,
 *   whether it came from the snapshot or from the background (the options page: its settings
 *   form, source `form`).
 * - `LIVE_STATE_MARK`: the first render of the state the background sent (panels only).
 *
 * Each is set once per page load; `detail` says where the content came from.
 */
export const FIRST_PAINT_MARK = 'switchboard:first-meaningful-paint';
export const LIVE_STATE_MARK = 'switchboard:live-state';

export type PaintSource = 'live' | 'snapshot' | 'provisional' | 'form';

export function markOnce(name: string, source: PaintSource): void {
  if (performance.getEntriesByName(name, 'mark').length > 0) return;
  performance.mark(name, { detail: { source } });
}

/**
 * Sets `FIRST_PAINT_MARK` once an element matching `selector` is in the page (checked as the DOM
 * changes, before the browser paints it): for pages whose content comes from a component that
 * does not say when it rendered.
 */
export function markWhenShown(selector: string, source: PaintSource): void {
  const observer = new MutationObserver(() => check());
  const check = () => {
    if (!document.querySelector(selector)) return;
    observer.disconnect();
    markOnce(FIRST_PAINT_MARK, source);
  };
  observer.observe(document, { childList: true, subtree: true });
  check();
}
