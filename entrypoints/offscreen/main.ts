// The offscreen document that restarts a stopped background worker (utils/background/wake.ts).
// Offscreen documents get only `chrome.runtime` of the extension APIs: a port is all it uses.
import { browser } from 'wxt/browser';
import { WAKE_PORT, watchWorker } from '../../utils/background/wake';

watchWorker({
  connect: () => browser.runtime.connect({ name: WAKE_PORT }),
  now: () => Date.now(),
  setTimeout: (callback, ms) => void setTimeout(callback, ms),
  log: (message, error) => console.warn(`[wake] ${message}`, error),
});
