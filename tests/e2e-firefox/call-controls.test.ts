import { expect, test } from 'vitest';
import { waitFor } from '../support/firefox';
import { signIn, withWorld } from './fixtures';
import { buttonByName, clickButton, waitForText } from './page';

test('answer, hold, resume and hang up from the popup send the frames and show the state', () =>
  withWorld(async ({ ext, sim }) => {
    const popup = await signIn(ext, sim);
    const call = sim.inboundCall({ from: '+14155552671', name: 'Jane Black', queue: 'sales' });
    // The ringing call is announced by a notification, gone once the call is answered.
    const notification = `switchboard-call:xivo:${call.uniqueId}`;
    await waitFor('the incoming call notification', async () =>
      (await ext.notificationIds()).includes(notification) ? true : undefined,
    );

    await clickButton(popup, 'Answer');
    expect(await sim.waitForFrame((f) => f.command === 'answer')).toMatchObject({
      uniqueId: call.uniqueId,
    });
    await waitForText(popup, 'Jane Black');
    await waitFor('the notification to go', async () =>
      (await ext.notificationIds()).includes(notification) ? undefined : true,
    );

    await clickButton(popup, 'Hold');
    expect(await sim.waitForFrame((f) => f.command === 'hold')).toMatchObject({
      uniqueId: call.uniqueId,
    });
    await waitForText(popup, 'On hold');

    await clickButton(popup, 'Resume');
    // xuc has one hold verb, which toggles (vendors/README.md §1.6).
    expect(await sim.waitForFrame((f) => f.command === 'hold')).toMatchObject({
      uniqueId: call.uniqueId,
    });
    await waitFor('the Hold button again', () => buttonByName(popup, 'Hold'));

    await clickButton(popup, 'Hang up');
    expect(await sim.waitForFrame((f) => f.command === 'hangup')).toMatchObject({
      uniqueId: call.uniqueId,
    });
    await waitFor('the call to end', async () =>
      (await buttonByName(popup, 'Hang up')) ? undefined : true,
    );
  }));
