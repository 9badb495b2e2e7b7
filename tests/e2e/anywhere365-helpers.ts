/**
 * Helpers for the Anywhere365 end-to-end tests: a CTI Broker simulator and the real Switchboard
 * relay subscribed to it (started in-process, with a temporary data directory), the settings that
 * point the extension at them, and the popup sign-in with a relay token.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { createRelay, type Relay } from '../../relay';
import { silentLogger } from '../../relay/log';
import {
  startAnywhere365Simulator,
  type Anywhere365Simulator,
  type ReceivedRequest,
} from '../simulators/anywhere365';
import type { ExtensionBrowser } from '../support/chromium';
import { expect, openPopup } from './fixtures';

/** The agent signed in to the extension. */
export const AGENT = 'sip:alice@example.com';
const SECRET = 'e2e-relay-secret-of-at-least-32-characters';

export interface Rig {
  broker: Anywhere365Simulator;
  relay: Relay;
}

/**
 * A broker simulator and a relay subscribed to it for `agents` (default AGENT alone), with a
 * temporary data directory; all closed and removed whatever happens.
 */
export async function withRig(
  fn: (rig: Rig) => Promise<void>,
  agents: string[] = [AGENT],
): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-e2e-relay-'));
  const broker = await startAnywhere365Simulator({ dialAnswerMs: 200 });
  try {
    const relay = await createRelay(
      { secret: SECRET, dataDir, anywhere365: { brokerUrl: broker.url, imAddresses: agents } },
      { log: silentLogger },
    );
    try {
      await fn({ broker, relay });
    } finally {
      await relay.close();
    }
  } finally {
    await broker.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export async function configure(ext: ExtensionBrowser, rig: Rig, crm?: string): Promise<void> {
  await ext.setUserSettings({
    vendor: 'anywhere365',
    connection: { anywhere365: { brokerUrl: rig.broker.url, relayUrl: rig.relay.url } },
    ...(crm && {
      screenPop: {
        rules: [
          { id: 'crm', trigger: 'ringing', direction: 'inbound', url: `${crm}?phone={e164}` },
        ],
      },
    }),
  });
}

/** Sign in from the popup as AGENT with a token the admin issued, as the agent would. */
export async function signIn(ext: ExtensionBrowser, relay: Relay): Promise<Page> {
  const popup = await openPopup(ext);
  await expect(popup.getByLabel('Relay token')).toBeVisible();
  await popup.getByLabel('Relay token').fill(relay.issueToken(AGENT));
  await popup.getByRole('button', { name: 'Sign in' }).click();
  await expect(popup.getByText('Connected', { exact: true })).toBeVisible();
  return popup;
}

/** A broker command from AGENT of this command type (and number). */
export const command =
  (type: number, number?: string) =>
  (r: ReceivedRequest): boolean => {
    const body = r.body as { ImAddress?: string; commandType?: number; number?: string };
    return (
      r.path === '/api/command' &&
      body.ImAddress === AGENT &&
      body.commandType === type &&
      (number === undefined || body.number === number)
    );
  };

/** The call cards in the panel (components/CurrentCall.tsx). */
export const callCards = (popup: Page) => popup.locator('article.sb-call');
