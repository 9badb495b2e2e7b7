import { describe, expect, it } from 'vitest';
import { AgentStat, Presence, VendorAction } from '../../features';
import { resynced, setup, xuc } from '../../../../tests/simulators/xivo/test-kit';
import { presenceOf } from './presence';
import { agentStatOf, labelOf } from './stats';
import { sheetPopOf } from './sheet';
import { SheetPayload } from './wire-features';

/** The page's UserConfigUpdate example. */
const PAGE_CONFIG = {
  userId: 9,
  dndEnabled: false,
  naFwdEnabled: false,
  naFwdDestination: '',
  uncFwdEnabled: false,
  uncFwdDestination: '',
  busyFwdEnabled: false,
  busyFwdDestination: '',
  firstName: 'Alice',
  lastName: 'Johnson',
  fullName: 'Alice Johnson',
  mobileNumber: '064574512',
  agentId: 22,
  lineIds: [5],
  voiceMailId: 58,
  voiceMailEnabled: true,
};

/** The page's Sheet example. */
const PAGE_SHEET = {
  timenow: 1425055334,
  compressed: true,
  serial: 'xml',
  payload: {
    profile: {
      user: {
        internal: [
          { content: 'xivo', name: 'ipbxid' },
          { content: 'link', name: 'where' },
          { content: '1425055330.23', name: 'uid' },
          { content: 'no', name: 'focus' },
          { content: '1', name: 'zip' },
        ],
        sheetQtui: null,
        sheetInfo: [
          { value: 'http://www.google.fr/', name: 'popupUrl', order: 10, type: 'url' },
          { value: '&folder=1234', name: 'folderNumber', order: 30, type: 'text' },
          { value: 'http://www.google.fr/', name: 'popupUrl1', order: 20, type: 'url' },
        ],
        systrayInfo: [],
      },
    },
  },
  channel: 'SIP/1k4yj2-00000013',
};

describe('XiVO presence', () => {
  it('reads do-not-disturb and the forwards from the page’s UserConfigUpdate', () => {
    const presence = presenceOf({ ...PAGE_CONFIG, uncFwdEnabled: true, uncFwdDestination: '0612' });
    expect(presence).toEqual({
      dnd: false,
      forwards: {
        noAnswer: { enabled: false, destination: '' },
        unconditional: { enabled: true, destination: '0612' },
        busy: { enabled: false, destination: '' },
      },
    });
    expect(Presence.safeParse(presence).success).toBe(true);
    expect(presenceOf({ userId: 9 })).toEqual({});
  });

  it('reports voicemail counts and changes do-not-disturb once xuc confirms it', async () => {
    const s = setup();
    const { t, socket } = await resynced(s);
    socket.serverSend(
      xuc('VoiceMailStatusUpdate', {
        voiceMailId: 58,
        newMessages: 2,
        waitingMessages: 1,
        oldMessages: 1,
      }),
    );
    expect((await t.next('presence', (e) => !!e.presence.voicemail)).presence).toEqual({
      voicemail: { new: 2, old: 1 },
    });
    socket.serverSend(xuc('UserConfigUpdate', PAGE_CONFIG));
    socket.sent.length = 0;
    const dnd = s.adapter.execute({ type: 'setDnd', enabled: true });
    expect(socket.frames()).toEqual([{ claz: 'web', command: 'dnd', state: true }]);
    socket.serverSend(xuc('UserConfigUpdate', { ...PAGE_CONFIG, dndEnabled: true }));
    await dnd;
    expect((await t.next('presence', (e) => e.presence.dnd === true)).presence.dnd).toBe(true);
    // Already on: nothing to send.
    socket.sent.length = 0;
    await s.adapter.execute({ type: 'setDnd', enabled: true });
    expect(socket.sent).toEqual([]);
  });

  it('forwards to a number, and turns a forward off keeping its number', async () => {
    const s = setup();
    const { socket } = await resynced(s);
    socket.serverSend(xuc('UserConfigUpdate', { ...PAGE_CONFIG, busyFwdDestination: '2000' }));
    socket.sent.length = 0;
    await expect(
      s.adapter.execute({
        type: 'setForward',
        kind: 'noAnswer',
        enabled: true,
        destination: 'home',
      }),
    ).rejects.toThrow('Enter the number to forward calls to');
    const on = s.adapter.execute({
      type: 'setForward',
      kind: 'noAnswer',
      enabled: true,
      destination: '0612',
    });
    socket.serverSend(
      xuc('UserConfigUpdate', { ...PAGE_CONFIG, naFwdEnabled: true, naFwdDestination: '0612' }),
    );
    await on;
    const off = s.adapter.execute({
      type: 'setForward',
      kind: 'noAnswer',
      enabled: false,
      destination: '',
    });
    socket.serverSend(
      xuc('UserConfigUpdate', { ...PAGE_CONFIG, naFwdEnabled: false, naFwdDestination: '0612' }),
    );
    await off;
    expect(socket.frames()).toEqual([
      { claz: 'web', command: 'naFwd', state: true, destination: '0612' },
      { claz: 'web', command: 'naFwd', state: false, destination: '0612' },
    ]);
  });

  it('offers the user statuses xuc lists as an action, and sets one', async () => {
    const s = setup();
    const { t, socket } = await resynced(s);
    socket.serverSend(
      xuc('UsersStatuses', [
        { name: 'available', color: '#08FD20', longName: 'Available', actions: [] },
        { name: 'away', color: '#FDE50A', longName: 'Away', actions: [] },
      ]),
    );
    socket.serverSend(xuc('UserStatusUpdate', { status: 'available' }));
    const { actions } = await t.next(
      'vendorActions',
      (e) => e.actions[0]?.label === 'Status: Available',
    );
    expect(VendorAction.safeParse(actions[0]).success).toBe(true);
    socket.sent.length = 0;
    const set = s.adapter.execute({
      type: 'vendorAction',
      action: 'xivo.userStatus',
      values: { status: 'away' },
    });
    expect(socket.frames()).toEqual([{ claz: 'web', command: 'userStatusUpdate', status: 'away' }]);
    socket.serverSend(xuc('UserStatusUpdate', { status: 'away' }));
    await set;
    await expect(
      s.adapter.execute({
        type: 'vendorAction',
        action: 'xivo.userStatus',
        values: { status: 'gone' },
      }),
    ).rejects.toThrow('Choose one of the statuses XiVO lists');
    await expect(
      s.adapter.execute({ type: 'vendorAction', action: 'other', values: {} }),
    ).rejects.toMatchObject({
      code: 'unsupported',
    });
  });

  it('tells the agent when a supervisor listens', async () => {
    const { t, socket } = await resynced(setup());
    socket.serverSend(xuc('AgentListen', { started: true, phoneNumber: '1058', agentId: 19 }));
    socket.serverSend(xuc('AgentListen', { started: true, phoneNumber: '1001', agentId: 22 }));
    expect((await t.next('notice')).message).toBe('A supervisor is listening to your calls');
    expect(t.events.items.filter((e) => e.type === 'notice')).toHaveLength(1);
  });
});

