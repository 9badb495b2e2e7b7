/**
 * The panel renders the last known state at once from the snapshot the background keeps
 * (utils/background/panel-snapshot.ts), marked and with its controls disabled, then the live
 * state. The order is what is checked, never a time: the page records each state it renders.
 */
import type { Page } from '@playwright/test';
import { AGENT, expect, openPopup, signIn, test } from './fixtures';

interface Rendered {
  /** `snapshot` or `provisional` while the note is shown, `live` once it is gone. */
  phase: string;
  text: string;
  /** Every button and field inside a disabled fieldset. */
  allDisabled: boolean;
  signInForm: boolean;
}

/**
 * Records, in the page, each state the panel renders, from its first paint on. A string, so that
 * the test runner's transpiler adds no helper the page lacks.
 */
const RECORD_RENDERS = `(() => {
  const log = [];
  window.__renders = log;
  const record = () => {
    const main = document.querySelector('main:not([aria-busy])');
    if (!main) return;
    const note = document.querySelector('.sb-last-known');
    const phase = note ? 'last known: ' + note.textContent : 'live';
    if (log.length > 0 && log[log.length - 1].phase === phase) return;
    const controls = [...document.querySelectorAll('main button, main input, main select')];
    log.push({
      phase,
      text: main.textContent || '',
      allDisabled: controls.length > 0 && controls.every((c) => c.matches(':disabled')),
      signInForm: !!document.querySelector('main form input[type="password"]'),
    });
  };
  new MutationObserver(record).observe(document, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
  });
})()`;

const renders = (page: Page) =>
  page.evaluate(() => (window as unknown as { __renders: Rendered[] }).__renders);

test('after a sign-in, the popup opens on the agent’s last known state, then the live one', async ({
  ext,
  sim,
}) => {
  const first = await signIn(ext, sim);
  await expect(first.getByText('Ready', { exact: true }).first()).toBeVisible();
  await first.close();

  await ext.context.addInitScript(RECORD_RENDERS);
  // The worker busy for a few seconds, as one still waking would be: the snapshot, which the
  // popup reads from storage.session without it, comes first whatever the machine's load.
  const worker = await ext.serviceWorker();
  const busy = worker.evaluate(() => {
    const until = Date.now() + 4_000;
    while (Date.now() < until) {
      // Holding the worker's thread: no message is handled meanwhile.
    }
  });
  const popup = await openPopup(ext);
  await expect(popup.getByText('Last known state. Updating…')).toBeVisible();
  await expect(popup.getByRole('button', { name: 'Sign out' })).toBeDisabled();
  await busy;
  await expect(popup.getByText('Last known state. Updating…')).toBeHidden();
  await expect(popup.getByRole('button', { name: 'Sign out' })).toBeEnabled();

  const log = await renders(popup);
  expect(log.map((r) => r.phase)).toEqual(['last known: Last known state. Updating…', 'live']);
  const [snapshot, live] = log;
  // The agent's state, not the sign-in form, and nothing to act on until it is live.
  expect(snapshot).toMatchObject({ signInForm: false, allDisabled: true });
  expect(snapshot?.text).toContain(AGENT.username);
  expect(snapshot?.text).toContain('Ready');
  expect(live).toMatchObject({ signInForm: false, allDisabled: false });
  const firstPaint = await popup.evaluate(
    () =>
      (performance.getEntriesByName('switchboard:first-meaningful-paint')[0] as PerformanceMark)
        .detail,
  );
  expect(firstPaint).toEqual({ source: 'snapshot' });
});
