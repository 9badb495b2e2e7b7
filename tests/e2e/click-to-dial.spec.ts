import { clickToDial, expect, signIn, test } from './fixtures';

test('hovering a number and clicking its call button dials it', async ({ ext, sim, pages }) => {
  await signIn(ext, sim);
  await clickToDial(ext, pages);
  const dial = await sim.waitForFrame((f) => f.command === 'dial');
  expect(dial).toMatchObject({ claz: 'web', command: 'dial', destination: '+33123456789' });
});

test('synthetic clicks, keys, messages and forged link clicks from the page dial nothing', async ({
  ext,
  sim,
  pages,
}) => {
  await signIn(ext, sim);
  const page = await ext.context.newPage();
  await page.goto(`${pages.url}/hostile.html`);
  await page.hover('#number');
  await expect(page.locator('switchboard-call-button')).toBeVisible();
  const hosts = await page.evaluate(() =>
    (window as unknown as { forgeDial(): number }).forgeDial(),
  );
  expect(hosts).toBeGreaterThan(0);
  // Give any (wrong) dial request time to reach the simulator.
  await page.waitForTimeout(1500);
  expect(sim.received.filter((r) => r.frame.command === 'dial')).toHaveLength(0);
});
