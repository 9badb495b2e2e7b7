import { expect, test } from 'vitest';
import { AGENT, signIn, withWorld } from './fixtures';
import { waitForText } from './page';

test('the agent signs in from the popup and is logged in on their phone', () =>
  withWorld(async ({ ext, sim }) => {
    const popup = await signIn(ext, sim);
    // The adapter logs the agent in on the phone typed at sign-in.
    const login = await sim.waitForFrame((f) => f.command === 'agentLogin');
    expect(login).toMatchObject({ claz: 'web', agentphonenumber: AGENT.phoneNumber, agentid: 22 });
    await waitForText(popup, 'Ready');
  }));
