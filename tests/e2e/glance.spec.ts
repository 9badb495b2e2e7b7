/**
 * A panel that reads at a glance (docs/architecture.md "Panel layout and tokens"), in Chromium
 * against the XiVO simulator: the ringing card with Answer and Decline, the keypad's echo, Hold
 * and answer then Swap between two calls, the connection's details one click away, the side
 * panel's tools filling its height; and axe-core finds no violation in these states, in the light
 * and the dark scheme.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { XivoSimulator } from '../simulators/xivo';
import { expect, openSidePanel, signIn, test } from './fixtures';

/**
 * axe-core's violations on the page, in both colour schemes. With reduced motion: the ringing
 * card's pulse (a shadow outside it, the dot's size) changes no colour, and axe-core takes over
 * a minute to look at a page that animates.
 */
async function expectNoViolations(page: Page, where: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    const { violations } = await new AxeBuilder({ page }).analyze();
    const found = violations.map(
      (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`,
    );
    expect(found, `${where}, ${colorScheme}`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
}

test('a ringing call is unmistakable and is declined with one click', async ({ ext, sim }) => {
  const popup = await signIn(ext, sim);
  const call = sim.inboundCall({ from: '+33123456789', name: 'Camille Dubois', queue: 'support' });
  const card = popup.getByRole('article', { name: 'Incoming call +33 1 23 45 67 89' });
  await expect(card).toBeVisible();
  await expect(card.getByText('Camille Dubois')).toBeVisible();
  const controls = card.getByRole('group', { name: 'Call controls' });
  await expect(controls.getByRole('button')).toHaveText(['Answer', 'Decline']);
  await expect(card.getByRole('button', { name: 'Hang up' })).toHaveCount(0);

  // The pulse is for those who did not ask for less motion.
  const animation = () => card.evaluate((el) => getComputedStyle(el).animationName);
  await popup.emulateMedia({ reducedMotion: 'no-preference' });
  expect(await animation()).toBe('sb-ring');
  await popup.emulateMedia({ reducedMotion: 'reduce' });
  expect(await animation()).toBe('none');
  await expectNoViolations(popup, 'ringing');

  await controls.getByRole('button', { name: 'Decline' }).click();
  expect(await sim.waitForFrame((f) => f.command === 'hangup')).toMatchObject({
    uniqueId: call.uniqueId,
  });
  await expect(card).toHaveCount(0);
});

/** The hold and answer frames of the two calls, in the order the simulator got them. */
function commandsFor(sim: XivoSimulator, first: string, second: string): string[] {
  const names: Record<string, string> = { [first]: 'first', [second]: 'second' };
  return sim.received
    .map((r) => r.frame)
    .filter((f) => (f.command === 'hold' || f.command === 'answer') && String(f.uniqueId) in names)
    .map((f) => `${String(f.command)} ${names[String(f.uniqueId)]}`);
}

test('two calls: hold and answer, swap, the keypad’s digits, the connection’s details', async ({
  ext,
  sim,
}) => {
  // Two looks by axe-core in two schemes each: slow on a loaded machine.
  test.setTimeout(240_000);
  await signIn(ext, sim);
  const panel = await openSidePanel(ext);
  await expect(panel.getByText('Connected', { exact: true })).toBeVisible();

  // The connection in plain words; how calls arrive one click away.
  const details = panel.getByRole('button', { name: 'Connection details' });
  await expect(panel.getByText('Live events')).toHaveCount(0);
  await details.click();
  await expect(details).toHaveAttribute('aria-expanded', 'true');
  await expect(panel.locator('#sb-connection-details')).toContainText('Live events');
  await expect(panel.locator('#sb-connection-details')).toContainText('Last event');

  // The agent's state once, as a chip; the buttons are the other states.
  const availability = panel.getByRole('region', { name: 'Availability' });
  await expect(availability.getByRole('status')).toHaveText('Ready');
  await expect(availability.getByRole('button', { name: 'Ready', exact: true })).toHaveCount(0);
  await expectNoViolations(panel, 'idle, details open');

  // The tools fill the side panel's height, with a scroll of their own.
  const layout = await panel.evaluate(() => {
    const tabpanel = document.querySelector<HTMLElement>('[role="tabpanel"]')!;
    return {
      bottom: tabpanel.getBoundingClientRect().bottom,
      height: innerHeight,
      overflow: getComputedStyle(tabpanel).overflowY,
    };
  });
  expect(layout.overflow).toBe('auto');
  expect(layout.bottom).toBeGreaterThan(layout.height * 0.85);

  const first = sim.inboundCall({ from: '+33123456789', name: 'Camille Dubois' });
  await panel.getByRole('button', { name: 'Answer' }).click();
  await expect(panel.getByRole('button', { name: 'Hold', exact: true })).toBeVisible();

  // Keypad: the digits sent show as they are pressed.
  await panel.getByRole('button', { name: 'Keypad' }).click();
  const keys = panel.getByRole('group', { name: 'Keypad digits' });
  for (const key of ['1', '2', '#']) await keys.getByRole('button', { name: key }).click();
  await expect(panel.getByRole('log', { name: 'Digits sent' })).toHaveText('12#');
  await expect.poll(() => first.dtmf).toBe('12#');

  const second = sim.inboundCall({ from: '+33611223344', name: 'Bob Martin' });
  const calls = panel.getByRole('group', { name: 'Switch between calls' });
  await expect(calls).toContainText('Puts Camille Dubois on hold and answers Bob Martin');
  // The keypad is still open on the first call: one look at both.
  await expectNoViolations(panel, 'keypad and call waiting');
  await calls.getByRole('button', { name: 'Hold and answer' }).click();
  await expect.poll(() => [first.state, second.state]).toEqual(['held', 'established']);
  expect(commandsFor(sim, first.uniqueId, second.uniqueId)).toEqual([
    'answer first',
    'hold first',
    'answer second',
  ]);

  await expect(calls).toContainText('Puts Bob Martin on hold and takes Camille Dubois off hold');
  await calls.getByRole('button', { name: 'Swap' }).click();
  await expect.poll(() => [first.state, second.state]).toEqual(['established', 'held']);
  // xuc's one hold verb toggles: hold the call in progress, then the held one comes back.
  expect(commandsFor(sim, first.uniqueId, second.uniqueId)).toEqual([
    'answer first',
    'hold first',
    'answer second',
    'hold second',
    'hold first',
  ]);
  await expect(calls).toContainText('Puts Camille Dubois on hold and takes Bob Martin off hold');
});
