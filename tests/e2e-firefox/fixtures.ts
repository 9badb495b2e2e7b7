/**
 * What every Firefox test starts from: a XiVO simulator, a static server for test pages and a
 * Firefox with the built extension, each on port 0 and closed afterwards.
 */
import type { Page } from 'puppeteer-core';
import { startXivoSimulator, type XivoSimulator } from '../simulators/xivo';
import { launchFirefoxWithExtension, type FirefoxExtension } from '../support/firefox';
import { startStaticServer, type StaticServer } from '../support/static-server';
import { clickButton, fieldByLabel, fill, waitForText } from './page';

export const AGENT = { username: 'alice', password: 'secret', phoneNumber: '1001' };

export interface World {
  sim: XivoSimulator;
  pages: StaticServer;
  ext: FirefoxExtension;
}

/** Runs `body` with a fresh simulator, test pages and Firefox, closing them all afterwards. */
export async function withWorld(body: (world: World) => Promise<void>): Promise<void> {
  const sim = await startXivoSimulator();
  try {
    const pages = await startStaticServer();
    try {
      const ext = await launchFirefoxWithExtension();
      try {
        await body({ sim, pages, ext });
      } finally {
        await ext.close();
      }
    } finally {
      await pages.close();
    }
  } finally {
    await sim.close();
  }
}

/** Sign in from the popup (opened as a page) as the XiVO agent, and wait until Connected. */
export async function signIn(ext: FirefoxExtension, sim: XivoSimulator): Promise<Page> {
  const popup = await ext.openPage('popup.html');
  await fieldByLabelShown(popup, 'Username');
  if (await fieldByLabel(popup, 'Server')) await fill(popup, 'Server', sim.url);
  await fill(popup, 'Username', AGENT.username);
  await fill(popup, 'Password', AGENT.password);
  await fill(popup, 'Phone number', AGENT.phoneNumber);
  await clickButton(popup, 'Sign in');
  await waitForText(popup, 'Connected');
  return popup;
}

async function fieldByLabelShown(page: Page, label: string): Promise<void> {
  // The form appears once the background's first state arrives.
  await waitForText(page, label);
}
