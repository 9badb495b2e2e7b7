/**
 * Opening screen-pop targets. `reuseTab` keeps one tab per agent session for pops and navigates
 * it again for the next call, as agents on busy queues ask for.
 */
import { browser } from 'wxt/browser';
import type { ScreenPopRule } from '../settings/schema';
import { STORAGE } from '../storage/registry';

const REUSE_KEY = STORAGE.session.popTab.key;

export async function openPopTarget(url: string, target: ScreenPopRule['target']): Promise<void> {
  if (target === 'window') {
    await browser.windows.create({ url, focused: true });
    return;
  }
  if (target === 'reuseTab') {
    const stored = (await browser.storage.session.get(REUSE_KEY))[REUSE_KEY];
    if (typeof stored === 'number') {
      try {
        await browser.tabs.update(stored, { url, active: true });
        return;
      } catch {
        // The agent closed that tab: open a new one below.
      }
    }
    const tab = await browser.tabs.create({ url, active: true });
    if (tab.id !== undefined) await browser.storage.session.set({ [REUSE_KEY]: tab.id });
    return;
  }
  await browser.tabs.create({ url, active: true });
}
