import { AGENT, expect, openPopup, signIn, test } from './fixtures';

test('the agent signs in from the popup and is logged in on their phone', async ({ ext, sim }) => {
  const popup = await signIn(ext, sim);
  // How calls arrive and the last event are the connection's details, one click away.
  await popup.getByRole('button', { name: 'Connection details' }).click();
  await expect(popup.getByText('Last event', { exact: true })).toBeVisible();
  await expect(popup.getByText('Live events')).toBeVisible();
  // The adapter logs the agent in on the phone typed at sign-in.
  const login = await sim.waitForFrame((f) => f.command === 'agentLogin');
  expect(login).toMatchObject({ claz: 'web', agentphonenumber: AGENT.phoneNumber, agentid: 22 });
  await expect(popup.getByText('Ready', { exact: true }).first()).toBeVisible();
});

test('a wrong password shows a clear error and no retry loop', async ({ ext, sim }) => {
  const popup = await openPopup(ext);
  await popup.getByLabel('Server').fill(sim.url);
  await popup.getByLabel('Username').fill(AGENT.username);
  await popup.getByLabel('Password').fill('wrong');
  await popup.getByLabel('Phone number').fill(AGENT.phoneNumber);
  await popup.getByRole('button', { name: 'Sign in' }).click();
  await expect(popup.getByRole('alert')).toContainText(/password/i);
  expect(sim.connections()).toBe(0);
});
