import { expect, test } from 'vitest';
import { waitFor } from '../support/firefox';
import { signIn, withWorld } from './fixtures';
import { waitForText } from './page';

test('a ringing call pops the CRM in exactly one tab', () =>
  withWorld(async ({ ext, sim, pages }) => {
    const crm = `${pages.url}/contacts`;
    await ext.setUserSettings({
      screenPop: {
        rules: [
          {
            id: 'crm',
            trigger: 'ringing',
            direction: 'inbound',
            url: `${crm}?phone={e164}&name={name}`,
          },
        ],
      },
    });
    const popup = await signIn(ext, sim);

    const call = sim.inboundCall({
      from: '+33123456789',
      name: 'Camille Dubois',
      queue: 'support',
    });
    const [tab] = await waitFor('the CRM tab', async () => {
      const tabs = await ext.tabsAt(crm);
      return tabs.length > 0 ? tabs : undefined;
    });
    expect(tab!.url()).toBe(`${crm}?phone=%2B33123456789&name=Camille%20Dubois`);
    // The landing was requested once.
    expect(pages.requests.filter((path) => path.startsWith('/contacts'))).toHaveLength(1);

    // A second ringing event for the same call pops nothing more.
    call.repeatLastEvent();
    await waitForText(popup, 'Camille Dubois');
    // Let any late pop happen before counting.
    await new Promise((done) => setTimeout(done, 1500));
    expect(await ext.tabsAt(crm)).toHaveLength(1);
    expect(pages.requests.filter((path) => path.startsWith('/contacts'))).toHaveLength(1);
  }));
