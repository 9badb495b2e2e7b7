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

describe('XiVO agent features with the simulator', () => {
  it('reports queues, figures, callbacks, presence and actions after sign-in', async () => {
    await setup();
    sim.setVoicemail(2, 5);
    const t = await signIn();
    const { queues } = await t.next('queues');
    expect(queues.map((q) => [q.name, q.member])).toEqual([
      ['Sales', true],
      ['Support', true],
      ['Billing', false],
    ]);
    const stats = await t.next('queueStats', (e) => e.stats['1']?.agentsAvailable === 1);
    expect(stats.stats['1']).toMatchObject({ waiting: 0, agentsLoggedIn: 1 });
    expect((await t.next('callbacks')).callbacks.map((c) => [c.id, c.owner])).toEqual([
      ['cb-2', 'taken'],
      ['cb-1', 'open'],
      ['cb-3', 'open'],
    ]);
    expect((await t.next('presence', (e) => !!e.presence.voicemail)).presence.voicemail).toEqual({
      new: 2,
      old: 5,
    });
    expect((await t.next('agentStats')).stats.map((s) => s.label)).toContain('Time ready');
    expect((await t.next('vendorActions')).actions.map((a) => a.label)).toEqual([
      'Status: Available',
    ]);
  });

  it('finds people and conference rooms, as transfer and dial targets', async () => {
    await setup();
    await signIn();
    // Rooms arrive with the rest after the snapshot: wait for the list to be asked for.
    await sim.waitForFrame((f) => f.command === 'getList' && f.objectType === 'meetme');
    const found = await adapter.searchDirectory!('camille', 20);
    expect(found.map((e) => [e.kind, e.name, e.numbers[0]?.number])).toEqual([
      ['person', 'Camille Dubois', '+33142685300'],
    ]);
    const rooms = await adapter.searchDirectory!('public', 20);
    expect(rooms.map((e) => [e.kind, e.name, e.numbers[0]?.number])).toEqual([
      ['room', 'public', '4000'],
    ]);
    expect(found[0]?.numbers[1]).toEqual({ number: '+33612345600', label: 'Mobile' });
  });

  it('gives a ringing call the page its Sheet names', async () => {
    await setup({ sheetUrl: 'https://crm.example.com/?n={otherDN}' });
    const t = await signIn();
    sim.inboundCall({ from: '+33142685300' });
    const ringing = await t.next('callUpsert', (e) => !!e.call.popUrl);
    expect(ringing.call).toMatchObject({
      state: 'ringing',
      popUrl: 'https://crm.example.com/?n=%2B33142685300',
    });
  });

  it('says so when xuc does not confirm a queue change', async () => {
    await setup();
    settings.connection.xivo.answerTimeoutS = 2;
    adapter = xivo.create(settings);
    const t = await signIn();
    await t.next('queues');
    sim.ignoreCommands(['setAgentQueue']);
    await expect(adapter.execute({ type: 'joinQueue', queue: '3' })).rejects.toMatchObject({
      code: 'timeout',
      message: expect.stringMatching(/did not confirm that you joined the queue Billing/),
    });
  });
});
