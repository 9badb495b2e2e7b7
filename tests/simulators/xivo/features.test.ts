/**
 * The simulated xuc's agent features, checked with a bare client (not the adapter): what each
 * command answers, and what it does not answer when it fails.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startXivoSimulator } from './server';
import { connectClient, loginToken, web, type SimTestClient } from './test-client';
import type { XivoSimOptions, XivoSimulator } from './types';

let sim: XivoSimulator;
const clients: SimTestClient[] = [];

async function signedIn(opts: XivoSimOptions = {}): Promise<SimTestClient> {
  sim = await startXivoSimulator({ dialAnswerMs: 10, wrapUpMs: 20, ...opts });
  const c = await connectClient(sim, await loginToken(sim));
  clients.push(c);
  await c.next('AgentStateEvent');
  return c;
}

/** A frame that nothing answers is followed by this one's answer only (the socket is ordered). */
async function nothingAnswered(c: SimTestClient, msgType: string): Promise<void> {
  const before = c.frames.items.length;
  c.send(web('getList', { objectType: 'queue' }));
  await c.next('QueueList', () => c.frames.items.length > before);
  expect(c.frames.items.slice(before).map((f) => f.msgType)).not.toContain(msgType);
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await sim.close();
});

describe('xivo simulator: queues', () => {
  it('lists queues and members, and confirms a membership change with QueueMember', async () => {
    const c = await signedIn();
    c.send(web('getList', { objectType: 'queue' }));
    expect(await c.next('QueueList')).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: 3, name: 'billing', number: '3003' })]),
    );
    c.send(web('getList', { objectType: 'queuemember' }));
    expect(await c.next('QueueMemberList')).toEqual([
      { agentId: 22, queueId: 1, penalty: 0 },
      { agentId: 22, queueId: 2, penalty: 1 },
    ]);
    c.send(web('setAgentQueue', { agentId: 22, queueId: 3, penalty: 2 }));
    expect(await c.next('QueueMember')).toEqual({ agentId: 22, queueId: 3, penalty: 2 });
    c.send(web('removeAgentFromQueue', { agentId: 22, queueId: 1 }));
    expect(await c.next('QueueMember')).toEqual({ agentId: 22, queueId: 1, penalty: -1 });
    expect(sim.state().queues).toEqual({ 2: 1, 3: 2 });
  });

  it('sends nothing when a membership change fails', async () => {
    const c = await signedIn();
    c.send(web('setAgentQueue', { agentId: 22, queueId: 99, penalty: 0 }));
    c.send(web('removeAgentFromQueue', { agentId: 22, queueId: 3 }));
    await nothingAnswered(c, 'QueueMember');
    sim.ignoreCommands(['setAgentQueue']);
    c.send(web('setAgentQueue', { agentId: 22, queueId: 3, penalty: 0 }));
    await nothingAnswered(c, 'QueueMember');
    expect(sim.state().queues[3]).toBeUndefined();
  });

  it('sends every queue’s statistics on subscribe, then the changes', async () => {
    const c = await signedIn();
    c.send(web('agentLogin', { agentid: 22, agentphonenumber: '1001' }));
    c.send(web('subscribeToQueueStats'));
    const support = await c.next('QueueStatistics', (m) => m.queueId === 1);
    expect(support.counters).toEqual(
      expect.arrayContaining([
        { statName: 'WaitingCalls', value: 0 },
        { statName: 'AvailableAgents', value: 1 },
        { statName: 'LoggedAgents', value: 1 },
      ]),
    );
    const call = sim.inboundCall({ queue: 'support' });
    const ringing = await c.next('QueueStatistics', (m) =>
      JSON.stringify(m.counters).includes('{"statName":"WaitingCalls","value":1}'),
    );
    expect(ringing.queueId).toBe(1);
    call.hangup();
    await c.next('QueueStatistics', (m) =>
      JSON.stringify(m.counters).includes('{"statName":"TotalNumberCallsAbandonned","value":1}'),
    );
  });

  it('names the queue by queueRef when told to', async () => {
    const c = await signedIn({ statsByQueueRef: true });
    c.send(web('subscribeToQueueStats'));
    expect(await c.next('QueueStatistics')).toMatchObject({ queueRef: 'support' });
  });
});

