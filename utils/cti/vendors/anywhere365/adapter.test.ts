/**
 * The Anywhere365 adapter against the broker simulator with the real relay in between: what the
 * conformance suite cannot see (checkpoint across reconnects, relay restarts, transfers, dial
 * formatting, broker faults).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { NodeWebSocket } from '../../../../tests/simulators/shared/node-websocket';
import { createRelay, type Relay } from '../../../../relay';
import { silentLogger } from '../../../../relay/log';
import type { Checkpoint } from '../../adapter';
import { CtiError } from '../../model';
import { DEFAULT_SETTINGS, type Settings } from '../../../settings/schema';
import {
  startAnywhere365Simulator,
  type Anywhere365SimOptions,
  type Anywhere365Simulator,
} from '../../../../tests/simulators/anywhere365';
import { createTestContext, memoryCheckpoint } from '../../../../tests/simulators/shared/context';
import { anywhere365 } from '.';
import type { Anywhere365Adapter } from './adapter';

const ALICE = 'sip:alice@example.com';
const BOB = 'sip:bob@example.com';

interface Rig {
  broker: Anywhere365Simulator;
  relay: Relay;
  settings: Settings;
}
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn().catch(() => undefined);
});

async function rig(opts: Anywhere365SimOptions = {}, edit?: (s: Settings) => void): Promise<Rig> {
  const broker = await startAnywhere365Simulator({ dialAnswerMs: 20, ...opts });
  const relay = await createRelay(
    { secret: 'adapter-test-secret-of-32-characters!' },
    { log: silentLogger },
  );
  cleanups.push(
    () => broker.close(),
    () => relay.close(),
  );
  const settings = structuredClone(DEFAULT_SETTINGS);
  const c = settings.connection.anywhere365;
  c.brokerUrl = broker.url;
  c.relayUrl = relay.url;
  c.callbackUrl = relay.hookUrl('anywhere365');
  settings.clickToDial.defaultCountry = 'FR';
  edit?.(settings);
  return { broker, relay, settings };
}

async function connect(
  r: Rig,
  o: { checkpoint?: Checkpoint; firstConnect?: boolean; agent?: string } = {},
) {
  const adapter = anywhere365.create(r.settings) as Anywhere365Adapter;
  const t = createTestContext({
    credentials: { relayToken: r.relay.issueToken(o.agent ?? ALICE) },
    fetch: globalThis.fetch,
    WebSocket: NodeWebSocket,
    firstConnect: o.firstConnect ?? true,
    ...(o.checkpoint ? { checkpoint: o.checkpoint } : {}),
  });
  cleanups.push(() => adapter.disconnect());
  await adapter.connect(t.ctx);
  await adapter.resync();
  const snapshot = await t.next('callsSnapshot');
  return { adapter, t, snapshot: snapshot.calls };
}

describe('Anywhere365 adapter', () => {
  it('signs the agent in at the broker on sign-in and reports it ready', async () => {
    const r = await rig();
    const { t } = await connect(r);
    await t.next('agent', (e) => e.agent.status === 'ready');
    expect(r.broker.agentLoggedIn(ALICE)).toBe(true);
    expect(t.events.items).toContainEqual({ type: 'transport', mode: 'events' });
  });

  it('resumes from the checkpoint after a reconnect without replaying what it handled', async () => {
    const r = await rig();
    const checkpoint = memoryCheckpoint();
    const first = await connect(r, { checkpoint });
    const call = await r.broker.inboundCall({ from: '+33142685300' });
    await first.t.next('callUpsert', (e) => e.call.state === 'ringing');
    await first.adapter.disconnect();
    await call.answer(); // while nobody listens: the relay buffers it
    await r.broker.flushed();
    const second = await connect(r, { checkpoint, firstConnect: false });
    expect(second.snapshot).toEqual([
      expect.objectContaining({ vendorCallId: call.callId, state: 'connected' }),
    ]);
    // Only the missed Connected was replayed, not the Hunting handled before.
    const upserts = second.t.events.items.filter((e) => e.type === 'callUpsert');
    expect(upserts.map((e) => e.type === 'callUpsert' && e.call.state)).toEqual(['connected']);
    // A reconnect does not log the agent in again.
    expect(
      r.broker.requests.items.filter(
        (q) => (q.body as { commandType?: number } | undefined)?.commandType === 0,
      ),
    ).toHaveLength(1);
  });

  it('survives a relay restart: connectionLost, then a gap notice and the new events', async () => {
    const r = await rig();
    const checkpoint = memoryCheckpoint();
    const first = await connect(r, { checkpoint });
    await r.broker.inboundCall();
    await first.t.next('callUpsert');
    await r.relay.restart();
    const lost = await first.t.next('connectionLost');
    expect(lost.error.fatal).toBe(false);
    const second = await connect(r, { checkpoint, firstConnect: false });
    await second.t.next('notice', (e) => e.level === 'warning');
    // The broker still posts to the same hook URL; seq restarted at 1 and is not skipped.
    const next = await r.broker.inboundCall({ from: '+442079460958' });
    const ringing = await second.t.next('callUpsert', (e) => e.call.vendorCallId === next.callId);
    expect(ringing.call.remote.e164).toBe('+442079460958');
  });

  it('shows a transfer as held; a failed transfer (Retrieve for the same agent) connects again', async () => {
    const r = await rig();
    const { t } = await connect(r);
    const call = await r.broker.inboundCall();
    await call.answer();
    await call.transfer(ALICE);
    await t.next('callUpsert', (e) => e.call.state === 'held');
    await t.next('callUpsert', (e) => e.call.state === 'connected' && !!e.call.answeredAt);
  });

  it('ends our leg when the Retrieve for another agent reaches us', async () => {
    const r = await rig();
    const { t } = await connect(r);
    await connect(r, { agent: BOB });
    // The broker posts Bob's Retrieve to Bob's subscription; the relay also sends it to Alice,
    // who took part in the call (relay/sessions.ts).
    const call = await r.broker.inboundCall();
    await call.answer();
    await t.next('callUpsert', (e) => e.call.state === 'connected');
    await call.transfer(BOB);
    await t.next('callEnded', (e) => e.callId === `a365:${call.callId}`);
  });

  it('transfers a call from Alice to Bob: Alice’s call ends, Bob’s is connected, then ends once', async () => {
    const r = await rig();
    const alice = await connect(r);
    const bob = await connect(r, { agent: BOB });
    const call = await r.broker.inboundCall({ from: '+33142685300' });
    await call.answer();
    await alice.t.next('callUpsert', (e) => e.call.state === 'connected');
    await call.transfer(BOB, { invite: true });
    const id = `a365:${call.callId}`;
    await alice.t.next('callUpsert', (e) => e.call.state === 'held');
    const offered = await alice.t.next('callUpsert', (e) => e.call.state === 'transferring');
    expect(offered.call.transferTarget).toBe('bob@example.com');
    await alice.t.next('callEnded', (e) => e.callId === id);
    const ringing = await bob.t.next('callUpsert', (e) => e.call.id === id);
    expect(ringing.call).toMatchObject({ state: 'ringing', remote: { e164: '+33142685300' } });
    await bob.t.next('callUpsert', (e) => e.call.id === id && e.call.state === 'connected');
    await call.hangup();
    await bob.t.next('callEnded', (e) => e.callId === id);
    // Bob's Disconnected reached Alice too, and changed nothing there.
    await alice.adapter.resync();
    const snapshot = await alice.t.next('callsSnapshot', (e) => e.calls.length === 0);
    expect(snapshot.calls).toEqual([]);
    const after = alice.t.events.items.slice(
      alice.t.events.items.findIndex((e) => e.type === 'callEnded'),
    );
    expect(after.filter((e) => e.type === 'callUpsert' || e.type === 'callEnded')).toHaveLength(1);
  });

  it('takes the call back when the other agent refuses the transfer', async () => {
    const r = await rig();
    const alice = await connect(r);
    const bob = await connect(r, { agent: BOB });
    const call = await r.broker.inboundCall();
    await call.answer();
    await call.transfer(BOB, { refused: true });
    const id = `a365:${call.callId}`;
    await alice.t.next('callUpsert', (e) => e.call.state === 'transferring');
    await alice.t.next('callUpsert', (e) => e.call.state === 'held');
    await alice.t.next('callUpsert', (e) => e.call.state === 'connected');
    await bob.t.next('callUpsert', (e) => e.call.id === id && e.call.state === 'ringing');
    // Bob's refusal (his Disconnected) ends the invitation on his side.
    await bob.t.next('callEnded', (e) => e.callId === id);
  });

  it('dials E.164 with tel: and refuses what is not a phone number', async () => {
    const r = await rig();
    const { adapter, t } = await connect(r);
    await adapter.execute({ type: 'dial', number: '01 23 45 67 89' });
    await r.broker.waitForRequest(
      (q) =>
        (q.body as { number?: string } | undefined)?.number === 'tel:+33123456789' &&
        q.status === 202,
    );
    await t.next(
      'callUpsert',
      (e) => e.call.direction === 'outbound' && e.call.state === 'dialing',
    );
    await t.next(
      'callUpsert',
      (e) => e.call.direction === 'outbound' && e.call.state === 'connected',
    );
    await expect(adapter.execute({ type: 'dial', number: 'hello' })).rejects.toMatchObject({
      code: 'rejected',
    });
  });

  it('turns a broker 500 into a clear rejected CtiError, and has no notReady', async () => {
    const r = await rig();
    const { adapter } = await connect(r);
    r.broker.failCommands(1);
    const error = await adapter
      .execute({ type: 'dial', number: '+33123456789' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CtiError);
    expect(error).toMatchObject({ code: 'rejected', message: expect.stringContaining('HTTP 500') });
    await expect(
      adapter.execute({ type: 'setAgentState', state: 'notReady' }),
    ).rejects.toMatchObject({
      code: 'unsupported',
    });
  });

  it('reports a refused agent login (LoggedIn with callId "failed") as an error notice', async () => {
    const r = await rig();
    r.broker.failLogins(true);
    const { t } = await connect(r);
    await t.next('notice', (e) => e.level === 'error');
    expect(r.broker.agentLoggedIn(ALICE)).toBe(false);
  });

  it('parses events written by name, and reports unknown ones as protocolError', async () => {
    const r = await rig({ enumFormat: 'name' });
    const { t } = await connect(r);
    await r.broker.sendMalformed('badFields');
    await t.next('protocolError');
    const call = await r.broker.inboundCall({ from: '+4930901820' });
    const ringing = await t.next('callUpsert', (e) => e.call.vendorCallId === call.callId);
    expect(ringing.call).toMatchObject({ direction: 'inbound', state: 'ringing' });
  });

  it('refuses a relay token issued for another SIP address than the settings say', async () => {
    const r = await rig({}, (s) => {
      s.connection.anywhere365.imAddress = 'sip:carol@example.com';
    });
    const error = await connect(r).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'config' });
  });

  it('replaces its previous broker subscription on reconnect', async () => {
    const r = await rig();
    const checkpoint = memoryCheckpoint();
    const first = await connect(r, { checkpoint });
    await first.adapter.disconnect();
    await connect(r, { checkpoint, firstConnect: false });
    expect(r.broker.subscriptions()).toHaveLength(1);
    r.broker.forgetSubscriptions();
    await connect(r, { checkpoint, firstConnect: false });
    expect(r.broker.subscriptions()).toHaveLength(1);
  });

  it('answers its heartbeat and sends the broker HeartBeat every other beat while ready', async () => {
    const r = await rig();
    const { adapter, t } = await connect(r);
    await t.next('agent', (e) => e.agent.status === 'ready');
    const before = t.alive();
    adapter.heartbeat.send();
    adapter.heartbeat.send();
    await expect.poll(() => t.alive(), { interval: 5 }).toBeGreaterThan(before);
    await r.broker.waitForRequest(
      (q) => (q.body as { commandType?: number } | undefined)?.commandType === 14,
    );
  });
});
