/**
 * Sign-in failures through the background as the entry point wires it, against the XiVO
 * simulator: the panel never shows a sign-in the vendor has not accepted as signed in, and a
 * failure comes back to the form with its kind and what the agent typed.
 */
import { createServer } from 'node:net';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startXivoSimulator, type XivoSimulator } from '../../tests/simulators/xivo';
import {
  ALICE,
  closeApps,
  createHarness,
  type HarnessOptions,
} from '../../tests/support/background-harness';

const sims: XivoSimulator[] = [];

async function simulator(options: Parameters<typeof startXivoSimulator>[0] = {}) {
  const sim = await startXivoSimulator(options);
  sims.push(sim);
  return sim;
}

/** An address where nothing listens: a port bound, then closed. */
async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

async function signInAt(server: string, opts: HarnessOptions = {}, password = ALICE.password) {
  const bg = await createHarness(opts);
  const reply = await bg.send({
    type: 'panel/signIn',
    credentials: { ...ALICE, password },
    connection: { server },
  });
  return { bg, reply, state: await bg.state() };
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

afterEach(async () => {
  await closeApps();
  for (const sim of sims.splice(0)) await sim.close();
});

describe('a sign-in that fails', () => {
  it('a wrong password: the credentials are refused, and the username and phone stay', async () => {
    const sim = await simulator();
    const { reply, state } = await signInAt(sim.url, {}, 'wrong');
    expect(reply).toMatchObject({ ok: false });
    expect(state.connection).toMatchObject({ status: 'failed', failure: 'credentials' });
    expect(state.identity).toBeUndefined();
    expect(state.signIn).toMatchObject({
      pending: false,
      values: { username: ALICE.username, phoneNumber: ALICE.phoneNumber },
    });
    expect(JSON.stringify(state)).not.toContain('wrong');
    expect(sim.connections()).toBe(0);
  });

  it('an address xuc does not serve: the wrong address', async () => {
    const sim = await simulator();
    const { state } = await signInAt(`${sim.url}/nope`);
    expect(state.connection).toMatchObject({ status: 'failed', failure: 'notFound' });
    expect(state.identity).toBeUndefined();
    // The server typed stays, as the agent's setting.
    expect(state.signIn.connectionFields[0]?.value).toBe(`${sim.url}/nope`);
  });

  it('nothing listening: a network failure, or no access to the server when the browser says so', async () => {
    const server = await closedPort();
    const plain = await signInAt(server, { network: { hostAccess: async () => true } });
    expect(plain.state.connection).toMatchObject({ status: 'failed', failure: 'network' });

    const asked: string[][] = [];
    const withheld = await signInAt(server, {
      network: { hostAccess: async (origins) => (asked.push(origins), false) },
    });
    expect(withheld.state.connection).toMatchObject({ status: 'failed', failure: 'origin' });
    expect(asked).toEqual([[`${server}/*`]]);
  });

  it('shows the form as signing in while the vendor has not answered, then why it failed', async () => {
    const sim = await simulator({ loggedOnTimeoutMs: 1_000 });
    sim.stallLogins(true);
    const bg = await createHarness();
    const reply = bg.signIn(sim);
    const waiting = await bg.until((s) => s.signIn.pending === true);
    expect(waiting.identity).toBeUndefined();
    expect(waiting.connection.status).toBe('connecting');
    await expect(reply).resolves.toMatchObject({ ok: false });
    const failed = await bg.state();
    expect(failed.signIn.pending).toBe(false);
    expect(failed.identity).toBeUndefined();
    expect(failed.connection).toMatchObject({ status: 'failed', failure: 'timeout' });
  });
});
