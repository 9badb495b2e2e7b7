/**
 * uContact's outbound webhooks (vendors/README.md §4.4 item 3) through the real Switchboard relay:
 * the test posts them to `relay.hookUrl('ucontact')` as uContact would, the relay routes them to
 * `ucontact:<agent>`, and the adapter maps them (§4.5) next to the portal's events.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { NodeWebSocket } from '../../../../tests/simulators/shared/node-websocket';
import { createRelay, type Relay } from '../../../../relay';
import { silentLogger } from '../../../../relay/log';
import { postJson } from '../../../../tests/support/relay/test-kit';
import type { Checkpoint } from '../../adapter';
import { CtiError } from '../../model';
import { DEFAULT_SETTINGS, type Settings } from '../../../settings/schema';
import {
  DEFAULT_AGENT,
  startUcontactSimulator,
  type UcontactSimulator,
} from '../../../../tests/simulators/ucontact';
import { createTestContext, memoryCheckpoint } from '../../../../tests/simulators/shared/context';
import { ucontact } from '.';
import type { UcontactAdapter } from './adapter';

const ALICE = DEFAULT_AGENT.agent;
const DATE = '2026-11-22 10:00:00';

interface Rig {
  sim: UcontactSimulator;
  relay: Relay;
  settings: Settings;
  hook(body: Record<string, unknown>): Promise<void>;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn().catch(() => undefined);
});

async function rig(): Promise<Rig> {
  const sim = await startUcontactSimulator();
  const relay = await createRelay(
    { secret: 'ucontact-relay-test-secret-of-32-chars!' },
    { log: silentLogger },
  );
  cleanups.push(
    () => sim.close(),
    () => relay.close(),
  );
  const settings = structuredClone(DEFAULT_SETTINGS);
  const c = settings.connection.ucontact;
  c.baseUrl = sim.url;
  c.portalOrigin = sim.url;
  c.relayUrl = relay.url;
  // Long: nothing here depends on the assumed answer.
  c.assumeConnectedMs = 60_000;
  const hook = async (body: Record<string, unknown>) => {
    const res = await postJson(relay.hookUrl('ucontact'), { date: DATE, ...body });
    expect(res.status).toBe(204);
  };
  return { sim, relay, settings, hook };
}

async function connect(
  r: Rig,
  o: { token?: string; checkpoint?: Checkpoint; firstConnect?: boolean } = {},
) {
  const adapter = ucontact.create(r.settings) as UcontactAdapter;
  const t = createTestContext({
    credentials: {
      agent: ALICE,
      password: DEFAULT_AGENT.password,
      relayToken: o.token ?? r.relay.issueToken(`ucontact:${ALICE}`),
    },
    fetch: globalThis.fetch,
    WebSocket: NodeWebSocket,
    firstConnect: o.firstConnect ?? true,
    ...(o.checkpoint ? { checkpoint: o.checkpoint } : {}),
  });
  // What the session does with the portal bridge's messages.
  const unsubscribe = r.sim.onPortal((message) => adapter.receive('portal', message));
  cleanups.push(async () => {
    unsubscribe();
    await adapter.disconnect();
  });
  await adapter.connect(t.ctx);
  return { adapter, t };
}

/** A webhook the adapter maps to a visible event: everything posted before it has arrived. */
async function barrier(r: Rig, t: Awaited<ReturnType<typeof connect>>['t'], motive: string) {
  await r.hook({ event: 'AgentBreak', agent: ALICE, motive, isBreak: true });
  await t.next('agent', (e) => e.agent.reason === motive);
}

