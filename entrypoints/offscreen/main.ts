// The offscreen document that restarts a stopped background worker (utils/background/wake.ts)
// and plays the ring tone while a call rings (utils/background/ring.ts). Offscreen documents get
// only `chrome.runtime` of the extension APIs: a port is all it uses, plus Web Audio.
import { browser, type Browser } from 'wxt/browser';
import { obeyRingOrders, type RingFailed } from '../../utils/background/ring';
import { createTonePlayer } from '../../utils/background/ring-tone';
import { WAKE_PORT, watchWorker } from '../../utils/background/wake';

let port: Browser.runtime.Port | undefined;
const player = createTonePlayer({
  audioContext: () => new AudioContext(),
  // What the tone is doing, on the page itself: for DevTools and the end-to-end tests.
  report: (state) => void (document.documentElement.dataset.ring = state),
  failed: (reason) => {
    const message: RingFailed = { type: 'ring/failed', reason };
    try {
      port?.postMessage(message);
    } catch (error) {
      console.warn('[ring] the worker is gone', reason, error);
    }
  },
});
document.documentElement.dataset.ring = 'stopped';
const obey = obeyRingOrders(player);

watchWorker({
  connect: () => {
    const next = browser.runtime.connect({ name: WAKE_PORT });
    port = next;
    next.onMessage.addListener(obey);
    // No worker, no authority over the ring: silent until the restarted worker says otherwise.
    next.onDisconnect.addListener(() => player.stop());
    return next;
  },
  now: () => Date.now(),
  setTimeout: (callback, ms) => void setTimeout(callback, ms),
  log: (message, error) => console.warn(`[wake] ${message}`, error),
});