describe('xivo simulator: directory, presence and figures', () => {
  it('looks contacts up, keeps favourites, and refuses an unknown contact', async () => {
    const c = await signedIn();
    c.send(web('directoryLookUp', { term: 'camille' }));
    const found = await c.next('DirectoryResult');
    expect(found).toEqual({
      headers: ['Firstname', 'Lastname', 'Number', 'Mobile', 'Favorite'],
      entries: [
        {
          status: -2,
          entry: ['Camille', 'Dubois', '+33142685300', '+33612345600', 'false'],
          contact_id: 'c-881',
          source: 'crm',
          favorite: false,
        },
      ],
    });
    c.send(web('addFavorite', { contactId: 'c-881', source: 'crm' }));
    expect(await c.next('FavoriteUpdated')).toEqual({
      action: 'Added',
      contact_id: 'c-881',
      source: 'crm',
    });
    c.send(web('addFavorite', { contactId: 'nobody', source: 'crm' }));
    expect(await c.next('FavoriteUpdated')).toMatchObject({ action: 'AddFail' });
    c.send(web('getFavorites'));
    expect((await c.next('Favorites')).entries).toHaveLength(1);
    c.send(web('getList', { objectType: 'meetme' }));
    expect(await c.next('ConferenceList')).toEqual([
      expect.objectContaining({ number: '4000', name: 'public', members: [] }),
      expect.objectContaining({ number: '4001', pinRequired: true }),
    ]);
  });

  it('changes do-not-disturb and forwards, answering with UserConfigUpdate', async () => {
    const c = await signedIn();
    c.send(web('dnd', { state: true }));
    expect(await c.next('UserConfigUpdate', (m) => m.dndEnabled === true)).toMatchObject({
      agentId: 22,
      mobileNumber: '+33612345678',
    });
    c.send(web('busyFwd', { state: true, destination: '' }));
    c.send(web('uncFwd', { state: true, destination: '2000' }));
    const config = await c.next('UserConfigUpdate', (m) => m.uncFwdEnabled === true);
    expect(config).toMatchObject({ uncFwdDestination: '2000', busyFwdEnabled: false });
    c.send(web('userStatusUpdate', { status: 'away' }));
    expect(await c.next('UserStatusUpdate', (m) => m.status === 'away')).toEqual({
      status: 'away',
    });
    sim.setVoicemail(3, 1);
    expect(await c.next('VoiceMailStatusUpdate')).toMatchObject({ newMessages: 3, oldMessages: 1 });
    sim.supervisorListens(true);
    expect(await c.next('AgentListen')).toEqual({
      started: true,
      phoneNumber: '1001',
      agentId: 22,
    });
  });

  it('sends the agent’s figures on subscribe and as the agent’s state changes', async () => {
    const c = await signedIn();
    c.send(web('subscribeToAgentStats'));
    const first = await c.next('AgentStatistics');
    expect(first.id).toBe(22);
    c.send(web('agentLogin', { agentid: 22, agentphonenumber: '1001' }));
    const after = await c.next('AgentStatistics', (m) =>
      JSON.stringify(m.statistics).includes('LoginDateTime'),
    );
    expect(after.statistics).toEqual(
      expect.arrayContaining([{ name: 'LoginDateTime', value: expect.any(String) }]),
    );
  });

  it('sends a Sheet for an inbound call, attaches call data, and dials through routes', async () => {
    const c = await signedIn({ sheetUrl: 'https://crm.example.com/?n={otherDN}' });
    const call = sim.inboundCall({ from: '+33142685300' });
    const sheet = await c.next('Sheet');
    expect(JSON.stringify(sheet)).toContain('https://crm.example.com/?n=%2B33142685300');
    expect(JSON.stringify(sheet)).toContain(`{"content":"${call.linkedId}","name":"uid"}`);
    call.answer();
    c.send(web('setData', { variables: { topic: 'refund' } }));
    await sim.waitForFrame((f) => f.command === 'setData');
    call.hold();
    expect(await c.next('PhoneEvent', (m) => m.eventType === 'EventOnHold')).toMatchObject({
      userData: expect.objectContaining({ USR_topic: 'refund' }),
    });
    call.hangup();
    c.send(web('dialFromMobile', { destination: '2001', variables: { a: '1' } }));
    expect(await c.next('PhoneEvent', (m) => m.otherDN === '2001')).toMatchObject({
      callDirection: 'Outgoing',
      userData: expect.objectContaining({ USR_a: '1' }),
    });
  });
});

describe('xivo simulator: callbacks', () => {
  it('lists, takes, starts, moves and closes callbacks', async () => {
    const c = await signedIn();
    c.send(web('getCallbackPreferredPeriods'));
    expect(await c.next('PreferredCallbackPeriodList')).toHaveLength(2);
    c.send(web('getCallbackLists'));
    const [list] = (await c.next('CallbackLists')) as unknown as {
      callbacks: { uuid: string }[];
    }[];
    expect(list?.callbacks.map((cb) => cb.uuid)).toEqual(['cb-1', 'cb-2', 'cb-3']);
    // Another agent's callback: nothing happens.
    c.send(web('takeCallback', { uuid: 'cb-2' }));
    c.send(web('takeCallback', { uuid: 'cb-1' }));
    expect(await c.next('CallbackTaken')).toEqual({ uuid: 'cb-1', agentId: 22 });
    c.send(web('startCallback', { uuid: 'cb-1', number: '+33142685311' }));
    expect(await c.next('CallbackStarted')).toMatchObject({ requestUuid: 'cb-1' });
    expect(await c.next('PhoneEvent', (m) => m.otherDN === '+33142685311')).toMatchObject({
      callDirection: 'Outgoing',
    });
    c.send(
      web('updateCallbackTicket', {
        uuid: 'cb-1',
        status: 'Callback',
        comment: 'later',
        dueDate: '2030-01-02',
        periodUuid: 'period-morning',
      }),
    );
    expect(await c.next('CallbackRequestUpdated')).toMatchObject({
      request: { uuid: 'cb-1', dueDate: '2030-01-02', description: 'later', agentId: 22 },
    });
    c.send(web('updateCallbackTicket', { uuid: 'cb-1', status: 'Answered', comment: 'done' }));
    expect(await c.next('CallbackClotured')).toEqual({ uuid: 'cb-1' });
    expect(sim.state().callbacks.map((cb) => cb.uuid)).toEqual(['cb-2', 'cb-3']);
  });

  it('sends nothing for a release or start of a callback the agent does not hold', async () => {
    const c = await signedIn();
    c.send(web('releaseCallback', { uuid: 'cb-3' }));
    c.send(web('startCallback', { uuid: 'cb-3', number: '+33612345633' }));
    c.send(web('updateCallbackTicket', { uuid: 'cb-3', status: 'Sleeping', comment: '' }));
    await nothingAnswered(c, 'CallbackReleased');
    expect(c.frames.items.map((f) => f.msgType)).not.toContain('CallbackStarted');
    expect(sim.state().callbacks.find((cb) => cb.uuid === 'cb-3')?.agentId).toBeNull();
  });
});