describe('XiVO agent figures', () => {
  it('labels the page’s figures and keeps the set across updates', async () => {
    const { t, socket } = await resynced(setup());
    const statistics = [
      { name: 'AgentPausedTotalTime', value: 0 },
      { name: 'AgentWrapupTotalTime', value: 0 },
      { name: 'AgentReadyTotalTime', value: 434 },
      { name: 'LoginDateTime', value: '2015-04-27T08:15:01.081+02:00' },
      { name: 'LogoutDateTime', value: '2015-04-27T08:14:49.427+02:00' },
    ];
    socket.serverSend(xuc('AgentStatistics', { id: 19, statistics }));
    socket.serverSend(xuc('AgentStatistics', { id: 22, statistics }));
    const first = await t.next('agentStats');
    expect(first.stats.find((x) => x.name === 'AgentReadyTotalTime')).toEqual({
      name: 'AgentReadyTotalTime',
      label: 'Time ready',
      value: 434,
      unit: 'seconds',
    });
    expect(first.stats.find((x) => x.name === 'LoginDateTime')).toMatchObject({
      label: 'Logged in at',
      value: Date.UTC(2015, 3, 27, 6, 15, 1, 81),
      unit: 'time',
    });
    socket.serverSend(
      xuc('AgentStatistics', { id: 22, statistics: [{ name: 'AgentReadyTotalTime', value: 500 }] }),
    );
    const next = await t.next('agentStats');
    expect(next.stats).toHaveLength(5);
    expect(next.stats.find((x) => x.name === 'AgentReadyTotalTime')?.value).toBe(500);
    expect(t.events.items.filter((e) => e.type === 'agentStats')).toHaveLength(2);
  });

  it('names figures the page does not list', () => {
    expect(labelOf('AgentInboundTotalCalls')).toBe('Inbound total calls');
    expect(agentStatOf('AgentInboundPercentageAnsweredCalls', 93)).toMatchObject({
      unit: 'percent',
    });
    expect(agentStatOf('AgentInboundAverageCallTime', 61)).toMatchObject({ unit: 'seconds' });
    // A figure named like a property of every object is just an unknown figure.
    expect(agentStatOf('toString', 3)).toMatchObject({ name: 'toString', unit: 'count' });
    expect(agentStatOf('Whatever', 'not a date')).toBeUndefined();
    expect(AgentStat.safeParse(agentStatOf('AgentOutboundTotalCalls', 3)).success).toBe(true);
  });
});

describe('XiVO screen-pop sheets', () => {
  it('reads the page’s example: the call and the first page by order', () => {
    expect(sheetPopOf(SheetPayload.parse(PAGE_SHEET))).toEqual({
      uid: '1425055330.23',
      url: 'http://www.google.fr/',
    });
    expect(
      sheetPopOf(SheetPayload.parse({ ...PAGE_SHEET, payload: 'eJzLSM3JyQcABiwCFQ==' })),
    ).toBeUndefined();
    const unsafe = structuredClone(PAGE_SHEET);
    unsafe.payload.profile.user.sheetInfo[0]!.value = 'javascript:alert(1)';
    unsafe.payload.profile.user.sheetInfo[2]!.value = 'https://crm.example.com/c/42';
    expect(sheetPopOf(SheetPayload.parse(unsafe))?.url).toBe('https://crm.example.com/c/42');
  });

  it('gives the call its pop URL, whether the sheet comes before or after the call', async () => {
    const { t, socket } = await resynced(setup());
    const sheet = (uid: string, url: string) => {
      const frame = structuredClone(PAGE_SHEET);
      frame.payload.profile.user.internal[2]!.content = uid;
      frame.payload.profile.user.sheetInfo[0]!.value = url;
      return xuc('Sheet', frame);
    };
    socket.serverSend(sheet('10.1', 'https://crm.example.com/a'));
    socket.serverSend(
      xuc('PhoneEvent', {
        eventType: 'EventRinging',
        DN: '1001',
        otherDN: '0142685300',
        linkedId: '10.1',
        uniqueId: '10.2',
        callDirection: 'Incoming',
      }),
    );
    expect((await t.next('callUpsert')).call.popUrl).toBe('https://crm.example.com/a');
    socket.serverSend(sheet('10.2', 'https://crm.example.com/b'));
    expect((await t.next('callUpsert')).call).toMatchObject({
      id: 'xivo:10.2',
      popUrl: 'https://crm.example.com/b',
    });
  });
});
