/**
 * Stopping the extension's service worker the way Chrome does when it is idle. An idle worker is
 * not stopped while Playwright is attached, so stop it from chrome://serviceworker-internals
 * (PRACTICES.md) and wait until that page reports it stopped, or until the worker is gone: the
 * extension's offscreen document may start it again before the page shows STOPPED.
 */
import type { ExtensionBrowser } from './chromium';

/** Resolves with the time (Date.now()) the Stop button was clicked, for benchmarks. */
export async function stopServiceWorker(ext: ExtensionBrowser): Promise<number> {
  const worker = await ext.serviceWorker();
  const gone = new Promise<void>((resolve) => worker.once('close', () => resolve()));
  const page = await ext.context.newPage();
  try {
    await page.goto('chrome://serviceworker-internals/');
    const registration = page
      .locator('.serviceworker-registration')
      .filter({ hasText: `chrome-extension://${ext.extensionId}/` });
    await registration.getByText('Running Status: RUNNING').waitFor();
    const stop = registration.getByText('Stop', { exact: true });
    await stop.waitFor();
    const clickedAt = Date.now();
    await stop.click();
    await Promise.race([gone, registration.getByText('Running Status: STOPPED').waitFor()]);
    return clickedAt;
  } finally {
    await page.close();
  }
}
