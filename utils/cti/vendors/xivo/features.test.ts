import { afterEach, describe, expect, it, vi } from 'vitest';
import { QueueInfo } from '../../features';
import {
  QUEUE_LIST,
  resynced,
  setup,
  userConfig,
  xuc,
} from '../../../../tests/simulators/xivo/test-kit';
import { queueStatsOf } from './queues';
import { Requests } from './requests';
import { CtiError } from '../../model';
import { systemClock } from '../../adapter';

afterEach(() => {
  vi.useRealTimers();
});

describe('XiVO features: what the adapter asks for', () => {
  it('asks for queues, rooms and statistics once the calls snapshot is in, then the agent’s', async () => {
    const { sent } = await resynced(setup());
    expect(sent).toEqual([
      'agentLogin',
      'getCurrentCallsPhoneEvents',
      'getAgentStates',
      'getList',
      'getList',
      'subscribeToQueueStats',
      'getList',
      'subscribeToAgentStats',
      'getCallbackPreferredPeriods',
      'getCallbackLists',
    ]);
  });

  it('asks nothing of an agent’s for a user who is not one', async () => {
    const s = setup();
    const { socket, t } = await resynced(s);
    socket.sent.length = 0;
    // A second connection of a plain user.
    socket.serverClose();
    await t.next('connectionLost');
    const t2 = s.newContext();
    const done = s.adapter.connect(t2.ctx);
    await vi.waitFor(() => expect(s.ws.sockets.length).toBe(2), { interval: 1 });
    const second = s.ws.last();
    second.serverOpen();
    second.serverSend({ msgType: 'LoggedOn', ctiMessage: {} });
    second.serverSend(userConfig(null));
    await done;
    await s.adapter.resync();
    second.serverSend(xuc('CurrentCallsPhoneEvents', { events: [] }));
    await t2.next('callsSnapshot');
    expect(second.frames().map((f) => f.command)).toEqual([
      'getCurrentCallsPhoneEvents',
      'getList',
      'getList',
      'subscribeToQueueStats',
      'getList',
    ]);
  });
});

