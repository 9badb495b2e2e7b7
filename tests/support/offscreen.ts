/**
 * Reading the extension's offscreen document (utils/background/wake.ts) from a test. Playwright
 * lists no offscreen document among its pages (Chromium reports it as a `background_page`
 * target), so this goes through the DevTools protocol: attach to that target and evaluate there.
 */
import type { CDPSession } from '@playwright/test';
import type { ExtensionBrowser } from './chromium';

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

/**
 * Evaluates `expression` in the offscreen document and returns its value; undefined while there
 * is no such document. A CDP session of a page of the extension's browser reaches every target.
 */
export async function evaluateInOffscreen(
  ext: ExtensionBrowser,
  expression: string,
): Promise<unknown> {
  const page = ext.context.pages()[0] ?? (await ext.context.newPage());
  const cdp = await ext.context.newCDPSession(page);
  try {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] };
    const target = targetInfos.find(
      (t) => t.url === `chrome-extension://${ext.extensionId}/offscreen.html`,
    );
    if (!target) return undefined;
    return await evaluateOn(cdp, target.targetId, expression);
  } finally {
    await cdp.detach();
  }
}

/** `Runtime.evaluate` on another target through a session of this one (no flat sessions here). */
async function evaluateOn(cdp: CDPSession, targetId: string, expression: string): Promise<unknown> {
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: false });
  const id = 1;
  const answer = new Promise<unknown>((resolve, reject) => {
    cdp.on('Target.receivedMessageFromTarget', (event) => {
      if (event.sessionId !== sessionId) return;
      const message = JSON.parse(event.message) as {
        id?: number;
        result?: { result: { value?: unknown } };
        error?: { message: string };
      };
      if (message.id !== id) return;
      if (message.error) reject(new Error(message.error.message));
      else resolve(message.result?.result.value);
    });
  });
  await cdp.send('Target.sendMessageToTarget', {
    sessionId,
    message: JSON.stringify({
      id,
      method: 'Runtime.evaluate',
      params: { expression, returnByValue: true },
    }),
  });
  try {
    return await answer;
  } finally {
    await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
  }
}

/** What the ring tone is doing, as the offscreen document shows it (`data-ring`). */
export const offscreenRing = (ext: ExtensionBrowser) =>
  evaluateInOffscreen(ext, 'document.documentElement.dataset.ring');