describe('uContact webhooks through the relay', () => {
  it('maps AgentLog and AgentBreak to the agent state', async () => {
    const r = await rig();
    const { t } = await connect(r);
    await r.hook({ event: 'AgentBreak', agent: ALICE, motive: 'Lunch', isBreak: true });
    const paused = await t.next('agent');
    expect(paused.agent).toMatchObject({ status: 'notReady', reason: 'Lunch' });
    await r.hook({ event: 'AgentBreak', agent: ALICE, motive: 'Lunch', isBreak: false });
    expect((await t.next('agent')).agent.status).toBe('ready');
    await r.hook({ event: 'AgentLog', agent: ALICE, isLogin: false });
    expect((await t.next('agent')).agent.status).toBe('loggedOut');
    await r.hook({ event: 'AgentLog', agent: ALICE, isLogin: 'true' });
    expect((await t.next('agent')).agent.status).toBe('ready');
    expect(t.events.items.filter((e) => e.type === 'protocolError')).toEqual([]);
  });

  it('ends a ringing call unanswered on AgentRingNoAnswer, without wrap-up', async () => {
    const r = await rig();
    const { t } = await connect(r);
    const call = r.sim.ringInbound({ from: '+14155550123', eventsApi: true });
    const ringing = await t.next('callUpsert', (e) => e.call.state === 'ringing');
    await r.hook({
      event: 'AgentRingNoAnswer',
      agent: ALICE,
      agentNumber: DEFAULT_AGENT.extension,
      agentFullName: 'Alice A.',
      callerIdNum: call.number,
      campaign: call.campaign,
    });
    await t.next('callEnded', (e) => e.callId === ringing.call.id);
    await barrier(r, t, 'after-ring');
    expect(t.events.items.some((e) => e.type === 'agent' && e.agent.status === 'wrapUp')).toBe(
      false,
    );
    // Nothing ringing: a notice instead.
    await r.hook({ event: 'AgentRingNoAnswer', agent: ALICE, callerIdNum: '+14155550999' });
    const notice = await t.next('notice');
    expect(notice.message).toContain('+14155550999');
  });

  it('ends the call with the FinishInteraction guid once, whichever source reports it first', async () => {
    const r = await rig();
    const { t } = await connect(r);
    const first = r.sim.ringInbound({ from: '+14155550101', eventsApi: true });
    const a = await t.next('callUpsert', (e) => e.call.vendorCallId === first.guid);
    const second = r.sim.ringInbound({ from: '+14155550102', eventsApi: true });
    const b = await t.next('callUpsert', (e) => e.call.vendorCallId === second.guid);

    // The relay first, then the portal reporting the same end.
    await r.hook({ event: 'FinishInteraction', agent: ALICE, guid: first.guid, campaign: 'x' });
    await t.next('callEnded', (e) => e.callId === a.call.id);
    r.sim.remoteHangup(first.guid);
    // That end was the first call's: the other call stays live.
    expect(t.events.items.filter((e) => e.type === 'callEnded')).toHaveLength(1);
    // The portal first, then the relay.
    r.sim.remoteHangup(second.guid);
    await t.next('callEnded', (e) => e.callId === b.call.id);
    await t.next('agent', (e) => e.agent.status === 'wrapUp');
    await r.hook({ event: 'FinishInteraction', agent: ALICE, guid: second.guid });
    await r.hook({ event: 'InteractionDisposition', agent: ALICE, guid: second.guid });
    await t.next('agent', (e) => e.agent.status === 'ready');

    const ended = t.events.items.filter((e) => e.type === 'callEnded');
    expect(ended.map((e) => e.type === 'callEnded' && e.callId)).toEqual([a.call.id, b.call.id]);
    const wrapUps = t.events.items.filter((e) => e.type === 'agent' && e.agent.status === 'wrapUp');
    expect(wrapUps).toHaveLength(1);
  });

  it('never hands alice a webhook for another agent', async () => {
    const r = await rig();
    const { t } = await connect(r);
    await r.hook({ event: 'AgentBreak', agent: 'bob', motive: 'bob-break', isBreak: true });
    await r.hook({ event: 'AgentLog', agent: 'bob', isLogin: false });
    await barrier(r, t, 'alice-break');
    const agents = t.events.items.filter((e) => e.type === 'agent');
    expect(agents).toHaveLength(1);
    expect(t.events.items.filter((e) => e.type === 'protocolError')).toEqual([]);
  });

  it('reports unknown and invalid webhooks as protocolError', async () => {
    const r = await rig();
    const { t } = await connect(r);
    await r.hook({ event: 'AgentTeleported', agent: ALICE });
    const unknown = await t.next('protocolError');
    expect(unknown.message).toContain('Invalid uContact webhook');
    await r.hook({ event: 'AgentLog', agent: ALICE, isLogin: 'maybe' });
    await t.next('protocolError');
    await barrier(r, t, 'still-listening');
  });

  it('refuses a bad relay token with CtiError("auth")', async () => {
    const r = await rig();
    for (const token of [r.relay.issueToken(`ucontact:${ALICE}`, -60), 'not-a-token']) {
      const error = await connect(r, { token }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CtiError);
      expect(error).toMatchObject({ code: 'auth' });
    }
  });

  it('stops with a clear error when the same relay token connects elsewhere', async () => {
    const r = await rig();
    const token = r.relay.issueToken(`ucontact:${ALICE}`);
    const first = await connect(r, { token });
    const second = await connect(r, { token });
    const lost = await first.t.next('connectionLost');
    // Fatal: reconnecting would push the newer connection out in turn.
    expect(lost.error).toMatchObject({ code: 'auth', fatal: true });
    expect(lost.error.message).toMatch(/in use by another connection/);
    await barrier(r, second.t, 'still-here');
  });

  it('refuses a relay token issued for another agent', async () => {
    const r = await rig();
    const error = await connect(r, { token: r.relay.issueToken('ucontact:bob') }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'config' });
  });

  it('skips the backlog at sign-in and resumes from the checkpoint after a reconnect', async () => {
    const r = await rig();
    await r.hook({ event: 'AgentBreak', agent: ALICE, motive: 'before-sign-in', isBreak: true });
    const checkpoint = memoryCheckpoint();
    const first = await connect(r, { checkpoint });
    await barrier(r, first.t, 'signed-in');
    expect(
      first.t.events.items.some((e) => e.type === 'agent' && e.agent.reason === 'before-sign-in'),
    ).toBe(false);
    await first.adapter.disconnect();

    // While nobody listens: the relay buffers it.
    await r.hook({ event: 'AgentLog', agent: ALICE, isLogin: false });
    const second = await connect(r, { checkpoint, firstConnect: false });
    await second.t.next('agent', (e) => e.agent.status === 'loggedOut');
    await barrier(r, second.t, 'reconnected');
    const agents = second.t.events.items.filter((e) => e.type === 'agent');
    expect(agents.map((e) => e.type === 'agent' && e.agent.status)).toEqual([
      'loggedOut',
      'notReady',
    ]);
  });

  it('connects without the relay when no relay token was typed', async () => {
    const r = await rig();
    const adapter = ucontact.create(r.settings) as UcontactAdapter;
    const t = createTestContext({
      credentials: { agent: ALICE, password: DEFAULT_AGENT.password },
      fetch: globalThis.fetch,
      WebSocket: NodeWebSocket,
    });
    cleanups.push(() => adapter.disconnect());
    await adapter.connect(t.ctx);
    expect(t.events.items).toContainEqual({ type: 'transport', mode: 'events' });
    expect(r.relay.health().connections).toBe(0);
  });
});
