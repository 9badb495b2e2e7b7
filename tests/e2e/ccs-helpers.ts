/**
 * Helpers for the Windstream CCS end-to-end tests: settings that point the extension at a CCS
 * simulator, and the popup sign-in with an API token.
 */
import type { Page } from '@playwright/test';
import type { ExtensionBrowser } from '../support/chromium';
import type { CcsSimulator } from '../simulators/ccs';
import { signInWith } from './fixtures';

/** Select CCS and its connection settings, as an admin's policy or the options page would. */
export async function useCcs(
  ext: ExtensionBrowser,
  sim: CcsSimulator,
  more: Record<string, unknown> = {},
): Promise<void> {
  await ext.setUserSettings({
    vendor: 'ccs',
    connection: {
      ccs: {
        domain: sim.url,
        tenantId: sim.tenantId,
        extensionId: sim.extension.uuid,
        outboundQueueId: sim.outboundQueueId,
      },
    },
    ...more,
  });
}

/** Sign in from the popup with the API token and wait until the panel says Connected. */
export const signInWithToken = (ext: ExtensionBrowser, sim: CcsSimulator): Promise<Page> =>
  signInWith(ext, { 'API token': sim.extension.token });
