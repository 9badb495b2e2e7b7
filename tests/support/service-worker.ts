/**
 * Stopping the extension's service worker the way Chrome does when it is idle. An idle worker is
 * not stopped while Playwright is attached, so stop it from chrome://serviceworker-internals
 * (PRACTICES.md) and wait until that page has shown it stopped. The extension's offscreen document
 * may start it again within milliseconds, so a MutationObserver records the status as the page
 * renders it: a STOPPED shown only briefly still counts.
 */
import type { ExtensionBrowser } from './chromium';

interface StopWatch {
  __switchboardCheck?: () => boolean;
}

/**
 * Page code that sets `window.__switchboardCheck()`: true once the registration of `scope` has
 * shown STOPPED or a new renderer thread (stopped and started again). A string, so that the test
 * runner's transpiler adds no helper the page lacks.
 */
function watchForStop(scope: string): string {
  return `(() => {
    const scope = ${JSON.stringify(scope)};
    const thread = /Renderer thread ID:\\s*(-?\\d+)/;
    const text = () =>
      [...document.querySelectorAll('.serviceworker-registration')]
        .map((element) => element.textContent || '')
        .find((t) => t.includes(scope)) || '';
    const first = (thread.exec(text()) || [])[1];
    let stopped = false;
    window.__switchboardCheck = () => {
      const now = text();
      if (/Running Status:\\s*STOPPED/.test(now) || (thread.exec(now) || [])[1] !== first)
        stopped = true;
      return stopped;
    };
    new MutationObserver(() => window.__switchboardCheck()).observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  })()`;
}

/** Resolves with the time (Date.now()) the Stop button was clicked, for benchmarks. */
export async function stopServiceWorker(ext: ExtensionBrowser): Promise<number> {
  const page = await ext.context.newPage();
  try {
    await page.goto('chrome://serviceworker-internals/');
    const scope = `chrome-extension://${ext.extensionId}/`;
    const registration = page.locator('.serviceworker-registration').filter({ hasText: scope });
    await registration.getByText('Running Status: RUNNING').waitFor();
    await page.evaluate(watchForStop(scope));
    const stop = registration.getByText('Stop', { exact: true });
    await stop.waitFor();
    const clickedAt = Date.now();
    await stop.click();
    await page.waitForFunction(() => (window as StopWatch).__switchboardCheck?.() === true);
    return clickedAt;
  } finally {
    await page.close();
  }
}

interface ChromeAlarms {
  chrome: {
    alarms: {
      getAll(): Promise<{ name: string; periodInMinutes?: number }[]>;
      create(name: string, info: { periodInMinutes?: number }): Promise<void>;
    };
  };
}

/**
 * Start every repeating alarm's period again from now, the watchdog's included: its next firing
 * is then a whole period (30 s) away, so only something else can bring a stopped worker back
 * sooner.
 */
export async function restartAlarms(ext: ExtensionBrowser): Promise<void> {
  await (
    await ext.serviceWorker()
  ).evaluate(async () => {
    const { alarms } = (globalThis as unknown as ChromeAlarms).chrome;
    for (const alarm of await alarms.getAll()) {
      if (alarm.periodInMinutes !== undefined)
        await alarms.create(alarm.name, { periodInMinutes: alarm.periodInMinutes });
    }
  });
}