describe('XiVO queues', () => {
  it('maps the page’s counters and leaves out the ones the model has no place for', () => {
    expect(
      queueStatsOf([
        { statName: 'AvailableAgents', value: 0 },
        { statName: 'LoggedAgents', value: 3 },
        { statName: 'TalkingAgents', value: 1 },
        { statName: 'EWT', value: 12 },
        { statName: 'WaitingCalls', value: 2.4 },
        { statName: 'LongestWaitingTime', value: 37.5 },
        { statName: 'TotalNumberCallsAnswered', value: 18 },
        { statName: 'TotalNumberCallsAbandonned', value: 19 },
        { statName: 'PercentageAnsweredBefore15', value: 81 },
        { statName: 'WaitingCalls', value: null },
      ]),
    ).toEqual({
      agentsAvailable: 0,
      agentsLoggedIn: 3,
      waiting: 2,
      longestWaitS: 37.5,
      answered: 18,
      abandoned: 19,
    });
  });

  it('lists the queues once it knows the agent’s membership, without XiVO’s internal ones', async () => {
    const { t, socket } = await resynced(setup());
    socket.serverSend(
      xuc('QueueMemberList', [
        { agentId: 22, queueId: 11, penalty: 0 },
        { agentId: 139, queueId: 8, penalty: 2 },
      ]),
    );
    socket.serverSend(xuc('QueueList', QUEUE_LIST));
    const { queues } = await t.next('queues');
    expect(queues).toEqual([
      { id: '11', name: 'Ugips Pool', number: '3100', member: true },
      { id: '8', name: 'blue sky', number: '3506', member: false },
    ]);
    expect(queues.every((q) => QueueInfo.safeParse(q).success)).toBe(true);
    // Another agent's change is not ours; ours is.
    socket.serverSend(xuc('QueueMember', { agentId: 139, queueId: 11, penalty: 1 }));
    socket.serverSend(xuc('QueueMember', { agentId: 22, queueId: 11, penalty: -1 }));
    const next = await t.next('queues');
    expect(next.queues.find((q) => q.id === '11')?.member).toBe(false);
    expect(t.events.items.filter((e) => e.type === 'queues')).toHaveLength(2);
  });

  it('places figures named by queue name once the list names the queue', async () => {
    const { t, socket } = await resynced(setup());
    const waiting = (value: number) => [{ statName: 'WaitingCalls', value }];
    socket.serverSend(xuc('QueueStatistics', { queueRef: 'pool', counters: waiting(4) }));
    expect(t.events.items.some((e) => e.type === 'queueStats')).toBe(false);
    socket.serverSend(xuc('QueueList', QUEUE_LIST));
    expect((await t.next('queueStats')).stats).toEqual({ '11': { waiting: 4 } });
    // The internal queue's figures never show.
    socket.serverSend(xuc('QueueStatistics', { queueId: 4, counters: waiting(1) }));
    socket.serverSend(xuc('QueueStatistics', { queueId: 8, counters: waiting(2) }));
    expect((await t.next('queueStats')).stats).toEqual({ '8': { waiting: 2 } });
    expect(t.events.items.filter((e) => e.type === 'queueStats')).toHaveLength(2);
  });

  it('joins a queue once xuc confirms, and says so when xuc stays silent', async () => {
    const s = setup();
    const { t, socket } = await resynced(s);
    socket.serverSend(xuc('QueueList', QUEUE_LIST));
    socket.serverSend(xuc('QueueMemberList', []));
    await t.next('queues');
    socket.sent.length = 0;
    const joined = s.adapter.execute({ type: 'joinQueue', queue: '8' });
    expect(socket.frames()).toEqual([
      { claz: 'web', command: 'setAgentQueue', agentId: 22, queueId: 8, penalty: 0 },
    ]);
    socket.serverSend(xuc('QueueMember', { agentId: 22, queueId: 8, penalty: 0 }));
    await joined;
    await expect(s.adapter.execute({ type: 'joinQueue', queue: '8' })).rejects.toThrow(
      /already in the queue blue sky/,
    );
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const left = s.adapter.execute({ type: 'leaveQueue', queue: '8' });
    const failure = left.catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await failure).toMatchObject({
      code: 'timeout',
      message: expect.stringMatching(/did not confirm that you left the queue blue sky/),
    });
    await expect(s.adapter.execute({ type: 'joinQueue', queue: '99' })).rejects.toMatchObject({
      code: 'unsupported',
    });
  });

  it('uses the configured penalty', async () => {
    const s = setup({ config: { queuePenalty: 3 } });
    const { t, socket } = await resynced(s);
    socket.serverSend(xuc('QueueList', QUEUE_LIST));
    socket.serverSend(xuc('QueueMemberList', []));
    await t.next('queues');
    socket.sent.length = 0;
    void s.adapter.execute({ type: 'joinQueue', queue: '11' }).catch(() => undefined);
    expect(socket.frames()[0]).toMatchObject({ command: 'setAgentQueue', penalty: 3 });
  });
});

describe('XiVO requests', () => {
  it('resolves with the first matching answer, rejects a refusal, and fails all on close', async () => {
    let sent = 0;
    const requests = new Requests(() => systemClock, 60_000);
    const first = requests.ask({
      send: () => void (sent += 1),
      match: (m) => (m.msgType === 'LoggedOn' ? { value: 'yes' } : undefined),
      late: 'late',
    });
    const second = requests.ask({
      send: () => void (sent += 1),
      match: (m) =>
        m.msgType === 'LoggedOn' ? { error: new CtiError('rejected', 'no') } : undefined,
      late: 'late',
    });
    const third = requests.ask({ send: () => undefined, match: () => undefined, late: 'late' });
    requests.offer({ msgType: 'LoggedOn', payload: {} });
    await expect(first).resolves.toBe('yes');
    await expect(second).rejects.toMatchObject({ code: 'rejected' });
    requests.failAll(new CtiError('network', 'gone'));
    await expect(third).rejects.toMatchObject({ code: 'network' });
    expect(sent).toBe(2);
    expect(requests.pending).toBe(0);
  });

  it('rejects at once when the request cannot be sent', async () => {
    const requests = new Requests(() => systemClock, 60_000);
    const asked = requests.ask({
      send: () => {
        throw new CtiError('network', 'Not connected to XiVO');
      },
      match: () => undefined,
      late: 'late',
    });
    await expect(asked).rejects.toMatchObject({ code: 'network' });
    expect(requests.pending).toBe(0);
  });
});
