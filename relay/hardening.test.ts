/**
 * The relay against abusive or stale clients, on real sockets: silent sockets from one address,
 * one live socket per token, revoked tokens. Clients on 127.0.0.2 are "another address" than those
 * on 127.0.0.1 (both are loopback on Linux).
 */
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLOSE_TRY_LATER } from './hub';
import { createRelay, type Relay, type RelayOptionsInput } from './index';
import { createMemoryLogger } from './log';
import { CLOSE_REPLACED, CLOSE_UNAUTHORIZED } from './protocol';
import { REVOCATION_FILE_NAME, appendRevocation } from './revocation';
import { tokenIdOf } from './tokens';
import {
  TEST_SECRET,
  a365Event,
  connect,
  postJson,
  type TestClient,
} from '../tests/support/relay/test-kit';

const ALICE = 'sip:alice@example.com';
const OTHER_ADDRESS = '127.0.0.2';

let relay: Relay;
let dir: string;
const clients: TestClient[] = [];

async function start(options: Partial<RelayOptionsInput> = {}): Promise<void> {
  relay = await createRelay({ secret: TEST_SECRET, ...options }, { log: createMemoryLogger() });
}

async function open(localAddress?: string): Promise<TestClient> {
  const c = await connect(relay.wsUrl, { localAddress });
  clients.push(c);
  return c;
}

async function agent(token: string, localAddress?: string): Promise<TestClient> {
  const c = await open(localAddress);
  c.send({ type: 'hello', token, after: 0 });
  await c.expect('welcome');
  return c;
}

async function post(imAddress: string, eventType: number): Promise<void> {
  expect(
    (await postJson(relay.hookUrl('anywhere365'), a365Event(imAddress, eventType))).status,
  ).toBe(204);
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'relay-hardening-'));
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await relay?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('sockets that never say hello', () => {
  it('50 silent sockets from one address do not stop an agent on another address', async () => {
    await start({ maxConnections: 2 });
    const silent = await Promise.all(Array.from({ length: 50 }, () => open(OTHER_ADDRESS)));
    // The per-address cap (20 by default) refuses the rest at once with 1013.
    const refused = await Promise.all(silent.slice(20).map((c) => c.closed));
    expect(refused.every((r) => r.code === CLOSE_TRY_LATER)).toBe(true);
    expect(relay.health().pendingConnections).toBe(20);

    // Silent sockets do not count against maxConnections (2): both agents get in.
    const alice = await agent(relay.issueToken(ALICE));
    const bob = await agent(relay.issueToken('sip:bob@example.com'));
    await post(ALICE, 3);
    expect(await alice.expect('event')).toMatchObject({ seq: 1, payload: { ImAddress: ALICE } });
    bob.send({ type: 'ping' });
    await bob.expect('pong');
    // The 20 held sockets are still open (they wait for their hello timeout).
    expect(relay.health().pendingConnections).toBe(20);
    expect(relay.metric('relay_ws_closed_total', { reason: 'pending_per_client' })).toBe(30);
  });

  it('counts authenticated sockets against maxConnections', async () => {
    await start({ maxConnections: 1 });
    await agent(relay.issueToken(ALICE));
    const second = await open();
    second.send({ type: 'hello', token: relay.issueToken('sip:bob@example.com'), after: 0 });
    expect((await second.closed).code).toBe(CLOSE_TRY_LATER);
  });

  it('frees the pending slot once a socket says hello', async () => {
    await start({ maxPendingPerClient: 1 });
    const first = await agent(relay.issueToken(ALICE));
    const second = await agent(relay.issueToken('sip:bob@example.com'));
    expect(relay.health()).toMatchObject({ pendingConnections: 0, connectedAgents: 2 });
    expect(first.frames[0]?.type).toBe('welcome');
    expect(second.frames[0]?.type).toBe('welcome');
  });
});

describe('one live socket per token', () => {
  it('closes the older socket with 4409 when a newer one says hello with the same token', async () => {
    await start();
    const token = relay.issueToken(ALICE);
    const older = await agent(token);
    const newer = await agent(token);
    expect(await older.expect('error')).toMatchObject({ code: 'replaced' });
    expect((await older.closed).code).toBe(CLOSE_REPLACED);
    await post(ALICE, 3);
    expect((await newer.expect('event')).seq).toBe(1);
    expect(older.frames.some((f) => f.type === 'event')).toBe(false);
    expect(relay.health().connectedAgents).toBe(1);
  });

  it('keeps separate tokens of one agent on separate sockets', async () => {
    await start();
    const one = await agent(relay.issueToken(ALICE));
    const two = await agent(relay.issueToken(ALICE));
    await post(ALICE, 3);
    expect((await one.expect('event')).seq).toBe(1);
    expect((await two.expect('event')).seq).toBe(1);
  });
});

describe('revocation', () => {
  it('closes the live socket of a revoked token and refuses it afterwards', async () => {
    const file = join(dir, 'revoked');
    await start({ revocationFile: file });
    const token = relay.issueToken(ALICE);
    const kept = relay.issueToken('sip:bob@example.com');
    const live = await agent(token);
    const other = await agent(kept);
    appendRevocation(file, tokenIdOf(token) ?? '', new Date(), 'laptop lost');

    expect(await live.expect('error')).toEqual({
      type: 'error',
      code: 'unauthorized',
      message: 'token revoked',
    });
    expect((await live.closed).code).toBe(CLOSE_UNAUTHORIZED);
    const again = await open();
    again.send({ type: 'hello', token, after: 0 });
    expect((await again.closed).code).toBe(CLOSE_UNAUTHORIZED);
    expect(again.frames).toEqual([
      { type: 'error', code: 'unauthorized', message: 'token revoked' },
    ]);
    expect(relay.metric('relay_auth_failures_total', { reason: 'revoked' })).toBe(1);

    other.send({ type: 'ping' });
    await other.expect('pong');
    expect(relay.health().revokedTokens).toBe(1);
  });

  it('reads <dataDir>/revoked-tokens at start, and keeps revocations across a restart', async () => {
    await mkdir(join(dir, 'data'));
    await start({ dataDir: join(dir, 'data') });
    const revoked = relay.issueToken(ALICE);
    appendRevocation(join(dir, 'data', REVOCATION_FILE_NAME), tokenIdOf(revoked) ?? '');
    await relay.restart();
    const c = await open();
    c.send({ type: 'hello', token: revoked, after: 0 });
    expect((await c.closed).code).toBe(CLOSE_UNAUTHORIZED);
    await agent(relay.issueToken(ALICE));
  });

  it('does not start when the revocation list cannot be read', async () => {
    await expect(
      createRelay({ secret: TEST_SECRET, revocationFile: dir }, { log: createMemoryLogger() }),
    ).rejects.toThrow(/EISDIR|illegal operation on a directory/);
  });
});
