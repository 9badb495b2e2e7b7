/**
 * Shared fixtures for the XiVO adapter unit tests: a fake xuc played synchronously by the test.
 */
import { expect, vi } from 'vitest';
import { createTestContext, memoryCheckpoint } from '../shared/context';
import { fakeWebSocketClass, type FakeWebSocket } from '../shared/fake-websocket';
import type { CallUpdate } from '../../../utils/cti/model';
import { XivoAdapter } from '../../../utils/cti/vendors/xivo/adapter';
import type { XivoConfig } from '../../../utils/cti/vendors/xivo/commands';

export const CREDENTIALS = { username: 'alice', password: 'secret', phoneNumber: '1001' };
export const CONFIG: XivoConfig = {
  server: 'https://xuc.example.com:8090',
  dialFormat: 'e164',
  dialPrefix: '',
  defaultCountry: 'FR',
};

export type FetchHandler = (
  url: string,
  init: RequestInit | undefined,
) => Response | Promise<Response>;
export const tokenResponse = (token = 'tok-1') =>
  Response.json({ login: 'alice', token, TTL: 3600 });

export function setup(
  opts: {
    config?: Partial<XivoConfig>;
    fetch?: FetchHandler;
    credentials?: Record<string, string>;
  } = {},
) {
  const ws = fakeWebSocketClass();
  const logins: { url: string; body: unknown }[] = [];
  let tokens = 0;
  const handler: FetchHandler = opts.fetch ?? (() => tokenResponse(`tok-${++tokens}`));
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    logins.push({ url, body: JSON.parse(String(init?.body)) });
    return handler(url, init);
  });
  // The lifecycle the session gives adapters: a fresh one for every connection after the first,
  // one checkpoint for the whole sign-in, and `firstConnect` only for the first connection.
  const config = { ...CONFIG, ...opts.config };
  const checkpoint = memoryCheckpoint();
  let adapter = new XivoAdapter(config);
  let connections = 0;
  const newContext = () => {
    connections += 1;
    if (connections > 1) adapter = new XivoAdapter(config);
    return createTestContext({
      credentials: opts.credentials ?? CREDENTIALS,
      fetch: fetch as typeof globalThis.fetch,
      WebSocket: ws.WebSocket,
      firstConnect: connections === 1,
      checkpoint,
    });
  };
  return {
    /** The adapter of the latest connection. */
    get adapter() {
      return adapter;
    },
    ws,
    logins,
    newContext,
  };
}

/** The socket the adapter opens next (it opens one after the REST login resolves). */
export async function nextSocket(
  ws: ReturnType<typeof fakeWebSocketClass>,
  count: number,
): Promise<FakeWebSocket> {
  await vi.waitFor(() => expect(ws.sockets.length).toBe(count), { interval: 1 });
  return ws.last();
}

export const userConfig = (agentId: number | null = 22) => ({
  msgType: 'UserConfigUpdate',
  ctiMessage: { userId: 9, agentId, fullName: 'Alice Johnson' },
});
export const agentState = (name: string, more: Record<string, unknown> = {}) => ({
  msgType: 'AgentStateEvent',
  ctiMessage: {
    name,
    agentId: 22,
    phoneNb: '1001',
    since: 0,
    queues: [1],
    cause: 'available',
    ...more,
  },
});
export const phoneEvent = (eventType: string, more: Record<string, unknown> = {}) => ({
  msgType: 'PhoneEvent',
  ctiMessage: {
    eventType,
    DN: '1001',
    otherDN: '+33142685300',
    otherDName: 'Camille Dubois',
    linkedId: '10.1',
    uniqueId: '10.2',
    queueName: 'support',
    callDirection: 'Incoming',
    userData: {},
    ...more,
  },
});

/** Connects and plays the documented handshake (§1.4). */
export async function connected(s: ReturnType<typeof setup>, socketCount = 1) {
  const t = s.newContext();
  const done = s.adapter.connect(t.ctx);
  const socket = await nextSocket(s.ws, socketCount);
  socket.serverOpen();
  socket.serverSend({ msgType: 'LoggedOn', ctiMessage: {} });
  socket.serverSend({ msgType: 'RightProfile', ctiMessage: { profile: 'NoRight' } });
  socket.serverSend(userConfig());
  socket.serverSend(agentState('AgentLoggedOut'));
  await done;
  return { t, socket };
}

export async function ringingCall(
  s: ReturnType<typeof setup>,
  socket: FakeWebSocket,
  t: ReturnType<typeof createTestContext>,
): Promise<CallUpdate> {
  socket.serverSend(phoneEvent('EventRinging'));
  return (await t.next('callUpsert')).call;
}

/** A frame as xuc sends it. */
export const xuc = (msgType: string, ctiMessage: unknown) => ({ msgType, ctiMessage });

/**
 * Connected and resynced: the calls snapshot is in, so the adapter has asked for queues,
 * callbacks and the rest (features.ts). The frames sent so far are cleared.
 */
export async function resynced(s: ReturnType<typeof setup>) {
  const { t, socket } = await connected(s);
  await s.adapter.resync();
  socket.serverSend(xuc('CurrentCallsPhoneEvents', { events: [] }));
  await t.next('callsSnapshot');
  return { t, socket, sent: socket.frames().map((f) => f.command ?? f.claz) };
}

/** The page's QueueList example, trimmed, with XiVO's internal switchboard queue. */
export const QUEUE_LIST = [
  { id: 8, context: 'default', name: 'blue', displayName: 'blue sky', number: '3506' },
  { id: 11, context: 'default', name: 'pool', displayName: 'Ugips Pool', number: '3100' },
  { id: 4, context: 'default', name: '__switchboard', displayName: 'Switchboard', number: '3004' },
];

/** The page's Callback lists example (one list object). */
export const CALLBACK_LIST = {
  uuid: 'b0849ac0-4f4a-4ed0-9386-53ab2afd94b1',
  name: 'Liste de test',
  queueId: 8,
  callbacks: [
    {
      uuid: 'a967da84-bc41-4bf4-a4fc-2bcc54e11606',
      listUuid: 'b0849ac0-4f4a-4ed0-9386-53ab2afd94b1',
      phoneNumber: '0230210082',
      mobilePhoneNumber: '0789654123',
      firstName: 'Alice',
      lastName: "O'Neill",
      company: 'YourSociety',
      description: null,
      agentId: null,
      dueDate: '2016-08-01',
      preferredPeriod: {
        default: false,
        name: 'Afternoon',
        periodStart: '14:00:00',
        periodEnd: '17:00:00',
        uuid: 'd3270038-e20e-498a-af71-3cf69b5cc792',
      },
    },
  ],
};
