/**
 * The agent features of the CCS adapter against the simulator: queues and their figures, the
 * directory, the agent's own figures, and the route families.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { COLLEAGUE, DEFAULT_EXTENSIONS } from '../../../../tests/simulators/ccs';
import { connected, rig, without, type Rig } from '../../../../tests/simulators/ccs/test-kit';

let r: Rig;
afterEach(async () => {
  await r.adapter.disconnect();
  await r.sim.close();
});

const TEAM = [...DEFAULT_EXTENSIONS, COLLEAGUE];

describe('CCS queues (api-pages §4.6) and inbound queue events (§3)', () => {
  it('lists the ACDs as queues and follows their figures from the queue events', async () => {
    r = await rig();
    const t = await connected(r);
    const [q3878, q386] = r.sim.acds;
    expect((await t.next('queues')).queues).toEqual([
      { id: q3878!.uuid, name: 'Q3878', number: '387' },
      { id: q386!.uuid, name: 'Q386', number: '386' },
    ]);
    // The snapshot that answers fetch_queue_events.
    const first = await t.next('queueStats');
    expect(first.stats[q386!.uuid]).toEqual({
      waiting: 0,
      longestWaitS: 0,
      agentsAvailable: 1,
      agentsLoggedIn: 1,
      answered: 0,
      abandoned: 0,
    });
    const call = r.sim.inboundCall({ queue: 'Q386' });
    const waiting = await t.next('queueStats', (e) => e.stats[q386!.uuid]?.waiting === 1);
    expect(waiting.stats[q386!.uuid]).toMatchObject({ agentsAvailable: 0 });
    expect(waiting.stats[q3878!.uuid]).toMatchObject({ waiting: 0 });
    call.answer();
    const taken = await t.next('queueStats', (e) => e.stats[q386!.uuid]?.answered === 1);
    expect(taken.stats[q386!.uuid]).toMatchObject({ waiting: 0 });
  });

  it('says when CCS refuses the queue events, and still lists the queues', async () => {
    r = await rig({ permissions: without('Inbound Queue Events') });
    const t = await connected(r);
    expect((await t.next('notice')).message).toBe('Windstream CCS: Insufficient permissions');
    expect((await t.next('queues')).queues).toHaveLength(2);
    r.sim.inboundCall({ queue: 'Q386' });
    await t.next('callUpsert');
    expect(t.events.items.filter((e) => e.type === 'queueStats')).toEqual([]);
  });

  it('lists no queues without the Voice IQs View permission, and calls still work', async () => {
    r = await rig({ permissions: without('Voice IQs View') });
    const t = await connected(r);
    await t.next('lists');
    expect(t.events.items.filter((e) => e.type === 'queues')).toEqual([]);
    r.sim.inboundCall();
    await t.next('callUpsert');
  });
});

describe('CCS directory (api-pages §4.8)', () => {
  it('finds colleagues by name and queues by number, leaving the agent out', async () => {
    r = await rig({ extensions: TEAM });
    await connected(r);
    expect(await r.adapter.searchDirectory('sonny', 10)).toEqual([
      {
        id: `extension:${TEAM[1]!.uuid}`,
        kind: 'person',
        name: 'Sonny Patel',
        numbers: [{ number: '113', label: 'Extension' }],
      },
    ]);
    expect((await r.adapter.searchDirectory('Q38', 10)).map((e) => e.kind)).toEqual([
      'queue',
      'queue',
    ]);
    expect(await r.adapter.searchDirectory('Reese', 10)).toEqual([]);
    const reads = r.sim.received.filter((x) => x.kind === 'rest' && x.path === '/extensions');
    // Identity at sign-in, then one read for all three searches.
    expect(reads).toHaveLength(2);
  });

  it('passes CCS’s refusal on as a clear error', async () => {
    r = await rig({ extensions: TEAM });
    await connected(r);
    r.sim.setPermissions(without('Tenants View'));
    await expect(r.adapter.searchDirectory('sonny', 10)).rejects.toMatchObject({
      code: 'rejected',
      message: expect.stringMatching(/does not allow GET \/extensions: Insufficient permissions/),
    });
  });

  it('refuses to search before sign-in', async () => {
    r = await rig();
    await expect(r.adapter.searchDirectory('sonny', 10)).rejects.toMatchObject({
      code: 'network',
    });
  });
});

describe('CCS agent figures and time in state (api-pages §4.15)', () => {
  it('reports the calls missed in a row and when the state began', async () => {
    r = await rig();
    const t = await connected(r);
    expect((await t.next('agentStats')).stats).toEqual([
      { name: 'consecutive_missed', label: 'Missed in a row', value: 0, unit: 'count' },
    ]);
    const { agent } = await t.next('agent');
    expect(agent.since).toBeLessThanOrEqual(r.clock.now());
  });
});

describe('CCS route families (routes.ts)', () => {
  it('an agent changes its own state with POST /agent_state', async () => {
    r = await rig();
    await connected(r);
    await r.adapter.execute({ type: 'setAgentState', state: 'notReady' });
    expect(
      await r.sim.waitForRequest((x) => x.method === 'POST' && x.path === '/agent_state'),
    ).toMatchObject({ body: { request: 'updateAgentState', name: 'Coffee Break' } });
    expect(r.sim.agent().type).toBe('away');
  });

  it('a tenant admin uses POST /extensions/<uuid>', async () => {
    r = await rig({ role: 'tenantAdmin' }, { routes: 'tenantAdmin' });
    await connected(r);
    await r.adapter.execute({ type: 'setAgentState', state: 'loggedOut' });
    const path = `/extensions/${r.sim.extension.uuid}`;
    expect(await r.sim.waitForRequest((x) => x.method === 'POST' && x.path === path)).toBeTruthy();
    expect(r.sim.agent().type).toBe('sign_out');
  });

  it('a telco user uses the /tenants/<tid>/… routes, and cannot list calls', async () => {
    r = await rig({ role: 'telco' }, { routes: 'telco' });
    const t = r.context();
    await r.adapter.connect(t.ctx);
    const tenant = `/tenants/${r.sim.tenantId}`;
    expect(await r.sim.waitForRequest((x) => x.path === `${tenant}/extensions`)).toBeTruthy();
    await r.adapter.execute({ type: 'setAgentState', state: 'notReady', reason: 'Lunch Break' });
    expect(
      await r.sim.waitForRequest((x) => x.method === 'POST' && x.path.startsWith(tenant)),
    ).toMatchObject({ path: `${tenant}/extensions/${r.sim.extension.uuid}` });
    expect(r.sim.agent().name).toBe('Lunch Break');
    // The calls are "Only for tenant level users" (api-pages §4.19): CCS says so, and so do we.
    await expect(r.adapter.resync()).rejects.toMatchObject({
      code: 'rejected',
      message: expect.stringMatching(/does not allow GET \/calls: Not permitted for this user/),
    });
  });

  it('says what is wrong when the routes are not the token’s', async () => {
    r = await rig({}, { routes: 'telco' });
    const error = await r.adapter.connect(r.context().ctx).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'config',
      message: expect.stringMatching(/did not list the extensions.*Not permitted for this user/),
    });
    const admin = await rig({}, { routes: 'tenantAdmin' });
    try {
      await connected(admin);
      await expect(
        admin.adapter.execute({ type: 'setAgentState', state: 'ready' }),
      ).rejects.toMatchObject({
        code: 'rejected',
        message: expect.stringMatching(/Not permitted for this user/),
      });
    } finally {
      await admin.adapter.disconnect();
      await admin.sim.close();
    }
  });
});
