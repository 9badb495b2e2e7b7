/**
 * Stopping the extension's service worker the way Chrome does when it is idle. An idle worker is
 * not stopped while Playwright is attached, so stop it explicitly through the DevTools protocol.
 */
import type { ExtensionBrowser } from './chromium';

export async function stopServiceWorker(ext: ExtensionBrowser): Promise<void> {
  const page = ext.context.pages()[0] ?? (await ext.context.newPage());
  const cdp = await ext.context.newCDPSession(page);
  try {
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
  } finally {
    await cdp.detach();
  }
}
