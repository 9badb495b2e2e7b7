/**
 * XiVO-only behaviour of the adapter against the simulator, beyond the generic suite: agent
 * login at sign-in, agent login errors, token expiry, server restart, a stalled CTI session and
 * the failure event.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { VendorAdapter } from '../../utils/cti/adapter';
import { xivo } from '../../utils/cti/vendors/xivo';
import { DEFAULT_SETTINGS } from '../../utils/settings/schema';
import { createTestContext, type TestContext } from '../simulators/shared/context';
import { startXivoSimulator, type XivoSimOptions, type XivoSimulator } from '../simulators/xivo';
import { NodeWebSocket } from '../simulators/shared/node-websocket';

const ALICE = {
  login: 'alice',
  password: 'secret',
  agentId: 22,
  userId: 9,
  phoneNumber: '1001',
  fullName: 'Alice Johnson',
};

let sim: XivoSimulator;
let adapter: VendorAdapter;
let settings: typeof DEFAULT_SETTINGS;

async function setup(opts: XivoSimOptions = {}): Promise<void> {
  sim = await startXivoSimulator({ dialAnswerMs: 10, wrapUpMs: 20, ...opts });
  settings = structuredClone(DEFAULT_SETTINGS);
  settings.connection.xivo.server = sim.url;
  adapter = xivo.create(settings);
}

function context(firstConnect = true): TestContext {
  return createTestContext({
    firstConnect,
    credentials: { username: 'alice', password: 'secret', phoneNumber: '1001' },
    WebSocket: NodeWebSocket,
  });
}

async function signIn(): Promise<TestContext> {
  const t = context();
  await adapter.connect(t.ctx);
  await adapter.resync();
  await t.next('callsSnapshot');
  return t;
}

afterEach(async () => {
  await adapter.disconnect();
  await sim.close();
});

describe('XiVO adapter with the simulator', () => {
  it('logs the agent in on the sign-in phone', async () => {
    await setup();
    const t = await signIn();
    await t.next('agent', (e) => e.agent.status === 'ready');
    expect(sim.agent()).toMatchObject({ name: 'AgentReady', phoneNb: '1001' });
    expect(sim.received.filter((r) => r.frame.command === 'agentLogin')).toHaveLength(1);
  });

  it('does not log the agent back in on a reconnect after they logged out', async () => {
    await setup();
    const t = await signIn();
    await t.next('agent', (e) => e.agent.status === 'ready');
    await adapter.execute({ type: 'setAgentState', state: 'loggedOut' });
    await t.next('agent', (e) => e.agent.status === 'loggedOut');
    await adapter.disconnect();

    // The session makes a fresh adapter for every reconnection.
    adapter = xivo.create(settings);
    const again = context(false);
    await adapter.connect(again.ctx);
    await adapter.resync();
    await again.next('callsSnapshot');
    await again.next('agent', (e) => e.agent.status === 'loggedOut');
    expect(sim.received.filter((r) => r.frame.command === 'agentLogin')).toHaveLength(1);
    expect(sim.agent()).toMatchObject({ name: 'AgentLoggedOut' });
  });

  it.each(['AgentError', 'Error'] as const)(
    'tells the agent when it is logged in on another phone (%s)',
    async (agentErrorMsgType) => {
      await setup({
        users: [{ ...ALICE, loggedInOn: '1002' }],
        extraPhones: ['1002'],
        agentErrorMsgType,
      });
      const t = await signIn();
      expect(await t.next('notice')).toMatchObject({
        level: 'error',
        message: expect.stringMatching(/logged in on phone 1002/),
      });
      expect(sim.agent().phoneNb).toBe('1002');
    },
  );

  it('signs in again after the token expires', async () => {
    await setup();
    const t = await signIn();
    sim.expireTokens();
    expect((await t.next('connectionLost')).error.fatal).toBe(false);
    await signIn();
    expect(sim.connections()).toBe(1);
  });

  it('comes back after a server restart, without the calls the restart dropped', async () => {
    await setup();
    const t = await signIn();
    sim.inboundCall();
    await t.next('callUpsert');
    await sim.restart();
    await t.next('connectionLost');
    const again = context();
    await adapter.connect(again.ctx);
    await adapter.resync();
    expect((await again.next('callsSnapshot')).calls).toEqual([]);
  });

  it('treats a CTI session that times out as retryable', async () => {
    await setup({ loggedOnTimeoutMs: 10 });
    sim.stallLogins(true);
    await expect(adapter.connect(context().ctx)).rejects.toMatchObject({ code: 'network' });
  });

  it('ends a dial that fails and says so', async () => {
    await setup({ failDestinations: ['5550100'] });
    const t = await signIn();
    await adapter.execute({ type: 'dial', number: '5550100' });
    const call = (await t.next('callUpsert', (e) => e.call.state === 'dialing')).call;
    await t.next('callEnded', (e) => e.callId === call.id);
    expect(await t.next('notice')).toMatchObject({
      level: 'warning',
      message: expect.stringMatching(/5550100/),
    });
  });

  it('shows an attended transfer until the target hangs up', async () => {
    await setup();
    const t = await signIn();
    const inbound = sim.inboundCall();
    inbound.answer();
    const call = (await t.next('callUpsert', (e) => e.call.state === 'connected')).call;
    await adapter.execute({ type: 'attendedTransfer', callId: call.id, target: '2000' });
    await t.next('callUpsert', (e) => e.call.id === call.id && e.call.state === 'transferring');
    const consult = (
      await t.next('callUpsert', (e) => e.call.id !== call.id && e.call.state === 'connected')
    ).call;
    t.events.skipPast();
    sim
      .calls()
      .find((c) => c.uniqueId === consult.vendorCallId)
      ?.hangup();
    await t.next('callEnded', (e) => e.callId === consult.id);
    const after = (await t.next('callUpsert', (e) => e.call.id === call.id)).call;
    expect(after.state).toBe('held');
    expect(after).not.toHaveProperty('transferTarget');
  });

  it('reads the call history in the server’s time zone, as set', async () => {
    // A zone far from any test machine's: a time read in the wrong zone is hours off.
    const zone = 'Pacific/Kiritimati';
    await setup({ historyTimeZone: zone });
    settings.connection.xivo.historyTimeZone = zone;
    adapter = xivo.create(settings);
    const t = await signIn();
    const before = Math.floor(Date.now() / 1000) * 1000;
    await adapter.execute({ type: 'dial', number: '+14155550188' });
    const call = (await t.next('callUpsert', (e) => e.call.state === 'connected')).call;
    await adapter.execute({ type: 'hangup', callId: call.id });
    await t.next('callEnded', (e) => e.callId === call.id);
    const listed = await adapter.pastCalls!({ from: before, to: Date.now() + 1000 });
    const dialled = listed.filter((c) => c.remote.e164 === '+14155550188');
    expect(dialled).toEqual([
      expect.objectContaining({
        direction: 'outbound',
        missed: false,
        answeredAt: dialled[0]?.startedAt,
      }),
    ]);
    expect(dialled[0]!.startedAt).toBeGreaterThanOrEqual(before);
    expect(dialled[0]!.startedAt).toBeLessThanOrEqual(Date.now());
  });

  it('gives up on a call history that never comes, with a clear error', async () => {
    await setup();
    await signIn();
    await sim.goAway();
    await expect(adapter.pastCalls!({ from: 0, to: Date.now() })).rejects.toMatchObject({
      code: expect.stringMatching(/^(network|timeout)$/),
    });
    await sim.comeBack();
  });
});
