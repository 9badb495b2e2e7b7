/**
 * A hostile page against a signed-in agent with `telLinks` and `confirmInternational` on: every
 * synthetic click, key, pointer event, custom event, postMessage, focus trick, forged link click
 * and SPA navigation it and its same-origin frame can script must dial nothing (DESIGN.md
 * "Security rules"). The agent's own clicks, in the same tests, do dial: the tests can fail.
 */
import type { Page } from '@playwright/test';
import type { XivoSimulator } from '../simulators/xivo';
import { buttonNames, expect, hoverUntilButton, signIn, test } from './fixtures';

interface Found {
  hosts: number;
  links: number;
  numbers: number;
  roots: number;
}
interface Report {
  own: Found;
  fromFrame: { onParent: Found; own: Found };
  captured: number;
}
interface PanelReply {
  ok: boolean;
  value?: { calls: unknown[] };
}
interface ExtensionPageGlobal {
  chrome: { runtime: { sendMessage(message: unknown): Promise<PanelReply> } };
}

const SETTINGS = { clickToDial: { telLinks: true, confirmInternational: true } };

const dials = (sim: XivoSimulator) => sim.received.filter((r) => r.frame.command === 'dial');

/** The calls the background knows of, asked from an extension page as the panel does. */
async function backgroundCalls(extensionPage: Page): Promise<unknown[]> {
  const reply = await extensionPage.evaluate(() =>
    (globalThis as unknown as ExtensionPageGlobal).chrome.runtime.sendMessage({
      type: 'panel/getState',
    }),
  );
  expect(reply.ok).toBe(true);
  return reply.value?.calls ?? [];
}

async function forge(page: Page): Promise<Report> {
  return page.evaluate(() => (window as unknown as { forgeDial(): Promise<Report> }).forgeDial());
}

test('nothing the page or its frame can script dials; the agent’s click does', async ({
  ext,
  sim,
  pages,
}) => {
  await ext.setUserSettings(SETTINGS);
  const popup = await signIn(ext, sim);
  const page = await ext.context.newPage();
  await page.goto(`${pages.url}/hostile.html`);
  const button = page.locator('switchboard-call-button');

  // The agent's first click on a foreign number only asks to confirm; the page tries the second.
  await hoverUntilButton(page, '#intl');
  await button.click();
  await expect.poll(() => buttonNames(page)).toContain('Confirm call to +44 20 7946 0958');

  const report = await forge(page);
  // The forgeries had something to aim at, and the closed shadow root stayed out of reach.
  expect(report.own.hosts).toBeGreaterThan(0);
  expect(report.own.links).toBe(3);
  expect(report.own.numbers).toBe(3);
  expect(report.fromFrame.onParent.links).toBe(3);
  expect(report.fromFrame.own.links).toBe(1);
  expect(report.captured).toBe(0);
  expect(report.own.roots + report.fromFrame.onParent.roots).toBe(0);

  // Give any (wrong) dial request time to reach the background and the simulator.
  await page.waitForTimeout(1_500);
  expect(dials(sim)).toEqual([]);
  expect(await backgroundCalls(popup)).toEqual([]);

  // The positive control: the agent's own click on the button dials, and it is the only dial.
  // The page left a link focused, which the button serves: Escape and a click elsewhere first.
  await page.keyboard.press('Escape');
  await page.mouse.click(5, 5);
  await page.hover('#number');
  await expect.poll(() => buttonNames(page)).toContain('Call +1 415 555 2671');
  await button.click();
  await expect(sim.waitForFrame((f) => f.command === 'dial')).resolves.toMatchObject({
    destination: '+14155552671',
  });
  expect(dials(sim)).toHaveLength(1);
});

test('forged clicks on tel: links dial nothing; the agent’s click on one does', async ({
  ext,
  sim,
  pages,
}) => {
  await ext.setUserSettings(SETTINGS);
  await signIn(ext, sim);
  const page = await ext.context.newPage();
  await page.goto(`${pages.url}/hostile.html`);
  // Click-to-dial is running (and so is its tel: link handler) once a number offers the button.
  await hoverUntilButton(page, '#number');

  await page.evaluate(() => {
    for (const link of document.querySelectorAll<HTMLAnchorElement>('a[href]')) {
      link.click();
      link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 }));
    }
  });
  await page.waitForTimeout(1_500);
  expect(dials(sim)).toEqual([]);

  // `telLinks` is on: the agent's click dials through Switchboard instead of the phone app.
  await page.click('#tel-link');
  await expect(sim.waitForFrame((f) => f.command === 'dial')).resolves.toMatchObject({
    destination: '+14155550100',
  });
  expect(dials(sim)).toHaveLength(1);
});
