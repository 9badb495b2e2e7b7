import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startXivoSimulator } from '../simulators/xivo';
import { launchWithExtension } from '../support/chromium';

// Chromium reads managed policy from here at start (PRACTICES.md "Managed policy in tests").
const POLICY_DIR = '/etc/chromium/policies/managed';
const POLICY_FILE = join(POLICY_DIR, 'switchboard-e2e.json');
const EXTENSION_ID = 'dfkcfgjanfbhchjdphjachmfpaecijgn';

test('a policy file sets the vendor and server, and the options page shows them locked', async () => {
  const sim = await startXivoSimulator();
  try {
    mkdirSync(POLICY_DIR, { recursive: true });
    writeFileSync(
      POLICY_FILE,
      JSON.stringify({
        '3rdparty': {
          extensions: {
            [EXTENSION_ID]: { vendor: 'xivo', connection: { xivo: { server: sim.url } } },
          },
        },
      }),
    );
  } catch (error) {
    throw new Error(`Cannot write ${POLICY_FILE} (the policy test needs root): ${String(error)}`);
  }
  const ext = await launchWithExtension();
  try {
    expect(ext.extensionId).toBe(EXTENSION_ID);
    const options = await ext.context.newPage();
    await options.goto(`chrome-extension://${ext.extensionId}/options.html`);
    const server = options.getByLabel('Server', { exact: true });
    // The first managed read can take a few seconds after launch, more on a loaded machine.
    await expect(server).toHaveValue(sim.url, { timeout: 60_000 });
    await expect(server).toBeDisabled();
    await expect(options.getByLabel('Vendor')).toBeDisabled();
    await expect(options.getByText('Managed by your organization').first()).toBeVisible();

    // The sign-in form no longer asks for the server.
    const popup = await ext.context.newPage();
    await popup.goto(`chrome-extension://${ext.extensionId}/popup.html`);
    await expect(popup.getByLabel('Username')).toBeVisible();
    await expect(popup.getByLabel('Server', { exact: true })).toHaveCount(0);
  } finally {
    await ext.close();
    rmSync(POLICY_FILE, { force: true });
    await sim.close();
  }
});
