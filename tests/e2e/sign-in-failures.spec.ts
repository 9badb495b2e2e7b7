/**
 * Sign-in failures in Chromium: each kind gets its own sentence on the sign-in form, the panel
 * never shows the signed-in view meanwhile, and what the agent typed stays (but the password).
 * The network kinds (a name that does not resolve, nothing listening, a refused certificate) are
 * told apart by the browser's webRequest reports (utils/background/network-watch.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { ConnectFailure } from '../../utils/cti/model';
import {
  getMessage,
  prepareMessages,
  translate,
  type PreparedMessages,
} from '../../utils/i18n/messages';
import { EXTENSION_DIR } from '../support/chromium';
import { AGENT, expect, openPopup, test } from './fixtures';

/** The English messages the built extension ships (Chromium here speaks English), once read. */
let english: PreparedMessages | undefined;
const englishMessages = (): PreparedMessages =>
  (english ??= prepareMessages(
    JSON.parse(readFileSync(join(EXTENSION_DIR, '_locales', 'en', 'messages.json'), 'utf8')),
  ));

/** The form's sentence for `failure` (locales/en.yml `signIn.failure`), as the panel fills it in. */
function sentence(failure: ConnectFailure): string {
  const lookup = (name: string, subs?: string[]) => getMessage(englishMessages(), name, subs);
  const text = translate(lookup, `signIn.failure.${failure}`, [{ vendor: 'XiVO' }]);
  if (!text) throw new Error(`The build has no English sentence for a ${failure} failure`);
  return text;
}

/**
 * Records, from now on, whether the popup ever leaves the sign-in form for the signed-in view
 * (its Sign out button), however briefly.
 */
async function watchForSignedInView(popup: Page): Promise<() => Promise<boolean>> {
  await popup.evaluate(() => {
    const seen = () =>
      [...document.querySelectorAll('button')].some((b) => b.textContent === 'Sign out') ||
      !document.querySelector('form.sb-signin');
    const state = globalThis as unknown as { signedInViewSeen: boolean };
    state.signedInViewSeen = seen();
    new MutationObserver(() => {
      if (seen()) state.signedInViewSeen = true;
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  return () =>
    popup.evaluate(() => (globalThis as unknown as { signedInViewSeen: boolean }).signedInViewSeen);
}

/** Fills the XiVO sign-in form as an agent would, and signs in; resolves with the popup. */
async function signInAt(ext: Parameters<typeof openPopup>[0], server: string, password?: string) {
  const popup = await openPopup(ext);
  await expect(popup.getByLabel('Username')).toBeVisible();
  await popup.getByLabel('Server').fill(server);
  await popup.getByLabel('Username').fill(AGENT.username);
  await popup.getByLabel('Password').fill(password ?? AGENT.password);
  await popup.getByLabel('Phone number').fill(AGENT.phoneNumber);
  const signedInViewSeen = await watchForSignedInView(popup);
  await popup.getByRole('button', { name: 'Sign in' }).click();
  return { popup, signedInViewSeen };
}

/** The form is back, says `failure`'s sentence, and kept what the agent typed but the password. */
async function expectFailure(
  { popup, signedInViewSeen }: Awaited<ReturnType<typeof signInAt>>,
  failure: ConnectFailure,
  server: string,
) {
  await expect(popup.getByRole('alert')).toHaveText(sentence(failure));
  await expect(popup.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  await expect(popup.getByLabel('Server')).toHaveValue(server);
  await expect(popup.getByLabel('Username')).toHaveValue(AGENT.username);
  await expect(popup.getByLabel('Phone number')).toHaveValue(AGENT.phoneNumber);
  await expect(popup.getByLabel('Password')).toHaveValue('');
  expect(await signedInViewSeen()).toBe(false);
}

/** A port on this machine where nothing listens: bound, then closed. */
async function closedPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** An https server whose certificate (self-signed, made now with openssl) nobody trusts. */
async function selfSignedServer(): Promise<{ url: string; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-tls-'));
  try {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1'],
        ...['-subj', '/CN=localhost', '-keyout', key, '-out', cert],
      ],
      { stdio: 'ignore' },
    );
    const server = createHttpsServer(
      { key: readFileSync(key), cert: readFileSync(cert) },
      (_req, res) => res.end('{}'),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return {
      url: `https://localhost:${port}`,
      close: () => {
        server.closeAllConnections();
        return new Promise((resolve) => server.close(() => resolve()));
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('nothing listening at the server address: the unreachable message, never signed in', async ({
  ext,
}) => {
  const server = `http://127.0.0.1:${await closedPort()}`;
  await expectFailure(await signInAt(ext, server), 'unreachable', server);
});

test('a server name that does not resolve: the DNS message', async ({ ext }) => {
  const server = 'http://switchboard-nonexistent.invalid';
  await expectFailure(await signInAt(ext, server), 'dns', server);
});

test('a certificate nobody trusts: the certificate message', async ({ ext }) => {
  const tls = await selfSignedServer();
  try {
    await expectFailure(await signInAt(ext, tls.url), 'tls', tls.url);
  } finally {
    await tls.close();
  }
});

test('a path the server does not serve: the wrong-address message', async ({ ext, sim }) => {
  const server = `${sim.url}/nope`;
  await expectFailure(await signInAt(ext, server), 'notFound', server);
  expect(sim.connections()).toBe(0);
});

test('a wrong password: the credentials message, the username and phone number kept', async ({
  ext,
  sim,
}) => {
  await expectFailure(await signInAt(ext, sim.url, 'wrong'), 'credentials', sim.url);
  expect(sim.connections()).toBe(0);
  // Only the password needs typing again.
  const popup = ext.context.pages().find((p) => p.url().endsWith('/popup.html'))!;
  await popup.getByLabel('Password').fill(AGENT.password);
  await popup.getByRole('button', { name: 'Sign in' }).click();
  await expect(popup.getByText('Connected', { exact: true })).toBeVisible();
});

test('a CTI session that never opens: Signing in… with Cancel, then the timeout message', async ({
  ext,
  sim,
}) => {
  sim.stallLogins(true);
  const attempt = await signInAt(ext, sim.url);
  const { popup } = attempt;
  await expect(popup.getByRole('button', { name: 'Signing in…' })).toBeDisabled();
  await expect(popup.getByRole('button', { name: 'Cancel' })).toBeVisible();
  await expectFailure(attempt, 'timeout', sim.url);
});

test('observing request failures adds no install warning to the host access', async ({ ext }) => {
  const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
    permissions: string[];
  };
  expect(manifest.permissions).toContain('webRequest');
  const without = {
    ...manifest,
    permissions: manifest.permissions.filter((p) => p !== 'webRequest'),
  };
  const worker = await ext.serviceWorker();
  const warnings = (m: object) =>
    worker.evaluate(
      (text) =>
        new Promise<string[]>((resolve) =>
          (
            globalThis as unknown as {
              chrome: {
                management: {
                  getPermissionWarningsByManifest(t: string, cb: (w: string[]) => void): void;
                };
              };
            }
          ).chrome.management.getPermissionWarningsByManifest(text, resolve),
        ),
      JSON.stringify(m),
    );
  expect(await warnings(manifest)).toEqual(await warnings(without));
});
