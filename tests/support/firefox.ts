/**
 * Launching Debian's Firefox ESR with the built Firefox extension (`.output/firefox-mv2`), driven
 * over WebDriver BiDi by puppeteer-core (PRACTICES.md "Firefox end to end"). The extension is
 * installed temporarily (unsigned) into a fresh profile whose pref `extensions.webextensions.uuids`
 * pins its moz-extension UUID, so the tests know its pages' URLs. FIREFOX_PATH overrides the path.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { GECKO_ID } from '../../wxt.config';

export const FIREFOX_EXTENSION_DIR = resolve('.output/firefox-mv2');

export function firefoxPath(): string {
  const path = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
  if (!existsSync(path)) {
    throw new Error(
      `No Firefox at ${path}. Install it (Debian: apt-get install -y firefox-esr) or set FIREFOX_PATH.`,
    );
  }
  return path;
}

/** A loopback port nothing listens on: Firefox's proxy, so that it never reaches the network. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise((done) => server.close(done));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export interface FirefoxExtension {
  browser: Browser;
  /** `moz-extension://<uuid>` */
  origin: string;
  /** Open one of the extension's pages (`popup.html`…) in a new tab, once it has rendered. */
  openPage(path: string): Promise<Page>;
  /** Every open tab whose URL starts with `prefix`. */
  tabsAt(prefix: string): Promise<Page[]>;
  /** Save user settings as the options page does (`panel/saveSettings` to the background). */
  setUserSettings(settings: Record<string, unknown>): Promise<void>;
  /** Ids of the extension's notifications on screen. */
  notificationIds(): Promise<string[]>;
  close(): Promise<void>;
}

/** The extension API of an extension page, as the page's script sees it. */
interface ExtensionGlobal {
  browser: {
    runtime: { sendMessage(message: unknown): Promise<{ ok: boolean; error?: string }> };
    notifications: { getAll(): Promise<Record<string, unknown>> };
  };
}

/** Polls `check` every 100 ms until it returns a value other than undefined, or fails. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > end) {
      throw new Error(`Timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    }
    await new Promise((done) => setTimeout(done, 100));
  }
}

export async function launchFirefoxWithExtension(
  options: { extensionDir?: string } = {},
): Promise<FirefoxExtension> {
  const extensionDir = options.extensionDir ?? FIREFOX_EXTENSION_DIR;
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension in ${extensionDir}: run npx wxt build -b firefox first.`);
  }
  const uuid = randomUUID();
  const proxyPort = await closedPort();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: true,
    // Without it BiDi refuses to open moz-extension:// pages.
    args: ['--remote-allow-system-access'],
    env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' } as Record<string, string>,
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
      // Off the network: every request but the loopback ones goes to a closed port.
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': proxyPort,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': proxyPort,
      'network.proxy.no_proxies_on': 'localhost, 127.0.0.1',
      'app.update.enabled': false,
      // Headless, with no desktop notification service to talk to, Firefox's system backend drops
      // the first notification at once; its own (XUL) alerts show each one for 20 s.
      'alerts.useSystemBackend': false,
      'extensions.update.enabled': false,
    },
  });
  try {
    const id = await browser.installExtension(extensionDir);
    if (id !== GECKO_ID) throw new Error(`installed as ${id}, expected ${GECKO_ID}`);
  } catch (error) {
    await browser.close();
    throw error;
  }
  const origin = `moz-extension://${uuid}`;

  const openPage = async (path: string): Promise<Page> => {
    const page = await browser.newPage();
    const url = `${origin}/${path}`;
    // Firefox never reports the load of a moz-extension page over BiDi (nor its URL to
    // `page.url()`): navigate without waiting, then poll until the page's script has rendered.
    page.goto(url).catch(() => undefined);
    await waitFor(`${path} to render`, async () =>
      (await page.evaluate(
        (wanted) => location.href === wanted && (document.body?.innerText ?? '').trim() !== '',
        url,
      ))
        ? true
        : undefined,
    );
    return page;
  };

  return {
    browser,
    origin,
    openPage,
    tabsAt: async (prefix) => (await browser.pages()).filter((p) => p.url().startsWith(prefix)),
    setUserSettings: async (settings) => {
      const page = await openPage('options.html');
      try {
        const reply = await page.evaluate(
          (patch) =>
            (globalThis as unknown as ExtensionGlobal).browser.runtime.sendMessage({
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
    notificationIds: async () => {
      const page = await openPage('options.html');
      try {
        return await page.evaluate(async () =>
          Object.keys(
            await (globalThis as unknown as ExtensionGlobal).browser.notifications.getAll(),
          ),
        );
      } finally {
        await page.close();
      }
    },
    close: () => browser.close(),
  };
}
