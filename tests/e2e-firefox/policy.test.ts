import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { GECKO_ID } from '../../wxt.config';
import { startXivoSimulator } from '../simulators/xivo';
import { launchFirefoxWithExtension, waitFor } from '../support/firefox';
import { fieldByLabel, waitForText } from './page';

// Firefox reads enterprise policy from here at start (about:policies shows it).
const POLICY_DIR = '/etc/firefox/policies';
const POLICY_FILE = join(POLICY_DIR, 'policies.json');

/**
 * The policy file is machine-wide: this test writes it only where it is private to this run, a
 * tmpfs mounted in a mount namespace of its own (scripts/e2e-firefox.sh does so as root).
 */
function policyDirIsPrivate(): boolean {
  return readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .some((line) => line.split(' ')[4] === POLICY_DIR && / - tmpfs /.test(line));
}

test('policies.json sets the vendor and server, and the options page shows them locked', async () => {
  if (!policyDirIsPrivate()) {
    throw new Error(
      `${POLICY_DIR} is not a private tmpfs: run this suite with scripts/e2e-firefox.sh as root.`,
    );
  }
  const sim = await startXivoSimulator();
  try {
    writeFileSync(
      POLICY_FILE,
      JSON.stringify({
        policies: {
          '3rdparty': {
            Extensions: {
              [GECKO_ID]: { vendor: 'xivo', connection: { xivo: { server: sim.url } } },
            },
          },
        },
      }),
    );
    const ext = await launchFirefoxWithExtension();
    try {
      const options = await ext.openPage('options.html');
      const server = await waitFor(
        'the managed server on the options page',
        async () => {
          const field = await fieldByLabel(options, 'Server');
          const value = await field?.evaluate((input) => input.value);
          return value === sim.url ? field : undefined;
        },
        60_000,
      );
      expect(await server.evaluate((input) => input.disabled)).toBe(true);
      const vendor = await fieldByLabel(options, 'Vendor');
      expect(await vendor?.evaluate((select) => select.disabled)).toBe(true);
      await waitForText(options, 'Managed by your organization');

      // The sign-in form no longer asks for the server.
      const popup = await ext.openPage('popup.html');
      await waitForText(popup, 'Username');
      expect(await fieldByLabel(popup, 'Server')).toBeUndefined();
    } finally {
      await ext.close();
    }
  } finally {
    rmSync(POLICY_FILE, { force: true });
    await sim.close();
  }
});
