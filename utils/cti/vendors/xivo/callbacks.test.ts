import { describe, expect, it } from 'vitest';
import { CallbackItem, VendorAction } from '../../features';
import {
  CALLBACK_LIST,
  QUEUE_LIST,
  resynced,
  setup,
  xuc,
} from '../../../../tests/simulators/xivo/test-kit';

const UUID = CALLBACK_LIST.callbacks[0]!.uuid;
const PERIODS = [
  { uuid: 'p-am', name: 'Morning', periodStart: '09:00:00', periodEnd: '12:00:00', default: false },
  CALLBACK_LIST.callbacks[0]!.preferredPeriod,
];

async function withCallbacks(agentId: number | null = null) {
  const s = setup({ config: { historyTimeZone: 'Europe/Paris' } });
  const { t, socket } = await resynced(s);
  socket.serverSend(xuc('QueueList', QUEUE_LIST));
  socket.serverSend(xuc('PreferredCallbackPeriodList', PERIODS));
  const list = { ...CALLBACK_LIST, callbacks: [{ ...CALLBACK_LIST.callbacks[0], agentId }] };
  socket.serverSend(xuc('CallbackLists', list));
  const { callbacks } = await t.next('callbacks');
  socket.sent.length = 0;
  return { s, t, socket, callbacks };
}

describe('XiVO callbacks', () => {
  it('reads the page’s example: due in the afternoon of its day, in the server’s zone', async () => {
    const { callbacks } = await withCallbacks();
    expect(callbacks).toEqual([
      {
        id: UUID,
        number: '0230210082',
        name: "Alice O'Neill",
        detail: 'YourSociety',
        dueAt: Date.UTC(2016, 7, 1, 12, 0, 0),
        dueUntil: Date.UTC(2016, 7, 1, 15, 0, 0),
        owner: 'open',
        queue: 'blue sky',
      },
    ]);
    expect(CallbackItem.safeParse(callbacks[0]).success).toBe(true);
  });

  it('takes a callback once xuc confirms it, and tells when another agent was first', async () => {
    const { s, t, socket } = await withCallbacks();
    const taken = s.adapter.execute({ type: 'takeCallback', callbackId: UUID });
    expect(socket.frames()).toEqual([{ claz: 'web', command: 'takeCallback', uuid: UUID }]);
    socket.serverSend(xuc('CallbackTaken', { uuid: UUID, agentId: 22 }));
    await taken;
    expect((await t.next('callbacks')).callbacks[0]?.owner).toBe('mine');
    // The close action appears with the agent's callbacks.
    const { actions } = await t.next('vendorActions', (e) =>
      e.actions.some((a) => a.id === 'xivo.closeCallback'),
    );
    expect(actions.every((a) => VendorAction.safeParse(a).success)).toBe(true);
    socket.serverSend(xuc('CallbackReleased', { uuid: UUID }));
    const again = s.adapter.execute({ type: 'takeCallback', callbackId: UUID });
    socket.serverSend(xuc('CallbackTaken', { uuid: UUID, agentId: 19 }));
    await expect(again).rejects.toThrow('Another agent took this callback first');
    expect(
      (await t.next('callbacks', (e) => e.callbacks[0]?.owner === 'taken')).callbacks,
    ).toHaveLength(1);
  });

  it('starts an open callback by taking it, then calling its number', async () => {
    const { s, socket } = await withCallbacks();
    const started = s.adapter.execute({ type: 'startCallback', callbackId: UUID });
    socket.serverSend(xuc('CallbackTaken', { uuid: UUID, agentId: 22 }));
    await Promise.resolve();
    await new Promise((r) => setImmediate(r));
    socket.serverSend(xuc('CallbackStarted', { requestUuid: UUID, ticketUuid: 't-1' }));
    await started;
    expect(socket.frames()).toEqual([
      { claz: 'web', command: 'takeCallback', uuid: UUID },
      { claz: 'web', command: 'startCallback', uuid: UUID, number: '0230210082' },
    ]);
  });

  it('moves a callback to the period of the chosen time, in the server’s zone', async () => {
    const { s, t, socket } = await withCallbacks(22);
    // 10:30 in Paris (UTC+2 in summer) on 1 August 2030.
    const at = Date.UTC(2030, 7, 1, 8, 30);
    const moved = s.adapter.execute({ type: 'rescheduleCallback', callbackId: UUID, at });
    expect(socket.frames()).toEqual([
      {
        claz: 'web',
        command: 'updateCallbackTicket',
        uuid: UUID,
        status: 'Callback',
        comment: '',
        dueDate: '2030-08-01',
        periodUuid: 'p-am',
      },
    ]);
    const request = {
      ...CALLBACK_LIST.callbacks[0],
      agentId: 22,
      dueDate: '2030-08-01',
      preferredPeriod: PERIODS[0],
    };
    socket.serverSend(xuc('CallbackRequestUpdated', { request }));
    await moved;
    expect(
      (await t.next('callbacks', (e) => e.callbacks[0]?.dueAt === Date.UTC(2030, 7, 1, 7)))
        .callbacks[0],
    ).toMatchObject({ owner: 'mine', dueUntil: Date.UTC(2030, 7, 1, 10) });
    await expect(
      s.adapter.execute({
        type: 'rescheduleCallback',
        callbackId: UUID,
        at: Date.UTC(2030, 7, 1, 11),
      }),
    ).rejects.toThrow(
      "Choose a time in one of XiVO's callback periods: Morning (09:00–12:00), Afternoon (14:00–17:00)",
    );
    await expect(
      s.adapter.execute({ type: 'rescheduleCallback', callbackId: UUID, at: Date.UTC(2001, 0, 1) }),
    ).rejects.toThrow(/passed/);
  });

  it('closes one of the agent’s callbacks with an outcome', async () => {
    const { s, t, socket } = await withCallbacks(22);
    const closed = s.adapter.execute({
      type: 'vendorAction',
      action: 'xivo.closeCallback',
      values: { callback: UUID, status: 'NoAnswer', note: 'Voicemail twice' },
    });
    expect(socket.frames()).toEqual([
      {
        claz: 'web',
        command: 'updateCallbackTicket',
        uuid: UUID,
        status: 'NoAnswer',
        comment: 'Voicemail twice',
      },
    ]);
    socket.serverSend(xuc('CallbackClotured', { uuid: UUID }));
    await closed;
    expect((await t.next('callbacks')).callbacks).toEqual([]);
    await expect(
      s.adapter.execute({
        type: 'vendorAction',
        action: 'xivo.closeCallback',
        values: { callback: UUID, status: 'Callback' },
      }),
    ).rejects.toThrow('Choose how the callback ended');
  });

  it('refuses what the agent cannot do with a callback', async () => {
    const { s } = await withCallbacks(19);
    await expect(
      s.adapter.execute({ type: 'takeCallback', callbackId: UUID }),
    ).rejects.toMatchObject({ code: 'rejected' });
    await expect(
      s.adapter.execute({ type: 'releaseCallback', callbackId: UUID }),
    ).rejects.toMatchObject({ code: 'unsupported' });
    await expect(s.adapter.execute({ type: 'takeCallback', callbackId: 'nope' })).rejects.toThrow(
      'XiVO no longer lists this callback',
    );
    await expect(
      s.adapter.execute({ type: 'scheduleCallback', number: '1', at: Date.now() + 1e6 }),
    ).rejects.toMatchObject({ code: 'unsupported' });
  });
});
