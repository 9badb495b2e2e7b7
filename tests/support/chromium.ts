/**
 * Launching the Chromium that runs the built extension. Debian's Chromium honours
 * --load-extension (branded Chrome ≥ 137 does not); CHROMIUM_PATH overrides the path.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Worker } from '@playwright/test';
import { STORAGE } from '../../utils/storage/registry';

export const EXTENSION_DIR = resolve('.output/chrome-mv3');

export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `No Chromium at ${path}. Install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  }
  return path;
}

interface ChromeGlobal {
  chrome: {
    storage: { local: { set(items: Record<string, unknown>): Promise<void> } };
    action: { getBadgeText(details: object): Promise<string> };
    notifications: { getAll(): Promise<Record<string, boolean>> };
  };
}

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  serviceWorker(): Promise<Worker>;
  /** The toolbar badge's text. */
  badgeText(): Promise<string>;
  /** Ids of the extension's notifications on screen. */
  notificationIds(): Promise<string[]>;
  /** Store user settings the way the options page does (`STORAGE.local.userSettings`). */
  setUserSettings(settings: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

export async function launchWithExtension(
  options: { headless?: boolean; extensionDir?: string } = {},
): Promise<ExtensionBrowser> {
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension in ${extensionDir}: run npm run build first.`);
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'switchboard-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: options.headless ?? true,
    viewport: { width: 1280, height: 800 },
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
  const serviceWorker = async (): Promise<Worker> =>
    context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
    (await context.waitForEvent('serviceworker'));
  const extensionId = new URL((await serviceWorker()).url()).host;
  return {
    context,
    extensionId,
    serviceWorker,
    badgeText: async () =>
      (await serviceWorker()).evaluate(() =>
        (globalThis as unknown as ChromeGlobal).chrome.action.getBadgeText({}),
      ),
    notificationIds: async () =>
      (await serviceWorker()).evaluate(async () =>
        Object.keys(await (globalThis as unknown as ChromeGlobal).chrome.notifications.getAll()),
      ),
    setUserSettings: async (settings) => {
      const worker = await serviceWorker();
      const { key, version } = STORAGE.local.userSettings;
      // The record as the options page saves it (utils/storage/user-settings.ts).
      const record = { version, values: settings };
      await worker.evaluate(
        async ({ key, record }) => {
          // Runs inside the extension's service worker, where `chrome` is the extension API.
          const api = (globalThis as unknown as ChromeGlobal).chrome;
          await api.storage.local.set({ [key]: record });
        },
        { key, record },
      );
    },
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
