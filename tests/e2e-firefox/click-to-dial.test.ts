import { expect, test } from 'vitest';
import { waitFor } from '../support/firefox';
import { signIn, withWorld } from './fixtures';

test('a trusted click on the call button of a marked number dials it', () =>
  withWorld(async ({ ext, sim, pages }) => {
    await signIn(ext, sim);
    const page = await ext.browser.newPage();
    await page.goto(`${pages.url}/crm.html`);
    // The number is marked once the content script has its settings from the background: until
    // then a hover finds nothing, and an agent would move the mouse onto the number again.
    const button = await waitFor('the call button', async () => {
      await page.mouse.move(0, 0);
      await page.hover('#phone-fr');
      const found = await page.$('switchboard-call-button');
      const shown = await found?.evaluate((element) => element.getClientRects().length > 0);
      return shown ? found! : undefined;
    });
    // A real pointer click through WebDriver BiDi: the page receives a trusted event.
    await button.click();
    const dial = await sim.waitForFrame((f) => f.command === 'dial');
    expect(dial).toMatchObject({ claz: 'web', command: 'dial', destination: '+33123456789' });
  }));
