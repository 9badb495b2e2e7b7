/**
 * Launching the Chromium that runs the built extension. Debian's Chromium honours
 * --load-extension (branded Chrome ≥ 137 does not); CHROMIUM_PATH overrides the path.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Worker } from '@playwright/test';

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
    runtime: { sendMessage(message: unknown): Promise<{ ok: boolean; error?: string }> };
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
  /**
   * Save user settings the way the options page does: a `panel/saveSettings` message from an
   * extension page to the background, which alone writes them.
   */
  setUserSettings(settings: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

/**
 * `userDataDir`: a profile of the caller's, kept at `close` so that the browser can be launched
 * again on it (a browser restart); without it, a fresh profile removed at `close`.
 * `env`: added to the browser's environment. Debian's Chromium takes its language from there:
 * `{ LANGUAGE: 'fr', LANG: 'fr_FR.UTF-8' }` starts it in French, with the chromium-l10n package
 * installed. `args`: more command-line switches (`--accept-lang=en`: English with no region as
 * the only preferred language).
 */
export async function launchWithExtension(
  options: {
    headless?: boolean;
    userDataDir?: string;
    extensionDir?: string;
    /** More command-line switches (`--screen-info=…` for a headless screen of another size). */
    args?: readonly string[];
    /** `null`: pages keep their window's size (Playwright otherwise sizes every new window). */
    viewport?: { width: number; height: number } | null;
    /** The browser's environment on top of this process's (`LANGUAGE`, `LANG` for its language). */
    env?: Record<string, string>;
  } = {},
): Promise<ExtensionBrowser> {
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension in ${extensionDir}: run npm run build first.`);
  }
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'switchboard-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: options.headless ?? true,
    ...(options.env ? { env: { ...process.env, ...options.env } as Record<string, string> } : {}),
    // Playwright Test emulates en-US in every context it is not told otherwise about, which
    // would hide the language the environment or the switches give the browser: a key present
    // but undefined turns the emulation off.
    ...(options.env || options.args ? { locale: undefined } : {}),
    viewport: options.viewport === undefined ? { width: 1280, height: 800 } : options.viewport,
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
      ...(options.args ?? []),
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
      const page = await context.newPage();
      try {
        await page.goto(`chrome-extension://${extensionId}/options.html`);
        const reply = await page.evaluate(
          (patch) =>
            // Runs in the options page, where `chrome` is the extension API.
            (globalThis as unknown as ChromeGlobal).chrome.runtime.sendMessage({
              type: 'panel/saveSettings',
              patch,
            }),
          settings,
        );
        if (!reply.ok) throw new Error(`settings not saved: ${reply.error}`);
      } finally {
        await page.close();
      }
    },
    close: async () => {
      await context.close();
      if (!options.userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
